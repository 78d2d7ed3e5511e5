// /api/v1/reports: the committee's figures for a period, as JSON or as CSV for a spreadsheet: grievances
// (?format=csv&table=...), members (attendance, punctuality, cells visited) and units (plan against held,
// coverage, dialogues). Reports hold counts and tracking codes, never a citizen's identity.
#include <set>

#include "api/app.hpp"
#include "api/support.hpp"
#include "calendar/recurrence.hpp"
#include "core/local_date.hpp"
#include "domain/activity_report.hpp"
#include "domain/grievance_report.hpp"
#include "store/activity_store.hpp"

namespace satdan::api {

namespace {

using core::errc;
using core::error;


http::response csv_response(std::string body, const std::string& filename) {
  http::response out;
  out.status = 200;
  out.content_type = "text/csv; charset=utf-8";
  out.body = std::move(body);
  out.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return out;
}

// "2026-Q3" for a local date.
std::string quarter_of(domain::date d) {
  return std::to_string(static_cast<int>(d.year())) + "-Q" + std::to_string((static_cast<unsigned>(d.month()) - 1) / 3 + 1);
}

struct period {
  std::optional<domain::id_t> within;
  domain::date from{}, to{};
  std::string format;
};

// within, from, to (default: the current year up to today), format.
period read_period(query_reader& q, domain::date today) {
  core::field_errors errors;
  period p;
  p.within = q.id("within");
  p.from = q.date("from").value_or(today.year() / 1 / 1);
  p.to = q.date("to").value_or(today);
  p.format = q.text("format").value_or("json");
  q.finish();
  if (p.to < p.from) errors.add("query.to", "must not be before from");
  if (std::chrono::sys_days{p.to} - std::chrono::sys_days{p.from} > std::chrono::days(3 * 366))
    errors.add("query.to", "must be at most three years after from");
  if (p.format != "json" && p.format != "csv") errors.add("query.format", "must be json or csv");
  errors.throw_if_any(errc::bad_request, "The report's parameters are not valid.");
  return p;
}

// Sessions starting on the period's local days, with their quarters and whether they are over.
domain::activity_inputs read_activity(app_context& app, const period& p) {
  const std::string& zone = app.config.timezone;
  auto start = calendar::to_utc(p.from, {0, 0}, zone);
  // The last day the service knows has no next midnight to end at.
  auto end = p.to == core::max_date ? core::max_instant
                                    : calendar::to_utc(domain::date{std::chrono::sys_days{p.to} + std::chrono::days{1}}, {0, 0}, zone);
  auto in = app.activity.read(p.within, start, end);
  const core::instant now = core::now();
  for (auto& s : in.sessions) {
    s.quarter = quarter_of(calendar::to_local(s.start, zone).date);
    s.past = s.end <= now;
  }
  for (auto d = p.from; d <= p.to;) {
    in.quarters.push_back(quarter_of(d));
    unsigned next_quarter_month = (static_cast<unsigned>(d.month()) - 1) / 3 * 3 + 4;
    d = next_quarter_month > 12 ? domain::date{d.year() + std::chrono::years{1}, std::chrono::January, std::chrono::day{1}}
                                : domain::date{d.year(), std::chrono::month{next_quarter_month}, std::chrono::day{1}};
  }
  return in;
}

}  // namespace

void add_report_routes(http::router& r, app_context& app) {
  r.add("GET", "/api/v1/reports/grievances", [&app](const http::request& req, const http::path_params&) {
    query_reader q(req);
    core::field_errors errors;
    const domain::date today = local_today(app.config);
    auto within = q.id("within");
    // Default period: the current month up to today.
    domain::date from = q.date("from").value_or(today.year() / today.month() / 1);
    domain::date to = q.date("to").value_or(today);
    auto format = q.text("format").value_or("json");
    auto table = q.text("table").value_or("handling_units");
    q.finish();
    if (to < from) errors.add("query.to", "must not be before from");
    if (format != "json" && format != "csv") errors.add("query.format", "must be json or csv");
    const auto& tables = domain::grievance_report_tables();
    if (std::find(tables.begin(), tables.end(), table) == tables.end())
      errors.add("query.table", "must be one of: handling_units, overdue, by_kind, by_category, by_unit");
    errors.throw_if_any(errc::bad_request, "The report's parameters are not valid.");
    if (within) app.directory.get_unit(*within);  // 404 for an unknown unit

    auto cases = app.grievances.received_between(within, from, to);
    std::set<domain::id_t> ids;
    for (const auto& g : cases) {
      ids.insert(g.unit_id);
      if (g.handling_unit_id) ids.insert(*g.handling_unit_id);
    }
    std::map<domain::id_t, std::string> names;
    for (auto id : ids) names[id] = app.directory.get_unit(id).name;
    auto report = domain::build_grievance_report(cases, from, to, today, names);
    if (format == "csv")
      return csv_response(domain::to_csv(report, table),
                          "grievances-" + table + "-" + core::format_date(from) + "-" + core::format_date(to) + ".csv");
    return json_response(200, domain::to_json(report));
  });

  r.add("GET", "/api/v1/reports/members", [&app](const http::request& req, const http::path_params&) {
    query_reader q(req);
    auto p = read_period(q, local_today(app.config));
    if (p.within) app.directory.get_unit(*p.within);
    auto in = read_activity(app, p);
    auto rows = domain::member_report(in);
    if (p.format == "csv")
      return csv_response(domain::members_csv(rows, in.quarters),
                          "members-" + core::format_date(p.from) + "-" + core::format_date(p.to) + ".csv");
    boost::json::array items;
    for (const auto& m : rows) items.push_back(domain::to_json(m));
    return json_response(200, boost::json::object{{"from", core::format_date(p.from)},
                                                  {"to", core::format_date(p.to)},
                                                  {"items", std::move(items)}});
  });

  r.add("GET", "/api/v1/reports/units", [&app](const http::request& req, const http::path_params&) {
    query_reader q(req);
    auto p = read_period(q, local_today(app.config));
    if (p.within) app.directory.get_unit(*p.within);
    auto in = read_activity(app, p);
    auto rows = domain::unit_report(in);
    if (p.format == "csv")
      return csv_response(domain::units_csv(rows, in.quarters),
                          "units-" + core::format_date(p.from) + "-" + core::format_date(p.to) + ".csv");
    boost::json::array items;
    for (const auto& u : rows) items.push_back(domain::to_json(u));
    return json_response(200, boost::json::object{{"from", core::format_date(p.from)},
                                                  {"to", core::format_date(p.to)},
                                                  {"items", std::move(items)}});
  });
}

}  // namespace satdan::api
