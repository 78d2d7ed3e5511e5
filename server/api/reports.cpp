// /api/v1/reports: the committee's figures for a period, as JSON or as CSV for a spreadsheet: grievances
// (?format=csv&table=...), members (attendance, punctuality, cells visited) and units (plan against held,
// coverage, dialogues). Reports hold counts and tracking codes, never a citizen's identity.
#include "api/app.hpp"
#include "api/support.hpp"
#include "core/local_date.hpp"
#include "services/reports.hpp"

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

struct period {
  services::report_period days;
  std::string format;
};

// within, from, to (default: the current year up to today), format.
period read_period(query_reader& q, domain::date today) {
  core::field_errors errors;
  period p;
  p.days.within = q.id("within");
  p.days.from = q.date("from").value_or(services::year_start(today));
  p.days.to = q.date("to").value_or(today);
  p.format = q.text("format").value_or("json");
  q.finish();
  services::check_period(p.days, true, errors);
  if (p.format != "json" && p.format != "csv") errors.add("query.format", "must be json or csv");
  errors.throw_if_any(errc::bad_request, "The report's parameters are not valid.");
  return p;
}

}  // namespace

void add_report_routes(http::router& r, app_context& app) {
  r.add("GET", "/api/v1/reports/grievances", [&app](const http::request& req, const http::path_params&) {
    query_reader q(req);
    core::field_errors errors;
    const domain::date today = local_today(app.config);
    services::report_period p;
    p.within = q.id("within");
    // Default period: the current month up to today.
    p.from = q.date("from").value_or(services::month_start(today));
    p.to = q.date("to").value_or(today);
    auto format = q.text("format").value_or("json");
    auto table = q.text("table").value_or("handling_units");
    q.finish();
    services::check_period(p, false, errors);
    if (format != "json" && format != "csv") errors.add("query.format", "must be json or csv");
    const auto& tables = domain::grievance_report_tables();
    if (std::find(tables.begin(), tables.end(), table) == tables.end())
      errors.add("query.table", "must be one of: handling_units, overdue, by_kind, by_category, by_unit");
    errors.throw_if_any(errc::bad_request, "The report's parameters are not valid.");
    auto report = services::grievances_in(app.grievances, app.directory, p, today);
    const auto from = p.from, to = p.to;
    if (format == "csv")
      return csv_response(domain::to_csv(report, table),
                          "grievances-" + table + "-" + core::format_date(from) + "-" + core::format_date(to) + ".csv");
    return json_response(200, domain::to_json(report));
  });

  r.add("GET", "/api/v1/reports/members", [&app](const http::request& req, const http::path_params&) {
    query_reader q(req);
    auto p = read_period(q, local_today(app.config));
    if (p.days.within) app.directory.get_unit(*p.days.within);
    auto in = services::activity_in(app.activity, app.config.timezone, p.days);
    auto rows = domain::member_report(in);
    if (p.format == "csv")
      return csv_response(domain::members_csv(rows, in.quarters),
                          "members-" + core::format_date(p.days.from) + "-" + core::format_date(p.days.to) + ".csv");
    boost::json::array items;
    for (const auto& m : rows) items.push_back(domain::to_json(m));
    return json_response(200, boost::json::object{{"from", core::format_date(p.days.from)},
                                                  {"to", core::format_date(p.days.to)},
                                                  {"items", std::move(items)}});
  });

  r.add("GET", "/api/v1/reports/units", [&app](const http::request& req, const http::path_params&) {
    query_reader q(req);
    auto p = read_period(q, local_today(app.config));
    if (p.days.within) app.directory.get_unit(*p.days.within);
    auto in = services::activity_in(app.activity, app.config.timezone, p.days);
    auto rows = domain::unit_report(in);
    if (p.format == "csv")
      return csv_response(domain::units_csv(rows, in.quarters),
                          "units-" + core::format_date(p.days.from) + "-" + core::format_date(p.days.to) + ".csv");
    boost::json::array items;
    for (const auto& u : rows) items.push_back(domain::to_json(u));
    return json_response(200, boost::json::object{{"from", core::format_date(p.days.from)},
                                                  {"to", core::format_date(p.days.to)},
                                                  {"items", std::move(items)}});
  });
}

}  // namespace satdan::api
