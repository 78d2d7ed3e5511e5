#include "services/series_rule.hpp"

#include <array>
#include <charconv>

namespace satdan::services {

namespace {

constexpr std::array<std::string_view, 7> day_codes = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};

std::optional<int> whole(std::string_view text) {
  int n = 0;
  if (text.empty()) return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return n;
}

// UNTIL as a date (20271231) or a date-time (20271231T235959[Z]): its day is what a person means.
std::optional<std::chrono::year_month_day> until_day(std::string_view text) {
  if (text.size() < 8) return std::nullopt;
  auto y = whole(text.substr(0, 4)), m = whole(text.substr(4, 2)), d = whole(text.substr(6, 2));
  if (!y || !m || !d) return std::nullopt;
  std::chrono::year_month_day day{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*m)},
                                  std::chrono::day{static_cast<unsigned>(*d)}};
  if (!day.ok() || (text.size() > 8 && text[8] != 'T')) return std::nullopt;
  return day;
}

std::string two(unsigned n) { return (n < 10 ? "0" : "") + std::to_string(n); }

}  // namespace

std::optional<monthly_rule> read_monthly_rule(std::string_view rrule) {
  if (rrule.rfind("RRULE:", 0) == 0) rrule.remove_prefix(6);
  monthly_rule r;
  bool monthly = false, has_day = false, has_weekday = false;
  while (!rrule.empty()) {
    auto semi = rrule.find(';');
    std::string_view part = rrule.substr(0, semi);
    rrule = semi == std::string_view::npos ? std::string_view{} : rrule.substr(semi + 1);
    if (part.empty()) continue;
    auto eq = part.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    std::string_view key = part.substr(0, eq), value = part.substr(eq + 1);
    if (key == "FREQ") {
      if (value != "MONTHLY") return std::nullopt;
      monthly = true;
    } else if (key == "INTERVAL") {
      auto n = whole(value);
      if (!n || *n < 1 || *n > 12) return std::nullopt;
      r.every_months = *n;
    } else if (key == "BYMONTHDAY" && !has_day) {
      auto n = whole(value);
      if (!n || !((*n >= 1 && *n <= 31) || *n == -1)) return std::nullopt;
      r.day = *n;
      has_day = true;
    } else if (key == "BYDAY" && !has_weekday && value.size() >= 3) {
      auto code = value.substr(value.size() - 2);
      auto number = value.substr(0, value.size() - 2);
      if (number.starts_with('+')) number.remove_prefix(1);
      auto n = whole(number);
      int index = -1;
      for (std::size_t i = 0; i < day_codes.size(); ++i)
        if (day_codes[i] == code) index = static_cast<int>(i);
      if (index < 0 || !n || !((*n >= 1 && *n <= 4) || *n == -1)) return std::nullopt;
      r.pattern = monthly_rule::by::weekday;
      r.weekday = index;
      r.week = *n;
      has_weekday = true;
    } else if (key == "UNTIL" && !r.until) {
      r.until = until_day(value);
      if (!r.until) return std::nullopt;
    } else if (key == "COUNT" && !r.count) {
      auto n = whole(value);
      if (!n || *n < 1) return std::nullopt;
      r.count = *n;
    } else if (key != "WKST") {
      return std::nullopt;  // BYSETPOS, BYMONTH, several days...: not a rule said in one phrase
    }
  }
  if (!monthly || has_day == has_weekday || (r.until && r.count)) return std::nullopt;
  return r;
}

std::string to_rrule(const monthly_rule& r) {
  std::string out = "FREQ=MONTHLY";
  if (r.every_months != 1) out += ";INTERVAL=" + std::to_string(r.every_months);
  if (r.pattern == monthly_rule::by::day_of_month)
    out += ";BYMONTHDAY=" + std::to_string(r.day);
  else
    out += ";BYDAY=" + std::to_string(r.week) + std::string(day_codes.at(static_cast<std::size_t>(r.weekday)));
  if (r.until)
    out += ";UNTIL=" + std::to_string(static_cast<int>(r.until->year())) + two(static_cast<unsigned>(r.until->month())) +
           two(static_cast<unsigned>(r.until->day()));
  else if (r.count)
    out += ";COUNT=" + std::to_string(*r.count);
  return out;
}

}  // namespace satdan::services
