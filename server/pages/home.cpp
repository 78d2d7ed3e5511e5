// GET /: the home page. Each kind of user lands on what they come for: a member on their schedule, the
// secretariat and admins on this week's and next week's plan, staff (for now) on a welcome naming their role.
#include "pages/page_kit.hpp"
#include "pages/pages.hpp"

namespace satdan::pages {

http::response welcome_page(api::app_context& app, const http::request& req) {
  const auto& words = assets().words();
  view page;
  page.set("welcome", words.format("home.welcome", {{"name", name_of(app, *req.who)}}));
  page.set("role_line", words.format("home.role_line", {{"role", words.get("roles." + req.who->role)}}));
  return render_page(app, req, "home", words.get("home.title"), page);
}

void add_home_pages(http::router& r, api::app_context& app) {
  r.add_page("GET", "/", [&app](const http::request& req, const http::path_params&) {
    const std::string& role = req.who->role;
    if (role == "member" && req.who->member_id) return member_home(app, req);
    if (role == "secretariat" || role == "admin") return planning_home(app, req);
    return welcome_page(app, req);
  });
}

}  // namespace satdan::pages
