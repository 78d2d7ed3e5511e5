#include <algorithm>

#include "core/json_reader.hpp"
#include "core/local_date.hpp"
#include "domain/meeting.hpp"
#include "domain/json_support.hpp"

namespace satdan::domain {

namespace json = boost::json;
using core::field_errors;
using core::json_reader;

namespace {

using namespace json_support;

std::optional<seats> read_seats(json_reader& r, field_errors& errors, const char* key) {
  const json::value* v = r.raw(key, false);
  if (!v) return std::nullopt;
  const json::object* o = v->if_object();
  if (!o) {
    errors.add(key, "must be an object of requirement → number of seats, e.g. {\"district\": 1}");
    return std::nullopt;
  }
  seats out;
  bool ok = true;
  for (const auto& kv : *o) {
    std::string name(kv.key());
    std::string field = std::string(key) + "." + name;
    if (!is_token(name)) {
      errors.add(field, "must be a level or role name (a-z, 0-9, _)");
      ok = false;
    } else if (!kv.value().is_int64() || kv.value().get_int64() < 0 || kv.value().get_int64() > 20) {
      errors.add(field, "must be a whole number from 0 to 20");
      ok = false;
    } else if (kv.value().get_int64() > 0) {
      out[name] = static_cast<int>(kv.value().get_int64());
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

json::object seats_json(const seats& s) {
  json::object o;
  for (const auto& [k, n] : s) o[k] = n;
  return o;
}


void check_one_of(field_errors& errors, const char* key, const std::optional<std::string>& v,
                  const std::vector<std::string>& allowed) {
  if (!v || std::find(allowed.begin(), allowed.end(), *v) != allowed.end()) return;
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  errors.add(key, "must be one of: " + list);
}

}  // namespace

series series_from_json(const json::value& v, const std::string& default_zone) {
  field_errors errors;
  json_reader r(v, errors);
  series s;
  if (auto c = r.integer("cell_id", true, 1, max_id)) s.cell_id = *c;
  if (auto rule = r.text("rrule", true, {.max_chars = 500})) {
    std::string upper = *rule;
    if (upper.rfind("RRULE:", 0) == 0) upper.erase(0, 6);
    s.rrule = upper;
  }
  if (auto d = read_date(r, errors, "first_date", true)) s.first_date = *d;
  if (auto t = r.text("start_time", true, {.max_chars = 5})) {
    if (auto m = core::parse_clock(*t)) s.start_minute = *m;
    else errors.add("start_time", "must be a local time HH:MM");
  }
  s.duration_minutes = static_cast<int>(r.integer("duration_minutes", false, 15, 24 * 60).value_or(120));
  s.time_zone = r.text("time_zone", false, {.max_chars = 64}).value_or(default_zone);
  s.location = r.text("location", false, {.max_chars = 200});
  if (const json::value* ex = r.raw("exdates", false)) {
    if (!ex->is_array()) {
      errors.add("exdates", "must be an array of dates YYYY-MM-DD");
    } else {
      for (std::size_t i = 0; i < ex->as_array().size(); ++i) {
        const auto& item = ex->as_array()[i];
        auto d = core::read_date(item.is_string() ? std::string_view(item.get_string()) : std::string_view{});
        if (d.value) s.exdates.push_back(*d.value);
        else errors.add("exdates[" + std::to_string(i) + "]", std::move(d.problem));
      }
      std::sort(s.exdates.begin(), s.exdates.end());
      s.exdates.erase(std::unique(s.exdates.begin(), s.exdates.end()), s.exdates.end());
    }
  }
  s.until = read_date(r, errors, "until", false);
  if (s.until && *s.until < s.first_date) errors.add("until", "must not be before first_date");
  s.needs = read_seats(r, errors, "needs").value_or(seats{{"commune", 1}});
  s.optional = read_seats(r, errors, "optional").value_or(seats{{"district", 1}});
  // Read-only fields that a merge patch carries back: accepted and ignored.
  for (const char* ro : {"version", "created_at", "updated_at"}) r.raw(ro, false);
  r.reject_unknown();
  errors.throw_if_any();
  return s;
}

json::object to_json(const series& s) {
  json::array ex;
  for (const auto& d : s.exdates) ex.emplace_back(core::format_date(d));
  json::value until = nullptr;
  if (s.until) until = core::format_date(*s.until);
  return {{"id", s.id},
          {"cell_id", s.cell_id},
          {"rrule", s.rrule},
          {"first_date", core::format_date(s.first_date)},
          {"start_time", core::format_clock(s.start_minute)},
          {"duration_minutes", s.duration_minutes},
          {"time_zone", s.time_zone},
          {"location", opt(s.location)},
          {"exdates", std::move(ex)},
          {"until", until},
          {"needs", seats_json(s.needs)},
          {"optional", seats_json(s.optional)},
          {"version", s.version},
          {"created_at", core::format_utc(s.created_at)},
          {"updated_at", core::format_utc(s.updated_at)}};
}

session session_from_json(const json::value& v) {
  field_errors errors;
  json_reader r(v, errors);
  session s;
  auto kind = r.text("kind", true, {.max_chars = 32});
  check_one_of(errors, "kind", kind, session_kinds());
  if (kind) s.kind = *kind;
  if (s.kind == "dialogue") {
    if (auto u = r.integer("unit_id", true, 1, max_id)) s.unit_id = *u;
    s.topic = r.text("topic", true, {.max_chars = 300});
    s.expected_citizens = r.integer("expected_citizens", false, 0, 100000);
  } else if (s.kind == "cell_meeting") {
    s.cell_id = r.integer("cell_id", true, 1, max_id);
    s.topic = r.text("topic", false, {.max_chars = 300});
  }
  auto start = r.time("start", true), end = r.time("end", true);
  if (start) s.start = *start;
  if (end) s.end = *end;
  if (start && end && *end <= *start) errors.add("end", "must be after start");
  if (start && end && *end - *start > std::chrono::hours(24)) errors.add("end", "must be within 24 hours of start");
  s.location = r.text("location", false, {.max_chars = 200});
  bool dialogue = s.kind == "dialogue";
  s.needs = read_seats(r, errors, "needs").value_or(dialogue ? seats{{"chair", 1}, {"district", 2}} : seats{{"commune", 1}});
  s.optional = read_seats(r, errors, "optional").value_or(dialogue ? seats{} : seats{{"district", 1}});
  r.reject_unknown();
  errors.throw_if_any();
  return s;
}

json::object to_json(const session& s) {
  json::value series = nullptr, cell = nullptr, recurrence = nullptr, citizens = nullptr;
  if (s.series_id) series = *s.series_id;
  if (s.cell_id) cell = *s.cell_id;
  if (s.recurrence_id) recurrence = core::format_utc(*s.recurrence_id);
  if (s.expected_citizens) citizens = *s.expected_citizens;
  return {{"id", s.id},
          {"series_id", series},
          {"kind", s.kind},
          {"unit_id", s.unit_id},
          {"cell_id", cell},
          {"recurrence_id", recurrence},
          {"start", core::format_utc(s.start)},
          {"end", core::format_utc(s.end)},
          {"location", opt(s.location)},
          {"topic", opt(s.topic)},
          {"expected_citizens", citizens},
          {"needs", seats_json(s.needs)},
          {"optional", seats_json(s.optional)},
          {"status", s.status},
          {"status_reason", opt(s.status_reason)},
          {"exception", !s.series_id                ? json::value(nullptr)
                        : s.status == "cancelled"   ? json::value("cancelled")
                        : s.status == "postponed"   ? json::value("postponed")
                        : s.moved                   ? json::value("moved")
                                                    : json::value(nullptr)},
          {"sequence", s.sequence},
          {"created_at", core::format_utc(s.created_at)},
          {"updated_at", core::format_utc(s.updated_at)}};
}

json::object to_json(const assignment& a) {
  return {{"id", a.id},         {"session_id", a.session_id}, {"member_id", a.member_id}, {"need", a.need},
          {"manual", a.manual}, {"pinned", a.pinned},         {"created_at", core::format_utc(a.created_at)}};
}

session_patch session_patch_from_json(const json::value& v) {
  field_errors errors;
  json_reader r(v, errors);
  session_patch p;
  auto nullable_text = [&](const char* key, std::size_t max, std::optional<std::optional<std::string>>& out) {
    if (!r.has(key)) return;
    out = r.text(key, false, {.max_chars = max});
  };
  if (r.has("start")) p.start = r.time("start", true);
  if (r.has("end")) p.end = r.time("end", true);
  nullable_text("location", 200, p.location);
  nullable_text("topic", 300, p.topic);
  if (r.has("status_reason")) p.status_reason = r.text("status_reason", false, {.max_chars = 500, .single_line = false});
  if (r.has("expected_citizens")) {
    auto n = r.integer("expected_citizens", false, 0, 100000);
    p.expected_citizens = n ? std::optional<int>(static_cast<int>(*n)) : std::nullopt;
  }
  if (r.has("needs")) p.needs = read_seats(r, errors, "needs");
  if (r.has("optional")) p.optional = read_seats(r, errors, "optional");
  if (r.has("status")) {
    p.status = r.text("status", true, {.max_chars = 32});
    check_one_of(errors, "status", p.status, session_statuses());
  }
  r.reject_unknown();
  errors.throw_if_any();
  return p;
}

session apply_patch(const session& current, const session_patch& p) {
  if (current.status == "held")
    throw core::error(core::errc::conflict, "A held session is a record of what happened and cannot change.",
                      {{"status", "is held"}});
  session next = current;
  if (p.start || p.end) {
    next.start = p.start.value_or(current.start);
    next.end = p.end.value_or(current.end);
    if (next.start != current.start || next.end != current.end) next.moved = next.series_id.has_value();
  }
  if (p.location) next.location = *p.location;
  if (p.topic) next.topic = *p.topic;
  if (p.expected_citizens) next.expected_citizens = *p.expected_citizens;
  if (p.needs) next.needs = *p.needs;
  if (p.optional) next.optional = *p.optional;
  if (p.status) next.status = *p.status;
  if (p.status_reason) next.status_reason = *p.status_reason;
  if (p.status && *p.status == "planned" && !p.status_reason) next.status_reason.reset();
  // A series occurrence whose place or seats changed on its own is an exception too: the series leaves it be.
  // (A status change needs no mark: series changes only ever redo planned sessions.)
  if (next.series_id && (next.location != current.location || next.needs != current.needs ||
                         next.optional != current.optional))
    next.moved = true;

  core::field_errors errors;
  if (next.end <= next.start) errors.add("end", "must be after start");
  if ((next.status == "cancelled" || next.status == "postponed") && !next.status_reason)
    errors.add("status_reason", "is required when a session is " + next.status);
  if (next.kind == "dialogue" && !next.topic) errors.add("topic", "is required for a dialogue");
  errors.throw_if_any();
  return next;
}

}  // namespace satdan::domain
