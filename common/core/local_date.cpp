#include "core/local_date.hpp"

#include <cstdio>

namespace satdan::core {

namespace {
bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// Any real date written YYYY-MM-DD, years 0000 to 9999.
std::optional<std::chrono::year_month_day> parse_any_year(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 0, 4, y) || !digits(s, 5, 2, m) || !digits(s, 8, 2, d))
    return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}
}  // namespace

reading<std::chrono::year_month_day> read_date(std::string_view text, std::chrono::year_month_day earliest) {
  auto d = parse_any_year(text);
  if (!d) return {std::nullopt, "must be a date YYYY-MM-DD"};
  if (earliest < min_date) earliest = min_date;
  if (*d < earliest) return {std::nullopt, "must not be before " + format_date(earliest)};
  if (*d > max_date) return {std::nullopt, "must not be after " + format_date(max_date)};
  return {d, {}};
}

std::optional<std::chrono::year_month_day> parse_date(std::string_view s) { return read_date(s).value; }

std::optional<db_date> parse_db_date(std::string_view s) {
  if (s == "-infinity" || (s.size() > 3 && s.substr(s.size() - 3) == " BC") ||
      (s.size() > 1 && s[0] == '-' && s[1] >= '0' && s[1] <= '9'))
    return db_date{min_date, true};
  std::size_t year_digits = 0;
  while (year_digits < s.size() && s[year_digits] >= '0' && s[year_digits] <= '9') ++year_digits;
  if (s == "infinity" || (year_digits > 4 && year_digits < s.size() && s[year_digits] == '-'))
    return db_date{max_date, true};
  if (s.size() > 10 && (s[10] == 'T' || s[10] == ' ')) s = s.substr(0, 10);  // a date-time: its date
  auto d = parse_any_year(s);
  if (!d) return std::nullopt;
  if (*d < min_date) return db_date{min_date, true};
  if (*d > max_date) return db_date{max_date, true};
  return db_date{*d, false};
}

std::string format_date(std::chrono::year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

std::optional<int> parse_clock(std::string_view s) {
  int h, m;
  if (s.size() != 5 || s[2] != ':' || !digits(s, 0, 2, h) || !digits(s, 3, 2, m) || h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

std::string format_clock(int minutes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

}  // namespace satdan::core
