// A member's own unavailability, phone first: GET/POST /vang-mat lists and adds periods (leave, trips);
// /vang-mat?xoa={id} asks before deleting one (POST /vang-mat/{id}/xoa), so no step needs JavaScript. The rules are the API's (services/availability); a member
// sees and changes only their own periods. The busy-time uploads are in availability_busy_pages.cpp.
#include "calendar/recurrence.hpp"
#include "core/error.hpp"
#include "pages/availability_format.hpp"
#include "pages/availability_pages.hpp"
#include "pages/page_kit.hpp"
#include "pages/pages.hpp"
#include "services/availability.hpp"

namespace satdan::pages {

namespace {

using core::errc;

constexpr auto recent_days = std::chrono::days{30};

store::actor actor_for(const http::request& req) { return {req.who->account_id, req.who->role}; }

domain::id_t own_member(const http::request& req) {
  if (!req.who->member_id) throw core::error(errc::forbidden, "A member account without its member.");
  return *req.who->member_id;
}

domain::id_t id_from(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    throw core::error(errc::not_found, "No such period.");
  return std::stoll(text);
}

domain::id_t id_in_path(const http::path_params& params) { return id_from(params.get("id")); }

// The member's own period `id`; another's, or none, is not found.
domain::unavailability own_period(api::app_context& app, const http::request& req, domain::id_t id) {
  auto found = app.directory.get_unavailability(id);
  if (found.member_id != own_member(req)) throw core::error(errc::not_found, "No such period.");
  return found;
}

view period_item(api::app_context& app, const domain::unavailability& u) {
  const auto& words = assets().words();
  view item;
  item.set("id", std::to_string(u.id));
  std::string when = format_vi_period(u.start, u.end, app.config.timezone, words);
  item.set("when", when);
  item.set("iso", core::format_utc(u.start));
  item.set("delete_label", words.format("availability.delete_label", {{"when", when}}));
  if (u.reason) item.set("reason", *u.reason);
  return item;
}

// Why a field was refused (the service's reasons, which are the API's), in Vietnamese.
std::string leave_message(const core::field_error& f) {
  const auto& words = assets().words();
  if (f.reason == "is required") return words.get(f.field == "start" ? "availability.start_missing" : "availability.end_missing");
  if (f.reason == "must be a date YYYY-MM-DD") return words.get("availability.date_invalid");
  if (f.reason == "must be after start") return words.get("availability.end_before_start");
  if (f.field == "end") return words.get("availability.too_long");
  if (f.field == "reason") return words.get("availability.reason_invalid");
  return words.get("availability.date_invalid");
}

http::response leave_page(api::app_context& app, const http::request& req, const services::leave_form& typed,
                          const field_messages& errors, int status) {
  const auto& words = assets().words();
  domain::id_t member = own_member(req);
  view page;
  page.set("start_value", typed.first_day);
  page.set("end_value", typed.last_day);
  page.set("reason_value", typed.reason);
  for (const auto& [field, message] : errors) page.set(field + "_error", message);
  put_errors(page, errors);
  core::instant now = core::now();
  view upcoming{view::type::list}, recent{view::type::list};
  for (const auto& u : app.busy_times.periods(member, std::nullopt, now - recent_days, 200))
    (u.end > now ? upcoming : recent).push_back(period_item(app, u));
  page.set("has_upcoming", !upcoming.is_empty_list());
  page.set("upcoming", upcoming);
  page.set("has_recent", !recent.is_empty_list());
  page.set("recent", recent);
  if (std::string asked = query_value(req, "xoa"); !asked.empty()) page.set("confirm", period_item(app, own_period(app, req, id_from(asked))));
  put_own_notice(page, req);
  return render_page(app, req, "availability", words.get("availability.title"), page, status);
}

}  // namespace

void put_own_notice(view& page, const http::request& req) {
  std::string name = query_value(req, "thong-bao");
  if (name.empty() || name.size() > 32 || name.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") != std::string::npos) return;
  for (char& c : name)
    if (c == '-') c = '_';
  if (auto text = assets().words().find("availability.notice_" + name)) page.set("flash", *text);
}

std::vector<http::route_access> availability_access() {
  const http::access members{.roles = {"member"}};
  return {{"GET", "/vang-mat", members},          {"POST", "/vang-mat", members},
          {"POST", "/vang-mat/{id}/xoa", members}, {"GET", "/lich-ban", members},
          {"POST", "/lich-ban", members},         {"POST", "/lich-ban/{source}/xoa", members}};
}

void add_availability_pages(http::router& r, api::app_context& app) {
  r.add_page("GET", "/vang-mat", [&app](const http::request& req, const http::path_params&) {
    return leave_page(app, req, {}, {}, 200);
  });

  r.add_page("POST", "/vang-mat", [&app](const http::request& req, const http::path_params&) {
    auto form = read_form(req);
    services::leave_form typed{form_field(form, "start"), form_field(form, "end"), form_field(form, "reason")};
    try {
      const std::string& zone = app.config.timezone;
      services::add_own_leave(app.directory, own_member(req), typed,
                              [&zone](std::chrono::year_month_day day) { return calendar::to_utc(day, {0, 0}, zone); },
                              actor_for(req));
    } catch (const core::error& e) {
      if (e.code() != errc::invalid_input) throw;
      field_messages errors;
      for (const auto& f : e.fields()) {
        std::string field = f.field == "start" || f.field == "end" || f.field == "reason" ? f.field : "start";
        bool seen = false;
        for (const auto& [k, v] : errors) seen = seen || k == field;
        if (!seen) errors.emplace_back(field, leave_message(f));
      }
      return leave_page(app, req, typed, errors, 422);
    }
    return see_other(with_notice("/vang-mat", "da-them"));
  });

  r.add_page("POST", "/vang-mat/{id}/xoa", [&app](const http::request& req, const http::path_params& params) {
    services::remove_own_period(app.directory, own_member(req), id_in_path(params), actor_for(req));
    return see_other(with_notice("/vang-mat", "da-xoa"));
  });

  add_busy_time_pages(r, app);
}

}  // namespace satdan::pages
