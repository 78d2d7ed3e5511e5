// /api/v1/schedule/proposals: the solver on the database (services/proposals). A proposal solves a unit
// subtree over a period (manual pinned assignments stay, current assignments are `previous`), is stored
// with a fingerprint of what it read, and can be applied in one transaction that refuses if anything it
// read has changed. With "Prefer: respond-async" it runs as a job on the solver's threads: 202 and the
// job's address, /api/v1/schedule/jobs/{id}, to poll or DELETE.
#include <boost/algorithm/string.hpp>
#include <boost/json/serialize.hpp>

#include "api/app.hpp"
#include "api/support.hpp"
#include "calendar/period_clock.hpp"
#include "core/json_reader.hpp"
#include "http/problem.hpp"
#include "services/proposals.hpp"

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

// RFC 7240: "Prefer: respond-async" among the request's preferences (case-insensitive, maybe with others).
bool prefers_async(const http::request& req) {
  for (const auto& [name, value] : req.headers) {
    if (!boost::algorithm::iequals(name, "Prefer")) continue;
    std::string v = boost::algorithm::to_lower_copy(value);
    for (std::size_t start = 0; start <= v.size();) {
      auto comma = v.find(',', start);
      std::string part = v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      part = part.substr(0, part.find(';'));
      boost::algorithm::trim(part);
      if (part == "respond-async") return true;
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return false;
}

std::string job_address(const std::string& id) { return "/api/v1/schedule/jobs/" + id; }

json::object job_json(const services::proposal_job& j) {
  json::object progress{{"iterations_done", j.iterations_done},
                        {"iterations_total", j.iterations_total},
                        {"elapsed_ms", j.elapsed.count()}};
  progress["best_cost"] = j.best_cost ? json::value(*j.best_cost) : json::value(nullptr);
  progress["time_left_ms"] = j.time_left ? json::value(j.time_left->count()) : json::value(nullptr);
  json::object out{{"id", j.id},
                   {"status", j.status},
                   {"within", j.request.within},
                   {"from", core::format_utc(j.request.from)},
                   {"to", core::format_utc(j.request.to)},
                   {"time_limit_seconds", j.request.time_limit.count()},
                   {"created_at", core::format_utc(j.created_at)},
                   {"cancel_requested", j.cancel_requested},
                   {"progress", std::move(progress)}};
  out["proposal_id"] = j.proposal_id ? json::value(*j.proposal_id) : json::value(nullptr);
  if (j.proposal_id) out["proposal"] = "/api/v1/schedule/proposals/" + std::to_string(*j.proposal_id);
  if (j.error_code) {
    json::array fields;
    for (const auto& f : j.error_fields) fields.push_back({{"field", f.field}, {"reason", f.reason}});
    out["error"] = {{"status", http::status_of(*j.error_code)}, {"detail", j.error_message}, {"errors", std::move(fields)}};
  }
  return out;
}

http::response job_response(int status, const services::proposal_job& j) {
  auto out = json_response(status, job_json(j));
  out.set_header("Location", job_address(j.id));
  return out;
}

}  // namespace

void add_schedule_routes(http::router& r, app_context& app) {
  r.add("POST", "/api/v1/schedule/proposals", [&app](const http::request& req, const http::path_params&) {
    core::field_errors errors;
    json::value body = read_json_body(req);
    core::json_reader in(body, errors);
    auto within = in.integer("within", true, 1, 9'007'199'254'740'991);
    auto from = in.time("from", true), to = in.time("to", true);
    auto seconds = in.integer("time_limit_seconds", false, services::min_time_limit_seconds,
                              services::max_time_limit_seconds);
    in.reject_unknown();
    services::check_proposal_period(from, to, errors);
    errors.throw_if_any();
    services::proposal_request request{*within, *from, *to,
                                       std::chrono::seconds(seconds.value_or(services::default_time_limit_seconds))};
    if (prefers_async(req)) {
      auto out = job_response(202, app.proposal_jobs.start(request, actor_of(req)));
      out.set_header("Preference-Applied", "respond-async");
      return out;
    }
    auto saved = services::make_proposal(app.directory, app.planning, calendar::period_clock_for(app.config.timezone),
                                         request, actor_of(req));
    auto out = proposal_response(201, saved);
    out.set_header("Location", "/api/v1/schedule/proposals/" + std::to_string(saved.id));
    return out;
  });
  // Jobs are this process's own (see services::proposal_jobs): another process behind a proxy answers 404.
  r.add("GET", "/api/v1/schedule/jobs/{id}", [&app](const http::request&, const http::path_params& params) {
    return job_response(200, app.proposal_jobs.get(std::string(params.get("id"))));
  });
  r.add("DELETE", "/api/v1/schedule/jobs/{id}", [&app](const http::request&, const http::path_params& params) {
    return job_response(202, app.proposal_jobs.cancel(std::string(params.get("id"))));
  });
  r.add("GET", "/api/v1/schedule/proposals/{id}", [&app](const http::request&, const http::path_params& params) {
    return proposal_response(200, app.planning.get(path_id(params)));
  });
  r.add("POST", "/api/v1/schedule/proposals/{id}/apply", [&app](const http::request& req, const http::path_params& params) {
    return proposal_response(200, app.planning.apply(path_id(params), actor_of(req)));
  });
}

}  // namespace satdan::api
