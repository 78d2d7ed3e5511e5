// Administration (admins only): /quan-tri/tai-khoan lists the accounts and creates one with the API's own
// rules (domain::account_from_json, the accounts store), deactivates and reactivates, and resets a
// password to a generated one shown once (asked first at ?dat-lai={id}); /quan-tri/nhat-ky is in admin_audit_pages.cpp.
#include <map>
#include <set>

#include <boost/json/object.hpp>

#include "calendar/recurrence.hpp"
#include "core/error.hpp"
#include "core/json_reader.hpp"
#include "core/utf8.hpp"
#include "core/vi_text.hpp"
#include "pages/admin_pages.hpp"
#include "pages/page_kit.hpp"
#include "pages/pages.hpp"
#include "pages/vi_format.hpp"
#include "security/secrets.hpp"

namespace satdan::pages {

namespace {

using core::errc;

store::actor actor_for(const http::request& req) { return {req.who->account_id, req.who->role}; }

domain::id_t id_from(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    throw core::error(errc::not_found, "No such account.");
  return std::stoll(text);
}

domain::id_t id_in_path(const http::path_params& params) { return id_from(params.get("id")); }

std::vector<domain::member> all_members(api::app_context& app) {
  std::vector<domain::member> out;
  store::page_request p{.limit = 500};
  while (true) {
    auto page = app.directory.list_members({}, p);
    for (auto& m : page.items) out.push_back(std::move(m));
    if (!page.next_after) return out;
    p.after = *page.next_after;
  }
}

struct create_form {
  std::string username, display_name, role, member_id, password;
};

// A create field's refusal (the decoder's or the store's reason) in Vietnamese.
std::string create_message(const core::field_error& f) {
  const auto& words = assets().words();
  const std::string& r = f.reason;
  if (f.field == "username") {
    if (r == "is required") return words.get("admin.username_missing");
    if (r.find("already") != std::string::npos) return words.get("admin.username_taken");
    return words.get("admin.username_invalid");
  }
  if (f.field == "display_name") return words.get("admin.display_name_invalid");
  if (f.field == "role") return words.get("admin.role_invalid");
  if (f.field == "member_id") {
    if (r == "is required for a member account") return words.get("admin.member_required");
    if (r == "is only for member accounts") return words.get("admin.member_only");
    if (r.find("already") != std::string::npos) return words.get("admin.member_taken");
    return words.get("admin.member_invalid");
  }
  if (f.field == "password") {
    if (r == "is required") return words.get("admin.password_missing");
    if (r.find("at most") != std::string::npos)
      return words.format("admin.password_long", {{"max", std::to_string(security::max_password_bytes)}});
    return words.format("admin.password_short", {{"min", std::to_string(security::min_password_chars)}});
  }
  return words.get("admin.username_invalid");
}

http::response accounts_page(api::app_context& app, const http::request& req, const create_form& typed,
                             const field_messages& errors, int status) {
  const auto& words = assets().words();
  auto accounts = all_accounts(app);
  auto members = all_members(app);
  std::map<domain::id_t, std::string> member_names;
  for (const auto& m : members) member_names[m.id] = m.full_name;
  auto last = app.audit.last_by_account("login");
  std::set<domain::id_t> linked;
  view rows{view::type::list};
  for (const auto& a : accounts) {
    if (a.member_id) linked.insert(*a.member_id);
    view row;
    row.set("id", std::to_string(a.id));
    row.set("username", a.username);
    row.set("display_name", a.display_name.value_or(""));
    row.set("role", words.get("roles." + a.role));
    if (a.member_id && member_names.contains(*a.member_id)) row.set("member", member_names[*a.member_id]);
    row.set("active", a.active);
    row.set("self", a.id == req.who->account_id);
    if (auto at = last.find(a.id); at != last.end()) {
      auto local = calendar::to_local(at->second, app.config.timezone);
      row.set("last_iso", core::format_utc(at->second));
      row.set("last_sign_in", format_vi_date(local.date, words) + " " + format_vi_time(local.time.hour, local.time.minute));
    }
    row.set("deactivate_label", words.format("admin.deactivate_label", {{"username", a.username}}));
    row.set("reactivate_label", words.format("admin.reactivate_label", {{"username", a.username}}));
    row.set("reset_label", words.format("admin.reset_label", {{"username", a.username}}));
    rows.push_back(row);
  }
  std::vector<domain::member> free;
  for (const auto& m : members)
    if (!linked.contains(m.id) && m.active) free.push_back(m);
  core::sort_vi(free, [](const domain::member& m) { return m.full_name; });
  view member_options{view::type::list};
  for (const auto& m : free) {
    view o;
    o.set("value", std::to_string(m.id));
    o.set("label", m.full_name);
    if (typed.member_id == std::to_string(m.id)) o.set("selected", true);
    member_options.push_back(o);
  }
  view role_options{view::type::list};
  for (const auto& role : domain::account_roles()) {
    view o;
    o.set("value", role);
    o.set("label", words.get("roles." + role));
    if (typed.role == role) o.set("selected", true);
    role_options.push_back(o);
  }
  view page;
  page.set("accounts", rows);
  page.set("members", member_options);
  page.set("roles", role_options);
  page.set("username_value", typed.username);
  page.set("display_name_value", typed.display_name);
  page.set("password_hint", words.format("admin.password_hint", {{"min", std::to_string(security::min_password_chars)}}));
  for (const auto& [field, message] : errors) page.set(field + "_error", message);
  put_errors(page, errors);
  // "?dat-lai={id}": ask before resetting that account's password.
  if (std::string asked = query_value(req, "dat-lai"); !asked.empty()) {
    auto account = app.auth.accounts().get(id_from(asked));
    view confirm;
    confirm.set("id", std::to_string(account.id));
    confirm.set("question", words.format("admin.reset_question", {{"username", account.username}}));
    page.set("confirm", confirm);
  }
  put_admin_notice(page, req);
  return render_page(app, req, "admin_accounts", words.get("admin.accounts_title"), page, status);
}

// Deactivates or reactivates through the store's update, as PATCH /api/v1/accounts/{id} does; an admin
// cannot deactivate themselves (the API refuses it too).
http::response set_active(api::app_context& app, const http::request& req, domain::id_t id, bool active) {
  auto account = app.auth.accounts().get(id);
  if (!active && id == req.who->account_id) return see_other(with_notice("/quan-tri/tai-khoan", "tu-ngung"));
  account.active = active;
  app.auth.accounts().update(account, std::nullopt, actor_for(req));
  return see_other(with_notice("/quan-tri/tai-khoan", active ? "da-kich-hoat" : "da-ngung"));
}

}  // namespace

std::vector<domain::account> all_accounts(api::app_context& app) {
  std::vector<domain::account> out;
  store::page_request p{.limit = 500};
  while (true) {
    auto page = app.auth.accounts().list({}, p);
    for (auto& a : page.items) out.push_back(std::move(a));
    if (!page.next_after) return out;
    p.after = *page.next_after;
  }
}

void put_admin_notice(view& page, const http::request& req) {
  std::string name = query_value(req, "thong-bao");
  if (name.empty() || name.size() > 32 || name.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") != std::string::npos) return;
  for (char& c : name)
    if (c == '-') c = '_';
  if (auto text = assets().words().find("admin.notice_" + name)) page.set("flash", *text);
}

std::vector<http::route_access> admin_access() {
  const http::access admins{.roles = {"admin"}};
  return {{"GET", "/quan-tri/tai-khoan", admins},
          {"POST", "/quan-tri/tai-khoan", admins},
          {"POST", "/quan-tri/tai-khoan/{id}/ngung", admins},
          {"POST", "/quan-tri/tai-khoan/{id}/kich-hoat", admins},
          {"POST", "/quan-tri/tai-khoan/{id}/mat-khau", admins},
          {"GET", "/quan-tri/nhat-ky", admins}};
}

void add_admin_pages(http::router& r, api::app_context& app) {
  r.add_page("GET", "/quan-tri/tai-khoan", [&app](const http::request& req, const http::path_params&) {
    return accounts_page(app, req, {}, {}, 200);
  });

  r.add_page("POST", "/quan-tri/tai-khoan", [&app](const http::request& req, const http::path_params&) {
    auto form = read_form(req);
    create_form typed{core::trim(form_field(form, "username")), core::trim(form_field(form, "display_name")),
                      form_field(form, "role"), form_field(form, "member_id"), form_field(form, "password")};
    // The same body the API reads, so the same decoder and store decide.
    boost::json::object body{{"username", typed.username}, {"role", typed.role}, {"password", typed.password}};
    if (!typed.display_name.empty()) body["display_name"] = typed.display_name;
    if (!typed.member_id.empty()) {
      if (typed.member_id.size() > 18 || typed.member_id.find_first_not_of("0123456789") != std::string::npos)
        return accounts_page(app, req, typed, {{"member_id", assets().words().get("admin.member_invalid")}}, 422);
      body["member_id"] = std::stoll(typed.member_id);
    }
    if (typed.username.empty()) body.erase("username");
    if (typed.role.empty()) body.erase("role");
    if (typed.password.empty()) body.erase("password");
    try {
      auto in = domain::account_from_json(body, true);
      app.auth.accounts().create(in.value, security::hash_password(*in.password), actor_for(req));
    } catch (const core::error& e) {
      if (e.code() != errc::invalid_input && e.code() != errc::conflict) throw;
      field_messages errors;
      for (const auto& f : e.fields()) {
        bool seen = false;
        for (const auto& [k, v] : errors) seen = seen || k == f.field;
        if (!seen) errors.emplace_back(f.field, create_message(f));
      }
      if (errors.empty()) errors.emplace_back("username", create_message({"username", "is already used"}));
      typed.password.clear();  // a password is never sent back
      return accounts_page(app, req, typed, errors, 422);
    }
    return see_other(with_notice("/quan-tri/tai-khoan", "da-tao"));
  });

  r.add_page("POST", "/quan-tri/tai-khoan/{id}/ngung", [&app](const http::request& req, const http::path_params& params) {
    return set_active(app, req, id_in_path(params), false);
  });
  r.add_page("POST", "/quan-tri/tai-khoan/{id}/kich-hoat", [&app](const http::request& req, const http::path_params& params) {
    return set_active(app, req, id_in_path(params), true);
  });

  // The new password is generated (security::random_password: 16 random characters), never typed: it is
  // shown once in this answer, which no cache keeps (render_page sends no-store).
  r.add_page("POST", "/quan-tri/tai-khoan/{id}/mat-khau", [&app](const http::request& req, const http::path_params& params) {
    const auto& words = assets().words();
    auto account = app.auth.accounts().get(id_in_path(params));
    std::string password = security::random_password();
    app.auth.accounts().update(account, security::hash_password(password), actor_for(req));
    view page;
    page.set("done", words.format("admin.reset_done", {{"username", account.username}}));
    page.set("password", password);
    return render_page(app, req, "admin_reset_done", words.get("admin.reset_done_title"), page);
  });

  add_audit_pages(r, app);
}

}  // namespace satdan::pages
