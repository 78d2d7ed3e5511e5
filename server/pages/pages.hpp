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

// The screens, one area per file (or a few files) each with its own routes and its part of the access table.
// The member's own pages, phone first: schedule, attendance, calendar subscription.
std::vector<http::route_access> member_access();
void add_member_pages(http::router& r, api::app_context& app);
// A member's availability: unavailability (leave, trips) and busy times uploaded as .ics.
std::vector<http::route_access> availability_access();
void add_availability_pages(http::router& r, api::app_context& app);
// Administration: accounts and the audit log.
std::vector<http::route_access> admin_access();
void add_admin_pages(http::router& r, api::app_context& app);
// The calendar of sessions (month, week, list) with its filters.
std::vector<http::route_access> calendar_access();
void add_calendar_pages(http::router& r, api::app_context& app);
// A session's page: seats, candidates, hand assignment, moving and cancelling, history.
std::vector<http::route_access> session_access();
void add_session_pages(http::router& r, api::app_context& app);
// Proposals: the solver run as a job with progress, its review, and apply.
std::vector<http::route_access> proposal_access();
void add_proposal_pages(http::router& r, api::app_context& app);
// A cell's monthly series: the rule in words, the preview, the split.
std::vector<http::route_access> series_access();
void add_series_pages(http::router& r, api::app_context& app);
// The directory: units as a tree, cells, members.
std::vector<http::route_access> directory_access();
void add_directory_pages(http::router& r, api::app_context& app);

// The home page's body for each kind of user ("/" renders one of these).
http::response member_home(api::app_context& app, const http::request& req);
http::response planning_home(api::app_context& app, const http::request& req);

}  // namespace satdan::pages
