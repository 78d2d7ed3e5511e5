#include "calendar/busy_import.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdint>
#include <ctime>
#include <memory>
#include <mutex>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "calendar/libical_lock.hpp"
#include "core/error.hpp"
#include "core/utf8.hpp"

namespace satdan::calendar {
namespace {

using std::chrono::seconds;

// A later occurrence in local order is never more than this much earlier in UTC (DST and offset changes are
// a few hours), so iteration can stop once an occurrence starts this long after the end of the period.
constexpr seconds reorder_margin = std::chrono::days{1};

[[noreturn]] void refuse(int line, const std::string& reason) {
  std::string text = "line " + std::to_string(line) + ": " + reason;
  throw core::error(core::errc::invalid_input, "The calendar file cannot be read (" + text + ").", {{"body", text}});
}

// The last moment an imported time may reach: the API accepts nothing after the year 9999 either.
constexpr core::instant last_instant{std::chrono::sys_days{std::chrono::year{10000} / 1 / 1} - seconds{1}};

// libical 3.0.16 reads each number of a DURATION (and of a PERIOD's duration) into an int and wraps
// silently ("PT9999999999999S" becomes some 45 years), so the numbers are checked in the text first.
bool numbers_fit_in_int(std::string_view value) {
  std::int64_t n = 0;
  bool in_number = false;
  for (char c : value) {
    if (c >= '0' && c <= '9') {
      n = (in_number ? n * 10 : 0) + (c - '0');
      in_number = true;
      if (n > INT_MAX) return false;
    } else {
      in_number = false;
    }
  }
  return true;
}

// ---- Pre-scan, without libical: physical lines become logical (unfolded) lines that remember where each
// of their pieces came from, so that every later complaint can name a physical line.

struct segment {
  std::size_t offset;  // where the physical line's text starts in the logical line
  int line;            // 1-based physical line
};

struct logical_line {
  std::string text;
  std::vector<segment> segments;  // never empty; the first is where the logical line starts
  int line() const { return segments.front().line; }
};

// The first physical piece of `l` that is not valid UTF-8 by itself. A writer may fold inside a multi-byte
// character (RFC 5545 §3.1 warns of it), so only a logical line that is invalid as a whole gets here.
int bad_utf8_line(const logical_line& l) {
  for (std::size_t i = 0; i < l.segments.size(); ++i) {
    std::size_t end = i + 1 < l.segments.size() ? l.segments[i + 1].offset : l.text.size();
    std::string_view piece = std::string_view(l.text).substr(l.segments[i].offset, end - l.segments[i].offset);
    if (!core::is_valid_utf8(piece)) return l.segments[i].line;
  }
  return l.line();
}

bool is_control(char c) {
  auto u = static_cast<unsigned char>(c);
  return (u < 0x20 && c != '\t') || u == 0x7f;
}

std::vector<logical_line> unfold(std::string_view ics) {
  constexpr std::string_view bom = "\xEF\xBB\xBF";
  if (ics.starts_with(bom)) ics.remove_prefix(bom.size());
  std::vector<logical_line> lines;
  int number = 0;
  while (!ics.empty()) {
    std::size_t newline = ics.find('\n');
    std::string_view physical = ics.substr(0, newline);
    ics.remove_prefix(newline == std::string_view::npos ? ics.size() : newline + 1);
    ++number;
    if (physical.ends_with('\r')) physical.remove_suffix(1);  // CRLF as the RFC says, or bare LF
    if (std::any_of(physical.begin(), physical.end(), is_control)) refuse(number, "contains a control character");
    if (physical.empty()) continue;  // blank lines (often one at the end) carry nothing
    if (physical.front() == ' ' || physical.front() == '\t') {
      if (lines.empty()) refuse(number, "a folded continuation line (starting with a space) has no line before it");
      logical_line& l = lines.back();
      l.segments.push_back({l.text.size(), number});
      l.text.append(physical.substr(1));
    } else {
      lines.push_back({std::string(physical), {{0, number}}});
    }
  }
  for (const logical_line& l : lines)
    if (!core::is_valid_utf8(l.text)) refuse(bad_utf8_line(l), "is not valid UTF-8");
  return lines;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

bool is_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

// NAME *(;param) ":" value. The ':' ending the name and parameters is the first one outside double quotes
// (a quoted parameter such as ALTREP="cid:…" may hold one).
struct content_line {
  std::string name;  // upper case
  std::string_view value;
};

content_line split(const logical_line& l) {
  const std::string& t = l.text;
  std::size_t n = 0;
  while (n < t.size() && is_name_char(t[n])) ++n;
  if (n == 0) refuse(l.line(), "expected a name (like DTSTART) at the start of the line");
  if (n < t.size() && t[n] != ';' && t[n] != ':') refuse(l.line(), "the name is followed by neither ';' nor ':'");
  bool quoted = false;
  for (std::size_t i = n; i < t.size(); ++i) {
    if (t[i] == '"') quoted = !quoted;
    else if (t[i] == ':' && !quoted) return {upper(std::string_view(t).substr(0, n)), std::string_view(t).substr(i + 1)};
  }
  refuse(l.line(), "no ':' between the name and the value");
}

// ---- The components this file reads, built by libical one content line at a time, so that a line libical
// cannot read is known by its position and not searched for afterwards.

struct component_deleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using component_ptr = std::unique_ptr<icalcomponent, component_deleter>;

struct calendar_file {
  component_ptr root;  // the VCALENDAR with its VEVENTs and VTIMEZONEs; everything else is left out
  std::unordered_map<const icalproperty*, int> line_of;
  std::unordered_map<const icalcomponent*, int> begin_line_of;
};

struct open_component {
  std::string name;
  int begin_line;
  component_ptr kept;  // null for a component that is not read (its lines are checked for form only)
};

// VTODO, VJOURNAL, VFREEBUSY, VALARM and unknown components say nothing about busy time.
bool is_read(const std::string& name, const open_component* parent) {
  if (!parent) return name == "VCALENDAR";
  if (!parent->kept) return false;
  if (parent->name == "VCALENDAR") return name == "VEVENT" || name == "VTIMEZONE";
  if (parent->name == "VTIMEZONE") return name == "STANDARD" || name == "DAYLIGHT";
  return false;
}

std::string parse_problem(icalproperty* error, const std::string& name) {
  icalparameter* type = icalproperty_get_first_parameter(error, ICAL_XLICERRORTYPE_PARAMETER);
  icalparameter_xlicerrortype kind = type ? icalparameter_get_xlicerrortype(type) : ICAL_XLICERRORTYPE_NONE;
  if (kind == ICAL_XLICERRORTYPE_VALUEPARSEERROR) return "the value of " + name + " is not valid";
  if (kind == ICAL_XLICERRORTYPE_PARAMETERNAMEPARSEERROR || kind == ICAL_XLICERRORTYPE_PARAMETERVALUEPARSEERROR)
    return "a parameter of " + name + " is not valid";
  return name + " cannot be read";
}

// libical reads the line inside a calendar of its own and reports what it cannot read as X-LIC-ERROR
// properties. A line may give several properties (EXDATE:a,b gives one EXDATE each).
// Caller holds libical_mutex().
void add_property(icalcomponent* to, const logical_line& l, const content_line& c, calendar_file& file) {
  const std::string& name = c.name;
  if ((name == "DURATION" || name == "RDATE") && !numbers_fit_in_int(c.value))
    refuse(l.line(), name + " holds a number too large to read (more than " + std::to_string(INT_MAX) + ")");
  std::string wrapped = "BEGIN:VCALENDAR\r\n" + l.text + "\r\nEND:VCALENDAR\r\n";
  component_ptr parsed(icalparser_parse_string(wrapped.c_str()));
  if (!parsed) refuse(l.line(), name + " cannot be read");
  if (icalcomponent_count_errors(parsed.get()) > 0)
    refuse(l.line(), parse_problem(icalcomponent_get_first_property(parsed.get(), ICAL_XLICERROR_PROPERTY), name));
  while (icalproperty* p = icalcomponent_get_first_property(parsed.get(), ICAL_ANY_PROPERTY)) {
    icalcomponent_remove_property(parsed.get(), p);
    icalcomponent_add_property(to, p);
    file.line_of[p] = l.line();
  }
}

// Takes libical_mutex() for each line, not for the file. (Freeing components of our own, also when a line is
// refused, touches nothing shared.)
calendar_file read_structure(const std::vector<logical_line>& lines) {
  if (lines.empty()) refuse(1, "the file is empty; it must start with BEGIN:VCALENDAR");
  calendar_file file;
  std::vector<open_component> open;
  for (const logical_line& l : lines) {
    content_line c = split(l);
    if (&l == &lines.front() && (c.name != "BEGIN" || upper(c.value) != "VCALENDAR"))
      refuse(l.line(), "the file must start with BEGIN:VCALENDAR");
    if (c.name == "BEGIN") {
      std::string name = upper(c.value);
      if (open.empty() && file.root) refuse(l.line(), "a second calendar: the file must hold one VCALENDAR");
      component_ptr kept;
      if (is_read(name, open.empty() ? nullptr : &open.back())) {
        std::lock_guard lock(libical_mutex());
        kept.reset(icalcomponent_new(icalcomponent_string_to_kind(name.c_str())));
        file.begin_line_of[kept.get()] = l.line();
      }
      open.push_back({std::move(name), l.line(), std::move(kept)});
    } else if (c.name == "END") {
      std::string name = upper(c.value);
      if (open.empty()) refuse(l.line(), "END:" + name + " without a BEGIN:" + name);
      if (open.back().name != name)
        refuse(l.line(), "END:" + name + " does not close BEGIN:" + open.back().name + " of line " +
                             std::to_string(open.back().begin_line));
      component_ptr done = std::move(open.back().kept);
      open.pop_back();
      // Added to the parent only when complete: libical registers a VTIMEZONE by the TZID it has when added.
      if (open.empty()) file.root = std::move(done);
      else if (done) {
        std::lock_guard lock(libical_mutex());
        icalcomponent_add_component(open.back().kept.get(), done.release());
      }
    } else if (open.empty()) {
      refuse(l.line(), "content after END:VCALENDAR");
    } else if (open.back().kept) {
      std::lock_guard lock(libical_mutex());  // one line at a time
      add_property(open.back().kept.get(), l, c, file);
    }
  }
  if (!open.empty())
    refuse(open.back().begin_line, "BEGIN:" + open.back().name + " has no END:" + open.back().name);
  return file;
}

// ---- Times. An event's time is wall-clock fields read in a zone: the zone of its TZID (a VTIMEZONE of the
// file, or an IANA name), UTC for a trailing Z, and the member's default zone for floating times and dates.

struct moment {
  icaltimetype local;  // zone member unset; for a date, is_date with a zero time
  icaltimezone* zone;
};

// Caller holds libical_mutex().
core::instant instant_of(const moment& m) {
  icaltimetype t = m.local;
  if (t.is_date) t.hour = t.minute = t.second = 0;  // a day starts at local midnight
  t.is_date = 0;
  t.zone = nullptr;
  return core::instant{seconds{icaltime_as_timet_with_zone(t, m.zone)}};
}

bool valid_fields(const icaltimetype& t) {
  using namespace std::chrono;
  if (t.year < 1 || t.year > 9999 || t.month < 1 || t.month > 12 || t.day < 1) return false;
  if (!year_month_day{year{t.year}, month{static_cast<unsigned>(t.month)}, day{static_cast<unsigned>(t.day)}}.ok())
    return false;
  return t.is_date || (t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59 && t.second >= 0 && t.second <= 60);
}

// Nominal days (a day is a local calendar day, 23 or 25 hours across DST) then exact seconds: RFC 5545 §3.3.6.
struct span {
  std::int64_t days = 0;
  seconds exact{0};
};

// The longest `length` can be in UTC: a nominal day lasts at most 25 hours.
seconds longest(const span& length) { return std::chrono::hours{25} * length.days + length.exact; }

// The end of an occurrence, no later than last_instant (so a long event of a late occurrence cannot make
// libical count past the year 9999). Caller holds libical_mutex().
core::instant end_of(const moment& start, const span& length) {
  using namespace std::chrono;
  moment end = start;
  if (length.days != 0) {
    sys_days first{year{start.local.year} / start.local.month / start.local.day};
    if (first + days{length.days} > sys_days{year{9999} / December / 31}) return last_instant;
    icaltime_adjust(&end.local, static_cast<int>(length.days), 0, 0, 0);
  }
  core::instant start_of_end = instant_of(end);
  return length.exact >= last_instant - start_of_end ? last_instant : start_of_end + length.exact;
}

// RFC 5545 §3.3.6 from libical's fields, in 64 bits (each field fits: see numbers_fit_in_int).
span span_of(const icaldurationtype& d) {
  return {std::int64_t{d.weeks} * 7 + d.days,
          seconds{std::int64_t{d.hours} * 3600 + std::int64_t{d.minutes} * 60 + std::int64_t{d.seconds}}};
}

// The wall-clock time of `t` in the zone of `like`, floating, and a date when `like` is one.
// Caller holds libical_mutex().
icaltimetype wall_clock(core::instant t, const moment& like) {
  icaltimetype local = icaltime_from_timet_with_zone(static_cast<time_t>(t.time_since_epoch().count()), 0, like.zone);
  local.zone = nullptr;  // icaltime_from_timet_with_zone may leave it set (3.0.16)
  if (like.local.is_date) {
    local.is_date = 1;
    local.hour = local.minute = local.second = 0;
  }
  return local;
}

// CPU time of the calling thread: the work an upload makes the server do, the same on a busy machine as on
// an idle one (wall time would refuse a file only because the machine was loaded).
std::chrono::nanoseconds thread_cpu_time() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return std::chrono::seconds{t.tv_sec} + std::chrono::nanoseconds{t.tv_nsec};
}

// What the recurrence rules of one upload have spent, against import_limits.
class budget {
 public:
  explicit budget(const import_limits& limits) : limits_(limits) {}

  // One call into libical's recurrence iterator for the RRULE on `line`. The file is refused once the
  // steps or the time are spent; a call is timed, not interrupted (libical offers no way).
  template <class Call>
  auto step(int line, Call&& call) {
    if (++steps_ > limits_.steps)
      refuse(line, "RRULE goes over the limit of " + std::to_string(limits_.steps) + " recurrence steps for one file");
    std::chrono::nanoseconds started = thread_cpu_time();
    auto result = call();
    spent_ += thread_cpu_time() - started;
    if (spent_ > limits_.expansion_time)
      refuse(line, "RRULE goes over the limit of " + std::to_string(limits_.expansion_time.count()) +
                       " ms of recurrence expansion for one file");
    return result;
  }

 private:
  import_limits limits_;
  std::size_t steps_ = 0;
  std::chrono::nanoseconds spent_{0};
};

struct iterator_deleter {
  void operator()(icalrecur_iterator* it) const { icalrecur_iterator_free(it); }
};
using iterator_ptr = std::unique_ptr<icalrecur_iterator, iterator_deleter>;

// How many occurrences are converted to UTC under one hold of libical's lock (well under a millisecond).
constexpr std::size_t conversions_per_lock = 128;

std::vector<icalproperty*> all_of(icalcomponent* c, icalproperty_kind kind) {
  std::vector<icalproperty*> found;
  for (icalproperty* p = icalcomponent_get_first_property(c, kind); p; p = icalcomponent_get_next_property(c, kind))
    found.push_back(p);
  return found;
}

struct occurrence {
  core::instant start;
  core::instant end;
};

struct event {
  icalcomponent* component;
  std::string uid;
  std::string summary;
  moment start;
  span length;
  bool busy;
  bool is_override;  // has a RECURRENCE-ID: one occurrence standing in for one of its series
};

// Reads the events of one calendar file; every complaint names the line of the property at fault.
// Members other than expand() are called with libical_mutex() held; expand() takes it itself, step by step.
class reader {
 public:
  reader(calendar_file file, icaltimezone* default_zone) : file_(std::move(file)), default_zone_(default_zone) {}

  icalcomponent* root() const { return file_.root.get(); }

  int line(const icalproperty* p) const { return file_.line_of.at(p); }
  int line(const icalcomponent* c) const { return file_.begin_line_of.at(c); }

  std::string name(const icalproperty* p) const { return icalproperty_kind_to_string(icalproperty_isa(const_cast<icalproperty*>(p))); }

  moment moment_of(icalproperty* p, icaltimetype t) const {
    if (!valid_fields(t)) refuse(line(p), name(p) + " is not a valid date or time");
    icaltimezone* zone = default_zone_;
    if (!t.is_date && icaltime_is_utc(t)) {
      zone = icaltimezone_get_utc_timezone();
    } else if (icalparameter* tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER); tzid && !t.is_date) {
      zone = zone_named(p, icalparameter_get_tzid(tzid));
    }
    t.zone = nullptr;
    return {t, zone};
  }

  event read(icalcomponent* c) const {
    event e{c, text(icalcomponent_get_uid(c)), text(icalcomponent_get_summary(c)), {}, {}, true, false};
    icalproperty* dtstart = icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY);
    if (!dtstart) refuse(line(c), "the event has no DTSTART");
    e.start = moment_of(dtstart, icalproperty_get_dtstart(dtstart));
    e.length = length_of(c, e.start);
    if (icalproperty* p = icalcomponent_get_first_property(c, ICAL_TRANSP_PROPERTY)) {
      icalproperty_transp t = icalproperty_get_transp(p);
      if (t == ICAL_TRANSP_TRANSPARENT || t == ICAL_TRANSP_TRANSPARENTNOCONFLICT) e.busy = false;
    }
    if (icalproperty* p = icalcomponent_get_first_property(c, ICAL_STATUS_PROPERTY))
      if (icalproperty_get_status(p) == ICAL_STATUS_CANCELLED) e.busy = false;
    e.is_override = icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY) != nullptr;
    std::vector<icalproperty*> rules = all_of(c, ICAL_RRULE_PROPERTY);
    // RFC 5545 says an event SHOULD NOT have several; no calendar program writes them, and each is a full
    // expansion of its own.
    if (rules.size() > 1) refuse(line(rules[1]), "an event may have only one RRULE");
    if (!rules.empty()) check_rule(rules.front());
    return e;
  }

  // The original start an override replaces.
  core::instant overridden_start(icalcomponent* c) const {
    icalproperty* p = icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY);
    return instant_of(moment_of(p, icalproperty_get_recurrenceid(p)));
  }

  // Occurrences of a series (DTSTART, RRULE and RDATE, less EXDATE and `replaced`) that may overlap
  // [from, to). Takes libical_mutex() for each step.
  std::vector<occurrence> expand(const event& e, const std::set<core::instant>& replaced, core::instant from,
                                 core::instant to, budget& spent) const {
    std::vector<occurrence> found;
    std::set<core::instant> excluded = replaced;
    icalproperty* rule = nullptr;
    {
      std::lock_guard lock(libical_mutex());
      found.push_back({instant_of(e.start), end_of(e.start, e.length)});  // DTSTART is always one (RFC 5545)
      for (icalproperty* p : all_of(e.component, ICAL_RDATE_PROPERTY)) found.push_back(rdate(p, e));
      for (icalproperty* p : all_of(e.component, ICAL_EXDATE_PROPERTY))
        excluded.insert(instant_of(moment_of(p, icalproperty_get_exdate(p))));
      rule = icalcomponent_get_first_property(e.component, ICAL_RRULE_PROPERTY);
    }
    if (rule) expand_rule(rule, e, from, to, spent, found);
    std::erase_if(found, [&](const occurrence& o) { return excluded.contains(o.start); });
    // An RDATE may repeat an RRULE occurrence: one instance (RFC 5545 §3.8.5.2).
    std::sort(found.begin(), found.end(), [](const occurrence& a, const occurrence& b) { return a.start < b.start; });
    found.erase(std::unique(found.begin(), found.end(), [](const occurrence& a, const occurrence& b) { return a.start == b.start; }),
                found.end());
    return found;
  }

 private:
  static std::string text(const char* s) { return s ? s : ""; }

  icaltimezone* zone_named(icalproperty* p, const char* tzid) const {
    if (!tzid || !*tzid) refuse(line(p), "TZID of " + name(p) + " is empty");
    if (icaltimezone* z = icalcomponent_get_timezone(root(), tzid)) return z;  // a VTIMEZONE of the file
    if (icaltimezone* z = icaltimezone_get_builtin_timezone(tzid)) return z;  // an IANA name
    if (icaltimezone* z = icaltimezone_get_builtin_timezone_from_tzid(tzid)) return z;  // libical's own TZIDs
    refuse(line(p), "the time zone \"" + std::string(tzid) +
                        "\" is neither a VTIMEZONE of the file nor a time zone name libical knows");
  }

  span length_of(icalcomponent* c, const moment& start) const {
    icalproperty* dtend = icalcomponent_get_first_property(c, ICAL_DTEND_PROPERTY);
    icalproperty* duration = icalcomponent_get_first_property(c, ICAL_DURATION_PROPERTY);
    if (dtend && duration) refuse(line(duration), "an event cannot have both DTEND and DURATION");
    if (dtend) {
      moment end = moment_of(dtend, icalproperty_get_dtend(dtend));
      if (end.local.is_date != start.local.is_date)
        refuse(line(dtend), start.local.is_date ? "DTEND must be a date, like DTSTART" : "DTEND must be a date-time, like DTSTART");
      if (start.local.is_date) {
        std::int64_t days = days_between(start.local, end.local);
        if (days < 0) refuse(line(dtend), "the event ends before it starts");
        return {days, seconds{0}};
      }
      seconds exact = instant_of(end) - instant_of(start);
      if (exact < seconds{0}) refuse(line(dtend), "the event ends before it starts");
      return {0, exact};
    }
    if (duration) {
      icaldurationtype d = icalproperty_get_duration(duration);
      if (d.is_neg) refuse(line(duration), "DURATION is negative");
      span length = span_of(d);
      if (end_of(start, length) >= last_instant)
        refuse(line(duration), "DURATION is too long: the event would end after the year 9999");
      return length;
    }
    // Without DTEND and DURATION a date lasts one day and a date-time no time at all (RFC 5545 §3.6.1).
    return start.local.is_date ? span{1, seconds{0}} : span{};
  }

  static int days_between(const icaltimetype& a, const icaltimetype& b) {
    using namespace std::chrono;
    auto day_of = [](const icaltimetype& t) {
      return sys_days{year_month_day{year{t.year}, month{static_cast<unsigned>(t.month)}, day{static_cast<unsigned>(t.day)}}};
    };
    return static_cast<int>((day_of(b) - day_of(a)).count());
  }

  // UNTIL is compared by libical with the wall-clock DTSTART, so it is made a wall-clock value of the same
  // kind: a UTC UNTIL becomes the local time of that instant; a date UNTIL with a date-time DTSTART keeps
  // that whole day (libical would compare it as midnight and drop the day's occurrence).
  static void localize_until(icalrecurrencetype& rule, const moment& start) {
    icaltimetype& until = rule.until;
    if (icaltime_is_null_time(until)) return;
    if (!until.is_date && icaltime_is_utc(until)) until = icaltime_from_timet_with_zone(icaltime_as_timet(until), 0, start.zone);
    until.zone = nullptr;  // icaltime_from_timet_with_zone leaves it set to UTC (3.0.16)
    if (start.local.is_date) {
      until.is_date = 1;
      until.hour = until.minute = until.second = 0;
    } else if (until.is_date) {
      until.is_date = 0;
      until.hour = 23;
      until.minute = 59;
      until.second = 59;
    }
  }

  // RFC 5545 §3.3.10: a numbered BYDAY (1MO) only with MONTHLY or YEARLY; libical 3.0.16 accepts it with
  // WEEKLY and gives wrong weekdays.
  void check_rule(icalproperty* p) const {
    icalrecurrencetype rule = icalproperty_get_rrule(p);
    if (rule.freq != ICAL_MONTHLY_RECURRENCE && rule.freq != ICAL_YEARLY_RECURRENCE)
      for (int i = 0; i < ICAL_BY_DAY_SIZE && rule.by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i)
        if (icalrecurrencetype_day_position(rule.by_day[i]) != 0)
          refuse(line(p), "a numbered BYDAY (like 1MO) needs FREQ=MONTHLY or FREQ=YEARLY");
  }

  // The RRULE's occurrences that may overlap [from, to), added to `found`.
  // The iterator runs on wall-clock times without a zone, and for those libical 3.0.16's icalrecur.c reads
  // and writes nothing but the iterator (icalerrno and its scratch buffers are per thread; no zone is
  // consulted), so it runs without libical_mutex(): a rule that makes libical search for long holds up no
  // other request. The lock is taken to read the rule and to convert each run of occurrences to UTC.
  void expand_rule(icalproperty* p, const event& e, core::instant from, core::instant to, budget& spent,
                   std::vector<occurrence>& found) const {
    const int at = line(p);
    icalrecurrencetype rule;
    icaltimetype begin;  // wall-clock times of the first start that can overlap `from` ...
    icaltimetype end;    // ... and of the last that can start before `to`, with room for DST
    bool skip_ahead = false;
    {
      std::lock_guard lock(libical_mutex());
      rule = icalproperty_get_rrule(p);  // a copy; its RSCALE string stays owned by the property
      localize_until(rule, e.start);
      core::instant earliest = from - longest(e.length) - reorder_margin;
      skip_ahead = earliest > instant_of(e.start);
      begin = skip_ahead ? wall_clock(earliest, e.start) : e.start.local;
      end = wall_clock(to + reorder_margin, e.start);
    }
    // COUNT counts from DTSTART, so only a rule without one may start near the window (a daily rule from
    // 1902 then takes a year's steps, not a century's). Nothing after `end` is wanted, and an UNTIL there
    // also ends libical's search in a daily or weekly rule whose parts rarely meet.
    if (rule.count != 0) skip_ahead = false;
    else if (icaltime_is_null_time(rule.until) || icaltime_compare(rule.until, end) > 0) rule.until = end;

    iterator_ptr it(spent.step(at, [&] {
      icalerror_clear_errno();
      return icalrecur_iterator_new(rule, e.start.local);
    }));
    if (!it) refuse(at, "RRULE cannot be expanded (" + std::string(icalerror_strerror(icalerrno)) + ")");
    // set_start fails only when the rule has no occurrence before libical's last year.
    if (skip_ahead && !spent.step(at, [&] { return icalrecur_iterator_set_start(it.get(), begin); })) return;

    std::vector<icaltimetype> pending;
    for (;;) {
      icaltimetype next = spent.step(at, [&] { return icalrecur_iterator_next(it.get()); });
      bool done = icaltime_is_null_time(next) || icaltime_compare(next, end) > 0;
      if (!done && icaltime_compare(next, begin) >= 0) pending.push_back(next);  // earlier ones: a COUNT's walk
      if (done || pending.size() == conversions_per_lock) {
        std::lock_guard lock(libical_mutex());
        for (const icaltimetype& local : pending) {
          moment m{local, e.start.zone};
          m.local.zone = nullptr;
          found.push_back({instant_of(m), end_of(m, e.length)});
        }
        pending.clear();
      }
      if (done) return;
    }
  }

  occurrence rdate(icalproperty* p, const event& e) const {
    icaldatetimeperiodtype d = icalproperty_get_rdate(p);
    if (icalperiodtype_is_null_period(d.period)) {
      moment m = moment_of(p, d.time);
      return {instant_of(m), end_of(m, e.length)};
    }
    // A PERIOD carries its own end or duration.
    moment m = moment_of(p, d.period.start);
    core::instant start = instant_of(m);
    core::instant end = start;
    if (!icaltime_is_null_time(d.period.end)) {
      end = instant_of(moment_of(p, d.period.end));
    } else {
      if (d.period.duration.is_neg) refuse(line(p), "the RDATE period ends before it starts");
      span given = span_of(d.period.duration);
      seconds length = std::chrono::days{given.days} + given.exact;  // exact, as libical reads a PERIOD
      if (length >= last_instant - start) refuse(line(p), "the RDATE period would end after the year 9999");
      end = start + length;
    }
    if (end < start) refuse(line(p), "the RDATE period ends before it starts");
    return {start, end};
  }

  calendar_file file_;
  icaltimezone* default_zone_;
};

[[noreturn]] void refuse_too_many(std::size_t limit, core::instant from, core::instant to) {
  std::string text = "more than " + std::to_string(limit) + " busy periods between " + core::format_utc(from) +
                     " and " + core::format_utc(to);
  throw core::error(core::errc::invalid_input, "The calendar file has " + text + ".", {{"body", text}});
}

}  // namespace

std::vector<busy_period> busy_periods(std::string_view ics, core::instant from, core::instant to,
                                      const std::string& default_zone, const import_limits& limits) {
  std::vector<logical_line> lines = unfold(ics);  // no libical yet: no lock

  icaltimezone* zone = nullptr;
  {
    std::lock_guard lock(libical_mutex());
    zone = default_zone.empty() ? nullptr : icaltimezone_get_builtin_timezone(default_zone.c_str());
  }
  if (!zone)
    throw core::error(core::errc::invalid_input, "The time zone is not known: " + default_zone,
                      {{"default_zone", "is not a known IANA time zone"}});
  // Freed without the lock: a tree of our own, and freeing it touches nothing shared.
  reader r(read_structure(lines), zone);

  // Every event is read (and so checked) before any is expanded; overrides are needed by their series.
  // The lock is taken for one event at a time.
  std::vector<icalcomponent*> components;
  {
    std::lock_guard lock(libical_mutex());
    for (icalcomponent* c = icalcomponent_get_first_component(r.root(), ICAL_VEVENT_COMPONENT); c;
         c = icalcomponent_get_next_component(r.root(), ICAL_VEVENT_COMPONENT))
      components.push_back(c);
  }
  std::vector<event> events;
  std::set<std::pair<std::string, core::instant>> overridden;  // (UID, original start)
  for (icalcomponent* c : components) {
    std::lock_guard lock(libical_mutex());
    events.push_back(r.read(c));
    if (const event& e = events.back(); e.is_override && !e.uid.empty())
      overridden.insert({e.uid, r.overridden_start(e.component)});
  }

  // Imported periods are clipped to [from, to): nothing outside the planning window is stored.
  std::vector<busy_period> periods;
  auto keep = [&](const event& e, const occurrence& o) {
    core::instant start = std::max(o.start, from), end = std::min(o.end, to);
    if (end <= start) return;  // zero length, or outside [from, to)
    if (periods.size() == limits.periods) refuse_too_many(limits.periods, from, to);
    periods.push_back({start, end, e.summary, e.uid});
  };
  budget spent(limits);
  for (const event& e : events) {
    if (!e.busy || from >= to) continue;
    if (e.is_override) {
      occurrence moved;
      {
        std::lock_guard lock(libical_mutex());
        moved = {instant_of(e.start), end_of(e.start, e.length)};
      }
      keep(e, moved);  // one occurrence, as moved; no recurrence
      continue;
    }
    std::set<core::instant> replaced;
    for (auto it = overridden.lower_bound({e.uid, core::instant::min()}); it != overridden.end() && it->first == e.uid; ++it)
      replaced.insert(it->second);
    for (const occurrence& o : r.expand(e, replaced, from, to, spent)) keep(e, o);
  }
  std::sort(periods.begin(), periods.end(), [](const busy_period& a, const busy_period& b) {
    return std::tie(a.start, a.end, a.uid, a.summary) < std::tie(b.start, b.end, b.uid, b.summary);
  });
  return periods;
}

}  // namespace satdan::calendar
