// GET/POST /dang-nhap: the sign-in form. The same auth service as the API signs in, so the throttles and the
// lockout are the API's; success sets the session cookie and goes home (303).
#include "core/error.hpp"
#include "pages/page_kit.hpp"
#include "pages/pages.hpp"
#include "security/secrets.hpp"

namespace satdan::pages {

namespace {

constexpr long long presign_seconds = 2 * 60 * 60;

// The form, with the username kept and the password never sent back.
http::response sign_in_form(api::app_context& app, const http::request& req, const std::string& username,
                            const field_messages& errors, const std::string& notice, int status) {
  std::string token(http::cookie_value(req, presign_cookie));
  const bool fresh = token.size() != 43;
  if (fresh) token = security::new_token();
  const auto& words = assets().words();
  view page;
  page.set("form_token", token);
  page.set("username", username);
  for (const auto& [field, message] : errors) page.set(field + "_error", message);
  put_errors(page, errors);
  if (!notice.empty()) page.set("notice", notice);
  auto res = render_page(app, req, "sign_in", words.get("sign_in.title"), page, status);
  if (fresh) res.set_header("Set-Cookie", cookie_header(app.config, presign_cookie, token, presign_seconds));
  return res;
}

}  // namespace

void add_sign_in_pages(http::router& r, api::app_context& app) {
  r.add_page("GET", "/dang-nhap", [&app](const http::request& req, const http::path_params&) {
    if (req.who) return see_other("/");
    return sign_in_form(app, req, "", {}, "", 200);
  });
  r.add_page("POST", "/dang-nhap", [&app](const http::request& req, const http::path_params&) {
    const auto& words = assets().words();
    auto form = read_form(req);
    std::string username = form_field(form, "username");
    std::string password = form_field(form, "password");
    field_messages errors;
    if (username.empty()) errors.emplace_back("username", words.get("sign_in.username_missing"));
    if (password.empty()) errors.emplace_back("password", words.get("sign_in.password_missing"));
    if (!errors.empty()) return sign_in_form(app, req, username, errors, "", 422);
    try {
      auto result = app.auth.login(username, password, req.remote);
      auto res = see_other("/");
      auto seconds = std::chrono::duration_cast<std::chrono::seconds>(result.expires_at - core::now()).count();
      res.set_header("Set-Cookie", cookie_header(app.config, session_cookie, result.token, std::max<long long>(1, seconds)));
      res.set_header("Set-Cookie", cookie_header(app.config, presign_cookie, "", 0));
      return res;
    } catch (const core::error& e) {
      if (e.code() == core::errc::unauthenticated)
        return sign_in_form(app, req, username, {{"username", words.get("sign_in.wrong")}}, "", 422);
      if (e.code() != core::errc::too_many_requests) throw;
      long long minutes = e.retry_after() ? (e.retry_after()->count() + 59) / 60 : 15;
      auto res = sign_in_form(app, req, username, {}, words.format("sign_in.locked", {{"minutes", std::to_string(std::max(1LL, minutes))}}), 429);
      if (e.retry_after()) res.set_header("Retry-After", std::to_string(std::max<long long>(1, e.retry_after()->count())));
      return res;
    }
  });
}

}  // namespace satdan::pages
