// Local days for the planning pages: today in the deployment's zone, the Monday a week starts on, and local
// midnights as instants, so a week or a month is the one people in the committee's zone live in.
#pragma once
#include <chrono>
#include <string>

#include "core/instant.hpp"

namespace satdan::pages {

using local_day = std::chrono::year_month_day;

local_day local_today(const std::string& time_zone);
local_day local_day_of(core::instant t, const std::string& time_zone);
// 00:00 of `day` in the zone.
core::instant local_midnight(local_day day, const std::string& time_zone);
// Weeks start on Monday, as Vietnamese calendars print them.
local_day monday_of(local_day day);
local_day add_days(local_day day, int days);
local_day first_of_month(local_day day);
// The same day number `months` months on, clamped to the month's last day (31 Jan + 1 → 28 Feb).
local_day add_months(local_day day, int months);
local_day first_of_quarter(local_day day);
// The local month index the cap rule counts in: year * 12 + month − 1.
int month_index(local_day day);

}  // namespace satdan::pages
