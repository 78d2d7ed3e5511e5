// Busy times from a member's own calendar file: the events of an uploaded iCalendar object (RFC 5545), with
// their recurrences expanded by libical, become the periods in which the member is not available. Pure
// parsing: nothing here stores or serves anything. Accepted input and rules: docs/calendar-import.md.
#pragma once
#include <chrono>
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

// What one upload may cost. An upload is refused (never truncated) when it needs more.
struct import_limits {
  std::size_t periods = 5000;  // busy periods in [from, to), all events together
  // Calls into libical's recurrence iterator, all rules together. Expansion starts near `from`, so a daily
  // rule over a year's horizon needs about 370 whatever its DTSTART; only a COUNT walks from DTSTART.
  std::size_t steps = 20000;
  // CPU time spent in the recurrence iterator, all rules together. libical searches up to the year 20000
  // for a rule that never occurs (FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30), in one call that cannot be
  // interrupted; this bounds how many such calls one upload can make.
  std::chrono::milliseconds expansion_time{2000};
};

// Busy periods of an uploaded iCalendar object that overlap [from, to), clipped to [from, to), in start
// order. All-day events and floating times are read in `default_zone` (an IANA name known to libical).
// libical's lock is taken for one line, one event or a short run of occurrences at a time, never for the
// whole file, and not while the recurrence iterator runs (it touches no shared state): other requests that
// need libical wait at most for one such step.
// Throws core::error(errc::invalid_input, ...) with one field error {"body", "line N: <reason>"} for a
// malformed file or one that goes over a limit while expanding a rule (N = 1-based physical line of the
// input where the problem is), and {"body", <reason>} without a line when the file has more than
// `limits.periods` periods in [from, to).
std::vector<busy_period> busy_periods(std::string_view ics, core::instant from, core::instant to,
                                      const std::string& default_zone, const import_limits& limits = {});

}  // namespace satdan::calendar
