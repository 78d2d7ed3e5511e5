// The directory screens (/danh-muc): units as a tree, cells, members with their responsibilities and
// unavailability. Who may open them follows the API: the office reads, the secretariat and admins change.
#include "pages/directory_kit.hpp"
#include "pages/pages.hpp"

namespace satdan::pages {

namespace {

const http::access readers{.roles = {"admin", "secretariat", "staff"}};
const http::access changers{.roles = {"admin", "secretariat"}};

}  // namespace

std::vector<http::route_access> directory_access() {
  std::vector<http::route_access> t = {
      {"GET", "/danh-muc", readers},
      {"GET", "/danh-muc/don-vi/{id}", readers},
      {"GET", "/danh-muc/chi-bo/{id}", readers},
      {"GET", "/danh-muc/thanh-vien", readers},
      {"GET", "/danh-muc/thanh-vien/{id}", readers},
      {"POST", "/danh-muc/thanh-vien/{id}/phu-trach", changers},
      {"POST", "/danh-muc/thanh-vien/{id}/phu-trach/{item}/xoa", changers},
      {"POST", "/danh-muc/thanh-vien/{id}/vang-mat", changers},
      {"POST", "/danh-muc/thanh-vien/{id}/vang-mat/{item}/xoa", changers},
  };
  // Each form is a page (GET) and its post (POST), both for those who may change the directory.
  for (const char* form : {"/danh-muc/them-don-vi", "/danh-muc/don-vi/{id}/sua", "/danh-muc/don-vi/{id}/xoa",
                           "/danh-muc/don-vi/{id}/them-don-vi", "/danh-muc/don-vi/{id}/them-chi-bo",
                           "/danh-muc/chi-bo/{id}/sua", "/danh-muc/chi-bo/{id}/xoa", "/danh-muc/thanh-vien/them",
                           "/danh-muc/thanh-vien/{id}/sua", "/danh-muc/thanh-vien/{id}/xoa"}) {
    t.push_back({"GET", form, changers});
    t.push_back({"POST", form, changers});
  }
  return t;
}

void add_directory_pages(http::router& r, api::app_context& app) {
  directory::add_unit_pages(r, app);
  directory::add_cell_pages(r, app);
  directory::add_member_pages(r, app);
}

}  // namespace satdan::pages
