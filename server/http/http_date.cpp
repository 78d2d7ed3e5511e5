#include "http/http_date.hpp"

#include <array>
#include <charconv>
#include <cstdio>

namespace satdan::http {
namespace {

using namespace std::chrono;

constexpr std::array<const char*, 7> weekday_names = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> month_names = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::optional<int> number(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

std::string format_http_date(core::instant t) {
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss time{t - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02ld:%02ld:%02ld GMT", weekday_names[weekday{day}.c_encoding()],
                static_cast<unsigned>(ymd.day()), month_names[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<long>(time.hours().count()),
                static_cast<long>(time.minutes().count()), static_cast<long>(time.seconds().count()));
  return buf;
}

std::optional<core::instant> parse_http_date(std::string_view s) {
  // "Sun, 06 Nov 1994 08:49:37 GMT": fixed width, 29 characters.
  if (s.size() != 29 || s.substr(3, 2) != ", " || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' || s[19] != ':' ||
      s[22] != ':' || s.substr(25) != " GMT")
    return std::nullopt;
  auto d = number(s.substr(5, 2)), y = number(s.substr(12, 4)), hh = number(s.substr(17, 2)),
       mm = number(s.substr(20, 2)), ss = number(s.substr(23, 2));
  std::optional<unsigned> mon;
  for (unsigned i = 0; i < month_names.size(); ++i)
    if (s.substr(8, 3) == month_names[i]) mon = i + 1;
  if (!d || !y || !hh || !mm || !ss || !mon || *hh > 23 || *mm > 59 || *ss > 60) return std::nullopt;
  year_month_day ymd{year{*y}, month{*mon}, std::chrono::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd} + hours{*hh} + minutes{*mm} + seconds{*ss};
}

}  // namespace satdan::http
