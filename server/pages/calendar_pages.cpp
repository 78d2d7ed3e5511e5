// GET /lich: the calendar of sessions for the office — a month grid, a week, or a list of the month's days —
// with previous/next/today and filters (unit subtree, cell, kind, status, member) in a plain GET form.
// Each session links to its page; one whose required seats are empty stands out. Read-only for staff.
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "calendar/recurrence.hpp"
#include "core/local_date.hpp"
#include "core/vi_text.hpp"
#include "pages/calendar_time.hpp"
#include "pages/calendar_view.hpp"
#include "pages/page_kit.hpp"
#include "pages/pages.hpp"
#include "pages/vi_format.hpp"

namespace satdan::pages {

namespace {

const http::access office{.roles = {"admin", "secretariat", "staff"}};

// A month cell shows this many sessions and links to the week for the rest.
constexpr std::size_t shown_per_day = 4;

enum class layout { month, week, list };

// The query as read: each filter valid or absent; a bad value is dropped and named in `problems`.
struct calendar_query {
  layout mode = layout::month;
  local_day day{};
  std::optional<domain::id_t> unit, cell, member;
  std::optional<std::string> kind, status;
  std::vector<std::string> problems;  // catalogue keys
};

std::optional<domain::id_t> read_id(const std::string& text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  domain::id_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v > 0 ? std::optional<domain::id_t>(v) : std::nullopt;
}

calendar_query read_query(const http::request& req, const directory_snapshot& names, local_day today) {
  calendar_query q;
  q.day = today;
  std::string mode = query_value(req, "xem");
  if (mode == "tuan") q.mode = layout::week;
  else if (mode == "danh-sach") q.mode = layout::list;
  else if (!mode.empty() && mode != "thang") q.problems.push_back("calendar.bad_view");
  if (std::string day = query_value(req, "ngay"); !day.empty()) {
    if (auto d = core::parse_date(day)) q.day = *d;
    else q.problems.push_back("calendar.bad_date");
  }
  auto id_filter = [&](const char* name, auto exists, const char* problem) -> std::optional<domain::id_t> {
    std::string text = query_value(req, name);
    if (text.empty()) return std::nullopt;
    auto id = read_id(text);
    if (id && exists(*id)) return id;
    q.problems.push_back(problem);
    return std::nullopt;
  };
  q.unit = id_filter("don-vi", [&](domain::id_t id) { return names.units.count(id) > 0; }, "calendar.bad_unit");
  q.cell = id_filter("chi-bo", [&](domain::id_t id) { return names.cells.count(id) > 0; }, "calendar.bad_cell");
  q.member = id_filter("thanh-vien", [&](domain::id_t id) { return names.members.count(id) > 0; }, "calendar.bad_member");
  auto one_of = [&](const char* name, const std::vector<std::string>& allowed, const char* problem) -> std::optional<std::string> {
    std::string text = query_value(req, name);
    if (text.empty()) return std::nullopt;
    if (std::find(allowed.begin(), allowed.end(), text) != allowed.end()) return text;
    q.problems.push_back(problem);
    return std::nullopt;
  };
  q.kind = one_of("loai", domain::session_kinds(), "calendar.bad_kind");
  q.status = one_of("trang-thai", domain::session_statuses(), "calendar.bad_status");
  return q;
}

std::string view_word(layout m) { return m == layout::week ? "tuan" : m == layout::list ? "danh-sach" : "thang"; }

// The calendar's address for a view and day, with the current filters.
std::string address(const calendar_query& q, layout mode, std::optional<local_day> day) {
  std::string out = "/lich?xem=" + view_word(mode);
  if (day) out += "&ngay=" + core::format_date(*day);
  if (q.unit) out += "&don-vi=" + std::to_string(*q.unit);
  if (q.cell) out += "&chi-bo=" + std::to_string(*q.cell);
  if (q.kind) out += "&loai=" + *q.kind;
  if (q.status) out += "&trang-thai=" + *q.status;
  if (q.member) out += "&thanh-vien=" + std::to_string(*q.member);
  return out;
}

std::string day_month(local_day d) {
  char text[8];
  std::snprintf(text, sizeof text, "%02u/%02u", static_cast<unsigned>(d.day()), static_cast<unsigned>(d.month()));
  return text;
}

std::string day_month_year(local_day d) {
  return day_month(d) + "/" + std::to_string(static_cast<int>(d.year()));
}

// Units that have units below them (the root and the communes in the demo): the subtrees worth filtering by.
std::vector<domain::unit> parent_units(const directory_snapshot& names, std::optional<domain::id_t> chosen) {
  std::set<domain::id_t> parents;
  for (const auto& [id, u] : names.units)
    if (u.parent_id) parents.insert(*u.parent_id);
  std::vector<domain::unit> roots, others;
  for (const auto& [id, u] : names.units) {
    if (!parents.count(id) && id != chosen) continue;
    (u.parent_id ? others : roots).push_back(u);
  }
  auto by_name = [](const domain::unit& u) { return u.name; };
  core::sort_vi(roots, by_name);
  core::sort_vi(others, by_name);
  roots.insert(roots.end(), others.begin(), others.end());
  return roots;
}

bool within(domain::id_t unit, domain::id_t root, const directory_snapshot& names) {
  for (std::size_t steps = 0; steps <= names.units.size(); ++steps) {
    if (unit == root) return true;
    auto it = names.units.find(unit);
    if (it == names.units.end() || !it->second.parent_id) return false;
    unit = *it->second.parent_id;
  }
  return false;
}

view option(const std::string& value, const std::string& label, bool selected) {
  view o;
  o.set("value", value);
  o.set("label", label);
  if (selected) o.set("selected", true);
  return o;
}

view filter_form(const calendar_query& q, const directory_snapshot& names) {
  const auto& words = assets().words();
  view form;
  view units{view::type::list};
  units.push_back(option("", words.get("calendar.all_units"), !q.unit));
  for (const auto& u : parent_units(names, q.unit)) units.push_back(option(std::to_string(u.id), u.name, q.unit == u.id));
  form.set("units", units);

  std::vector<domain::cell> cells;
  for (const auto& [id, c] : names.cells)
    if (!q.unit || within(c.unit_id, *q.unit, names) || q.cell == id) cells.push_back(c);
  core::sort_vi(cells, [](const domain::cell& c) { return c.name; });
  view cell_options{view::type::list};
  cell_options.push_back(option("", words.get("calendar.all_cells"), !q.cell));
  for (const auto& c : cells) cell_options.push_back(option(std::to_string(c.id), c.name, q.cell == c.id));
  form.set("cells", cell_options);

  view kinds{view::type::list};
  kinds.push_back(option("", words.get("calendar.all_kinds"), !q.kind));
  for (const auto& k : domain::session_kinds()) kinds.push_back(option(k, words.get("calendar.kind_" + k), q.kind == k));
  form.set("kinds", kinds);

  view statuses{view::type::list};
  statuses.push_back(option("", words.get("calendar.all_statuses"), !q.status));
  for (const auto& s : domain::session_statuses())
    statuses.push_back(option(s, words.get("calendar.status_" + s), q.status == s));
  form.set("statuses", statuses);

  std::vector<domain::member> members;
  for (const auto& [id, m] : names.members)
    if (m.active || q.member == id) members.push_back(m);
  core::sort_vi(members, [](const domain::member& m) { return m.full_name; });
  view member_options{view::type::list};
  member_options.push_back(option("", words.get("calendar.all_members"), !q.member));
  for (const auto& m : members) member_options.push_back(option(std::to_string(m.id), m.full_name, q.member == m.id));
  form.set("members", member_options);

  form.set("view", view_word(q.mode));
  form.set("day", core::format_date(q.day));
  form.set("filtered", q.unit || q.cell || q.kind || q.status || q.member);
  calendar_query plain;
  form.set("clear_href", address(plain, q.mode, q.day));
  return form;
}

struct day_events {
  std::vector<view> events;
};

view event_view(api::app_context& app, const domain::session& s, int missing, const directory_snapshot& names) {
  const auto& words = assets().words();
  const std::string& tz = app.config.timezone;
  auto start = calendar::to_local(s.start, tz);
  auto end = calendar::to_local(s.end, tz);
  view e;
  e.set("href", "/buoi-hop/" + std::to_string(s.id));
  e.set("iso", core::format_utc(s.start));
  e.set("start", format_vi_time(start.time.hour, start.time.minute));
  e.set("end", format_vi_time(end.time.hour, end.time.minute));
  e.set("title", session_title(s, names, words, "calendar"));
  std::string place = unit_name(s.unit_id, names);
  if (s.location && !s.location->empty()) place = *s.location + ", " + place;
  e.set("place", place);
  e.set("kind", words.get("calendar.kind_" + s.kind));
  e.set("kind_class", s.kind == "dialogue" ? "dialogue" : "cell-meeting");
  e.set("kind_icon", words.get("calendar.icon_" + s.kind));
  e.set("status", words.get("calendar.status_" + s.status));
  e.set("status_class", s.status);
  if (s.status != "planned") e.set("unusual_status", true);
  if (missing > 0) {
    e.set("gap", words.format("calendar.gap", {{"count", format_vi_number(missing)}}));
    e.set("gap_short", words.format("calendar.gap_short", {{"count", format_vi_number(missing)}}));
  }
  e.set("session_id", std::to_string(s.id));
  return e;
}

}  // namespace

std::vector<http::route_access> calendar_access() { return {{"GET", "/lich", office}}; }

void add_calendar_pages(http::router& r, api::app_context& app) {
  r.add_page("GET", "/lich", [&app](const http::request& req, const http::path_params&) {
    const auto& words = assets().words();
    const std::string& tz = app.config.timezone;
    auto names = load_directory(app);
    local_day today = local_today(tz);
    calendar_query q = read_query(req, names, today);

    // The days shown: the month's weeks (Monday to Sunday), one week, or the month's days.
    local_day from{}, to{};
    local_day month_start = first_of_month(q.day);
    if (q.mode == layout::month) {
      from = monday_of(month_start);
      to = add_days(monday_of(add_days(add_months(month_start, 1), -1)), 7);
    } else if (q.mode == layout::week) {
      from = monday_of(q.day);
      to = add_days(from, 7);
    } else {
      from = month_start;
      to = add_months(month_start, 1);
    }
    core::instant from_at = local_midnight(from, tz), to_at = local_midnight(to, tz);

    store::session_filter filter{.within = q.unit, .cell_id = q.cell, .kind = q.kind, .status = q.status,
                                 .member_id = q.member, .from = from_at, .to = to_at};
    std::vector<domain::session> sessions;
    for (store::session_page_request p{.limit = 500};;) {
      auto got = app.meetings.list_sessions(filter, p);
      sessions.insert(sessions.end(), got.items.begin(), got.items.end());
      if (!got.next) break;
      p.after = got.next;
    }
    // Required seats still empty, for the sessions still planned.
    std::map<domain::id_t, std::map<std::string, int>> filled;
    for (const auto& a : app.assignments.overlapping(from_at, to_at)) ++filled[a.session_id][a.need];
    std::map<local_day, day_events> by_day;
    // The month view's grid also shows the edges of the months around it; the figures count the month only.
    const local_day period_from = q.mode == layout::month ? month_start : from;
    const local_day period_to = q.mode == layout::month ? add_months(month_start, 1) : to;
    int gaps = 0, shown = 0;
    for (const auto& s : sessions) {
      int missing = 0;
      if (s.status == "planned")
        for (const auto& [need, count] : s.needs) missing += std::max(0, count - filled[s.id][need]);
      local_day start_day = local_day_of(s.start, tz);
      if (start_day >= period_from && start_day < period_to) {
        ++shown;
        if (missing > 0) ++gaps;
      }
      // A session that began before the first day shown (one running past midnight) sits on that first day.
      local_day d = std::max(local_day_of(s.start, tz), from);
      by_day[d].events.push_back(event_view(app, s, missing, names));
    }

    view page;
    // A bad value in the address (an old bookmark, a hand-edited link) is dropped and said, not a failure.
    if (!q.problems.empty()) {
      page.set("has_problems", true);
      view problems{view::type::list};
      for (const auto& key : q.problems) problems.push_back(view("message", words.get(key)));
      page.set("problems", problems);
    }
    page.set("filters", filter_form(q, names));

    // View switch and navigation.
    view modes{view::type::list};
    for (auto [m, key] : {std::pair{layout::month, "calendar.view_month"}, std::pair{layout::week, "calendar.view_week"},
                          std::pair{layout::list, "calendar.view_list"}}) {
      view item;
      item.set("href", address(q, m, q.day));
      item.set("label", words.get(key));
      if (m == q.mode) item.set("current", true);
      modes.push_back(item);
    }
    page.set("modes", modes);
    bool by_week = q.mode == layout::week;
    page.set("prev_href", address(q, q.mode, by_week ? add_days(q.day, -7) : add_months(month_start, -1)));
    page.set("next_href", address(q, q.mode, by_week ? add_days(q.day, 7) : add_months(month_start, 1)));
    page.set("today_href", address(q, q.mode, std::nullopt));
    page.set("prev_label", words.get(by_week ? "calendar.prev_week" : "calendar.prev_month"));
    page.set("next_label", words.get(by_week ? "calendar.next_week" : "calendar.next_month"));
    std::string period = by_week ? words.format("calendar.week_heading", {{"from", day_month(from)},
                                                                          {"to", day_month_year(add_days(to, -1))}})
                                 : words.format("calendar.month_heading",
                                                {{"month", std::to_string(static_cast<unsigned>(month_start.month()))},
                                                 {"year", std::to_string(static_cast<int>(month_start.year()))}});
    page.set("period", period);
    page.set("count", std::to_string(shown));
    page.set("summary", words.format(q.mode == layout::week ? "calendar.summary_week" : "calendar.summary_month",
                                     {{"count", format_vi_number(shown)}, {"gaps", format_vi_number(gaps)}}));

    auto day_view = [&](local_day d, bool all_events) {
      view day;
      day.set("iso", core::format_date(d));
      day.set("number", std::to_string(static_cast<unsigned>(d.day())));
      day.set("label", format_vi_date(d, words));
      if (d == today) day.set("today", true);
      if (d < month_start || d >= add_months(month_start, 1)) day.set("outside", true);
      view events{view::type::list};
      auto it = by_day.find(d);
      std::size_t n = it == by_day.end() ? 0 : it->second.events.size();
      for (std::size_t i = 0; i < n && (all_events || i < shown_per_day); ++i) events.push_back(it->second.events[i]);
      day.set("events", events);
      day.set("has_events", n > 0);
      if (!all_events && n > shown_per_day) {
        day.set("more", words.format("calendar.more", {{"count", format_vi_number(static_cast<long long>(n - shown_per_day))}}));
        day.set("more_href", address(q, layout::week, d));
      }
      return day;
    };

    if (q.mode == layout::month) {
      view weeks{view::type::list};
      for (local_day w = from; w < to; w = add_days(w, 7)) {
        view week;
        view days{view::type::list};
        for (int i = 0; i < 7; ++i) days.push_back(day_view(add_days(w, i), false));
        week.set("days", days);
        weeks.push_back(week);
      }
      page.set("month", true);
      page.set("weeks", weeks);
      view heads{view::type::list};
      for (int i = 0; i < 7; ++i) heads.push_back(view("name", words.item("weekdays", static_cast<std::size_t>((i + 1) % 7))));
      page.set("weekday_names", heads);
    } else {
      view days{view::type::list};
      for (local_day d = from; d < to; d = add_days(d, 1))
        if (q.mode == layout::week || by_day.count(d)) days.push_back(day_view(d, true));
      page.set("days", days);
      page.set(q.mode == layout::week ? "week" : "list", true);
      page.set("has_days", q.mode == layout::week || !by_day.empty());
    }
    page.set("calendar_event", kainjow::mustache::partial([] { return assets().page_template("calendar_event"); }));
    return render_page(app, req, "calendar", words.get("calendar.title") + " – " + period, page);
  });
}

}  // namespace satdan::pages
