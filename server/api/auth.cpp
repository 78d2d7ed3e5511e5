// /api/v1/auth: sign in (a bearer token), sign out, who am I, change my password.
#include "api/app.hpp"
#include "api/support.hpp"
#include "core/json_reader.hpp"

namespace satdan::api {

namespace json = boost::json;

void add_auth_routes(http::router& r, app_context& app) {
  r.add("POST", "/api/v1/auth/login", [&app](const http::request& req, const http::path_params&) {
    core::field_errors errors;
    json::value body = read_json_body(req);
    core::json_reader in(body, errors);
    auto username = in.text("username", true, {.max_chars = 64});
    auto password = in.text("password", true, {.max_chars = 1024, .single_line = false});
    in.reject_unknown();
    errors.throw_if_any();
    auto result = app.auth.login(*username, *password, req.remote);
    return json_response(200, json::object{{"token", result.token},
                                           {"token_type", "Bearer"},
                                           {"expires_at", core::format_utc(result.expires_at)},
                                           {"account", domain::to_json(result.account)}});
  });
  r.add("POST", "/api/v1/auth/logout", [&app](const http::request& req, const http::path_params&) {
    app.auth.logout(req.who->token, req.who->account_id);
    http::response out;
    out.status = 204;
    return out;
  });
  r.add("GET", "/api/v1/auth/me", [&app](const http::request& req, const http::path_params&) {
    return json_response(200, domain::to_json(app.auth.accounts().get(req.who->account_id)));
  });
  r.add("POST", "/api/v1/auth/password", [&app](const http::request& req, const http::path_params&) {
    core::field_errors errors;
    json::value body = read_json_body(req);
    core::json_reader in(body, errors);
    auto current = in.text("current_password", true, {.max_chars = 1024, .single_line = false});
    auto next = in.text("new_password", true, {.max_chars = 1024, .single_line = false});
    in.reject_unknown();
    errors.throw_if_any();
    auto account = app.auth.accounts().get(req.who->account_id);
    app.auth.change_password(account, req.who->token, *current, *next, req.remote);
    http::response out;
    out.status = 204;
    return out;
  });
}

}  // namespace satdan::api
