#include "calendar/series_planner.hpp"

#include <map>

#include "calendar/recurrence.hpp"

namespace satdan::calendar {

namespace {

recurrence recurrence_of(const domain::series& s) {
  return {.rrule = s.rrule,
          .first_date = s.first_date,
          .start = {s.start_minute / 60, s.start_minute % 60},
          .time_zone = s.time_zone,
          .exdates = s.exdates,
          .until = s.until};
}

}  // namespace

core::instant horizon_end(core::instant now, int months) {
  // std::chrono::months is the average Gregorian month: a day either way does not matter to a 13-month horizon.
  return now + std::chrono::duration_cast<std::chrono::seconds>(std::chrono::months(months));
}

std::vector<store::occurrence> occurrences(const domain::series& s, core::instant from, core::instant to) {
  std::vector<store::occurrence> out;
  for (auto start : expand(recurrence_of(s), from, to))
    out.push_back({start, start, start + std::chrono::minutes(s.duration_minutes)});
  return out;
}

store::regeneration plan_regeneration(const domain::series& next, const std::vector<domain::session>& regenerable,
                                      const std::vector<domain::session>& exceptions, core::instant from,
                                      core::instant to) {
  store::regeneration plan;
  std::map<std::chrono::sys_days, store::occurrence> wanted;
  auto day_of = [&](core::instant t) { return std::chrono::sys_days{to_local(t, next.time_zone).date}; };
  for (const auto& o : occurrences(next, from, to)) wanted.emplace(day_of(o.start), o);
  for (const auto& e : exceptions) wanted.erase(day_of(e.recurrence_id.value_or(e.start)));
  for (const auto& s : regenerable) {
    auto it = wanted.find(day_of(s.recurrence_id.value_or(s.start)));
    if (it == wanted.end()) {
      plan.removals.push_back(s);
    } else {
      plan.updates.emplace_back(s, it->second);
      wanted.erase(it);
    }
  }
  for (const auto& [day, o] : wanted) plan.additions.push_back(o);
  return plan;
}

int extend_horizon(store::meetings_store& meetings, core::instant now, int months) {
  const core::instant end = horizon_end(now, months);
  int offered = 0;
  for (const auto& s : meetings.all_series()) {
    auto done = meetings.materialized_until(s.id);
    if (done && *done >= end) continue;
    // From where the last run stopped; a series never materialised starts from its first day.
    core::instant from = done.value_or(core::instant{});
    auto list = occurrences(s, from, end);
    offered += meetings.add_occurrences(s.id, list, end);
  }
  return offered;
}

}  // namespace satdan::calendar
