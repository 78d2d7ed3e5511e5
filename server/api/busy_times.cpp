// /api/v1/members/{id}/busy-times/{source}: a member's personal commitments uploaded as an iCalendar file
// become unavailability periods over the planning horizon. A re-upload of the same source replaces the
// previous import; a malformed file is refused (422 naming the line) and changes nothing.
#include "api/busy_times.hpp"

#include "api/app.hpp"
#include "api/support.hpp"
#include "calendar/busy_import.hpp"
#include "calendar/series_planner.hpp"

namespace satdan::api {

namespace json = boost::json;
using core::errc;
using core::error;

namespace {

// Members manage only their own busy times; planners anyone's. Another member's are "not found".
domain::id_t member_in_path(const http::request& req, const http::path_params& params) {
  domain::id_t member = path_id(params);
  if (auto own = own_member_scope(req); own && *own != member) throw error(errc::not_found, "No resource at this path.");
  return member;
}

std::string source_in_path(const http::path_params& params) {
  const std::string& source = params.get("source");
  check_busy_source(source);
  return source;
}

}  // namespace

void check_busy_source(const std::string& source) {
  if (!domain::is_token(source))
    throw error(errc::invalid_input, "The request has invalid fields.",
                {{"source", "must be 1 to 32 of a-z, 0-9 and '_', starting with a letter"}});
}

busy_import_result import_busy_times(app_context& app, domain::id_t member, const std::string& source, std::string_view ics,
                                     const store::actor& who) {
  check_busy_source(source);
  core::instant from = core::now(), to = calendar::horizon_end(from, app.config.horizon_months);
  auto periods = calendar::busy_periods(ics, from, to, app.config.timezone);
  std::vector<store::busy_time> busy;
  busy.reserve(periods.size());
  for (const auto& p : periods) busy.push_back({p.start, p.end});
  return {app.busy_times.replace(member, source, busy, who), from, to};
}

void add_busy_time_routes(http::router& r, app_context& app) {
  r.add("PUT", "/api/v1/members/{id}/busy-times/{source}", [&app](const http::request& req, const http::path_params& params) {
    domain::id_t member = member_in_path(req, params);
    std::string source = source_in_path(params);
    require_media_type(req, "text/calendar", "Send the file as text/calendar.");
    auto imported = import_busy_times(app, member, source, req.body, actor_of(req));
    return json_response(200, json::object{{"member_id", member},
                                           {"source", source},
                                           {"periods", imported.periods},
                                           {"from", core::format_utc(imported.from)},
                                           {"to", core::format_utc(imported.to)}});
  });

  r.add("DELETE", "/api/v1/members/{id}/busy-times/{source}", [&app](const http::request& req, const http::path_params& params) {
    domain::id_t member = member_in_path(req, params);
    app.busy_times.remove(member, source_in_path(params), actor_of(req));
    http::response out;
    out.status = 204;
    return out;
  });
}

}  // namespace satdan::api
