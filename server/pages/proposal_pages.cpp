// Placeholder for the proposal screens: no routes yet.
#include "pages/page_kit.hpp"
#include "pages/pages.hpp"

namespace satdan::pages {

std::vector<http::route_access> proposal_access() { return {}; }
void add_proposal_pages(http::router&, api::app_context&) {}

}  // namespace satdan::pages
