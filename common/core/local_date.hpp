// Calendar dates and wall-clock times as people write them ("2027-01-05", "19:30"), for series written in
// local time. Zones and conversions live in calendar/ (libical); these are only the text forms.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/instant.hpp"

namespace satdan::core {

// Dates the service accepts lie in the years 1970–9999, like instants (core/instant.hpp).
inline constexpr std::chrono::year_month_day min_date{std::chrono::year{1970}, std::chrono::January, std::chrono::day{1}};
inline constexpr std::chrono::year_month_day max_date{std::chrono::year{9999}, std::chrono::December, std::chrono::day{31}};

// "YYYY-MM-DD", a real calendar date, not before `earliest` (min_date, or later where a field means it:
// a grievance is not received before 2000) and not after max_date. Every date the API reads comes here.
reading<std::chrono::year_month_day> read_date(std::string_view text, std::chrono::year_month_day earliest = min_date);
// The same without the reason: nullopt for anything else, including the out of range.
std::optional<std::chrono::year_month_day> parse_date(std::string_view text);

// A date as the databases give it back: "2027-01-05" (PostgreSQL DATE, SQLite text). A row written before the
// range was enforced ("0000-01-01", PostgreSQL's "0001-12-31 BC", "27332-01-01", "infinity") comes back
// clamped to the nearer end of the range with `clamped` set; nullopt only for text that is no date at all.
struct db_date {
  std::chrono::year_month_day value;
  bool clamped = false;
};
std::optional<db_date> parse_db_date(std::string_view text);

std::string format_date(std::chrono::year_month_day d);

// Minutes after midnight, 0..1439.
std::optional<int> parse_clock(std::string_view text);
std::string format_clock(int minutes);

}  // namespace satdan::core
