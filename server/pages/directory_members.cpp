// Members: the list with a search typed with or without marks and filters by unit and level, in Vietnamese
// order; a member's page with their responsibilities, unavailability and account link; and the forms to add,
// change and delete a member. Values go through the API's decoders and store, so the rules are the API's.
#include <algorithm>
#include <cstdio>

#include "api/support.hpp"
#include "calendar/recurrence.hpp"
#include "core/local_date.hpp"
#include "core/vi_text.hpp"
#include "domain/directory.hpp"
#include "pages/directory_kit.hpp"
#include "pages/vi_format.hpp"
#include "services/directory_overview.hpp"

namespace satdan::pages::directory {

namespace json = boost::json;
using domain::id_t;

namespace {

std::string member_href(id_t id) { return "/danh-muc/thanh-vien/" + std::to_string(id); }
std::string unit_href(id_t id) { return "/danh-muc/don-vi/" + std::to_string(id); }
std::string cell_href(id_t id) { return "/danh-muc/chi-bo/" + std::to_string(id); }

std::string unit_label(api::app_context& app, const domain::unit& u) {
  return word("unit_heading", {{"kind", kind_word(app, u.kind)}, {"name", u.name}});
}

// Units in the tree's order (each followed by its children), for choosing one in a list.
void tree_order(const std::vector<services::unit_node>& nodes, std::vector<const services::unit_node*>& out) {
  for (const auto& n : nodes) {
    out.push_back(&n);
    tree_order(n.children, out);
  }
}

view unit_options(api::app_context& app, const std::vector<services::unit_node>& tree, std::optional<id_t> selected,
                  bool only_with_children) {
  std::vector<const services::unit_node*> ordered;
  tree_order(tree, ordered);
  view list{view::type::list};
  for (const auto* n : ordered) {
    if (only_with_children && n->children.empty() && selected != n->unit.id) continue;
    view item;
    item.set("value", std::to_string(n->unit.id));
    item.set("label", unit_label(app, n->unit));
    if (selected == n->unit.id) item.set("selected", true);
    list.push_back(item);
  }
  return list;
}

view level_options(api::app_context& app, const std::string& selected) {
  view list{view::type::list};
  for (const auto& level : domain::member_levels()) {
    view item;
    item.set("value", level);
    item.set("label", level_name(app, level));
    if (level == selected) item.set("selected", true);
    list.push_back(item);
  }
  return list;
}

std::optional<id_t> positive_id(const std::string& text) {
  if (text.empty() || text.size() > 15 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  id_t n = std::stoll(text);
  return n > 0 ? std::optional<id_t>(n) : std::nullopt;
}

// ---- the list -------------------------------------------------------------------------------------------

http::response members_page(api::app_context& app, const http::request& req) {
  std::string text = query_value(req, "tim");
  std::optional<id_t> within = positive_id(query_value(req, "don-vi"));
  std::string level = query_value(req, "cap");
  if (std::find(domain::member_levels().begin(), domain::member_levels().end(), level) == domain::member_levels().end())
    level.clear();
  auto units = services::all_units(app.directory);
  auto tree = services::build_unit_tree(units, {}, {});
  std::map<id_t, const domain::unit*> by_id;
  for (const auto& u : units) by_id[u.id] = &u;
  if (within && !by_id.contains(*within)) within.reset();

  auto found = services::filter_members(
      services::all_members(app.directory, {.within = within, .level = level.empty() ? std::nullopt : std::optional(level)}),
      text);
  view page;
  put_notice(page, req);
  page.set("query", text);
  page.set("units", unit_options(app, tree, within, true));
  page.set("levels", level_options(app, level));
  page.set("filtered", !text.empty() || within || !level.empty());
  view list{view::type::list};
  for (const auto& m : found) {
    view item;
    item.set("href", member_href(m.id));
    item.set("name", m.full_name);
    item.set("level", level_name(app, m.level));
    if (auto u = by_id.find(m.home_unit_id); u != by_id.end()) item.set("unit", u->second->name);
    if (m.position) item.set("position", *m.position);
    item.set("inactive", !m.active);
    list.push_back(item);
  }
  page.set("members", list);
  page.set("count_text", word("members_found", {{"count", format_vi_number(static_cast<long long>(found.size()))}}));
  page.set("none", found.empty());
  page.set("can_change", can_change(req));
  return render_page(app, req, "directory_members", word("members_title"), page);
}

// ---- one member -----------------------------------------------------------------------------------------

// What the page shows beside its two small forms after a refused post.
struct member_page_state {
  std::string place;  // "u12" / "c34"
  std::string from, to, reason;
  field_messages errors;
  int status = 200;
};

std::string period_text(api::app_context& app, const domain::unavailability& u) {
  const auto& words = assets().words();
  auto start = calendar::to_local(u.start, app.config.timezone);
  auto end = calendar::to_local(u.end, app.config.timezone);
  bool whole_days = start.time.hour == 0 && start.time.minute == 0 && end.time.hour == 0 && end.time.minute == 0;
  if (whole_days) {
    auto last = std::chrono::year_month_day(std::chrono::sys_days(end.date) - std::chrono::days(1));
    return word("unav_period", {{"from", format_vi_date(start.date, words)}, {"to", format_vi_date(last, words)}});
  }
  return word("unav_period",
              {{"from", format_vi_date(start.date, words) + " " + format_vi_time(start.time.hour, start.time.minute)},
               {"to", format_vi_date(end.date, words) + " " + format_vi_time(end.time.hour, end.time.minute)}});
}

http::response member_page(api::app_context& app, const http::request& req, id_t id, const member_page_state& state = {}) {
  auto m = app.directory.get_member(id);
  auto home = app.directory.get_unit(m.home_unit_id);
  view page;
  put_notice(page, req);
  page.set("id", std::to_string(id));
  page.set("name", m.full_name);
  page.set("level", level_name(app, m.level));
  page.set("unit_href", unit_href(home.id));
  page.set("unit_label", unit_label(app, home));
  if (m.position) page.set("position", *m.position);
  std::string roles;
  for (const auto& role : m.roles) {
    auto known = assets().words().find("directory.role_" + role);
    roles += (roles.empty() ? "" : ", ") + (known ? *known : role);
  }
  if (!roles.empty()) page.set("roles", roles);
  page.set("cap", word("member_cap_value", {{"n", format_vi_number(m.max_per_month)}}));
  if (m.phone) page.set("phone", *m.phone);
  if (m.email) page.set("email", *m.email);
  page.set("status_text", word(m.active ? "member_active" : "member_inactive"));

  // Responsibilities, named, in Vietnamese order; the choices to add are every unit and cell not yet held.
  auto units = services::all_units(app.directory);
  auto cells = services::all_cells(app.directory);
  std::map<id_t, const domain::unit*> unit_by_id;
  for (const auto& u : units) unit_by_id[u.id] = &u;
  std::map<id_t, const domain::cell*> cell_by_id;
  for (const auto& c : cells) cell_by_id[c.id] = &c;
  struct held {
    id_t id;
    std::string label, href;
  };
  std::vector<held> holds;
  std::set<std::string> taken;
  for (const auto& r : services::all_responsibilities(app.directory, {.member_id = id})) {
    if (r.unit_id && unit_by_id.contains(*r.unit_id)) {
      holds.push_back({r.id, unit_label(app, *unit_by_id[*r.unit_id]), unit_href(*r.unit_id)});
      taken.insert("u" + std::to_string(*r.unit_id));
    } else if (r.cell_id && cell_by_id.contains(*r.cell_id)) {
      holds.push_back({r.id, cell_by_id[*r.cell_id]->name, cell_href(*r.cell_id)});
      taken.insert("c" + std::to_string(*r.cell_id));
    }
  }
  core::sort_vi(holds, [](const held& h) { return h.label; });
  view hold_list{view::type::list};
  for (const auto& h : holds) {
    view item;
    item.set("label", h.label);
    item.set("href", h.href);
    item.set("action", member_href(id) + "/phu-trach/" + std::to_string(h.id) + "/xoa");
    item.set("remove_label", word("resp_remove_label", {{"name", h.label}}));
    hold_list.push_back(item);
  }
  page.set("responsibilities", hold_list);
  page.set("has_responsibilities", !holds.empty());
  if (can_change(req)) {
    auto tree = services::build_unit_tree(units, {}, {});
    std::vector<const services::unit_node*> ordered;
    tree_order(tree, ordered);
    view unit_choices{view::type::list};
    for (const auto* n : ordered) {
      std::string value = "u" + std::to_string(n->unit.id);
      if (taken.contains(value)) continue;
      view item;
      item.set("value", value);
      item.set("label", unit_label(app, n->unit));
      if (value == state.place) item.set("selected", true);
      unit_choices.push_back(item);
    }
    std::vector<domain::cell> sorted_cells = cells;
    core::sort_vi(sorted_cells, [](const domain::cell& c) { return c.name; });
    view cell_choices{view::type::list};
    for (const auto& c : sorted_cells) {
      std::string value = "c" + std::to_string(c.id);
      if (taken.contains(value)) continue;
      view item;
      item.set("value", value);
      item.set("label", c.name);
      if (value == state.place) item.set("selected", true);
      cell_choices.push_back(item);
    }
    page.set("unit_choices", unit_choices);
    page.set("cell_choices", cell_choices);
  }

  // Unavailability, earliest first.
  auto periods = services::all_unavailability(app.directory, {.member_id = id});
  std::sort(periods.begin(), periods.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
  view period_list{view::type::list};
  for (const auto& u : periods) {
    view item;
    std::string text = period_text(app, u);
    item.set("period", text);
    if (u.reason) item.set("reason", *u.reason);
    item.set("action", member_href(id) + "/vang-mat/" + std::to_string(u.id) + "/xoa");
    item.set("remove_label", word("unav_remove_label", {{"period", text}}));
    period_list.push_back(item);
  }
  page.set("periods", period_list);
  page.set("has_periods", !periods.empty());
  // Not "reason": a period without one would find the page's value instead (Mustache looks upwards).
  page.set("unav_from", state.from);
  page.set("unav_to", state.to);
  page.set("unav_reason", state.reason);
  for (const char* field : {"place", "from", "to", "reason"})
    if (auto msg = message_for(state.errors, field)) page.set(std::string(field) + "_error", *msg);
  put_errors(page, state.errors);

  // The account linked to the member, if any (admins manage accounts on their own pages).
  store::page_request p{.limit = 200};
  for (;;) {
    auto accounts = app.auth.accounts().list({.role = "member"}, p);
    for (const auto& a : accounts.items)
      if (a.member_id == id) {
        page.set("account", word("account_linked", {{"username", a.username}}));
        if (!a.active) page.set("account_locked", true);
      }
    if (!accounts.next_after) break;
    p.after = *accounts.next_after;
  }
  page.set("can_change", can_change(req));
  return render_page(app, req, "directory_member", m.full_name, page, state.status);
}

// "05/03/2027" as the form asks, or "2027-03-05" as a script or a date box sends it.
std::optional<std::chrono::year_month_day> read_day(const std::string& text) {
  if (auto iso = core::parse_date(text)) return iso;
  unsigned d = 0, m = 0;
  int y = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%2u/%2u/%4d%c", &d, &m, &y, &tail) != 3) return std::nullopt;
  char iso[16];
  std::snprintf(iso, sizeof iso, "%04d-%02u-%02u", y, m, d);
  return core::parse_date(iso);
}

http::response add_unavailability(api::app_context& app, const http::request& req, id_t id) {
  app.directory.get_member(id);
  auto form = read_form(req);
  member_page_state state{.from = form_field(form, "from"), .to = form_field(form, "to"), .reason = form_field(form, "reason")};
  auto from = read_day(state.from), to = read_day(state.to);
  if (!from) state.errors.emplace_back("from", word(state.from.empty() ? "err_required" : "err_date", {{"field", word("noun_start")}}));
  if (!to) state.errors.emplace_back("to", word(state.to.empty() ? "err_required" : "err_date", {{"field", word("noun_end")}}));
  if (state.errors.empty()) {
    // Whole local days: from the first day's midnight to the midnight after the last day.
    auto start = calendar::to_utc(*from, {}, app.config.timezone);
    auto end = calendar::to_utc(std::chrono::year_month_day(std::chrono::sys_days(*to) + std::chrono::days(1)), {}, app.config.timezone);
    json::object body{{"member_id", id}, {"start", core::format_utc(start)}, {"end", core::format_utc(end)}};
    put_text(body, "reason", state.reason, false);
    try {
      app.directory.create_unavailability(domain::unavailability_from_json(body), api::actor_of(req));
      return see_other(with_notice(member_href(id), "vang-mat-da-them"));
    } catch (const core::error& e) {
      if (!names_fields(e)) throw;
      state.errors = translate(e, {{"start", "from", "start"}, {"end", "to", "end"}, {"reason", "reason", "reason"}});
    }
  }
  state.status = 422;
  return member_page(app, req, id, state);
}

http::response add_responsibility(api::app_context& app, const http::request& req, id_t id) {
  app.directory.get_member(id);
  auto form = read_form(req);
  member_page_state state{.place = form_field(form, "place")};
  json::object body{{"member_id", id}};
  auto chosen = state.place.size() > 1 ? positive_id(state.place.substr(1)) : std::nullopt;
  if (chosen && state.place[0] == 'u') body["unit_id"] = *chosen;
  if (chosen && state.place[0] == 'c') body["cell_id"] = *chosen;
  try {
    app.directory.create_responsibility(domain::responsibility_from_json(body), api::actor_of(req));
    return see_other(with_notice(member_href(id), "phu-trach-da-them"));
  } catch (const core::error& e) {
    if (!names_fields(e)) throw;
    state.errors = translate(e, {{"unit_id", "place", "place", true}, {"cell_id", "place", "place", true}});
  }
  state.status = 422;
  return member_page(app, req, id, state);
}

// ---- the member form ------------------------------------------------------------------------------------

struct member_values {
  std::string full_name, level, home_unit, position, max_per_month = "4", phone, email;
  bool chair = false, active = true;
  std::vector<std::string> other_roles;  // roles the form does not show, kept as they are
};

member_values values_of(const domain::member& m) {
  member_values v{.full_name = m.full_name, .level = m.level, .home_unit = std::to_string(m.home_unit_id),
                  .position = m.position.value_or(""), .max_per_month = std::to_string(m.max_per_month),
                  .phone = m.phone.value_or(""), .email = m.email.value_or(""), .active = m.active};
  for (const auto& r : m.roles) {
    if (r == "chair") v.chair = true;
    else v.other_roles.push_back(r);
  }
  return v;
}

const std::vector<form_field_spec> member_fields = {
    {"full_name", "full_name", "full_name"}, {"level", "level", "level", true}, {"home_unit_id", "home_unit_id", "home_unit", true},
    {"position", "position", "position"},    {"max_per_month", "max_per_month", "max_per_month"},
    {"phone", "phone", "phone"},             {"email", "email", "email"},       {"roles", "full_name", "full_name"},
    {"active", "active", "full_name"}};

struct member_form {
  std::optional<domain::member> current;
  std::optional<id_t> unit;  // a new member's unit, when added from a unit's page
  std::string action, back_href;
};

http::response member_form_page(api::app_context& app, const http::request& req, const member_form& f, const member_values& v,
                                const field_messages& errors, int status) {
  view page;
  std::string title = f.current ? word("member_edit_title", {{"name", f.current->full_name}}) : word("member_new_title");
  page.set("heading", title);
  page.set("action", f.action);
  page.set("back_href", f.back_href);
  page.set("submit", word(f.current ? "save" : "create"));
  page.set("full_name", v.full_name);
  page.set("levels", level_options(app, v.level));
  auto tree = services::build_unit_tree(services::all_units(app.directory), {}, {});
  page.set("units", unit_options(app, tree, positive_id(v.home_unit), false));
  page.set("position", v.position);
  page.set("max_per_month", v.max_per_month);
  page.set("phone", v.phone);
  page.set("email", v.email);
  page.set("chair", v.chair);
  page.set("active", v.active);
  view kept{view::type::list};
  for (const auto& r : v.other_roles) kept.push_back(view(r));
  page.set("other_roles", kept);
  for (const auto& spec : member_fields)
    if (auto m = message_for(errors, spec.id)) page.set(spec.id + "_error", *m);
  put_errors(page, errors);
  return render_page(app, req, "directory_member_form", title, page, status);
}

http::response post_member_form(api::app_context& app, const http::request& req, const member_form& f) {
  auto form = read_form(req);
  member_values v{.full_name = form_field(form, "full_name"), .level = form_field(form, "level"),
                  .home_unit = form_field(form, "home_unit_id"), .position = form_field(form, "position"),
                  .max_per_month = form_field(form, "max_per_month"), .phone = form_field(form, "phone"),
                  .email = form_field(form, "email"), .chair = form_field(form, "chair") == "1",
                  .active = form_field(form, "active") == "1"};
  for (const auto& [k, value] : form)
    if (k == "keep_role") v.other_roles.push_back(value);
  json::object body;
  put_text(body, "full_name", v.full_name, true);
  put_text(body, "level", v.level, true);
  put_integer(body, "home_unit_id", v.home_unit);
  put_text(body, "position", v.position, false);
  put_integer(body, "max_per_month", v.max_per_month);
  put_text(body, "phone", v.phone, false);
  put_text(body, "email", v.email, false);
  json::array roles;
  for (const auto& r : v.other_roles) roles.emplace_back(r);
  if (v.chair) roles.emplace_back("chair");
  body["roles"] = std::move(roles);
  body["active"] = v.active;
  try {
    domain::member m = domain::member_from_json(body);
    if (f.current) {
      m.id = f.current->id;
      app.directory.update_member(m, api::actor_of(req));
      return see_other(with_notice(member_href(m.id), "thanh-vien-da-luu"));
    }
    auto created = app.directory.create_member(std::move(m), api::actor_of(req));
    return see_other(with_notice(member_href(created.id), "thanh-vien-da-them"));
  } catch (const core::error& e) {
    if (!names_fields(e)) throw;
    return member_form_page(app, req, f, v, translate(e, member_fields), 422);
  }
}

member_form new_member_form(const http::request& req) {
  member_form f{.action = "/danh-muc/thanh-vien/them", .back_href = "/danh-muc/thanh-vien"};
  if (auto unit = positive_id(query_value(req, "don-vi"))) {
    f.unit = unit;
    f.action += "?don-vi=" + std::to_string(*unit);
  }
  return f;
}

member_form edit_member_form(api::app_context& app, id_t id) {
  return {.current = app.directory.get_member(id), .action = member_href(id) + "/sua", .back_href = member_href(id)};
}

http::response delete_page(api::app_context& app, const http::request& req, const domain::member& m, const std::string& refused,
                           int status) {
  view page;
  std::string what = word("what_member", {{"name", m.full_name}});
  page.set("heading", word("confirm_title", {{"what", what}}));
  page.set("question", word("confirm_question", {{"what", what}}));
  page.set("extra", word("confirm_member_extra"));
  page.set("action", member_href(m.id) + "/xoa");
  page.set("back_href", member_href(m.id));
  page.set("back_label", word("back_to", {{"name", m.full_name}}));
  if (!refused.empty()) {
    page.set("refused", refused);
    page.set("refused_hint", word("refused_hint"));
  }
  return render_page(app, req, "directory_delete", word("confirm_title", {{"what", what}}), page, status);
}

// A responsibility or period removed from its member's page: it must be that member's.
template <class Get, class Remove>
http::response remove_owned(const http::request& req, id_t member_id, id_t item_id, Get get, Remove remove, const char* notice) {
  if (get(item_id).member_id != member_id) throw core::error(core::errc::not_found, "No such record for this member.");
  remove(item_id, api::actor_of(req));
  return see_other(with_notice(member_href(member_id), notice));
}

}  // namespace

void add_member_pages(http::router& r, api::app_context& app) {
  r.add_page("GET", "/danh-muc/thanh-vien", [&app](const http::request& req, const http::path_params&) {
    return members_page(app, req);
  });
  // Before "{id}": "them" is no member's id.
  r.add_page("GET", "/danh-muc/thanh-vien/them", [&app](const http::request& req, const http::path_params&) {
    auto f = new_member_form(req);
    member_values v;
    if (f.unit) v.home_unit = std::to_string(*f.unit);
    return member_form_page(app, req, f, v, {}, 200);
  });
  r.add_page("POST", "/danh-muc/thanh-vien/them", [&app](const http::request& req, const http::path_params&) {
    return post_member_form(app, req, new_member_form(req));
  });
  r.add_page("GET", "/danh-muc/thanh-vien/{id}", [&app](const http::request& req, const http::path_params& p) {
    return member_page(app, req, id_param(p));
  });
  r.add_page("GET", "/danh-muc/thanh-vien/{id}/sua", [&app](const http::request& req, const http::path_params& p) {
    auto f = edit_member_form(app, id_param(p));
    return member_form_page(app, req, f, values_of(*f.current), {}, 200);
  });
  r.add_page("POST", "/danh-muc/thanh-vien/{id}/sua", [&app](const http::request& req, const http::path_params& p) {
    return post_member_form(app, req, edit_member_form(app, id_param(p)));
  });
  r.add_page("GET", "/danh-muc/thanh-vien/{id}/xoa", [&app](const http::request& req, const http::path_params& p) {
    return delete_page(app, req, app.directory.get_member(id_param(p)), "", 200);
  });
  r.add_page("POST", "/danh-muc/thanh-vien/{id}/xoa", [&app](const http::request& req, const http::path_params& p) {
    auto m = app.directory.get_member(id_param(p));
    try {
      app.directory.delete_member(m.id, api::actor_of(req));
    } catch (const core::error& e) {
      if (e.code() != core::errc::conflict || e.dependents().empty()) throw;
      return delete_page(app, req, m, refusal(word("what_member", {{"name", m.full_name}}), e), 409);
    }
    return see_other(with_notice("/danh-muc/thanh-vien", "thanh-vien-da-xoa"));
  });
  r.add_page("POST", "/danh-muc/thanh-vien/{id}/phu-trach", [&app](const http::request& req, const http::path_params& p) {
    return add_responsibility(app, req, id_param(p));
  });
  r.add_page("POST", "/danh-muc/thanh-vien/{id}/phu-trach/{item}/xoa", [&app](const http::request& req, const http::path_params& p) {
    auto& d = app.directory;
    return remove_owned(req, id_param(p), id_param(p, "item"), [&d](id_t x) { return d.get_responsibility(x); },
                        [&d](id_t x, const store::actor& who) { d.delete_responsibility(x, who); }, "phu-trach-da-bo");
  });
  r.add_page("POST", "/danh-muc/thanh-vien/{id}/vang-mat", [&app](const http::request& req, const http::path_params& p) {
    return add_unavailability(app, req, id_param(p));
  });
  r.add_page("POST", "/danh-muc/thanh-vien/{id}/vang-mat/{item}/xoa", [&app](const http::request& req, const http::path_params& p) {
    auto& d = app.directory;
    return remove_owned(req, id_param(p), id_param(p, "item"), [&d](id_t x) { return d.get_unavailability(x); },
                        [&d](id_t x, const store::actor& who) { d.delete_unavailability(x, who); }, "vang-mat-da-xoa");
  });
}

}  // namespace satdan::pages::directory
