// Placeholder for the session screens: no routes yet.
#include "pages/page_kit.hpp"
#include "pages/pages.hpp"

namespace satdan::pages {

std::vector<http::route_access> session_access() { return {}; }
void add_session_pages(http::router&, api::app_context&) {}

}  // namespace satdan::pages
