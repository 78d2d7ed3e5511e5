// Placeholder for the directory screens: no routes yet.
#include "pages/page_kit.hpp"
#include "pages/pages.hpp"

namespace satdan::pages {

std::vector<http::route_access> directory_access() { return {}; }
void add_directory_pages(http::router&, api::app_context&) {}

}  // namespace satdan::pages
