// Busy times from a member's own calendar file: the events of an uploaded iCalendar object (RFC 5545), with
// their recurrences expanded by libical, become the periods in which the member is not available. Pure
// parsing: nothing here stores or serves anything. Accepted input and rules: docs/calendar-import.md.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/instant.hpp"

namespace satdan::calendar {

struct busy_period {
  core::instant start;   // UTC, half-open [start, end)
  core::instant end;
  std::string summary;   // the event's SUMMARY (may be empty); UTF-8 as given
  std::string uid;       // the event's UID (may be empty)
};

// Busy periods of an uploaded iCalendar object whose time overlaps [from, to), in start order, at most
// `limit` (more is an error: the file is refused, not truncated). All-day events and floating times are read
// in `default_zone` (an IANA name known to libical).
// Throws core::error(errc::invalid_input, ...) with one field error {"body", "line N: <reason>"} for a
// malformed file (N = 1-based physical line of the input where the problem is), and {"body", <reason>}
// without a line when the file has more than `limit` periods in [from, to).
std::vector<busy_period> busy_periods(std::string_view ics, core::instant from, core::instant to,
                                      const std::string& default_zone, std::size_t limit = 2000);

}  // namespace satdan::calendar
