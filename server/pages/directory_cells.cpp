// Cells: a cell's page (its unit, kind, monthly series, upcoming sessions, who answers for it) and the forms
// to add one to a unit, change and delete it, checked by the API's decoder and store.
#include "api/support.hpp"
#include "calendar/recurrence.hpp"
#include "core/clock.hpp"
#include "core/vi_text.hpp"
#include "domain/directory.hpp"
#include "pages/directory_kit.hpp"
#include "pages/vi_format.hpp"
#include "services/directory_overview.hpp"

namespace satdan::pages::directory {

namespace json = boost::json;
using domain::id_t;

namespace {

std::string cell_href(id_t id) { return "/danh-muc/chi-bo/" + std::to_string(id); }
std::string unit_href(id_t id) { return "/danh-muc/don-vi/" + std::to_string(id); }

view series_list(api::app_context& app, id_t cell_id) {
  const auto& words = assets().words();
  view list{view::type::list};
  auto series = app.meetings.list_series({.cell_id = cell_id}, {.limit = 50});
  for (const auto& s : series.items) {
    view item;
    item.set("href", "/lich-dinh-ky/" + std::to_string(s.id));
    std::string text = word("cell_series_item", {{"date", format_vi_date(s.first_date, words)},
                                                 {"time", format_vi_time(s.start_minute / 60, s.start_minute % 60)},
                                                 {"minutes", format_vi_number(s.duration_minutes)}});
    if (s.until) text += ", " + word("cell_series_until", {{"date", format_vi_date(*s.until, words)}});
    if (s.location) text += " · " + *s.location;
    item.set("text", text);
    list.push_back(item);
  }
  return list;
}

view upcoming_sessions(api::app_context& app, id_t cell_id) {
  const auto& words = assets().words();
  view list{view::type::list};
  auto found = app.meetings.list_sessions({.cell_id = cell_id, .from = core::now()}, {.limit = 6});
  for (const auto& s : found.items) {
    auto start = calendar::to_local(s.start, app.config.timezone);
    auto end = calendar::to_local(s.end, app.config.timezone);
    view item;
    item.set("href", "/buoi-hop/" + std::to_string(s.id));
    item.set("iso", core::format_utc(s.start));
    item.set("date", format_vi_date(start.date, words));
    item.set("time", format_vi_time(start.time.hour, start.time.minute) + "–" + format_vi_time(end.time.hour, end.time.minute));
    item.set("kind", words.get("kinds." + s.kind));
    if (s.status != "planned") item.set("status", word("status_" + s.status));
    if (s.location) item.set("location", *s.location);
    list.push_back(item);
  }
  return list;
}

http::response cell_page(api::app_context& app, const http::request& req, id_t id) {
  auto cell = app.directory.get_cell(id);
  auto unit = app.directory.get_unit(cell.unit_id);
  view page;
  put_notice(page, req);
  page.set("id", std::to_string(id));
  page.set("name", cell.name);
  page.set("unit_href", unit_href(unit.id));
  page.set("unit_label", word("unit_heading", {{"kind", kind_word(app, unit.kind)}, {"name", unit.name}}));
  page.set("kind", word("cell_kind_" + cell.kind));
  view series = series_list(app, id);
  page.set("has_series", !series.is_empty_list());
  page.set("series", series);
  view sessions = upcoming_sessions(app, id);
  page.set("has_sessions", !sessions.is_empty_list());
  page.set("sessions", sessions);
  std::vector<domain::member> responsible;
  for (const auto& r : services::all_responsibilities(app.directory, {.cell_id = id}))
    responsible.push_back(app.directory.get_member(r.member_id));
  core::sort_vi(responsible, [](const domain::member& m) { return m.full_name; });
  view people{view::type::list};
  for (const auto& m : responsible) {
    view item;
    item.set("href", "/danh-muc/thanh-vien/" + std::to_string(m.id));
    item.set("name", m.full_name);
    if (m.position) item.set("position", *m.position);
    people.push_back(item);
  }
  page.set("responsible", people);
  page.set("has_responsible", !responsible.empty());
  page.set("can_change", can_change(req));
  return render_page(app, req, "directory_cell", cell.name, page);
}

struct cell_form {
  domain::unit unit;
  std::optional<domain::cell> current;
  std::string action;
  std::string back_href;
};

const std::vector<form_field_spec> cell_fields = {
    {"name", "name", "cell_name"}, {"kind", "kind", "cell_kind", true}, {"unit_id", "name", "cell_name"}};

http::response cell_form_page(api::app_context& app, const http::request& req, const cell_form& f, const std::string& name,
                              const std::string& kind, const field_messages& errors, int status) {
  view page;
  std::string title = f.current ? word("cell_edit_title", {{"name", f.current->name}})
                                : word("cell_new_title", {{"unit", word("unit_heading", {{"kind", kind_word(app, f.unit.kind)}, {"name", f.unit.name}})}});
  page.set("heading", title);
  page.set("action", f.action);
  page.set("back_href", f.back_href);
  page.set("submit", word(f.current ? "save" : "create"));
  page.set("name", name);
  view kinds{view::type::list};
  for (const auto& k : domain::cell_kinds()) {
    view item;
    item.set("value", k);
    item.set("label", word("cell_kind_" + k));
    if (k == kind) item.set("selected", true);
    kinds.push_back(item);
  }
  page.set("kinds", kinds);
  if (auto m = message_for(errors, "name")) page.set("name_error", *m);
  if (auto m = message_for(errors, "kind")) page.set("kind_error", *m);
  put_errors(page, errors);
  return render_page(app, req, "directory_cell_form", title, page, status);
}

http::response post_cell_form(api::app_context& app, const http::request& req, const cell_form& f) {
  auto form = read_form(req);
  std::string name = form_field(form, "name"), kind = form_field(form, "kind");
  json::object body;
  body["unit_id"] = f.current ? f.current->unit_id : f.unit.id;
  put_text(body, "name", name, true);
  put_text(body, "kind", kind, true);
  try {
    domain::cell c = domain::cell_from_json(body);
    if (f.current) {
      c.id = f.current->id;
      app.directory.update_cell(c, api::actor_of(req));
      return see_other(with_notice(cell_href(c.id), "chi-bo-da-luu"));
    }
    auto created = app.directory.create_cell(std::move(c), api::actor_of(req));
    return see_other(with_notice(cell_href(created.id), "chi-bo-da-them"));
  } catch (const core::error& e) {
    if (!names_fields(e)) throw;
    return cell_form_page(app, req, f, name, kind, translate(e, cell_fields), 422);
  }
}

cell_form new_cell_form(api::app_context& app, id_t unit_id) {
  auto unit = app.directory.get_unit(unit_id);
  return {.unit = unit, .action = unit_href(unit_id) + "/them-chi-bo", .back_href = unit_href(unit_id)};
}

cell_form edit_cell_form(api::app_context& app, id_t id) {
  auto cell = app.directory.get_cell(id);
  return {.unit = app.directory.get_unit(cell.unit_id), .current = cell, .action = cell_href(id) + "/sua", .back_href = cell_href(id)};
}

http::response delete_page(api::app_context& app, const http::request& req, const domain::cell& c, const std::string& refused,
                           int status) {
  view page;
  std::string what = word("what_cell", {{"name", c.name}});
  page.set("heading", word("confirm_title", {{"what", what}}));
  page.set("question", word("confirm_question", {{"what", what}}));
  page.set("action", cell_href(c.id) + "/xoa");
  page.set("back_href", cell_href(c.id));
  page.set("back_label", word("back_to", {{"name", c.name}}));
  if (!refused.empty()) {
    page.set("refused", refused);
    page.set("refused_hint", word("refused_hint"));
  }
  return render_page(app, req, "directory_delete", word("confirm_title", {{"what", what}}), page, status);
}

}  // namespace

void add_cell_pages(http::router& r, api::app_context& app) {
  r.add_page("GET", "/danh-muc/don-vi/{id}/them-chi-bo", [&app](const http::request& req, const http::path_params& p) {
    auto f = new_cell_form(app, id_param(p));
    return cell_form_page(app, req, f, "", "village", {}, 200);
  });
  r.add_page("POST", "/danh-muc/don-vi/{id}/them-chi-bo", [&app](const http::request& req, const http::path_params& p) {
    return post_cell_form(app, req, new_cell_form(app, id_param(p)));
  });
  r.add_page("GET", "/danh-muc/chi-bo/{id}", [&app](const http::request& req, const http::path_params& p) {
    return cell_page(app, req, id_param(p));
  });
  r.add_page("GET", "/danh-muc/chi-bo/{id}/sua", [&app](const http::request& req, const http::path_params& p) {
    auto f = edit_cell_form(app, id_param(p));
    return cell_form_page(app, req, f, f.current->name, f.current->kind, {}, 200);
  });
  r.add_page("POST", "/danh-muc/chi-bo/{id}/sua", [&app](const http::request& req, const http::path_params& p) {
    return post_cell_form(app, req, edit_cell_form(app, id_param(p)));
  });
  r.add_page("GET", "/danh-muc/chi-bo/{id}/xoa", [&app](const http::request& req, const http::path_params& p) {
    return delete_page(app, req, app.directory.get_cell(id_param(p)), "", 200);
  });
  r.add_page("POST", "/danh-muc/chi-bo/{id}/xoa", [&app](const http::request& req, const http::path_params& p) {
    auto c = app.directory.get_cell(id_param(p));
    try {
      app.directory.delete_cell(c.id, api::actor_of(req));
    } catch (const core::error& e) {
      if (e.code() != core::errc::conflict || e.dependents().empty()) throw;
      return delete_page(app, req, c, refusal(word("what_cell", {{"name", c.name}}), e), 409);
    }
    return see_other(with_notice(unit_href(c.unit_id), "chi-bo-da-xoa"));
  });
}

}  // namespace satdan::pages::directory
