// Recurrence rules (RFC 5545 RRULE) parsed and expanded by libical, in a named IANA time zone. A series is
// written in local time ("the 5th of each month at 19:30 in Asia/Ho_Chi_Minh"); occurrences come out as UTC
// instants. Nothing here is done by hand that libical does.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/instant.hpp"

namespace satdan::calendar {

using local_date = std::chrono::year_month_day;

struct local_time {
  int hour = 0;    // 0..23
  int minute = 0;  // 0..59
};

// A rule as a series stores it. `rrule` is the RRULE value without the "RRULE:" prefix
// ("FREQ=MONTHLY;BYDAY=1TU"). An UNTIL in the rule is read in the series' local time (a date, or a
// date-time; one with a trailing Z is converted from UTC). `until` (optional) is a last local date that
// the series itself imposes (a series ended "from this date on"), applied on top of the rule.
struct recurrence {
  std::string rrule;
  local_date first_date;           // DTSTART's date; the first occurrence is on or after it
  local_time start;                // DTSTART's local time
  std::string time_zone;           // IANA name known to libical
  std::vector<local_date> exdates; // local dates without an occurrence (EXDATE)
  std::optional<local_date> until;
};

// Empty when libical accepts the rule (and it has a FREQ); otherwise libical's complaint, to be quoted
// to the user (e.g. "MALFORMEDDATA: An input string was not correctly formed or a parameter has an
// invalid value").
std::string rule_problem(const std::string& rrule);

// Start instants (UTC) of the occurrences whose start lies in [from, to), in order, at most `limit`.
// Throws core::error(invalid_input) for a bad rule or unknown zone.
std::vector<core::instant> expand(const recurrence& r, core::instant from, core::instant to, std::size_t limit = 5000);

// The UTC instant of a local wall-clock time in `time_zone` (for times that do not exist in a DST gap,
// libical's resolution applies).
core::instant to_utc(local_date date, local_time time, const std::string& time_zone);

// The local date and time of a UTC instant in `time_zone`.
struct local_date_time {
  local_date date;
  local_time time;
};
local_date_time to_local(core::instant t, const std::string& time_zone);

}  // namespace satdan::calendar
