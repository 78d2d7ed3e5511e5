// /api/v1/schedule/proposals: the solver on the database. A proposal solves a unit subtree over a period
// (manual pinned assignments stay, current assignments are `previous`), is stored with a fingerprint of
// what it read, and can be applied in one transaction that refuses if anything it read has changed.
#include <boost/json/serialize.hpp>

#include "api/app.hpp"
#include "api/support.hpp"
#include "calendar/period_clock.hpp"
#include "core/json_reader.hpp"
#include "scheduling/solver.hpp"

namespace satdan::api {

namespace json = boost::json;
using core::errc;
using core::error;

namespace {

http::response proposal_response(int status, const store::proposal& p) {
  json::object body = p.result;
  body["id"] = p.id;
  body["status"] = p.status;
  body["within"] = p.scope.within;
  body["from"] = core::format_utc(p.scope.from);
  body["to"] = core::format_utc(p.scope.to);
  return json_response(status, body);
}

}  // namespace

void add_schedule_routes(http::router& r, app_context& app) {
  r.add("POST", "/api/v1/schedule/proposals", [&app](const http::request& req, const http::path_params&) {
    core::field_errors errors;
    json::value body = read_json_body(req);
    core::json_reader in(body, errors);
    auto within = in.integer("within", true, 1, 9'007'199'254'740'991);
    auto from = in.time("from", true), to = in.time("to", true);
    auto seconds = in.integer("time_limit_seconds", false, 1, 60);
    in.reject_unknown();
    if (from && to && *to <= *from) errors.add("to", "must be after from");
    if (from && to && *to - *from > std::chrono::days(400)) errors.add("to", "must be at most 400 days after from");
    errors.throw_if_any();
    app.directory.get_unit(*within);  // 404 for an unknown unit

    store::planning_scope scope{*within, *from, *to};
    auto input = app.planning.build(scope);
    scheduling::solve_options options;
    options.time_limit = std::chrono::seconds(seconds.value_or(10));
    auto result = scheduling::solve(input.instance, calendar::period_clock_for(input.instance.timezone), options);
    if (auto* pins = std::get_if<std::vector<scheduling::infeasible_pin>>(&result)) {
      json::value detail = scheduling::to_json(*pins);
      throw error(errc::conflict, "Assignments made by hand cannot all hold: " + json::serialize(detail));
    }
    auto saved = app.planning.save(scope, input.fingerprint,
                                   store::proposal_result(input, std::get<scheduling::solution>(result)), actor_of(req));
    auto out = proposal_response(201, saved);
    out.set_header("Location", "/api/v1/schedule/proposals/" + std::to_string(saved.id));
    return out;
  });
  r.add("GET", "/api/v1/schedule/proposals/{id}", [&app](const http::request&, const http::path_params& params) {
    return proposal_response(200, app.planning.get(path_id(params)));
  });
  r.add("POST", "/api/v1/schedule/proposals/{id}/apply", [&app](const http::request& req, const http::path_params& params) {
    return proposal_response(200, app.planning.apply(path_id(params), actor_of(req)));
  });
}

}  // namespace satdan::api
