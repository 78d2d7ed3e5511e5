// GET / for the secretariat and admins: this week's and next week's plan at a glance — the sessions whose
// required seats are empty, the members over their monthly cap, the proposals waiting to be applied, and the
// cells no member of the top level has visited this quarter. The numbers come from services/plan_overview.
#include <cstdio>
#include <string>

#include "calendar/recurrence.hpp"
#include "core/local_date.hpp"
#include "pages/calendar_time.hpp"
#include "pages/calendar_view.hpp"
#include "pages/page_kit.hpp"
#include "pages/pages.hpp"
#include "pages/vi_format.hpp"
#include "services/plan_overview.hpp"

namespace satdan::pages {

namespace {

// A long list on the home page is cut here; the calendar shows the rest.
constexpr std::size_t shown_per_week = 8;

std::string short_date(local_day d) {
  char text[8];
  std::snprintf(text, sizeof text, "%02u/%02u", static_cast<unsigned>(d.day()), static_cast<unsigned>(d.month()));
  return text;
}

std::string full_short_date(local_day d) {
  char text[16];
  std::snprintf(text, sizeof text, "%02u/%02u/%04d", static_cast<unsigned>(d.day()), static_cast<unsigned>(d.month()),
                static_cast<int>(d.year()));
  return text;
}

std::string month_words(int index) {
  return std::to_string(index % 12 + 1) + "/" + std::to_string(index / 12);
}

view week_block(api::app_context& app, const std::vector<services::empty_seats>& list, local_day monday,
                const std::string& heading_key, const directory_snapshot& names) {
  const auto& words = assets().words();
  const std::string& tz = app.config.timezone;
  view block;
  block.set("heading", words.format("dashboard." + heading_key,
                                    {{"from", short_date(monday)}, {"to", full_short_date(add_days(monday, 6))}}));
  int seats = 0;
  view items{view::type::list};
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& e = list[i];
    seats += e.total_missing;
    if (i >= shown_per_week) continue;
    auto start = calendar::to_local(e.session.start, tz);
    auto end = calendar::to_local(e.session.end, tz);
    view item;
    item.set("href", "/buoi-hop/" + std::to_string(e.session.id));
    item.set("iso", core::format_utc(e.session.start));
    item.set("when", format_vi_date(start.date, words) + ", " + format_vi_time(start.time.hour, start.time.minute) + "–" +
                         format_vi_time(end.time.hour, end.time.minute));
    item.set("title", session_title(e.session, names, words, "dashboard"));
    item.set("kind", words.get("dashboard.kind_" + e.session.kind));
    item.set("kind_class", e.session.kind == "dialogue" ? "dialogue" : "cell-meeting");
    std::string missing;
    for (const auto& [need, count] : e.missing) {
      if (!missing.empty()) missing += ", ";
      missing += words.format("dashboard.seats_of", {{"count", format_vi_number(count)},
                                                     {"need", need_words(app, need, words, "dashboard")}});
    }
    item.set("missing", words.format("dashboard.missing", {{"list", missing}}));
    items.push_back(item);
  }
  block.set("items", items);
  block.set("has_items", !list.empty());
  block.set("summary", words.format("dashboard.week_summary", {{"sessions", format_vi_number(static_cast<long long>(list.size()))},
                                                               {"seats", format_vi_number(seats)}}));
  if (list.size() > shown_per_week)
    block.set("more", words.format("dashboard.more_on_calendar",
                                   {{"count", format_vi_number(static_cast<long long>(list.size() - shown_per_week))}}));
  block.set("calendar_href", "/lich?xem=tuan&ngay=" + core::format_date(monday));
  return block;
}

}  // namespace

http::response planning_home(api::app_context& app, const http::request& req) {
  const auto& words = assets().words();
  const std::string& tz = app.config.timezone;
  local_day today = local_today(tz);
  local_day monday = monday_of(today);
  local_day quarter = first_of_quarter(today);
  services::plan_periods periods;
  periods.week_from = local_midnight(monday, tz);
  periods.next_week_from = local_midnight(add_days(monday, 7), tz);
  periods.weeks_to = local_midnight(add_days(monday, 14), tz);
  periods.quarter_from = local_midnight(quarter, tz);
  periods.quarter_to = local_midnight(add_months(quarter, 3), tz);
  periods.months_from = local_midnight(first_of_month(monday), tz);
  periods.months_to = local_midnight(add_months(first_of_month(add_days(monday, 13)), 1), tz);
  periods.month_of = [tz](core::instant t) { return month_index(local_day_of(t, tz)); };
  auto input = services::gather_plan_overview(app.directory, app.meetings, app.assignments, app.planning, periods);
  auto overview = services::compute_plan_overview(input);
  auto names = snapshot_of(input.units, input.cells, input.members);

  view page;
  page.set("greeting", words.format("dashboard.greeting", {{"name", name_of(app, *req.who)},
                                                           {"date", format_vi_date(today, words)}}));
  page.set("role_line", words.format("home.role_line", {{"role", words.get("roles." + req.who->role)}}));
  // 1. Empty required seats, this week and next.
  std::size_t gap_sessions = overview.this_week.size() + overview.next_week.size();
  page.set("gap_sessions", format_vi_number(static_cast<long long>(gap_sessions)));
  page.set("gap_seats", format_vi_number(overview.empty_seat_count));
  page.set("gaps_summary", words.format("dashboard.gaps_summary",
                                        {{"sessions", format_vi_number(static_cast<long long>(gap_sessions))},
                                         {"seats", format_vi_number(overview.empty_seat_count)}}));
  view weeks{view::type::list};
  weeks.push_back(week_block(app, overview.this_week, monday, "this_week", names));
  weeks.push_back(week_block(app, overview.next_week, add_days(monday, 7), "next_week", names));
  page.set("weeks", weeks);

  // 2. Members over their monthly cap in the months the two weeks touch.
  view caps{view::type::list};
  for (const auto& o : overview.over_cap) {
    view item;
    item.set("line", words.format("dashboard.over_cap_line", {{"name", o.member.full_name},
                                                              {"count", format_vi_number(o.sessions)},
                                                              {"month", month_words(o.month)},
                                                              {"cap", format_vi_number(o.member.max_per_month)}}));
    caps.push_back(item);
  }
  page.set("over_cap", caps);
  page.set("has_over_cap", !overview.over_cap.empty());
  page.set("over_cap_count", format_vi_number(static_cast<long long>(overview.over_cap.size())));

  // 3. Proposals waiting to be applied.
  view proposals{view::type::list};
  for (const auto& p : overview.proposals) {
    view item;
    auto made = calendar::to_local(p.created_at, tz);
    item.set("href", "/de-xuat/" + std::to_string(p.id));
    item.set("line", words.format("dashboard.proposal_line",
                                  {{"id", std::to_string(p.id)},
                                   {"unit", unit_name(p.scope.within, names)},
                                   {"from", full_short_date(local_day_of(p.scope.from, tz))},
                                   {"to", full_short_date(local_day_of(p.scope.to - std::chrono::seconds(1), tz))}}));
    item.set("changes", words.format("dashboard.proposal_changes", {{"added", format_vi_number(p.added)},
                                                                   {"removed", format_vi_number(p.removed)}}));
    item.set("made", words.format("dashboard.proposal_made",
                                  {{"time", format_vi_time(made.time.hour, made.time.minute)},
                                   {"date", format_vi_date(made.date, words)}}));
    proposals.push_back(item);
  }
  page.set("proposals", proposals);
  page.set("has_proposals", !overview.proposals.empty());
  page.set("proposal_count", format_vi_number(static_cast<long long>(overview.proposals.size())));

  // 4. Coverage this quarter by the top level.
  unsigned quarter_number = (static_cast<unsigned>(quarter.month()) - 1) / 3 + 1;
  page.set("coverage_heading", words.format("dashboard.coverage_heading",
                                            {{"quarter", std::to_string(quarter_number)},
                                             {"year", std::to_string(static_cast<int>(quarter.year()))}}));
  if (overview.top_level) {
    page.set("has_level", true);
    page.set("cells_total", format_vi_number(overview.cells));
    page.set("cells_visited", format_vi_number(overview.cells_visited));
    page.set("cells_left", format_vi_number(overview.cells - overview.cells_visited));
    page.set("coverage_summary",
             words.format("dashboard.coverage_summary", {{"visited", format_vi_number(overview.cells_visited)},
                                                         {"cells", format_vi_number(overview.cells)},
                                                         {"level", lower_first(level_name(app, *overview.top_level))}}));
    view rows{view::type::list};
    for (const auto& u : overview.coverage) {
      view row;
      row.set("unit", u.unit.name);
      row.set("cells", format_vi_number(u.cells));
      row.set("visited", format_vi_number(u.visited));
      row.set("left", format_vi_number(u.cells - u.visited));
      if (!u.not_visited.empty()) {
        row.set("show", words.format("dashboard.show_cells", {{"count", format_vi_number(static_cast<long long>(u.not_visited.size()))}}));
        view cells{view::type::list};
        for (const auto& c : u.not_visited) cells.push_back(view("name", c.name));
        row.set("not_visited", cells);
      }
      rows.push_back(row);
    }
    page.set("coverage", rows);
  }
  return render_page(app, req, "dashboard_home", words.get("dashboard.title"), page);
}

}  // namespace satdan::pages
