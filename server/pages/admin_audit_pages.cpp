// GET /quan-tri/nhat-ky (admins): the audit log newest first, filtered by who (account), what (action and
// kind of record) and local dates, a page at a time with links to newer and older pages that keep the filters.
#include <algorithm>
#include <cctype>
#include <map>

#include <boost/json/serialize.hpp>

#include "calendar/recurrence.hpp"
#include "core/local_date.hpp"
#include "core/utf8.hpp"
#include "pages/admin_pages.hpp"
#include "pages/pages.hpp"
#include "pages/vi_format.hpp"

namespace satdan::pages {

namespace {

constexpr int page_size = 50;

const std::vector<std::string> known_actions = {"create", "update", "delete", "login", "logout", "password_change",
                                                "password_reset", "import_busy_times", "remove_busy_times",
                                                "issue_feed_token", "revoke_feed_token", "update_feed_settings",
                                                "apply", "attendance", "note", "transition"};
const std::vector<std::string> known_entities = {"account", "member", "unit", "cell", "responsibility", "unavailability",
                                                 "session", "series", "proposal", "grievance", "grievance_settings"};

// The catalogue's word for a known action or entity; the stored name itself otherwise.
std::string word_for(const std::string& prefix, const std::string& name) {
  if (auto w = assets().words().find("admin." + prefix + "_" + name)) return *w;
  return name;
}

bool is_listed(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

std::optional<domain::id_t> read_id(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(text);
}

// "%XX" for anything but unreserved characters, for the page links.
std::string query_escape(const std::string& s) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// A stored value as a short text: yes/no and roles in words, strings as they are, anything else as JSON,
// long ones cut.
std::string short_value(std::string_view field, const boost::json::value* v) {
  if (!v || v->is_null()) return "—";
  if (v->is_bool()) return assets().words().get(v->as_bool() ? "admin.yes" : "admin.no");
  if (field == "role" && v->is_string())
    if (auto role = assets().words().find("roles." + std::string(v->as_string()))) return *role;
  std::string text = v->is_string() ? std::string(v->as_string()) : boost::json::serialize(*v);
  if (core::utf8_length(text) <= 60) return text;
  std::size_t chars = 0, cut = 0;
  for (; cut < text.size(); ++cut)
    if ((static_cast<unsigned char>(text[cut]) & 0xC0) != 0x80 && ++chars > 60) break;
  return text.substr(0, cut) + "…";
}

// {"role": {"old": "staff", "new": "admin"}} → "vai trò: Cán bộ văn phòng → Quản trị hệ thống"; a creation
// shows only the new values. Fields without a word in the catalogue keep their stored name.
std::string describe_changes(const boost::json::object& changes) {
  std::string out;
  for (const auto& [field, change] : changes) {
    const auto* c = change.if_object();
    if (!c) continue;
    const boost::json::value* before = c->if_contains("old");
    const boost::json::value* after = c->if_contains("new");
    std::string part = word_for("field", std::string(field)) + ": ";
    if (before && after) part += short_value(field, before) + " → " + short_value(field, after);
    else part += short_value(field, after ? after : before);
    out += (out.empty() ? "" : "; ") + part;
  }
  return out;
}

view options(const std::vector<std::pair<std::string, std::string>>& values, const std::string& chosen) {
  view list{view::type::list};
  for (const auto& [value, label] : values) {
    view o;
    o.set("value", value);
    o.set("label", label);
    if (value == chosen) o.set("selected", true);
    list.push_back(o);
  }
  return list;
}

http::response audit_page(api::app_context& app, const http::request& req) {
  const auto& words = assets().words();
  const std::string& zone = app.config.timezone;
  std::string who = query_value(req, "ai"), action = query_value(req, "viec"), entity = query_value(req, "doi-tuong");
  std::string from_text = query_value(req, "tu-ngay"), to_text = query_value(req, "den-ngay");
  store::audit_filter f;
  field_messages errors;
  if (auto id = read_id(who)) f.account_id = *id;
  else who.clear();
  if (is_listed(known_actions, action)) f.action = action;
  else action.clear();
  if (is_listed(known_entities, entity)) f.entity = entity;
  else entity.clear();
  std::optional<std::chrono::year_month_day> from_day, to_day;
  if (!from_text.empty() && !(from_day = core::parse_date(from_text))) errors.emplace_back("tu-ngay", words.get("admin.filter_date_invalid"));
  if (!to_text.empty() && !(to_day = core::parse_date(to_text))) errors.emplace_back("den-ngay", words.get("admin.filter_date_invalid"));
  if (from_day && to_day && *to_day < *from_day) errors.emplace_back("den-ngay", words.get("admin.filter_order"));
  if (errors.empty()) {
    if (from_day) f.from = calendar::to_utc(*from_day, {0, 0}, zone);
    if (to_day) f.to = calendar::to_utc(std::chrono::sys_days{*to_day} + std::chrono::days{1}, {0, 0}, zone);
  }

  auto accounts = all_accounts(app);
  std::map<domain::id_t, std::string> usernames;
  std::vector<std::pair<std::string, std::string>> account_choices = {{"", words.get("admin.filter_any")}};
  for (const auto& a : accounts) {
    usernames[a.id] = a.username;
    account_choices.emplace_back(std::to_string(a.id), a.username);
  }
  std::vector<std::pair<std::string, std::string>> action_choices = {{"", words.get("admin.filter_any")}};
  for (const auto& a : known_actions) action_choices.emplace_back(a, word_for("action", a));
  std::vector<std::pair<std::string, std::string>> entity_choices = {{"", words.get("admin.filter_any")}};
  for (const auto& e : known_entities) entity_choices.emplace_back(e, word_for("entity", e));

  view page;
  page.set("accounts", options(account_choices, who));
  page.set("actions", options(action_choices, action));
  page.set("entities", options(entity_choices, entity));
  page.set("from_value", from_text);
  page.set("to_value", to_text);
  for (const auto& [field, message] : errors) page.set(field == "tu-ngay" ? "from_error" : "to_error", message);
  put_errors(page, errors);

  int status = errors.empty() ? 200 : 422;
  if (errors.empty()) {
    auto w = app.audit.newest(f, read_id(query_value(req, "truoc")), read_id(query_value(req, "sau")), page_size);
    view rows{view::type::list};
    for (const auto& e : w.items) {
      auto local = calendar::to_local(e.at, zone);
      view row;
      row.set("iso", core::format_utc(e.at));
      row.set("at", format_vi_date(local.date, words) + " " + format_vi_time(local.time.hour, local.time.minute));
      if (e.account_id) row.set("who", usernames.contains(*e.account_id) ? usernames[*e.account_id] : "#" + std::to_string(*e.account_id));
      else row.set("who", words.get("admin.filter_system"));
      row.set("action", word_for("action", e.action));
      row.set("entity", word_for("entity", e.entity) + (e.entity_id ? " #" + std::to_string(*e.entity_id) : ""));
      row.set("changes", describe_changes(e.changes));
      rows.push_back(row);
    }
    page.set("entries", rows);
    page.set("has_entries", !w.items.empty());
    std::string base = "/quan-tri/nhat-ky?ai=" + query_escape(who) + "&viec=" + query_escape(action) + "&doi-tuong=" +
                       query_escape(entity) + "&tu-ngay=" + query_escape(from_text) + "&den-ngay=" + query_escape(to_text);
    if (w.newer && !w.items.empty()) page.set("newer_href", base + "&sau=" + std::to_string(w.items.front().id));
    if (w.older && !w.items.empty()) page.set("older_href", base + "&truoc=" + std::to_string(w.items.back().id));
    page.set("has_pages", (w.newer || w.older) && !w.items.empty());
  }
  return render_page(app, req, "admin_audit", words.get("admin.audit_title"), page, status);
}

}  // namespace

void add_audit_pages(http::router& r, api::app_context& app) {
  r.add_page("GET", "/quan-tri/nhat-ky", [&app](const http::request& req, const http::path_params&) { return audit_page(app, req); });
}

}  // namespace satdan::pages
