// The route table: every route the server answers is added here, and nowhere else.
#include "api/app.hpp"
#include "calendar/period_clock.hpp"
#include "core/log.hpp"
#include "pages/pages.hpp"

namespace satdan::api {

auth::auth_settings auth_settings_of(const core::config& c) {
  auth::auth_settings s;
  s.token_ttl = c.token_ttl;
  return s;
}

store::assignment_rules assignment_rules_of(const core::config& c) {
  store::assignment_rules r;
  r.month = calendar::period_clock_for(c.timezone).month;
  return r;
}

http::router make_router(app_context& app) {
  auto table = access_table();
  for (auto& page : pages::access_table()) table.push_back(std::move(page));
  http::router r(std::move(table), [&app](std::string_view token) -> std::optional<http::principal> {
    auto a = app.auth.authenticate(token);
    if (!a) return std::nullopt;
    return http::principal{a->id, a->username, a->role, a->member_id, std::string(token)};
  });
  add_health_routes(r, app);
  add_auth_routes(r, app);
  add_account_routes(r, app);
  add_audit_routes(r, app);
  add_unit_routes(r, app);
  add_cell_routes(r, app);
  add_member_routes(r, app);
  add_responsibility_routes(r, app);
  add_unavailability_routes(r, app);
  add_series_routes(r, app);
  add_session_routes(r, app);
  add_assignment_routes(r, app);
  add_schedule_routes(r, app);
  add_feed_routes(r, app);
  add_busy_time_routes(r, app);
  add_attendance_routes(r, app);
  add_grievance_routes(r, app);
  add_report_routes(r, app);
  add_public_grievance_routes(r, app);
  pages::add_page_routes(r, app);
  for (const auto& route : r.routes())
    if (!route.declared) core::log::error("route_without_access", {{"method", route.method}, {"path", route.pattern}});
  return r;
}

}  // namespace satdan::api
