// The availability area's pieces shared between its files.
#pragma once
#include "api/app.hpp"
#include "http/router.hpp"
#include "pages/page_kit.hpp"

namespace satdan::pages {

// GET/POST /lich-ban and /lich-ban/{source}/xoa: busy times uploaded as .ics (availability_busy_pages.cpp).
void add_busy_time_pages(http::router& r, api::app_context& app);

// The area's own notice after a redirect: "?thong-bao=da-them" shows "availability.notice_da_them".
void put_own_notice(view& page, const http::request& req);

}  // namespace satdan::pages
