// Calendar dates and wall-clock times as people write them ("2027-01-05", "19:30"), for series written in
// local time. Zones and conversions live in calendar/ (libical); these are only the text forms.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace satdan::core {

std::optional<std::chrono::year_month_day> parse_date(std::string_view text);
std::string format_date(std::chrono::year_month_day d);

// Minutes after midnight, 0..1439.
std::optional<int> parse_clock(std::string_view text);
std::string format_clock(int minutes);

}  // namespace satdan::core
