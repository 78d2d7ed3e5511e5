#include "core/instant.hpp"

#include <cstdio>

namespace satdan::core {
namespace {

// Reads text left to right; every read either consumes what it asked for or fails, leaving the caller to
// give up on the whole text.
struct cursor {
  std::string_view s;
  std::size_t pos = 0;

  // Exactly `n` digits.
  std::optional<int> digits(int n) {
    if (pos + static_cast<std::size_t>(n) > s.size()) return std::nullopt;
    int v = 0;
    for (int i = 0; i < n; ++i) {
      char c = s[pos + static_cast<std::size_t>(i)];
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + (c - '0');
    }
    pos += static_cast<std::size_t>(n);
    return v;
  }
  bool expect(char c) {
    if (pos < s.size() && s[pos] == c) { ++pos; return true; }
    return false;
  }
  bool expect_one_of(std::string_view chars) {
    if (pos < s.size() && chars.find(s[pos]) != std::string_view::npos) { ++pos; return true; }
    return false;
  }
  bool done() const { return pos == s.size(); }
};

// Minutes east of UTC from "Z", "+07:00" (or "+07" when `short_offset`, PostgreSQL's form).
std::optional<int> offset_minutes(cursor& c, bool short_offset) {
  if (c.expect('Z') || c.expect('z')) return 0;
  int sign = 1;
  if (c.expect('-')) sign = -1;
  else if (!c.expect('+')) return std::nullopt;
  auto oh = c.digits(2);
  if (!oh || *oh > 23) return std::nullopt;
  int om = 0;
  if (c.expect(':')) {
    auto m = c.digits(2);
    if (!m || *m > 59) return std::nullopt;
    om = *m;
  } else if (!short_offset) {
    return std::nullopt;
  }
  return sign * (*oh * 60 + om);
}

// The instant a text names, whatever its year: `date_time_sep` lists the separators allowed between date
// and time, and `short_offset` allows "+07" besides "+07:00".
std::optional<instant> parse_any_year(std::string_view s, std::string_view date_time_sep, bool short_offset) {
  cursor c{s};
  auto y = c.digits(4);
  if (!y || !c.expect('-')) return std::nullopt;
  auto mo = c.digits(2);
  if (!mo || !c.expect('-')) return std::nullopt;
  auto d = c.digits(2);
  if (!d || !c.expect_one_of(date_time_sep)) return std::nullopt;
  auto h = c.digits(2);
  if (!h || !c.expect(':')) return std::nullopt;
  auto mi = c.digits(2);
  if (!mi || !c.expect(':')) return std::nullopt;
  auto sec = c.digits(2);
  if (!sec) return std::nullopt;
  if (c.expect('.')) {  // a fraction of a second: read and dropped
    if (!c.digits(1)) return std::nullopt;
    while (c.digits(1)) {
    }
  }
  auto offset = offset_minutes(c, short_offset);
  if (!offset || !c.done()) return std::nullopt;
  if (*h > 23 || *mi > 59 || *sec > 59) return std::nullopt;  // leap seconds are not scheduled here
  std::chrono::year_month_day ymd{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*mo)},
                                  std::chrono::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return instant{std::chrono::sys_days{ymd}} + std::chrono::hours{*h} + std::chrono::minutes{*mi} +
         std::chrono::seconds{*sec} - std::chrono::minutes{*offset};
}

// Forms only a database gives for instants beyond the four-digit years: -1 before, +1 after, 0 for others.
int beyond_four_digit_years(std::string_view s) {
  if (s == "infinity") return 1;
  if (s == "-infinity") return -1;
  if (s.size() > 1 && s[0] == '-' && s[1] >= '0' && s[1] <= '9') return -1;  // what format_utc made of year < 0
  if (s.size() > 3 && s.substr(s.size() - 3) == " BC") return -1;         // PostgreSQL's years before 1
  std::size_t n = 0;
  while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
  if (n > 4 && n < s.size() && s[n] == '-') return 1;
  return 0;
}

}  // namespace

reading<instant> read_rfc3339(std::string_view text) {
  auto t = parse_any_year(text, "Tt", false);
  if (!t) return {std::nullopt, "must be an RFC 3339 date-time with an offset, e.g. 2027-02-01T07:30:00+07:00"};
  if (*t < min_instant) return {std::nullopt, "must not be before " + format_utc(min_instant)};
  if (*t > max_instant) return {std::nullopt, "must not be after " + format_utc(max_instant)};
  return {t, {}};
}

std::optional<instant> parse_rfc3339(std::string_view text) { return read_rfc3339(text).value; }

std::optional<db_instant> parse_db_instant(std::string_view text) {
  if (int side = beyond_four_digit_years(text)) return db_instant{side < 0 ? min_instant : max_instant, true};
  auto t = parse_any_year(text, "T ", true);
  if (!t) return std::nullopt;
  if (*t < min_instant) return db_instant{min_instant, true};
  if (*t > max_instant) return db_instant{max_instant, true};
  return db_instant{*t, false};
}

std::string format_utc(instant t) {
  auto days = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day ymd{days};
  std::chrono::hh_mm_ss hms{t - days};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

}  // namespace satdan::core
