// Placeholder for the series screens: no routes yet.
#include "pages/page_kit.hpp"
#include "pages/pages.hpp"

namespace satdan::pages {

std::vector<http::route_access> series_access() { return {}; }
void add_series_pages(http::router&, api::app_context&) {}

}  // namespace satdan::pages
