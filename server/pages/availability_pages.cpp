// Placeholder for the availability screens: no routes yet.
#include "pages/page_kit.hpp"
#include "pages/pages.hpp"

namespace satdan::pages {

std::vector<http::route_access> availability_access() { return {}; }
void add_availability_pages(http::router&, api::app_context&) {}

}  // namespace satdan::pages
