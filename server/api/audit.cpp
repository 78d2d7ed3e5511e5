// /api/v1/audit (admins): who changed what and when, filterable by entity, account and period.
#include "api/app.hpp"
#include "api/support.hpp"
#include "domain/audit.hpp"

namespace satdan::api {

void add_audit_routes(http::router& r, app_context& app) {
  r.add("GET", "/api/v1/audit", [&app](const http::request& req, const http::path_params&) {
    query_reader q(req);
    store::audit_filter f{.entity = q.text("entity"),
                          .entity_id = q.id("entity_id"),
                          .account_id = q.id("account_id"),
                          .from = q.time("from"),
                          .to = q.time("to")};
    auto p = read_page(q);
    q.finish();
    return page_response(app.audit.list(f, p));
  });
}

}  // namespace satdan::api
