#include "calendar/recurrence.hpp"

#include "calendar/libical_lock.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <mutex>

#include "core/error.hpp"

namespace satdan::calendar {
namespace {

using namespace std::chrono;


// Never iterate more than this many occurrences for one expansion, whatever the rule.
constexpr int max_iterations = 100000;

// Local clocks go back by at most a few hours (DST, offset changes), so an occurrence later in local order
// is never more than this much earlier in UTC. Used to stop iterating safely.
constexpr seconds reorder_margin = days{1};

// libical's time_t conversions are defined for years 1902..9999.
bool supported_year(local_date d) { return d.year() >= year{1902} && d.year() <= year{9999}; }

bool valid_time(local_time t) { return t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59; }

// A parsed rule that owns libical's `rscale` string (libical allocates it and never frees it). It must stay
// alive while an iterator made from the rule is used: the iterator reads RSCALE from it.
struct parsed_rule {
  icalrecurrencetype rule;
  explicit parsed_rule(const std::string& text) : rule(icalrecurrencetype_from_string(text.c_str())) {}
  ~parsed_rule() { std::free(rule.rscale); }
  parsed_rule(const parsed_rule&) = delete;
  parsed_rule& operator=(const parsed_rule&) = delete;
};

struct iterator_deleter {
  void operator()(icalrecur_iterator* it) const { icalrecur_iterator_free(it); }
};
using iterator_ptr = std::unique_ptr<icalrecur_iterator, iterator_deleter>;

icaltimetype floating(local_date d, local_time t) {
  icaltimetype tt = icaltime_null_time();
  tt.year = static_cast<int>(d.year());
  tt.month = static_cast<int>(static_cast<unsigned>(d.month()));
  tt.day = static_cast<int>(static_cast<unsigned>(d.day()));
  tt.hour = t.hour;
  tt.minute = t.minute;
  tt.second = 0;
  tt.is_date = 0;
  tt.zone = nullptr;
  return tt;
}

local_date date_of(const icaltimetype& tt) {
  return local_date{year{tt.year}, month{static_cast<unsigned>(tt.month)}, day{static_cast<unsigned>(tt.day)}};
}

// A fixed DTSTART for checking a rule on its own (rule_problem has no series); the rules refused here are
// refused whatever the first date.
icaltimetype probe_start() { return floating(local_date{year{2027}, January, day{1}}, local_time{0, 0}); }

std::string libical_error_text() { return icalerror_strerror(icalerrno); }

// What is wrong with a freshly parsed rule (icalerrno as left by the parse), or "" when nothing is.
// Caller holds libical_mutex().
std::string problem_of(const icalrecurrencetype& rule) {
  if (icalerrno != ICAL_NO_ERROR) return libical_error_text();
  if (rule.freq == ICAL_NO_RECURRENCE) return "the rule has no FREQ (DAILY, WEEKLY, MONTHLY or YEARLY)";
  if (rule.freq == ICAL_SECONDLY_RECURRENCE || rule.freq == ICAL_MINUTELY_RECURRENCE ||
      rule.freq == ICAL_HOURLY_RECURRENCE)
    return std::string("FREQ=") + icalrecur_freq_to_string(rule.freq) +
           " is not allowed: meetings do not recur more often than daily";
  // RFC 5545 §3.3.10: a numbered BYDAY ("1TU") only with MONTHLY or YEARLY. libical 3.0.16 accepts it with
  // WEEKLY and yields wrong weekdays (FREQ=WEEKLY;BYDAY=1TU gives Wednesday 2027-01-06 first).
  if (rule.freq != ICAL_MONTHLY_RECURRENCE && rule.freq != ICAL_YEARLY_RECURRENCE) {
    for (int i = 0; i < ICAL_BY_DAY_SIZE && rule.by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i)
      if (icalrecurrencetype_day_position(rule.by_day[i]) != 0)
        return "a numbered BYDAY (like 1TU) needs FREQ=MONTHLY or FREQ=YEARLY";
  }
  // Some combinations (BYMONTHDAY with WEEKLY, an unknown RSCALE, a YEARLY February 30th) are refused only
  // when an iterator is made. COUNT and UNTIL are left out of this probe: they depend on the first date.
  icalrecurrencetype open = rule;
  open.count = 0;
  open.until = icaltime_null_time();
  iterator_ptr it(icalrecur_iterator_new(open, probe_start()));
  if (!it) return icalerrno != ICAL_NO_ERROR ? libical_error_text() : "libical cannot expand the rule";
  // Others are accepted but never occur (FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30): libical then searches for
  // centuries inside each icalrecur_iterator_next (about half a second), so such a rule must not be stored.
  if (icaltime_is_null_time(icalrecur_iterator_next(it.get()))) return "the rule never produces an occurrence";
  return {};
}

[[noreturn]] void throw_bad_rule(const std::string& problem) {
  throw core::error(core::errc::invalid_input, "The recurrence rule is not valid: " + problem, {{"rrule", problem}});
}

[[noreturn]] void throw_unknown_zone(const std::string& name) {
  throw core::error(core::errc::invalid_input, "The time zone is not known: " + name,
                    {{"time_zone", "is not a known IANA time zone"}});
}

// Caller holds libical_mutex().
icaltimezone* zone_or_throw(const std::string& name) {
  icaltimezone* zone = name.empty() ? nullptr : icaltimezone_get_builtin_timezone(name.c_str());
  if (!zone) throw_unknown_zone(name);
  return zone;
}

// Caller holds libical_mutex().
core::instant utc_of(const icaltimetype& floating_local, icaltimezone* zone) {
  return core::instant{seconds{icaltime_as_timet_with_zone(floating_local, zone)}};
}

// The rule's UNTIL as a floating local time, so that libical compares it with the floating DTSTART.
// Caller holds libical_mutex().
void localize_until(icalrecurrencetype& rule, icaltimezone* zone) {
  icaltimetype& until = rule.until;
  if (icaltime_is_null_time(until)) return;
  if (icaltime_is_utc(until)) {
    // A UTC date-time: the local wall time of that instant. icaltime_from_timet_with_zone gives local fields
    // but (3.0.16) leaves the result's zone set to UTC, so the zone is cleared by hand.
    icaltimetype local = icaltime_from_timet_with_zone(icaltime_as_timet(until), 0, zone);
    local.zone = nullptr;
    local.is_date = 0;
    until = local;
  } else if (icaltime_is_date(until)) {
    // A date is the last local day with occurrences. libical compares a DATE UNTIL with a date-time DTSTART
    // as midnight, which would drop that day's occurrence: make it the day's last second.
    until.is_date = 0;
    until.hour = 23;
    until.minute = 59;
    until.second = 59;
    until.zone = nullptr;
  } else {
    until.zone = nullptr;  // a floating date-time is local already
  }
}

}  // namespace

std::string rule_problem(const std::string& rrule) {
  std::lock_guard lock(libical_mutex());
  icalerror_clear_errno();
  parsed_rule parsed(rrule);
  return problem_of(parsed.rule);
}

std::vector<core::instant> expand(const recurrence& r, core::instant from, core::instant to, std::size_t limit) {
  if (!r.first_date.ok() || !supported_year(r.first_date))
    throw core::error(core::errc::invalid_input, "The first date of the series is not valid.",
                      {{"first_date", "must be a date between 1902 and 9999"}});
  if (!valid_time(r.start))
    throw core::error(core::errc::invalid_input, "The start time of the series is not valid.",
                      {{"start", "must be a time between 00:00 and 23:59"}});

  std::lock_guard lock(libical_mutex());
  icalerror_clear_errno();
  parsed_rule parsed(r.rrule);
  if (std::string problem = problem_of(parsed.rule); !problem.empty()) throw_bad_rule(problem);
  icaltimezone* zone = zone_or_throw(r.time_zone);

  std::vector<core::instant> found;
  if (limit == 0 || from >= to) return found;

  localize_until(parsed.rule, zone);
  icalerror_clear_errno();
  iterator_ptr it(icalrecur_iterator_new(parsed.rule, floating(r.first_date, r.start)));
  if (!it) throw_bad_rule(icalerrno != ICAL_NO_ERROR ? libical_error_text() : "libical cannot expand the rule");

  // Occurrences come in local order, and COUNT counts all of them from DTSTART, so iteration always starts
  // at the first date; those before `from` are passed over.
  for (int i = 0; i < max_iterations; ++i) {
    icaltimetype next = icalrecur_iterator_next(it.get());
    if (icaltime_is_null_time(next)) break;
    local_date date = date_of(next);
    if (r.until && date > *r.until) break;
    core::instant start = utc_of(next, zone);
    // Nothing later in local order can start before `to` (or before what was kept) any more.
    if (start - reorder_margin >= to) break;
    if (found.size() >= limit && start - reorder_margin > found.back()) break;
    if (std::find(r.exdates.begin(), r.exdates.end(), date) != r.exdates.end()) continue;
    if (start < from || start >= to) continue;
    // Kept sorted as it grows (almost always an append), so that found.back() is the latest.
    found.insert(std::upper_bound(found.begin(), found.end(), start), start);
    if (found.size() > limit) found.pop_back();
  }
  return found;
}

core::instant to_utc(local_date date, local_time time, const std::string& time_zone) {
  if (!date.ok() || !supported_year(date))
    throw core::error(core::errc::invalid_input, "The date is not valid.", {{"date", "must be a date between 1902 and 9999"}});
  if (!valid_time(time))
    throw core::error(core::errc::invalid_input, "The time is not valid.", {{"time", "must be a time between 00:00 and 23:59"}});
  std::lock_guard lock(libical_mutex());
  icaltimezone* zone = zone_or_throw(time_zone);
  return utc_of(floating(date, time), zone);
}

local_date_time to_local(core::instant t, const std::string& time_zone) {
  std::lock_guard lock(libical_mutex());
  icaltimezone* zone = zone_or_throw(time_zone);
  // Local fields of the instant in `zone` (the result's zone member is not trustworthy; see localize_until).
  icaltimetype local = icaltime_from_timet_with_zone(static_cast<time_t>(t.time_since_epoch().count()), 0, zone);
  return {date_of(local), local_time{local.hour, local.minute}};
}


}  // namespace satdan::calendar
