// Placeholder for the admin screens: no routes yet.
#include "pages/page_kit.hpp"
#include "pages/pages.hpp"

namespace satdan::pages {

std::vector<http::route_access> admin_access() { return {}; }
void add_admin_pages(http::router&, api::app_context&) {}

}  // namespace satdan::pages
