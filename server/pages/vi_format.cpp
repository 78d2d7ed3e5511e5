#include "pages/vi_format.hpp"

#include <cstdio>

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
