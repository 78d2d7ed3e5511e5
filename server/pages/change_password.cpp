// GET/POST /doi-mat-khau: change my password. The auth service checks it as the API does (the current
// password counts against the lockout; the new one follows the same rule); each problem shows beside its field.
#include "core/error.hpp"
#include "core/utf8.hpp"
#include "pages/page_kit.hpp"
#include "pages/pages.hpp"
#include "security/secrets.hpp"

namespace satdan::pages {

namespace {

http::response password_form(api::app_context& app, const http::request& req, const field_messages& errors,
                             const std::string& notice, int status) {
  const auto& words = assets().words();
  view page;
  page.set("new_hint", words.format("change_password.new_hint", {{"min", std::to_string(security::min_password_chars)}}));
  for (const auto& [field, message] : errors) {
    if (field == "current_password") page.set("current_error", message);
    if (field == "new_password") page.set("new_error", message);
    if (field == "confirm_password") page.set("confirm_error", message);
  }
  put_errors(page, errors);
  if (!notice.empty()) page.set("notice", notice);
  return render_page(app, req, "change_password", words.get("change_password.title"), page, status);
}

// Why the new password breaks the rule the API applies (domain::password_problem), in Vietnamese.
std::string new_password_message(const std::string& password) {
  const auto& words = assets().words();
  if (core::utf8_length(password) < security::min_password_chars)
    return words.format("change_password.new_too_short", {{"min", std::to_string(security::min_password_chars)}});
  return words.format("change_password.new_too_long", {{"max", std::to_string(security::max_password_bytes)}});
}

}  // namespace

void add_change_password_pages(http::router& r, api::app_context& app) {
  r.add_page("GET", "/doi-mat-khau", [&app](const http::request& req, const http::path_params&) {
    return password_form(app, req, {}, "", 200);
  });
  r.add_page("POST", "/doi-mat-khau", [&app](const http::request& req, const http::path_params&) {
    const auto& words = assets().words();
    auto form = read_form(req);
    std::string current = form_field(form, "current_password");
    std::string next = form_field(form, "new_password");
    std::string confirm = form_field(form, "confirm_password");
    field_messages errors;
    if (current.empty()) errors.emplace_back("current_password", words.get("change_password.current_missing"));
    if (!domain::password_problem(next).empty()) errors.emplace_back("new_password", new_password_message(next));
    if (confirm != next) errors.emplace_back("confirm_password", words.get("change_password.confirm_mismatch"));
    if (!errors.empty()) return password_form(app, req, errors, "", 422);
    try {
      auto account = app.auth.accounts().get(req.who->account_id);
      app.auth.change_password(account, req.who->token, current, next, req.remote);
    } catch (const core::error& e) {
      if (e.code() == core::errc::too_many_requests) {
        long long minutes = e.retry_after() ? (e.retry_after()->count() + 59) / 60 : 15;
        return password_form(app, req, {}, words.format("change_password.locked", {{"minutes", std::to_string(std::max(1LL, minutes))}}), 429);
      }
      if (e.code() != core::errc::invalid_input) throw;
      for (const auto& f : e.fields()) {
        if (f.field == "current_password") errors.emplace_back("current_password", words.get("change_password.current_wrong"));
        if (f.field == "new_password") errors.emplace_back("new_password", new_password_message(next));
      }
      return password_form(app, req, errors, "", 422);
    }
    return see_other("/?thong-bao=da-doi-mat-khau");
  });
}

}  // namespace satdan::pages
