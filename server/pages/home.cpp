// GET /: the home page. A member sees their upcoming sessions; other roles, for now, a welcome naming their role.
#include "calendar/recurrence.hpp"
#include "pages/page_kit.hpp"
#include "pages/pages.hpp"
#include "pages/vi_format.hpp"

namespace satdan::pages {

namespace {

void put_upcoming_sessions(view& out, api::app_context& app, domain::id_t member_id) {
  const auto& words = assets().words();
  store::session_filter filter;
  filter.member_id = member_id;
  filter.from = core::now();
  auto page = app.meetings.list_sessions(filter, {.limit = 20});
  view list{view::type::list};
  for (const auto& s : page.items) {
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
  out.set("sessions", list);
  out.set("has_sessions", !page.items.empty());
}

}  // namespace

void add_home_pages(http::router& r, api::app_context& app) {
  r.add_page("GET", "/", [&app](const http::request& req, const http::path_params&) {
    const auto& words = assets().words();
    view page;
    page.set("welcome", words.format("home.welcome", {{"name", name_of(app, *req.who)}}));
    page.set("role_line", words.format("home.role_line", {{"role", words.get("roles." + req.who->role)}}));
    for (const auto& [k, v] : req.query)
      if (k == "thong-bao" && v == "da-doi-mat-khau") page.set("notice", words.get("home.password_changed"));
    if (req.who->role == "member" && req.who->member_id) {
      page.set("is_member", true);
      put_upcoming_sessions(page, app, *req.who->member_id);
    }
    return render_page(app, req, "home", words.get("home.title"), page);
  });
}

}  // namespace satdan::pages
