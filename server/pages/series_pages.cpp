// The secretariat's series pages: every cell's meeting rule in words (/lich-dinh-ky), a new rule for a cell
// (/lich-dinh-ky/moi?chi-bo=) and a series with its coming sessions and the form to change its rule from a
// date (/lich-dinh-ky/{id}). Both forms preview the dates the service would materialise before saving.
#include <map>

#include "calendar/recurrence.hpp"
#include "core/error.hpp"
#include "core/local_date.hpp"
#include "api/support.hpp"
#include "core/vi_text.hpp"
#include "pages/page_kit.hpp"
#include "pages/pages.hpp"
#include "pages/series_form.hpp"
#include "pages/series_words.hpp"
#include "pages/vi_format.hpp"
#include "services/series.hpp"

namespace satdan::pages {

namespace {

const http::access planners{.roles = {"admin", "secretariat"}};

services::series_settings settings_of(api::app_context& app) {
  return {.horizon_months = app.config.horizon_months, .time_zone = app.config.timezone};
}

std::string msg(std::string_view key) { return assets().words().get("series." + std::string(key)); }

template <class T, class List>
std::vector<T> everything(List list) {
  std::vector<T> out;
  store::page_request p{.limit = 500, .after = 0};
  for (;;) {
    auto page = list(p);
    out.insert(out.end(), page.items.begin(), page.items.end());
    if (!page.next_after) return out;
    p.after = *page.next_after;
  }
}

// "Thứ Ba, 05/01/2027 19:30–21:30"
std::string when_of(core::instant start, core::instant end, const std::string& zone) {
  auto a = calendar::to_local(start, zone);
  auto b = calendar::to_local(end, zone);
  return format_vi_date(a.date, assets().words()) + " " + format_vi_time(a.time.hour, a.time.minute) + "–" +
         format_vi_time(b.time.hour, b.time.minute);
}

view dates_view(const std::vector<store::occurrence>& list, const std::string& zone) {
  view out{view::type::list};
  for (const auto& o : list) {
    view item;
    item.set("iso", core::format_utc(o.start));
    item.set("when", when_of(o.start, o.end, zone));
    out.push_back(item);
  }
  return out;
}

// Why the split leaves a session alone: what was done to it by hand.
std::string kept_reason(const domain::session& s) {
  if (s.status != "planned") return msg("kept_" + s.status);
  if (s.moved) return msg("kept_moved");
  return msg("kept_assigned");
}

view sessions_view(const std::vector<domain::session>& list, const std::string& zone, bool with_reason) {
  view out{view::type::list};
  for (const auto& s : list) {
    view item;
    item.set("id", std::to_string(s.id));
    item.set("iso", core::format_utc(s.start));
    item.set("when", when_of(s.start, s.end, zone));
    if (with_reason) item.set("reason", kept_reason(s));
    out.push_back(item);
  }
  return out;
}

std::string unit_title(api::app_context& app, const domain::unit& u) {
  auto word = level_name(app, u.kind);
  return word == u.kind ? u.name : word + " " + u.name;
}

std::string time_range(const domain::series& s) {
  int end = (s.start_minute + s.duration_minutes) % (24 * 60);
  return format_vi_time(s.start_minute / 60, s.start_minute % 60) + "–" + format_vi_time(end / 60, end % 60);
}

domain::id_t id_param(const http::path_params& params) {
  const auto& text = params.get("id");
  domain::id_t id = 0;
  if (text.empty() || text.size() > 18) core::throw_not_found("series");
  for (char c : text) {
    if (c < '0' || c > '9') core::throw_not_found("series");
    id = id * 10 + (c - '0');
  }
  return id;
}

void put_flash(view& page, const http::request& req) {
  auto notice = query_value(req, "thong-bao");
  if (notice == "da-tao") page.set("flash", msg("notice_created"));
  if (notice == "da-doi-quy-tac") page.set("flash", msg("notice_split"));
}

void put_partials(view& page) {
  page.set("rule_fields", kainjow::mustache::partial([] { return assets().page_template("series_rule_fields"); }));
}

// --- the list ------------------------------------------------------------------------------------------

// Cells of villages and street blocks are listed under their commune (or town): the unit the secretariat
// thinks of them by; any other cell under its own unit.
const domain::unit& group_of(const std::map<domain::id_t, domain::unit>& units, domain::id_t unit_id) {
  const domain::unit* u = &units.at(unit_id);
  while ((u->kind == "village" || u->kind == "street_block") && u->parent_id && units.contains(*u->parent_id))
    u = &units.at(*u->parent_id);
  return *u;
}

struct cells_by_group {
  std::vector<domain::unit> groups;                                  // in Vietnamese order of their titles
  std::map<domain::id_t, std::vector<domain::cell>> cells;           // group id → its cells, in Vietnamese order
};

cells_by_group all_cells(api::app_context& app) {
  auto unit_list = everything<domain::unit>([&](store::page_request p) { return app.directory.list_units({}, p); });
  auto cells = everything<domain::cell>([&](store::page_request p) { return app.directory.list_cells({}, p); });
  std::map<domain::id_t, domain::unit> units;
  for (const auto& u : unit_list) units.emplace(u.id, u);
  core::sort_vi(cells, [](const domain::cell& c) { return c.name; });
  cells_by_group out;
  for (const auto& c : cells) {
    if (!units.contains(c.unit_id)) continue;
    const auto& g = group_of(units, c.unit_id);
    if (!out.cells.contains(g.id)) out.groups.push_back(g);
    out.cells[g.id].push_back(c);
  }
  core::sort_vi(out.groups, [&](const domain::unit& u) { return unit_title(app, u); });
  return out;
}

http::response list_page(api::app_context& app, const http::request& req) {
  const auto& words = assets().words();
  auto grouped = all_cells(app);
  std::map<domain::id_t, std::vector<domain::series>> by_cell;
  for (const auto& s : app.meetings.all_series()) by_cell[s.cell_id].push_back(s);

  view groups{view::type::list};
  for (const auto& u : grouped.groups) {
    view cell_list{view::type::list};
    for (const auto& c : grouped.cells[u.id]) {
      view cv;
      cv.set("name", c.name);
      cv.set("id", std::to_string(c.id));
      cv.set("add_rest", words.format("series.add_rest", {{"cell", c.name}}));
      view rules{view::type::list};
      for (const auto& s : by_cell[c.id]) {
        view sv;
        sv.set("id", std::to_string(s.id));
        sv.set("words", rule_in_words(s, words));
        sv.set("hours", time_range(s));
        sv.set("from", words.format("series.from_date", {{"date", short_vi_date(s.first_date)}}));
        if (s.until) sv.set("ended", words.format("series.ended_on", {{"date", short_vi_date(*s.until)}}));
        if (s.location) sv.set("location", *s.location);
        rules.push_back(sv);
      }
      cv.set("series", rules);
      cv.set("has_series", !by_cell[c.id].empty());
      cell_list.push_back(cv);
    }
    view g;
    g.set("title", unit_title(app, u));
    g.set("cells", cell_list);
    groups.push_back(g);
  }
  view page;
  put_flash(page, req);
  page.set("groups", groups);
  page.set("has_groups", !grouped.groups.empty());
  return render_page(app, req, "series_list", words.get("series.title"), page);
}

// --- a new series ----------------------------------------------------------------------------------------

// The cell a form or an address names; nothing when it names none (the form then offers the cells).
std::optional<domain::cell> cell_named(api::app_context& app, const std::string& text) {
  if (text.empty()) return std::nullopt;
  domain::id_t id = 0;
  if (text.size() > 18) core::throw_not_found("cell");
  for (char c : text) {
    if (c < '0' || c > '9') core::throw_not_found("cell");
    id = id * 10 + (c - '0');
  }
  return app.directory.get_cell(id);
}

http::response new_form(api::app_context& app, const http::request& req, const std::optional<domain::cell>& cell,
                        const rule_input& in, const field_messages& errors, const view* preview, int status) {
  const auto& words = assets().words();
  view page;
  if (cell) {
    page.set("cell_id", std::to_string(cell->id));
    page.set("cell_line", words.format("series.cell_line", {{"cell", cell->name}}));
  } else {
    // No cell named: the form asks for one, grouped as the list is.
    auto grouped = all_cells(app);
    view groups{view::type::list};
    for (const auto& u : grouped.groups) {
      view options{view::type::list};
      for (const auto& c : grouped.cells[u.id]) {
        view o;
        o.set("value", std::to_string(c.id));
        o.set("label", c.name);
        options.push_back(o);
      }
      view g;
      g.set("title", unit_title(app, u));
      g.set("options", options);
      groups.push_back(g);
    }
    page.set("choose_cell", true);
    page.set("cell_groups", groups);
    for (const auto& [field, message] : errors)
      if (field == "cell") page.set("cell_error", message);
  }
  page.set("first_date_label", words.get("series.first_label"));
  put_rule_fields(page, in, errors);
  put_errors(page, errors);
  put_partials(page);
  if (preview) {
    page.set("preview", *preview);
    page.set("has_preview", true);
    page.set("preview_empty", preview->is_empty_list());
  }
  return render_page(app, req, "series_new", words.get("series.new_title"), page, status);
}

// The first day of the month after today's, where a new rule most often starts.
std::string next_month_start(api::app_context& app) {
  auto today = calendar::to_local(core::now(), app.config.timezone).date;
  std::chrono::year_month next = std::chrono::year_month{today.year(), today.month()} + std::chrono::months{1};
  return short_vi_date(next / std::chrono::day{1});
}

http::response new_get(api::app_context& app, const http::request& req) {
  auto cell = cell_named(app, query_value(req, "chi-bo"));
  rule_input in;
  in.first_date = next_month_start(app);
  return new_form(app, req, cell, in, {}, nullptr, 200);
}

http::response new_post(api::app_context& app, const http::request& req) {
  auto form = read_form(req);
  auto cell = cell_named(app, form_field(form, "cell"));
  auto in = rule_input_from(form);
  auto reading = read_rule_input(in, cell ? cell->id : 0, app.config.timezone);
  if (!cell) reading.errors.insert(reading.errors.begin(), {"cell", msg("err_cell")});
  if (!reading.errors.empty()) return new_form(app, req, cell, in, reading.errors, nullptr, 422);
  try {
    if (form_field(form, "action") == "luu") {
      auto created = services::create_series(app.meetings, reading.series, settings_of(app), api::actor_of(req));
      return see_other(with_notice("/lich-dinh-ky/" + std::to_string(created.id), "da-tao"));
    }
    auto dates = dates_view(services::upcoming(reading.series, 12), app.config.timezone);
    return new_form(app, req, cell, in, {}, &dates, 200);
  } catch (const core::error& e) {
    if (e.code() != core::errc::invalid_input) throw;
    return new_form(app, req, cell, in, messages_for(e), nullptr, 422);
  }
}

// --- a series and its split ------------------------------------------------------------------------------

struct split_view {
  view new_dates;
  view replaced;
  view kept;
  std::size_t replaced_count = 0, kept_count = 0;
};

http::response show_page(api::app_context& app, const http::request& req, const domain::series& s,
                         const rule_input& in, const field_messages& errors, const split_view* preview,
                         const std::string& problem, int status) {
  const auto& words = assets().words();
  const auto& zone = app.config.timezone;
  auto cell = app.directory.get_cell(s.cell_id);
  view page;
  put_flash(page, req);
  page.set("id", std::to_string(s.id));
  page.set("version", std::to_string(s.version));
  page.set("cell", cell.name);
  page.set("unit", unit_title(app, app.directory.get_unit(cell.unit_id)));
  page.set("words", rule_in_words(s, words));
  page.set("hours", time_range(s));
  page.set("first_date", format_vi_date(s.first_date, words));
  if (s.until) page.set("until", format_vi_date(*s.until, words));
  if (s.location) page.set("location", *s.location);
  view skips{view::type::list};
  for (const auto& d : s.exdates) skips.push_back(view(format_vi_date(d, words)));
  page.set("skips", skips);
  page.set("has_skips", !s.exdates.empty());
  auto coming = dates_view(services::upcoming(s, 12), zone);
  page.set("upcoming", coming);
  page.set("has_upcoming", !coming.is_empty_list());
  if (!problem.empty()) page.set("problem", problem);
  page.set("first_date_label", words.get("series.split_from_label"));
  put_rule_fields(page, in, errors);
  put_errors(page, errors);
  put_partials(page);
  if (preview) {
    page.set("has_preview", true);
    page.set("preview", preview->new_dates);
    page.set("preview_empty", preview->new_dates.is_empty_list());
    page.set("replaced", preview->replaced);
    page.set("has_replaced", preview->replaced_count > 0);
    page.set("replaced_title", words.format("series.split_replaced", {{"n", format_vi_number(static_cast<long long>(preview->replaced_count))}}));
    page.set("kept", preview->kept);
    page.set("has_kept", preview->kept_count > 0);
    page.set("kept_title", words.format("series.split_kept", {{"n", format_vi_number(static_cast<long long>(preview->kept_count))}}));
  }
  return render_page(app, req, "series_show", words.format("series.show_title", {{"cell", cell.name}}), page, status);
}

http::response show_get(api::app_context& app, const http::request& req, const http::path_params& params) {
  auto s = app.meetings.get_series(id_param(params));
  auto in = rule_input_from(s);
  in.first_date = next_month_start(app);
  return show_page(app, req, s, in, {}, nullptr, "", 200);
}

http::response split_post(api::app_context& app, const http::request& req, const http::path_params& params) {
  auto s = app.meetings.get_series(id_param(params));
  auto form = read_form(req);
  auto in = rule_input_from(form);
  auto reading = read_rule_input(in, s.cell_id, s.time_zone, &s);
  if (!reading.errors.empty()) return show_page(app, req, s, in, reading.errors, nullptr, "", 422);
  // The new rule is the whole form: the split sets its cell, first day and (no) end.
  auto next_of = [&reading](const domain::series&) { return reading.series; };
  const auto from = reading.series.first_date;
  const auto cfg = settings_of(app);
  try {
    if (form_field(form, "action") == "luu") {
      std::int64_t expected = 0;
      auto version = form_field(form, "version");
      for (char c : version) expected = (c >= '0' && c <= '9' && expected < 1'000'000'000) ? expected * 10 + (c - '0') : -1;
      auto done = services::split_series(app.meetings, s.id, expected, from, next_of, cfg, api::actor_of(req));
      return see_other(with_notice("/lich-dinh-ky/" + std::to_string(done.created.id), "da-doi-quy-tac"));
    }
    auto plan = services::plan_split(app.meetings, s.id, from, next_of, cfg);
    split_view preview{.new_dates = dates_view(services::upcoming(plan.next, 12), app.config.timezone),
                       .replaced = sessions_view(plan.replaced, app.config.timezone, false),
                       .kept = sessions_view(plan.kept, app.config.timezone, true),
                       .replaced_count = plan.replaced.size(),
                       .kept_count = plan.kept.size()};
    return show_page(app, req, s, in, {}, &preview, "", 200);
  } catch (const core::error& e) {
    if (e.code() == core::errc::precondition_failed || e.code() == core::errc::conflict)
      return show_page(app, req, app.meetings.get_series(s.id), in, {}, nullptr, msg("err_stale"), 409);
    if (e.code() != core::errc::invalid_input) throw;
    return show_page(app, req, s, in, messages_for(e), nullptr, "", 422);
  }
}

}  // namespace

std::vector<http::route_access> series_access() {
  return {
      {"GET", "/lich-dinh-ky", planners},
      {"GET", "/lich-dinh-ky/moi", planners},
      {"POST", "/lich-dinh-ky/moi", planners},
      {"GET", "/lich-dinh-ky/{id}", planners},
      {"POST", "/lich-dinh-ky/{id}/doi-quy-tac", planners},
  };
}

void add_series_pages(http::router& r, api::app_context& app) {
  r.add_page("GET", "/lich-dinh-ky", [&app](const http::request& req, const http::path_params&) {
    return list_page(app, req);
  });
  // Before "/lich-dinh-ky/{id}": the router tries routes in the order they are added.
  r.add_page("GET", "/lich-dinh-ky/moi", [&app](const http::request& req, const http::path_params&) {
    return new_get(app, req);
  });
  r.add_page("POST", "/lich-dinh-ky/moi", [&app](const http::request& req, const http::path_params&) {
    return new_post(app, req);
  });
  r.add_page("GET", "/lich-dinh-ky/{id}", [&app](const http::request& req, const http::path_params& params) {
    return show_get(app, req, params);
  });
  r.add_page("POST", "/lich-dinh-ky/{id}/doi-quy-tac", [&app](const http::request& req, const http::path_params& params) {
    return split_post(app, req, params);
  });
}

}  // namespace satdan::pages
