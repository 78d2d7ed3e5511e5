// What every page handler shares: reading a posted form, the session and anti-forgery cookies, rendering a
// template inside the layout with the catalogue, redirects and error pages. Handlers build only their data.
#pragma once
#include <kainjow/mustache.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/app.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "pages/web_assets.hpp"

namespace satdan::pages {

using view = kainjow::mustache::data;

// The signed-in session: the account's bearer token in an HttpOnly cookie.
inline constexpr std::string_view session_cookie = "satdan_session";
// Before sign-in: a random value in a cookie and the same value in the form (double submit).
inline constexpr std::string_view presign_cookie = "satdan_presign";

// application/x-www-form-urlencoded, decoded ('+' is a space); throws core::error(bad_request) for bytes
// that are not UTF-8.
http::header_list read_form(const http::request& req);
std::string form_field(const http::header_list& form, std::string_view name);

// A Set-Cookie value: HttpOnly, SameSite=Lax, Path=/, Secure when the public address is https.
std::string cookie_header(const core::config& c, std::string_view name, std::string_view value, long long max_age_seconds);
// The anti-forgery token of a session: a keyed digest of its token, so it needs no storage, dies with the
// session, and tells nothing of the token itself.
std::string form_token_for(std::string_view session_token);
// The anti-forgery token a posted form carries: its "csrf" field, from an urlencoded body or from a
// multipart/form-data one (a text part, never a file); "" when absent. A body that cannot be read is
// core::error(bad_request).
std::string sent_form_token(const http::request& req);

// (field id, message) pairs for the error summary; each links to its field.
using field_messages = std::vector<std::pair<std::string, std::string>>;
void put_errors(view& page, const field_messages& errors);

// The template `name` inside the layout, with the catalogue as `t`, the committee, the user (when signed
// in) and the asset addresses. Sets the page headers: HTML, the pages' Content-Security-Policy, no-store.
http::response render_page(api::app_context& app, const http::request& req, std::string_view name,
                           const std::string& title, view page, int status = 200);
http::response see_other(std::string location);

// The name to greet a signed-in account by: its display name, else its member's name, else its username.
std::string name_of(api::app_context& app, const http::principal& who);

// A notice after a redirect: "?thong-bao=da-luu" shows the catalogue's "notices.da_luu" in the layout (as a
// status message). An unknown name shows nothing.
void put_notice(view& page, const http::request& req);  // sets "flash"
// The address to send a browser to after a successful post, with a notice to show there.
std::string with_notice(std::string path, std::string_view notice);

// The deployment's word for a unit level ("district" → "Huyện", "commune" → "Xã"): the settings'
// (--level-names) first, else the catalogue's "levels.<level>".
std::string level_name(api::app_context& app, std::string_view level);

// A query parameter's value ("" when absent); the first when repeated.
std::string query_value(const http::request& req, std::string_view name);

// The welcome page: a greeting and the user's role (staff's home until their desk exists).
http::response welcome_page(api::app_context& app, const http::request& req);

// The router's hooks for pages: the session cookie, the form check and error pages.
http::page_support page_support_for(api::app_context& app);

}  // namespace satdan::pages
