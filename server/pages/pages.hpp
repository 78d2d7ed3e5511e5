// The web application's routes: one handler file per screen, registered by add_page_routes.
#pragma once
#include <vector>

#include "api/app.hpp"
#include "http/router.hpp"

namespace satdan::pages {

// Who may open each page: the pages' own table, beside the API's (api/access.cpp). A page that is not
// signed in for sends the browser to the sign-in form rather than answering 401.
std::vector<http::route_access> access_table();

void add_page_routes(http::router& r, api::app_context& app);

void add_static_routes(http::router& r);
void add_sign_in_pages(http::router& r, api::app_context& app);
void add_sign_out_pages(http::router& r, api::app_context& app);
void add_home_pages(http::router& r, api::app_context& app);
void add_change_password_pages(http::router& r, api::app_context& app);

}  // namespace satdan::pages
