#include "core/instant.hpp"

#include <cstdio>

namespace satdan::core {
namespace {

// Reads exactly `n` digits at `pos`; advances pos.
bool digits(std::string_view s, std::size_t& pos, int n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += n;
  out = v;
  return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) { ++pos; return true; }
  return false;
}

// Shared parser: `date_time_sep` lists the separators allowed between date and time, and
// `short_offset` allows "+07" (PostgreSQL's output) besides "+07:00".
std::optional<instant> parse(std::string_view s, std::string_view date_time_sep, bool short_offset) {
  std::size_t pos = 0;
  int y, mo, d, h, mi, sec;
  if (!digits(s, pos, 4, y) || !expect(s, pos, '-') || !digits(s, pos, 2, mo) || !expect(s, pos, '-') ||
      !digits(s, pos, 2, d))
    return std::nullopt;
  if (pos >= s.size() || date_time_sep.find(s[pos]) == std::string_view::npos) return std::nullopt;
  ++pos;
  if (!digits(s, pos, 2, h) || !expect(s, pos, ':') || !digits(s, pos, 2, mi) || !expect(s, pos, ':') ||
      !digits(s, pos, 2, sec))
    return std::nullopt;
  if (expect(s, pos, '.')) {
    std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  int offset_minutes = 0;
  if (expect(s, pos, 'Z') || expect(s, pos, 'z')) {
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int oh, om = 0;
    if (!digits(s, pos, 2, oh)) return std::nullopt;
    if (expect(s, pos, ':')) {
      if (!digits(s, pos, 2, om)) return std::nullopt;
    } else if (!short_offset) {
      return std::nullopt;
    }
    if (oh > 23 || om > 59) return std::nullopt;
    offset_minutes = sign * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  if (h > 23 || mi > 59 || sec > 59) return std::nullopt;  // leap seconds are not scheduled here
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  auto t = std::chrono::sys_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} +
           std::chrono::seconds{sec} - std::chrono::minutes{offset_minutes};
  return std::chrono::time_point_cast<std::chrono::seconds>(t);
}

}  // namespace

std::optional<instant> parse_rfc3339(std::string_view text) { return parse(text, "Tt", false); }

std::optional<instant> parse_db_instant(std::string_view text) { return parse(text, "T ", true); }

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
