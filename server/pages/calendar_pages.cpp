// Placeholder for the calendar screens: no routes yet.
#include "pages/page_kit.hpp"
#include "pages/pages.hpp"

namespace satdan::pages {

std::vector<http::route_access> calendar_access() { return {}; }
void add_calendar_pages(http::router&, api::app_context&) {}

http::response planning_home(api::app_context& app, const http::request& req) { return welcome_page(app, req); }

}  // namespace satdan::pages
