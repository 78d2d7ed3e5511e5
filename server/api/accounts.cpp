// /api/v1/accounts (admins): create accounts, change roles, reset passwords, deactivate. Accounts are
// never deleted, so the audit log always names who did what; deactivating revokes their tokens (and a member
// account's calendar feed).
#include "api/app.hpp"
#include "api/support.hpp"
#include "security/secrets.hpp"

namespace satdan::api {

namespace json = boost::json;

void add_account_routes(http::router& r, app_context& app) {
  auto& accounts = app.auth.accounts();
  r.add("GET", "/api/v1/accounts", [&accounts](const http::request& req, const http::path_params&) {
    query_reader q(req);
    store::account_filter f{.role = q.text("role"), .active = q.boolean("active")};
    auto p = read_page(q);
    q.finish();
    return page_response(accounts.list(f, p));
  });
  r.add("POST", "/api/v1/accounts", [&accounts](const http::request& req, const http::path_params&) {
    auto in = domain::account_from_json(read_json_body(req), true);
    auto created = accounts.create(in.value, security::hash_password(*in.password), actor_of(req));
    http::response out = json_response(201, domain::to_json(created));
    out.set_header("Location", "/api/v1/accounts/" + std::to_string(created.id));
    return out;
  });
  r.add("GET", "/api/v1/accounts/{id}", [&accounts](const http::request&, const http::path_params& params) {
    return json_response(200, domain::to_json(accounts.get(path_id(params))));
  });
  r.add("PATCH", "/api/v1/accounts/{id}", [&accounts](const http::request& req, const http::path_params& params) {
    domain::id_t id = path_id(params);
    json::value patch = read_json_body(req, true);
    auto current = accounts.get(id);
    auto in = domain::account_from_json(merge_patch(domain::to_json(current), patch), false);
    in.value.id = id;
    if (id == req.who->account_id && (in.value.role != "admin" || !in.value.active))
      throw core::error(core::errc::conflict, "Admins cannot demote or deactivate themselves.",
                        {{in.value.active ? "role" : "active", "would lock you out"}});
    std::optional<std::string> hash;
    if (in.password) hash = security::hash_password(*in.password);
    return json_response(200, domain::to_json(accounts.update(in.value, hash, actor_of(req))));
  });
}

}  // namespace satdan::api
