// The admin area's pieces shared between its files.
#pragma once
#include <vector>

#include "api/app.hpp"
#include "http/router.hpp"
#include "pages/page_kit.hpp"

namespace satdan::pages {

// GET /quan-tri/nhat-ky: the audit log with its filters (admin_audit_pages.cpp).
void add_audit_pages(http::router& r, api::app_context& app);

// Every account, in id order (an administration has tens, not thousands).
std::vector<domain::account> all_accounts(api::app_context& app);

// The area's own notice after a redirect: "?thong-bao=da-tao" shows "admin.notice_da_tao".
void put_admin_notice(view& page, const http::request& req);

}  // namespace satdan::pages
