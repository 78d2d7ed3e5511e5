// /api/v1/sessions/{id}/attendance: what happened at a session. Staff record the whole session in one
// request (all or nothing); a member records their own line within a window after the session. Either
// marks the session held; corrections are kept in the history. A member account reads only its own lines,
// and the minutes only of a session it sat in.
#include "api/app.hpp"
#include "api/support.hpp"
#include "services/own_attendance.hpp"

namespace satdan::api {

namespace json = boost::json;

namespace {

http::response attendance_response(const store::session_attendance_view& v) {
  json::array records, history;
  for (const auto& r : v.records) records.push_back(domain::to_json(r));
  for (const auto& r : v.history) history.push_back(domain::to_json(r));
  json::value citizens = nullptr, minutes = nullptr;
  if (v.citizens_present) citizens = *v.citizens_present;
  if (v.minutes) minutes = *v.minutes;
  return json_response(200, json::object{{"session_id", v.session_id},
                                         {"session_status", v.session_status},
                                         {"citizens_present", citizens},
                                         {"minutes", minutes},
                                         {"minutes_withheld", v.minutes_withheld},
                                         {"records", std::move(records)},
                                         {"history", std::move(history)}});
}

}  // namespace

void add_attendance_routes(http::router& r, app_context& app) {
  r.add("GET", "/api/v1/sessions/{id}/attendance", [&app](const http::request& req, const http::path_params& params) {
    return attendance_response(app.attendance.get(path_id(params), own_member_scope(req)));
  });

  r.add("PUT", "/api/v1/sessions/{id}/attendance", [&app](const http::request& req, const http::path_params& params) {
    auto record = domain::session_attendance_from_json(read_json_body(req));
    return attendance_response(app.attendance.record_session(path_id(params), record, core::now(), actor_of(req)));
  });

  r.add("PUT", "/api/v1/sessions/{id}/attendance/me", [&app](const http::request& req, const http::path_params& params) {
    auto record = domain::own_attendance_from_json(read_json_body(req));
    auto member = own_member_scope(req);
    if (!member) throw core::error(core::errc::forbidden, "Only member accounts record their own attendance.");
    return attendance_response(services::record_own_attendance(app.attendance, path_id(params), *member, std::move(record),
                                                               app.config.attendance_window, actor_of(req)));
  });
}

}  // namespace satdan::api
