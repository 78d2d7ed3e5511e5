// GET/POST /lich-ban: a member uploads busy times as an .ics file (a multipart form) through the API's own
// import (api::import_busy_times: the same limits, the same refusals, shown in Vietnamese beside the file
// field with the line the API names), sees what each source left over the coming weeks, and removes a
// source after a confirmation (/lich-ban?xoa-nguon={source}).
#include <regex>

#include "api/busy_times.hpp"
#include "core/error.hpp"
#include "core/json_reader.hpp"
#include "http/multipart.hpp"
#include "pages/availability_format.hpp"
#include "pages/availability_pages.hpp"
#include "pages/pages.hpp"
#include "pages/vi_format.hpp"

namespace satdan::pages {

namespace {

using core::errc;

constexpr int shown_periods = 10;
const std::string default_source = "lich_rieng";

domain::id_t own_member(const http::request& req) {
  if (!req.who->member_id) throw core::error(errc::forbidden, "A member account without its member.");
  return *req.who->member_id;
}

store::actor actor_for(const http::request& req) { return {req.who->account_id, req.who->role}; }

std::string source_in_path(const http::path_params& params) {
  const std::string& source = params.get("source");
  if (!domain::is_token(source)) throw core::error(errc::not_found, "No such source.");
  return source;
}

// The API's reason for refusing a file ("line 7: the event ends before it starts"), in Vietnamese.
std::string file_message(const std::string& reason) {
  const auto& words = assets().words();
  static const std::regex line_form(R"(^line ([0-9]+): (.*)$)");
  static const std::regex too_many(R"(^more than ([0-9]+) busy periods)");
  std::smatch m;
  if (std::regex_search(reason, m, too_many))
    return words.format("availability.file_too_many", {{"max", format_vi_number(std::stoll(m[1].str()))}});
  std::string line, why = reason;
  if (std::regex_match(reason, m, line_form)) {
    line = m[1].str();
    why = m[2].str();
  }
  const std::vector<std::pair<std::string, std::string>> known = {
      {"the file is empty", "reason_empty"},
      {"must start with BEGIN:VCALENDAR", "reason_begin"},
      {"control character", "reason_control"},
      {"not valid UTF-8", "reason_utf8"},
      {"has no DTSTART", "reason_no_start"},
      {"ends before it starts", "reason_ends_before"},
      {"recurrence steps", "reason_rule_limit"},
      {"RRULE goes over the limit", "reason_rule_limit"},
      {"has no END:", "reason_no_end"},
      {"without a BEGIN:", "reason_no_end"},
      {"is not a valid date or time", "reason_bad_time"},
  };
  std::string text = words.get("availability.reason_other");
  for (const auto& [needle, key] : known)
    if (why.find(needle) != std::string::npos) {
      text = words.get("availability." + key);
      break;
    }
  if (line.empty()) return words.format("availability.file_unreadable", {{"reason", text}});
  return words.format("availability.file_line", {{"line", line}, {"reason", text}});
}

view source_view(api::app_context& app, domain::id_t member, const store::busy_source& s) {
  const auto& words = assets().words();
  core::instant now = core::now();
  view item;
  item.set("source", s.source);
  item.set("heading", words.format("availability.source_heading", {{"source", s.source}}));
  int ahead = app.busy_times.count_after(member, s.source, now);
  item.set("count_line", words.format("availability.source_count", {{"count", format_vi_number(ahead)}}));
  view list{view::type::list};
  for (const auto& p : app.busy_times.periods(member, s.source, now, shown_periods)) {
    view period;
    period.set("iso", core::format_utc(p.start));
    period.set("when", format_vi_period(p.start, p.end, app.config.timezone, words));
    list.push_back(period);
  }
  item.set("has_periods", ahead > 0);
  item.set("periods", list);
  item.set("remove_label", words.format("availability.remove_source", {{"source", s.source}}));
  return item;
}

http::response busy_page(api::app_context& app, const http::request& req, const std::string& source,
                         const field_messages& errors, int status) {
  const auto& words = assets().words();
  domain::id_t member = own_member(req);
  view page;
  page.set("source_value", source);
  for (const auto& [field, message] : errors) page.set(field + "_error", message);
  put_errors(page, errors);
  view sources{view::type::list};
  for (const auto& s : app.busy_times.sources(member)) sources.push_back(source_view(app, member, s));
  page.set("has_sources", !sources.is_empty_list());
  page.set("sources", sources);
  // "?xoa-nguon=lich_rieng": ask before removing a source.
  if (std::string asked = query_value(req, "xoa-nguon"); !asked.empty()) {
    if (!domain::is_token(asked)) throw core::error(errc::not_found, "No such source.");
    view confirm;
    confirm.set("source", asked);
    confirm.set("question", words.format("availability.remove_question", {{"source", asked}}));
    page.set("confirm", confirm);
  }
  put_own_notice(page, req);
  return render_page(app, req, "availability_busy", words.get("availability.busy_title"), page, status);
}

}  // namespace

void add_busy_time_pages(http::router& r, api::app_context& app) {
  r.add_page("GET", "/lich-ban", [&app](const http::request& req, const http::path_params&) {
    return busy_page(app, req, default_source, {}, 200);
  });

  r.add_page("POST", "/lich-ban", [&app](const http::request& req, const http::path_params&) {
    const auto& words = assets().words();
    if (!http::is_multipart(req)) throw core::error(errc::bad_request, "The upload form is multipart/form-data.");
    auto parts = http::read_multipart(req);
    const auto* named = http::text_part(parts, "source");
    std::string source = named ? core::trim(named->body) : std::string();
    const http::multipart_part* file = nullptr;
    for (const auto& p : parts)
      if (p.name == "file" && p.filename) file = &p;
    field_messages errors;
    if (!domain::is_token(source)) errors.emplace_back("source", words.get("availability.source_invalid"));
    if (!file || (file->filename->empty() && file->body.empty())) errors.emplace_back("file", words.get("availability.file_missing"));
    if (!errors.empty()) return busy_page(app, req, source, errors, 422);
    try {
      api::import_busy_times(app, own_member(req), source, file->body, actor_for(req));
    } catch (const core::error& e) {
      if (e.code() != errc::invalid_input) throw;
      for (const auto& f : e.fields())
        errors.emplace_back(f.field == "source" ? "source" : "file",
                            f.field == "source" ? words.get("availability.source_invalid") : file_message(f.reason));
      return busy_page(app, req, source, errors, 422);
    }
    return see_other(with_notice("/lich-ban", "da-tai-len"));
  });

  r.add_page("POST", "/lich-ban/{source}/xoa", [&app](const http::request& req, const http::path_params& params) {
    app.busy_times.remove(own_member(req), source_in_path(params), actor_for(req));
    return see_other(with_notice("/lich-ban", "da-xoa-nguon"));
  });
}

}  // namespace satdan::pages
