// /api/v1/series: a cell's meeting rule. Creating one materialises its sessions to the horizon; changing
// one redoes its future planned sessions (moved and cancelled ones are left as they are, and listed);
// splitting ends it before a date and starts a new one from that date. Writes need If-Match.
#include "api/app.hpp"
#include "api/support.hpp"
#include "calendar/recurrence.hpp"
#include "calendar/series_planner.hpp"
#include "calendar/time_zone.hpp"
#include "core/json_reader.hpp"
#include "core/local_date.hpp"

namespace satdan::api {

namespace json = boost::json;
using core::errc;
using core::error;

namespace {

// What libical and the zone data say of a series, as field errors.
void check_rule(const domain::series& s) {
  core::field_errors errors;
  if (auto why = calendar::rule_problem(s.rrule); !why.empty()) errors.add("rrule", why);
  if (!calendar::is_known_time_zone(s.time_zone)) errors.add("time_zone", "is not a known IANA time zone");
  errors.throw_if_any(errc::invalid_input, "The recurrence is not valid.");
}

http::response series_response(int status, const domain::series& s, json::object extra = {}) {
  json::object body = extra.empty() ? domain::to_json(s) : std::move(extra);
  http::response out = json_response(status, body);
  out.set_header("ETag", etag(s.version));
  return out;
}

json::array sessions_json(const std::vector<domain::session>& list) {
  json::array out;
  for (const auto& s : list) out.push_back(domain::to_json(s));
  return out;
}

// The first instant a change may touch: now, or the earlier of the old and new first days if that is later.
core::instant change_from(const domain::series& before, const domain::series& after, core::instant now) {
  auto first = calendar::to_utc(std::min(before.first_date, after.first_date), {0, 0}, after.time_zone);
  return std::max(now, first);
}

}  // namespace

void add_series_routes(http::router& r, app_context& app) {
  auto& meetings = app.meetings;
  const int months = app.config.horizon_months;
  const std::string zone = app.config.timezone;

  r.add("GET", "/api/v1/series", [&meetings](const http::request& req, const http::path_params&) {
    query_reader q(req);
    store::series_filter f{.cell_id = q.id("cell_id"), .within = q.id("within")};
    auto p = read_page(q);
    q.finish();
    return page_response(meetings.list_series(f, p));
  });

  r.add("POST", "/api/v1/series", [&meetings, months, zone](const http::request& req, const http::path_params&) {
    auto s = domain::series_from_json(read_json_body(req), zone);
    check_rule(s);
    auto now = core::now();
    auto end = calendar::horizon_end(now, months);
    auto created = meetings.create_series(s, calendar::occurrences(s, core::instant{}, end), end, actor_of(req));
    auto out = series_response(201, created);
    out.set_header("Location", "/api/v1/series/" + std::to_string(created.id));
    return out;
  });

  r.add("GET", "/api/v1/series/{id}", [&meetings](const http::request&, const http::path_params& params) {
    return series_response(200, meetings.get_series(path_id(params)));
  });

  r.add("PATCH", "/api/v1/series/{id}", [&meetings, months, zone](const http::request& req, const http::path_params& params) {
    auto id = path_id(params);
    auto expected = required_if_match(req);
    json::value patch = read_json_body(req, true);
    auto current = meetings.get_series(id);
    auto next = domain::series_from_json(merge_patch(domain::to_json(current), patch), zone);
    next.id = id;
    if (next.cell_id != current.cell_id)
      throw error(errc::invalid_input, "A series belongs to its cell; end it and create one for the other cell.",
                  {{"cell_id", "cannot change"}});
    check_rule(next);
    auto now = core::now();
    auto from = change_from(current, next, now);
    auto end = calendar::horizon_end(now, months);
    auto kept = meetings.exceptions_after(id, from);
    auto plan = calendar::plan_regeneration(next, meetings.regenerable_sessions(id, from), kept, from, end);
    auto updated = meetings.update_series(next, expected, plan, actor_of(req));
    return series_response(200, updated,
                           {{"series", domain::to_json(updated)},
                            {"sessions_updated", plan.updates.size()},
                            {"sessions_removed", plan.removals.size()},
                            {"sessions_added", plan.additions.size()},
                            {"exceptions_kept", sessions_json(kept)}});
  });

  r.add("POST", "/api/v1/series/{id}/split", [&meetings, months, zone](const http::request& req, const http::path_params& params) {
    auto id = path_id(params);
    auto expected = required_if_match(req);
    json::value body = read_json_body(req);
    if (!body.is_object()) throw error(errc::invalid_input, "The body must be a JSON object.", {{"body", "must be an object"}});
    // "from" is the first local date of the new rule; everything else is a change to the series' fields.
    json::object changes = body.as_object();
    auto from_text = changes.if_contains("from");
    auto from_reading = core::read_date(from_text && from_text->is_string() ? std::string_view(from_text->get_string()) : "");
    if (!from_reading.value) throw error(errc::invalid_input, "The request has invalid fields.", {{"from", from_reading.problem}});
    const auto from_date = from_reading.value;
    changes.erase("from");
    for (const char* fixed : {"first_date", "until", "cell_id"})
      if (changes.contains(fixed))
        throw error(errc::invalid_input, "The request has invalid fields.", {{fixed, "is set by the split"}});

    auto current = meetings.get_series(id);
    if (*from_date <= current.first_date)
      throw error(errc::invalid_input, "The request has invalid fields.",
                  {{"from", "must be after the series' first date; change the series itself instead"}});
    auto old_end = current;
    old_end.until = std::chrono::year_month_day{std::chrono::sys_days{*from_date} - std::chrono::days{1}};
    json::object next_json = merge_patch(domain::to_json(current), changes);
    next_json["first_date"] = core::format_date(*from_date);
    next_json["until"] = nullptr;
    auto next = domain::series_from_json(next_json, zone);
    check_rule(next);

    auto now = core::now();
    auto end = calendar::horizon_end(now, months);
    auto split_at = calendar::to_utc(*from_date, {0, 0}, current.time_zone);
    // The new series takes over every day from the split on, except days whose occurrence was changed by
    // hand: those sessions stay (on the old series) and stand for their day.
    auto kept = meetings.exceptions_after(id, split_at);
    store::regeneration plan = calendar::plan_regeneration(next, {}, kept, split_at, end);
    plan.removals = meetings.regenerable_sessions(id, split_at);
    auto created = meetings.split_series(old_end, expected, next, plan, end, actor_of(req));
    auto ended = meetings.get_series(id);
    auto out = series_response(201, created,
                               {{"series", domain::to_json(created)},
                                {"ended", domain::to_json(ended)},
                                {"sessions_removed", plan.removals.size()},
                                {"sessions_added", plan.additions.size()},
                                {"exceptions_kept", sessions_json(kept)}});
    out.set_header("Location", "/api/v1/series/" + std::to_string(created.id));
    return out;
  });

  r.add("DELETE", "/api/v1/series/{id}", [&meetings](const http::request& req, const http::path_params& params) {
    auto id = path_id(params);
    meetings.delete_series(id, required_if_match(req), actor_of(req));
    http::response out;
    out.status = 204;
    return out;
  });
}

}  // namespace satdan::api
