// /api/v1/reports: the committee's figures for a period, as JSON or as one table in CSV for a spreadsheet
// (?format=csv&table=...). Reports hold counts and tracking codes, never a citizen's identity.
#include <set>

#include "api/app.hpp"
#include "api/support.hpp"
#include "calendar/recurrence.hpp"
#include "core/local_date.hpp"
#include "domain/grievance_report.hpp"

namespace satdan::api {

namespace {

using core::errc;
using core::error;

domain::date read_date(query_reader& q, core::field_errors& errors, const char* name, domain::date fallback) {
  auto text = q.text(name);
  if (!text) return fallback;
  auto d = core::parse_date(*text);
  if (!d) errors.add(std::string("query.") + name, "must be a date YYYY-MM-DD");
  return d.value_or(fallback);
}

http::response csv_response(std::string body, const std::string& filename) {
  http::response out;
  out.status = 200;
  out.content_type = "text/csv; charset=utf-8";
  out.body = std::move(body);
  out.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return out;
}

}  // namespace

void add_report_routes(http::router& r, app_context& app) {
  r.add("GET", "/api/v1/reports/grievances", [&app](const http::request& req, const http::path_params&) {
    query_reader q(req);
    core::field_errors errors;
    const domain::date today = calendar::to_local(core::now(), app.config.timezone).date;
    auto within = q.id("within");
    // Default period: the current month up to today.
    domain::date from = read_date(q, errors, "from", today.year() / today.month() / 1);
    domain::date to = read_date(q, errors, "to", today);
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
}

}  // namespace satdan::api
