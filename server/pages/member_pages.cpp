// Placeholder for the member screens: no routes yet.
#include "calendar/recurrence.hpp"
#include "pages/page_kit.hpp"
#include "pages/pages.hpp"
#include "pages/vi_format.hpp"

namespace satdan::pages {

std::vector<http::route_access> member_access() { return {}; }
void add_member_pages(http::router&, api::app_context&) {}

http::response member_home(api::app_context& app, const http::request& req) {
  const auto& words = assets().words();
  view page;
  page.set("welcome", words.format("home.welcome", {{"name", name_of(app, *req.who)}}));
  page.set("role_line", words.format("home.role_line", {{"role", words.get("roles." + req.who->role)}}));
  store::session_filter filter;
  filter.member_id = *req.who->member_id;
  filter.from = core::now();
  auto found = app.meetings.list_sessions(filter, {.limit = 20});
  view list{view::type::list};
  for (const auto& s : found.items) {
    auto start = calendar::to_local(s.start, app.config.timezone);
    auto end = calendar::to_local(s.end, app.config.timezone);
    view item;
    item.set("iso", core::format_utc(s.start));
    item.set("date", format_vi_date(start.date, words));
    item.set("start_time", format_vi_time(start.time.hour, start.time.minute));
    item.set("end_time", format_vi_time(end.time.hour, end.time.minute));
    item.set("kind", words.get("kinds." + s.kind));
    if (s.topic) item.set("topic", *s.topic);
    if (s.location) item.set("location", *s.location);
    list.push_back(item);
  }
  page.set("sessions", list);
  page.set("has_sessions", !found.items.empty());
  page.set("is_member", true);
  return render_page(app, req, "home", words.get("home.title"), page);
}

}  // namespace satdan::pages
