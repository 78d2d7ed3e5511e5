// The member area's own pieces shared between its files: the calendar subscription page.
#pragma once
#include <vector>

#include "api/app.hpp"
#include "http/router.hpp"

namespace satdan::pages {

// GET /dang-ky-lich and its forms: the private feed's address, reminders, rotating and revoking.
std::vector<http::route_access> subscribe_access();
void add_subscribe_pages(http::router& r, api::app_context& app);

}  // namespace satdan::pages
