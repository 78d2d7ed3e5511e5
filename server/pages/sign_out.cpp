// POST /dang-xuat: ends the session's token and clears the cookie.
#include "pages/page_kit.hpp"
#include "pages/pages.hpp"

namespace satdan::pages {

void add_sign_out_pages(http::router& r, api::app_context& app) {
  r.add_page("POST", "/dang-xuat", [&app](const http::request& req, const http::path_params&) {
    app.auth.logout(req.who->token, req.who->account_id);
    auto res = see_other("/dang-nhap");
    res.set_header("Set-Cookie", cookie_header(app.config, session_cookie, "", 0));
    return res;
  });
}

}  // namespace satdan::pages
