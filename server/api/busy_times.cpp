// /api/v1/members/{id}/busy-times/{source}: a member's personal commitments uploaded as an iCalendar file
// become unavailability periods over the planning horizon. A re-upload of the same source replaces the
// previous import; a malformed file is refused (422 naming the line) and changes nothing.
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
  if (!domain::is_token(source))
    throw error(errc::invalid_input, "The request has invalid fields.",
                {{"source", "must be 1 to 32 of a-z, 0-9 and '_', starting with a letter"}});
  return source;
}

}  // namespace

void add_busy_time_routes(http::router& r, app_context& app) {
  r.add("PUT", "/api/v1/members/{id}/busy-times/{source}", [&app](const http::request& req, const http::path_params& params) {
    domain::id_t member = member_in_path(req, params);
    std::string source = source_in_path(params);
    require_media_type(req, "text/calendar", "Send the file as text/calendar.");
    core::instant from = core::now(), to = calendar::horizon_end(from, app.config.horizon_months);
    auto periods = calendar::busy_periods(req.body, from, to, app.config.timezone);
    std::vector<store::busy_time> busy;
    busy.reserve(periods.size());
    for (const auto& p : periods) busy.push_back({p.start, p.end});
    int stored = app.busy_times.replace(member, source, busy, actor_of(req));
    return json_response(200, json::object{{"member_id", member},
                                           {"source", source},
                                           {"periods", stored},
                                           {"from", core::format_utc(from)},
                                           {"to", core::format_utc(to)}});
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
