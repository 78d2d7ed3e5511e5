// /api/v1/sessions/{id}/assignments: members seated by hand. Each is checked against the hard rules (409
// naming the rule and what conflicts) and pinned, so the solver keeps it.

#include "api/app.hpp"
#include "api/support.hpp"
#include "core/json_reader.hpp"

namespace satdan::api {

namespace json = boost::json;

void add_assignment_routes(http::router& r, app_context& app) {
  auto& assignments = app.assignments;
  auto& meetings = app.meetings;
  r.add("GET", "/api/v1/sessions/{id}/assignments", [&](const http::request&, const http::path_params& params) {
    auto session = meetings.get_session(path_id(params));  // 404 for an unknown session
    json::array items;
    for (const auto& a : assignments.for_session(session.id)) items.push_back(domain::to_json(a));
    return json_response(200, json::object{{"items", std::move(items)}});
  });
  r.add("POST", "/api/v1/sessions/{id}/assignments", [&](const http::request& req, const http::path_params& params) {
    auto session_id = path_id(params);
    core::field_errors errors;
    json::value body = read_json_body(req);
    core::json_reader in(body, errors);
    auto member = in.integer("member_id", true, 1, 9'007'199'254'740'991);
    auto need = in.text("need", true, {.max_chars = 32});
    bool pinned = in.boolean("pinned", false).value_or(true);
    in.reject_unknown();
    errors.throw_if_any();
    auto a = assignments.assign(session_id, *member, *need, pinned, actor_of(req));
    auto out = json_response(201, domain::to_json(a));
    out.set_header("Location", "/api/v1/sessions/" + std::to_string(session_id) + "/assignments/" + std::to_string(a.id));
    return out;
  });
  r.add("DELETE", "/api/v1/sessions/{id}/assignments/{assignment_id}",
        [&](const http::request& req, const http::path_params& params) {
          assignments.unassign(path_id(params), path_id(params, "assignment_id"), actor_of(req));
          http::response out;
          out.status = 204;
          return out;
        });
}

}  // namespace satdan::api
