// /api/v1/series: a cell's meeting rule. Creating one materialises its sessions to the horizon; changing
// one redoes its future planned sessions (moved and cancelled ones are left as they are, and listed);
// splitting ends it before a date and starts a new one from that date. Writes need If-Match.
#include "api/app.hpp"
#include "api/support.hpp"
#include "core/json_reader.hpp"
#include "core/local_date.hpp"
#include "services/series.hpp"

namespace satdan::api {

namespace json = boost::json;
using core::errc;
using core::error;

namespace {

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

}  // namespace

void add_series_routes(http::router& r, app_context& app) {
  auto& meetings = app.meetings;
  const services::series_settings cfg{.horizon_months = app.config.horizon_months, .time_zone = app.config.timezone};

  r.add("GET", "/api/v1/series", [&meetings](const http::request& req, const http::path_params&) {
    query_reader q(req);
    store::series_filter f{.cell_id = q.id("cell_id"), .within = q.id("within")};
    auto p = read_page(q);
    q.finish();
    return page_response(meetings.list_series(f, p));
  });

  r.add("POST", "/api/v1/series", [&meetings, cfg](const http::request& req, const http::path_params&) {
    auto s = domain::series_from_json(read_json_body(req), cfg.time_zone);
    auto created = services::create_series(meetings, s, cfg, actor_of(req));
    auto out = series_response(201, created);
    out.set_header("Location", "/api/v1/series/" + std::to_string(created.id));
    return out;
  });

  r.add("GET", "/api/v1/series/{id}", [&meetings](const http::request&, const http::path_params& params) {
    return series_response(200, meetings.get_series(path_id(params)));
  });

  r.add("PATCH", "/api/v1/series/{id}", [&meetings, cfg](const http::request& req, const http::path_params& params) {
    auto id = path_id(params);
    auto expected = required_if_match(req);
    json::value patch = read_json_body(req, true);
    auto current = meetings.get_series(id);
    auto next = domain::series_from_json(merge_patch(domain::to_json(current), patch), cfg.time_zone);
    next.id = id;
    auto done = services::change_series(meetings, next, expected, cfg, actor_of(req));
    return series_response(200, done.series,
                           {{"series", domain::to_json(done.series)},
                            {"sessions_updated", done.updated},
                            {"sessions_removed", done.removed},
                            {"sessions_added", done.added},
                            {"exceptions_kept", sessions_json(done.kept)}});
  });

  r.add("POST", "/api/v1/series/{id}/split", [&meetings, cfg](const http::request& req, const http::path_params& params) {
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

    // Everything but "from" is a change to the series' fields, merged onto the current series.
    auto next_of = [&changes, &cfg, from_date](const domain::series& current) {
      json::object next_json = merge_patch(domain::to_json(current), changes);
      next_json["first_date"] = core::format_date(*from_date);
      next_json["until"] = nullptr;
      return domain::series_from_json(next_json, cfg.time_zone);
    };
    auto done = services::split_series(meetings, id, expected, *from_date, next_of, cfg, actor_of(req));
    const auto& created = done.created;
    auto out = series_response(201, created,
                               {{"series", domain::to_json(created)},
                                {"ended", domain::to_json(done.ended)},
                                {"sessions_removed", done.removed},
                                {"sessions_added", done.added},
                                {"exceptions_kept", sessions_json(done.kept)}});
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
