#include "http/problem.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>

namespace satdan::http {

using core::errc;

namespace {

struct problem_kind {
  errc code;
  int status;
  const char* slug;   // last part of the problem type URI
  const char* title;
};

constexpr problem_kind kinds[] = {
    {errc::bad_request, 400, "bad-request", "The request cannot be read"},
    {errc::invalid_input, 422, "invalid-input", "The request has invalid fields"},
    {errc::not_found, 404, "not-found", "Not found"},
    {errc::method_not_allowed, 405, "method-not-allowed", "Method not allowed"},
    {errc::conflict, 409, "conflict", "Conflict with the current state"},
    {errc::precondition_failed, 412, "precondition-failed", "The resource has changed"},
    {errc::precondition_required, 428, "precondition-required", "Say which version you change (If-Match)"},
    {errc::payload_too_large, 413, "payload-too-large", "The request body is too large"},
    {errc::unsupported_media_type, 415, "unsupported-media-type", "Unsupported media type"},
    {errc::unauthenticated, 401, "unauthenticated", "Authentication required"},
    {errc::forbidden, 403, "forbidden", "Not allowed"},
    {errc::too_many_requests, 429, "too-many-requests", "Too many requests"},
    {errc::unavailable, 503, "unavailable", "Service unavailable"},
    {errc::internal, 500, "internal", "Internal error"},
};

const problem_kind& kind_of(errc code) {
  for (const auto& k : kinds)
    if (k.code == code) return k;
  return kinds[sizeof kinds / sizeof kinds[0] - 1];
}

}  // namespace

int status_of(errc code) { return kind_of(code).status; }

response problem_response(const core::error& e) {
  const problem_kind& k = kind_of(e.code());
  boost::json::object body{{"type", std::string("urn:satdan:problem:") + k.slug},
                           {"title", k.title},
                           {"status", k.status},
                           {"detail", e.public_message()}};
  if (!e.fields().empty()) {
    boost::json::array errors;
    for (const auto& f : e.fields()) errors.push_back({{"field", f.field}, {"reason", f.reason}});
    body["errors"] = std::move(errors);
  }
  if (!e.dependents().empty()) {
    boost::json::array deps;
    for (const auto& d : e.dependents()) deps.push_back({{"kind", d.kind}, {"count", d.count}});
    body["dependents"] = std::move(deps);
  }
  response res;
  res.status = k.status;
  res.content_type = "application/problem+json";
  res.body = boost::json::serialize(body);
  if (e.code() == core::errc::unauthenticated) res.set_header("WWW-Authenticate", "Bearer realm=\"satdan\"");
  if (e.retry_after()) res.set_header("Retry-After", std::to_string(std::max<long long>(1, e.retry_after()->count())));
  return res;
}

}  // namespace satdan::http
