#include <libical/ical.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "calendar/feed.hpp"
#include "calendar/ics_fold.hpp"
#include "calendar/libical_lock.hpp"
#include "core/error.hpp"

namespace satdan::calendar {
namespace {

using namespace std::chrono;

constexpr const char* product_id = "-//Sat Dan//satdan//VI";

struct component_deleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using component_ptr = std::unique_ptr<icalcomponent, component_deleter>;

// Spaces and tabs around a value carry nothing, and parsers (libical's among them) drop leading ones.
std::string trimmed(std::string s) {
  auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!s.empty() && blank(s.back())) s.pop_back();
  std::size_t first = 0;
  while (first < s.size() && blank(s[first])) ++first;
  return s.substr(first);
}

// Text as it may reach a TEXT value: line breaks become "\n" (libical escapes them), tabs stay, every
// other control character is dropped (a bare CR or a NUL would otherwise reach the wire or cut the value).
std::string clean_text(const std::string& in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    auto c = static_cast<unsigned char>(in[i]);
    if (c == '\r') {
      if (i + 1 < in.size() && in[i + 1] == '\n') continue;
      out += '\n';
    } else if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7F)) {
      out += static_cast<char>(c);
    }
  }
  return trimmed(std::move(out));
}

// A one-line text (names, categories): line breaks become spaces.
std::string one_line(const std::string& in) {
  std::string out = clean_text(in);
  std::replace(out.begin(), out.end(), '\n', ' ');
  return trimmed(std::move(out));
}

icaltimezone* zone_named(const std::string& name) {
  icaltimezone* z = icaltimezone_get_builtin_timezone(name.c_str());
  if (!z) throw core::error(core::errc::internal, "Internal error.", {}, "libical does not know time zone " + name);
  return z;
}

icaltimetype utc_time(core::instant t) {
  return icaltime_from_timet_with_zone(static_cast<time_t>(t.time_since_epoch().count()), 0,
                                       icaltimezone_get_utc_timezone());
}

// DTSTART/DTEND: the local wall-clock time, written with TZID=<IANA name> (libical would otherwise write
// its own "/freeassociation…" prefix, or nothing).
icalproperty* zoned_property(icalproperty* (*make)(icaltimetype), core::instant t, icaltimezone* zone,
                             const std::string& zone_name) {
  icaltimetype local = icaltime_convert_to_zone(utc_time(t), zone);
  local.zone = nullptr;
  icalproperty* p = make(local);
  icalproperty_add_parameter(p, icalparameter_new_tzid(zone_name.c_str()));
  return p;
}

// A TEXT content line for an X- property, escaped as RFC 5545 §3.3.11 says (backslash, ';' and ','; a
// one-line text has no line breaks left). libical 3.0.16 escapes only backslashes and line breaks in X-
// properties, and doubles any escape written in advance, so these lines are written here; folding comes
// later with the rest.
std::string text_x_line(std::string_view name, const std::string& value) {
  std::string line(name);
  line += ";VALUE=TEXT:";
  for (char c : one_line(value)) {
    if (c == '\\' || c == ';' || c == ',') line += '\\';
    line += c;
  }
  return line + "\r\n";
}

// `lines` placed after the calendar's own properties, before its first component (libical writes a
// component's properties before its sub-components, and a folded line never starts with "BEGIN:").
std::string with_calendar_lines(std::string ical, const std::string& lines) {
  std::size_t at = ical.find("\r\nBEGIN:", 1);
  if (at == std::string::npos) at = ical.rfind("\r\nEND:VCALENDAR");
  ical.insert(at == std::string::npos ? ical.size() : at + 2, lines);
  return ical;
}

std::string offset_text(int seconds) {
  char buf[16];
  int a = std::abs(seconds);
  std::snprintf(buf, sizeof buf, "%c%02d%02d", seconds < 0 ? '-' : '+', a / 3600, a / 60 % 60);
  return buf;
}

// The VTIMEZONE for `name` over [from, to]. A zone whose offset does not change in that range (Vietnam has
// kept +07:00 since 1975) gets one STANDARD observance with that offset: valid, and a few lines instead of
// libical's full history. Other zones get libical's built-in definition, renamed to the IANA name.
icalcomponent* vtimezone_for(const std::string& name, core::instant from, core::instant to) {
  icaltimezone* zone = zone_named(name);
  int is_daylight = 0;
  icaltimetype probe = utc_time(from - days{366});
  int offset = icaltimezone_get_utc_offset_of_utc_time(zone, &probe, &is_daylight);
  bool constant = true;
  for (core::instant t = from - days{366}; t <= to + days{366} && constant; t += days{7}) {
    icaltimetype at = utc_time(t);
    constant = icaltimezone_get_utc_offset_of_utc_time(zone, &at, &is_daylight) == offset;
  }
  if (!constant) {
    icalcomponent* copy = icalcomponent_new_clone(icaltimezone_get_component(zone));
    icalproperty* tzid = icalcomponent_get_first_property(copy, ICAL_TZID_PROPERTY);
    if (tzid) icalproperty_set_tzid(tzid, name.c_str());
    return copy;
  }
  icalcomponent* vtz = icalcomponent_new_vtimezone();
  icalcomponent_add_property(vtz, icalproperty_new_tzid(name.c_str()));
  icalcomponent* standard = icalcomponent_new_xstandard();
  icaltimetype epoch = icaltime_null_time();
  epoch.year = 1970;
  epoch.month = 1;
  epoch.day = 1;
  icalcomponent_add_property(standard, icalproperty_new_dtstart(epoch));
  icalcomponent_add_property(standard, icalproperty_new_tzoffsetfrom(offset));
  icalcomponent_add_property(standard, icalproperty_new_tzoffsetto(offset));
  std::string abbreviation = offset_text(offset);
  if (abbreviation.ends_with("00")) abbreviation.resize(3);  // "+07", as the zone database names it
  icalcomponent_add_property(standard, icalproperty_new_tzname(abbreviation.c_str()));
  icalcomponent_add_component(vtz, standard);
  return vtz;
}

icalproperty_status status_of(event_status s) {
  switch (s) {
    case event_status::tentative: return ICAL_STATUS_TENTATIVE;
    case event_status::cancelled: return ICAL_STATUS_CANCELLED;
    case event_status::confirmed: break;
  }
  return ICAL_STATUS_CONFIRMED;
}

icalcomponent* alarm(int minutes_before, const std::string& summary) {
  icalcomponent* a = icalcomponent_new_valarm();
  icalcomponent_add_property(a, icalproperty_new_action(ICAL_ACTION_DISPLAY));
  icaltriggertype trigger;
  trigger.time = icaltime_null_time();
  trigger.duration = icaldurationtype_from_int(-minutes_before * 60);
  icalcomponent_add_property(a, icalproperty_new_trigger(trigger));
  icalcomponent_add_property(a, icalproperty_new_description(summary.c_str()));
  return a;
}

icalcomponent* vevent(const feed_event& e, icaltimezone* zone) {
  icalcomponent* ev = icalcomponent_new_vevent();
  icalcomponent_add_property(ev, icalproperty_new_uid(one_line(e.uid).c_str()));
  icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc_time(e.last_modified)));
  icalcomponent_add_property(ev, icalproperty_new_created(utc_time(e.created)));
  icalcomponent_add_property(ev, icalproperty_new_lastmodified(utc_time(e.last_modified)));
  icalcomponent_add_property(ev, icalproperty_new_sequence(static_cast<int>(std::min<std::int64_t>(e.sequence, INT32_MAX))));
  icalcomponent_add_property(ev, zoned_property(icalproperty_new_dtstart, e.start, zone, e.time_zone));
  icalcomponent_add_property(ev, zoned_property(icalproperty_new_dtend, e.end, zone, e.time_zone));
  std::string summary = one_line(e.summary);
  icalcomponent_add_property(ev, icalproperty_new_summary(summary.c_str()));
  if (e.location) icalcomponent_add_property(ev, icalproperty_new_location(one_line(*e.location).c_str()));
  if (!e.description.empty())
    icalcomponent_add_property(ev, icalproperty_new_description(clean_text(e.description).c_str()));
  if (e.url) icalcomponent_add_property(ev, icalproperty_new_url(one_line(*e.url).c_str()));
  for (const auto& c : e.categories) {
    // CATEGORIES is a comma-separated list: a comma inside one category would split it.
    std::string category = one_line(c);
    std::replace(category.begin(), category.end(), ',', ' ');
    icalcomponent_add_property(ev, icalproperty_new_categories(category.c_str()));
  }
  icalcomponent_add_property(ev, icalproperty_new_status(status_of(e.status)));
  icalcomponent_add_property(ev, icalproperty_new_transp(e.status == event_status::cancelled ? ICAL_TRANSP_TRANSPARENT
                                                                                          : ICAL_TRANSP_OPAQUE));
  if (e.status != event_status::cancelled)
    for (int minutes : e.alarm_minutes) icalcomponent_add_component(ev, alarm(minutes, summary));
  return ev;
}

}  // namespace

std::string render_ics(const feed_document& doc) {
  std::lock_guard lock(libical_mutex());
  component_ptr cal(icalcomponent_new_vcalendar());
  icalcomponent* c = cal.get();
  icalcomponent_add_property(c, icalproperty_new_prodid(product_id));
  icalcomponent_add_property(c, icalproperty_new_version("2.0"));
  icalcomponent_add_property(c, icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(c, icalproperty_new_method(ICAL_METHOD_PUBLISH));
  icalcomponent_add_property(c, icalproperty_new_name(one_line(doc.name).c_str()));
  icalcomponent_add_property(
      c, icalproperty_new_refreshinterval(icaldurationtype_from_int(static_cast<int>(doc.refresh.count() * 60))));
  icalproperty* ttl = icalproperty_new_x(icaldurationtype_as_ical_string(icaldurationtype_from_int(static_cast<int>(doc.refresh.count() * 60))));
  icalproperty_set_x_name(ttl, "X-PUBLISHED-TTL");
  icalcomponent_add_property(c, ttl);

  std::set<std::string> zones;
  core::instant first = core::now(), last = first;
  if (!doc.events.empty()) first = last = doc.events.front().start;
  for (const auto& e : doc.events) {
    zones.insert(e.time_zone);
    first = std::min(first, e.start);
    last = std::max(last, e.end);
  }
  if (!doc.time_zone.empty()) zones.insert(doc.time_zone);
  for (const auto& z : zones) icalcomponent_add_component(c, vtimezone_for(z, first, last));
  for (const auto& e : doc.events) icalcomponent_add_component(c, vevent(e, zone_named(e.time_zone)));

  char* text = icalcomponent_as_ical_string_r(c);
  std::string ical(text);
  std::free(text);
  return refold(with_calendar_lines(std::move(ical), text_x_line("X-WR-CALNAME", doc.name) +
                                                         text_x_line("X-WR-TIMEZONE", doc.time_zone)));
}

}  // namespace satdan::calendar
