// The member's own schedule, phone first: GET / for a member account lists the sessions they are seated at
// (what, when, where, their seat, who else comes) and the last 90 days with their attendance; a form on each
// session they may still record posts to /lich-cua-toi/{id}/diem-danh, the same rule as the API's
// PUT /api/v1/sessions/{id}/attendance/me (services::record_own_attendance).
#include <algorithm>
#include <cctype>

#include "api/support.hpp"
#include "calendar/recurrence.hpp"
#include "calendar/series_planner.hpp"
#include "core/error.hpp"
#include "core/utf8.hpp"
#include "pages/member_internal.hpp"
#include "pages/page_kit.hpp"
#include "pages/pages.hpp"
#include "pages/vi_format.hpp"
#include "services/own_attendance.hpp"

namespace satdan::pages {

namespace {

using namespace std::chrono;

constexpr int past_days = 90;
constexpr std::size_t max_upcoming = 30;

// What the member typed into one session's attendance form, kept when it comes back with errors.
struct attendance_form {
  domain::id_t session_id = 0;
  std::string status, late_minutes, reason;
  field_messages errors;
  std::string refusal;  // why the store refused it (the window closed, ...)
};

domain::id_t own_member_id(const http::request& req) {
  if (!req.who || !req.who->member_id)
    throw core::error(core::errc::forbidden, "Only an account linked to a committee member has its own schedule.");
  return *req.who->member_id;
}

std::string when_text(api::app_context& app, core::instant t) {
  auto local = calendar::to_local(t, app.config.timezone);
  return format_vi_time(local.time.hour, local.time.minute) + " " + format_vi_date(local.date, assets().words());
}

std::string seat_text(api::app_context& app, const std::string& need) {
  const auto& words = assets().words();
  if (need == "chair") return words.get("member.seat_chair");
  return words.format("member.seat_level", {{"level", level_name(app, need)}});
}

// A unit as people name it: "Xã Tam Dân". Kinds that are no level (town, street block) have their word in
// this area's catalogue section.
std::string unit_text(api::app_context& app, const std::string& kind, const std::string& name) {
  std::string word = level_name(app, kind);
  if (word == kind)
    if (auto own = assets().words().find("member.unit_" + kind)) word = *own;
  return word + " " + name;
}

// "Chi bộ thôn Đông, Xã Tam Dân" for a cell's meeting (the cell names its own village), "Xã Tam Dân" for a dialogue.
std::string place_text(api::app_context& app, const store::feed_session& s) {
  if (!s.cell_name) return unit_text(app, s.unit_kind, s.unit_name);
  if (s.parent_name && s.parent_kind && s.unit_kind == "village")
    return *s.cell_name + ", " + unit_text(app, *s.parent_kind, *s.parent_name);
  return *s.cell_name + ", " + unit_text(app, s.unit_kind, s.unit_name);
}

std::string attendance_text(const domain::attendance_record& r) {
  const auto& words = assets().words();
  if (r.status == "late")
    return words.format("member.attendance_late", {{"minutes", std::to_string(r.late_minutes.value_or(0))}});
  return words.get("member.attendance_" + r.status);
}

view attendance_options(const std::string& checked, domain::id_t session_id) {
  const auto& words = assets().words();
  view list{view::type::list};
  for (const auto& status : domain::attendance_statuses()) {
    view o;
    o.set("value", status);
    o.set("id", "status-" + std::to_string(session_id) + "-" + status);
    o.set("label", words.get("member.option_" + status));
    if (status == checked) o.set("checked", true);
    list.push_back(o);
  }
  return list;
}

view session_item(api::app_context& app, const store::feed_session& s, domain::id_t member, core::instant now,
                  const attendance_form* form) {
  const auto& words = assets().words();
  auto start = calendar::to_local(s.start, app.config.timezone);
  auto end = calendar::to_local(s.end, app.config.timezone);
  view item;
  std::string id = std::to_string(s.id);
  item.set("id", id);
  item.set("iso", core::format_utc(s.start));
  item.set("date", format_vi_date(start.date, words));
  item.set("start_time", format_vi_time(start.time.hour, start.time.minute));
  item.set("end_time", format_vi_time(end.time.hour, end.time.minute));
  item.set("kind", words.get("kinds." + s.kind));
  if (s.topic) item.set("topic", *s.topic);
  if (s.location) item.set("location", *s.location);
  item.set("place", place_text(app, s));
  if (s.need) item.set("seat", seat_text(app, *s.need));
  if (s.status != "planned") {
    item.set("status", words.get("member.status_" + s.status));
    if (s.status == "cancelled" || s.status == "postponed") item.set("called_off", true);
    if (s.status_reason) item.set("status_reason", *s.status_reason);
  }
  std::string others;
  for (const auto& a : s.attendees) {
    if (!others.empty()) others += ", ";
    others += a.full_name + " (" + seat_text(app, a.need) + ")";
  }
  if (!others.empty()) item.set("with", others);

  if (s.start > now) return item;  // nothing to record before a session starts
  std::optional<domain::attendance_record> mine;
  for (const auto& r : app.attendance.get(s.id, member).records)
    if (r.member_id == member) mine = r;
  item.set("attendance", mine ? attendance_text(*mine) : words.get("member.attendance_none"));
  if (mine && mine->reason) item.set("attendance_reason", words.format("member.attendance_reason", {{"reason", *mine->reason}}));
  bool open = services::own_attendance_open(s.status, s.start, s.end, now, app.config.attendance_window);
  if (!open && s.status != "cancelled" && s.status != "postponed") item.set("closed", true);
  if (!open) return item;

  view f;
  f.set("summary", words.get(mine ? "member.record_change" : "member.record"));
  f.set("until", words.format("member.record_until", {{"when", when_text(app, s.end + app.config.attendance_window)}}));
  std::string status = mine ? mine->status : "", late, reason = mine && mine->reason ? *mine->reason : "";
  if (mine && mine->late_minutes) late = std::to_string(*mine->late_minutes);
  if (form && form->session_id == s.id) {
    status = form->status;
    late = form->late_minutes;
    reason = form->reason;
    f.set("open", true);
    for (const auto& [field, message] : form->errors) {
      std::string key = field.substr(0, field.find('-'));
      f.set(key + "_error", message);
    }
  }
  f.set("options", attendance_options(status, s.id));
  f.set("late_minutes", late);
  f.set("reason", reason);
  item.set("form", f);
  return item;
}

http::response schedule_page(api::app_context& app, const http::request& req, const attendance_form* form, int status) {
  const auto& words = assets().words();
  domain::id_t member = own_member_id(req);
  core::instant now = core::now();
  store::feed_window window;
  window.from = now - days{past_days};
  window.to = calendar::horizon_end(now, app.config.horizon_months);
  window.cancelled_since = now - days{past_days};
  view upcoming{view::type::list}, past{view::type::list};
  std::vector<view> past_items;
  std::size_t upcoming_count = 0;
  for (const auto& s : app.feeds.member_sessions(member, window)) {
    if (s.end > now) {
      if (upcoming_count++ < max_upcoming) upcoming.push_back(session_item(app, s, member, now, form));
    } else {
      past_items.push_back(session_item(app, s, member, now, form));
    }
  }
  // The most recent first: the one a member has just come back from is the one they record.
  for (auto it = past_items.rbegin(); it != past_items.rend(); ++it) past.push_back(*it);

  view page;
  page.set("welcome", words.format("member.welcome", {{"name", name_of(app, *req.who)}}));
  page.set("role_line", words.format("member.role_line", {{"role", words.get("roles." + req.who->role)}}));
  page.set("upcoming", upcoming);
  page.set("has_upcoming", upcoming_count > 0);
  page.set("past", past);
  page.set("has_past", !past_items.empty());
  if (form) put_errors(page, form->errors);
  if (form && !form->refusal.empty()) page.set("refusal", form->refusal);
  std::string notice = query_value(req, "thong-bao");
  if (notice == "da-ghi-diem-danh") page.set("flash", words.get("member.recorded"));
  page.set("member_session", kainjow::mustache::partial([] { return assets().page_template("member_session"); }));
  return render_page(app, req, "member_home", words.get("member.title"), page, status);
}

// The Vietnamese for why a form's record does not fit (services::check_own_attendance's fields).
field_messages form_problems(const attendance_form& f, domain::attendance_record& r) {
  const auto& words = assets().words();
  const std::string id = std::to_string(f.session_id);
  field_messages errors;
  const auto& statuses = domain::attendance_statuses();
  if (std::find(statuses.begin(), statuses.end(), f.status) == statuses.end()) {
    errors.emplace_back("status-" + id + "-on_time", words.get("member.status_missing"));
    return errors;
  }
  r.status = f.status;
  if (f.status == "late") {
    int minutes = 0;
    bool digits = !f.late_minutes.empty() && f.late_minutes.size() <= 4 &&
                  std::all_of(f.late_minutes.begin(), f.late_minutes.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits) minutes = std::stoi(f.late_minutes);
    if (minutes < 1 || minutes > 24 * 60) errors.emplace_back("late_minutes-" + id, words.get("member.late_missing"));
    else r.late_minutes = minutes;
  }
  // A reason goes with any absence the member explains; it is required for an excused one.
  if (!f.reason.empty() && f.status != "on_time" && f.status != "late") r.reason = f.reason;
  if (f.status == "absent_excused" && f.reason.empty()) errors.emplace_back("reason-" + id, words.get("member.reason_missing"));
  if (core::utf8_length(f.reason) > 500) errors.emplace_back("reason-" + id, words.get("member.reason_too_long"));
  return errors;
}

std::string trimmed(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

// The store refused (conflict): say why in words the member can act on.
std::string refusal_text(api::app_context& app, domain::id_t session_id) {
  const auto& words = assets().words();
  auto s = app.feeds.session(session_id);
  if (s && (s->status == "cancelled" || s->status == "postponed")) return words.get("member.refused_cancelled");
  if (s && core::now() < s->start) return words.get("member.refused_not_started");
  auto days_open = duration_cast<hours>(app.config.attendance_window).count() / 24;
  return words.format("member.refused_closed", {{"days", std::to_string(std::max<long long>(1, days_open))}});
}

}  // namespace

std::vector<http::route_access> member_access() {
  const http::access member{.roles = {"member"}};
  std::vector<http::route_access> t = {{"POST", "/lich-cua-toi/{session_id}/diem-danh", member}};
  for (auto& entry : subscribe_access()) t.push_back(std::move(entry));
  return t;
}

void add_member_pages(http::router& r, api::app_context& app) {
  r.add_page("POST", "/lich-cua-toi/{session_id}/diem-danh", [&app](const http::request& req, const http::path_params& params) {
    domain::id_t member = own_member_id(req);
    const std::string& raw_id = params.get("session_id");
    if (raw_id.empty() || raw_id.size() > 18 || !std::all_of(raw_id.begin(), raw_id.end(), [](char c) { return c >= '0' && c <= '9'; }))
      throw core::error(core::errc::not_found, "There is no such session.");
    auto form_data = read_form(req);
    attendance_form f;
    f.session_id = std::stoll(raw_id);
    f.status = form_field(form_data, "status");
    f.late_minutes = trimmed(form_field(form_data, "late_minutes"));
    f.reason = trimmed(form_field(form_data, "reason"));
    domain::attendance_record record;
    f.errors = form_problems(f, record);
    if (!f.errors.empty()) return schedule_page(app, req, &f, 422);
    try {
      services::record_own_attendance(app.attendance, f.session_id, member, record, app.config.attendance_window,
                                      api::actor_of(req));
    } catch (const core::error& e) {
      if (e.code() != core::errc::conflict) throw;  // forbidden (not seated) and not found go to the error page
      f.refusal = refusal_text(app, f.session_id);
      return schedule_page(app, req, &f, 409);
    }
    return see_other(with_notice("/", "da-ghi-diem-danh") + "#buoi-" + std::to_string(f.session_id));
  });
  add_subscribe_pages(r, app);
}

http::response member_home(api::app_context& app, const http::request& req) { return schedule_page(app, req, nullptr, 200); }

}  // namespace satdan::pages
