// The grievance report for a period: cases received by kind, category and unit; the share answered on
// time; the overdue list; median and 90th-percentile handling days; and a table per handling unit for the
// monthly review (biểu dương, phê bình). Computed from cases in memory, so both databases give the same
// figures. Holds no citizen's identity.
#pragma once
#include <boost/json/object.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/grievance.hpp"

namespace satdan::domain {

struct grievance_count {
  std::string code;   // a kind, a category, or a unit id as text
  std::string label;
  int count = 0;
};

struct overdue_case {
  id_t id = 0;
  std::string tracking_code, kind, category, status;
  std::optional<id_t> handling_unit_id;
  std::string handling_unit_name;
  date received_on{}, due_on{};
  int days_overdue = 0;
};

struct handling_unit_row {
  std::optional<id_t> handling_unit_id;  // none: not yet assigned
  std::string name;
  int received = 0, answered = 0, answered_on_time = 0, answered_late = 0, open = 0, overdue = 0;
  std::optional<double> on_time_rate;        // answered_on_time / answered
  std::optional<double> median_days;
};

struct grievance_report {
  date from{}, to{}, today{};
  int received = 0, answered = 0, answered_on_time = 0, overdue = 0;
  std::optional<double> on_time_rate;
  std::optional<double> median_days, p90_days;  // received_on → answered_on, answered cases only
  std::vector<grievance_count> by_kind, by_category, by_unit;
  std::vector<overdue_case> overdue_cases;
  std::vector<handling_unit_row> by_handling_unit;
};

// `cases` are those received in [from, to]; `unit_names` names every unit they mention.
grievance_report build_grievance_report(const std::vector<grievance>& cases, date from, date to, date today,
                                        const std::map<id_t, std::string>& unit_names);

// Nearest-rank percentile (p in (0, 100]) of a non-empty list; nothing for an empty one.
std::optional<double> percentile(std::vector<int> values, double p);

boost::json::object to_json(const grievance_report& r);
// One table of the report as CSV: "handling_units", "overdue", "by_kind", "by_category", "by_unit".
// Empty when the table has no such name.
std::string to_csv(const grievance_report& r, const std::string& table);
inline const std::vector<std::string>& grievance_report_tables() {
  static const std::vector<std::string> tables = {"handling_units", "overdue", "by_kind", "by_category", "by_unit"};
  return tables;
}

}  // namespace satdan::domain
