#include "pages/page_kit.hpp"
#include "pages/pages.hpp"

namespace satdan::pages {

namespace {

const http::access open{.open = true};
const http::access signed_in{.roles = {"admin", "secretariat", "staff", "member"}};

}  // namespace

std::vector<http::route_access> access_table() {
  return {
      {"GET", "/static/{name}", open},
      {"GET", "/dang-nhap", open},
      {"POST", "/dang-nhap", open},
      {"POST", "/dang-xuat", signed_in},
      {"GET", "/", signed_in},
      {"GET", "/doi-mat-khau", signed_in},
      {"POST", "/doi-mat-khau", signed_in},
  };
}

void add_page_routes(http::router& r, api::app_context& app) {
  r.set_page_support(page_support_for(app));
  add_static_routes(r);
  add_sign_in_pages(r, app);
  add_sign_out_pages(r, app);
  add_home_pages(r, app);
  add_change_password_pages(r, app);
}

}  // namespace satdan::pages
