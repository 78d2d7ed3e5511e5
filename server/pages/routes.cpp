#include "pages/page_kit.hpp"
#include "pages/pages.hpp"

namespace satdan::pages {

namespace {

const http::access open{.open = true};
const http::access signed_in{.roles = {"admin", "secretariat", "staff", "member"}};

}  // namespace

std::vector<http::route_access> access_table() {
  std::vector<http::route_access> t = {
      {"GET", "/static/{name}", open},
      {"GET", "/dang-nhap", open},
      {"POST", "/dang-nhap", open},
      {"POST", "/dang-xuat", signed_in},
      {"GET", "/", signed_in},
      {"GET", "/doi-mat-khau", signed_in},
      {"POST", "/doi-mat-khau", signed_in},
  };
  for (auto area : {member_access, availability_access, admin_access, calendar_access, session_access,
                    proposal_access, series_access, directory_access})
    for (auto& entry : area()) t.push_back(std::move(entry));
  return t;
}

void add_page_routes(http::router& r, api::app_context& app) {
  r.set_page_support(page_support_for(app));
  add_static_routes(r);
  add_sign_in_pages(r, app);
  add_sign_out_pages(r, app);
  add_home_pages(r, app);
  add_change_password_pages(r, app);
  add_member_pages(r, app);
  add_availability_pages(r, app);
  add_admin_pages(r, app);
  add_calendar_pages(r, app);
  add_session_pages(r, app);
  add_proposal_pages(r, app);
  add_series_pages(r, app);
  add_directory_pages(r, app);
}

}  // namespace satdan::pages
