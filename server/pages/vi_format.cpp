#include "pages/vi_format.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace satdan::pages {

std::string format_vi_date(std::chrono::year_month_day date, const catalogue& words) {
  std::chrono::weekday wd{std::chrono::sys_days(date)};
  char digits[16];
  std::snprintf(digits, sizeof digits, "%02u/%02u/%04d", static_cast<unsigned>(date.day()),
                static_cast<unsigned>(date.month()), static_cast<int>(date.year()));
  return words.item("weekdays", wd.c_encoding()) + ", " + digits;
}

std::string format_vi_time(int hour, int minute) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", hour, minute);
  return text;
}

}  // namespace satdan::pages

namespace satdan::pages {

std::string format_vi_number(long long n) {
  std::string digits = std::to_string(n < 0 ? -(n + 1) + 1ULL : static_cast<unsigned long long>(n));
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string format_vi_decimal(double x, int decimals) {
  long long scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  long long scaled = std::llround(x * static_cast<double>(scale));
  std::string out = format_vi_number(scaled / scale);
  if (scaled < 0 && scaled / scale == 0) out = "-" + out;
  if (decimals > 0) {
    std::string frac = std::to_string(std::llabs(scaled % scale));
    out += "," + std::string(static_cast<std::size_t>(decimals) - frac.size(), '0') + frac;
  }
  return out;
}

}  // namespace satdan::pages
