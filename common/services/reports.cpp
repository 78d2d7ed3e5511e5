#include "services/reports.hpp"

#include <map>
#include <set>

#include "calendar/recurrence.hpp"
#include "core/clock.hpp"
#include "core/local_date.hpp"

namespace satdan::services {

domain::date year_start(domain::date today) { return today.year() / 1 / 1; }
domain::date month_start(domain::date today) { return today.year() / today.month() / 1; }

void check_period(const report_period& p, bool at_most_three_years, core::field_errors& errors) {
  if (p.to < p.from) errors.add("query.to", "must not be before from");
  if (at_most_three_years && std::chrono::sys_days{p.to} - std::chrono::sys_days{p.from} > std::chrono::days(3 * 366))
    errors.add("query.to", "must be at most three years after from");
}

std::string quarter_of(domain::date d) {
  return std::to_string(static_cast<int>(d.year())) + "-Q" + std::to_string((static_cast<unsigned>(d.month()) - 1) / 3 + 1);
}

domain::activity_inputs activity_in(store::activity_store& activity, const std::string& zone, const report_period& p) {
  auto start = calendar::to_utc(p.from, {0, 0}, zone);
  // The last day the service knows has no next midnight to end at.
  auto end = p.to == core::max_date ? core::max_instant
                                    : calendar::to_utc(domain::date{std::chrono::sys_days{p.to} + std::chrono::days{1}}, {0, 0}, zone);
  auto in = activity.read(p.within, start, end);
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

domain::grievance_report grievances_in(store::grievances_store& grievances, store::directory_store& directory,
                                       const report_period& p, domain::date today) {
  if (p.within) directory.get_unit(*p.within);  // 404 for an unknown unit
  auto cases = grievances.received_between(p.within, p.from, p.to);
  std::set<domain::id_t> ids;
  for (const auto& g : cases) {
    ids.insert(g.unit_id);
    if (g.handling_unit_id) ids.insert(*g.handling_unit_id);
  }
  std::map<domain::id_t, std::string> names;
  for (auto id : ids) names[id] = directory.get_unit(id).name;
  return domain::build_grievance_report(cases, p.from, p.to, today, names);
}

}  // namespace satdan::services
