// /healthz (the process answers), /readyz (the database answers too) and the OpenAPI document.
#include "api/app.hpp"
#include "api/support.hpp"
#include "core/embedded.hpp"

namespace satdan::api {

void add_health_routes(http::router& r, app_context& app) {
  r.add("GET", "/healthz", [](const http::request&, const http::path_params&) {
    return json_response(200, boost::json::object{{"status", "ok"}});
  });
  r.add("GET", "/readyz", [&app](const http::request&, const http::path_params&) {
    if (!app.db->ping()) throw core::error(core::errc::unavailable, "The database is not reachable.");
    return json_response(200, boost::json::object{{"status", "ready"}});
  });
  r.add("GET", "/api/v1/openapi.json", [](const http::request&, const http::path_params&) {
    for (const auto& f : embedded::documents()) {
      if (f.path != "docs/openapi.json") continue;
      http::response res;
      res.content_type = "application/json";
      res.body = std::string(f.contents);
      return res;
    }
    throw core::error(core::errc::internal, "Internal error.", {}, "openapi.json is not embedded");
  });
}

}  // namespace satdan::api
