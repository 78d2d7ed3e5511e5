#include "services/series.hpp"

#include <algorithm>

#include "calendar/recurrence.hpp"
#include "calendar/series_planner.hpp"
#include "calendar/time_zone.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"

namespace satdan::services {

using core::errc;
using core::error;

namespace {

// The first instant a change may touch: now, or the earlier of the old and new first days if that is later.
core::instant change_from(const domain::series& before, const domain::series& after, core::instant now) {
  auto first = calendar::to_utc(std::min(before.first_date, after.first_date), {0, 0}, after.time_zone);
  return std::max(now, first);
}

}  // namespace

void check_rule(const domain::series& s) {
  core::field_errors errors;
  if (auto why = calendar::rule_problem(s.rrule); !why.empty()) errors.add("rrule", why);
  if (!calendar::is_known_time_zone(s.time_zone)) errors.add("time_zone", "is not a known IANA time zone");
  errors.throw_if_any(errc::invalid_input, "The recurrence is not valid.");
}

std::vector<store::occurrence> upcoming(const domain::series& s, std::size_t count) {
  check_rule(s);
  calendar::recurrence r{.rrule = s.rrule,
                         .first_date = s.first_date,
                         .start = {s.start_minute / 60, s.start_minute % 60},
                         .time_zone = s.time_zone,
                         .exdates = s.exdates,
                         .until = s.until};
  auto from = std::max(core::now(), calendar::to_utc(s.first_date, {0, 0}, s.time_zone));
  // Far enough for a dozen occurrences of a yearly rule; the limit stops the expansion long before.
  auto to = from + std::chrono::duration_cast<std::chrono::seconds>(std::chrono::years(30));
  std::vector<store::occurrence> out;
  for (auto start : calendar::expand(r, from, to, count))
    out.push_back({start, start, start + std::chrono::minutes(s.duration_minutes)});
  return out;
}

domain::series create_series(store::meetings_store& meetings, const domain::series& s, const series_settings& cfg,
                             const store::actor& who) {
  check_rule(s);
  auto end = calendar::horizon_end(core::now(), cfg.horizon_months);
  return meetings.create_series(s, calendar::occurrences(s, core::instant{}, end), end, who);
}

series_change change_series(store::meetings_store& meetings, domain::series next, std::int64_t expected_version,
                            const series_settings& cfg, const store::actor& who) {
  auto current = meetings.get_series(next.id);
  if (next.cell_id != current.cell_id)
    throw error(errc::invalid_input, "A series belongs to its cell; end it and create one for the other cell.",
                {{"cell_id", "cannot change"}});
  check_rule(next);
  auto now = core::now();
  auto from = change_from(current, next, now);
  auto end = calendar::horizon_end(now, cfg.horizon_months);
  series_change out;
  out.kept = meetings.exceptions_after(next.id, from);
  auto plan = calendar::plan_regeneration(next, meetings.regenerable_sessions(next.id, from), out.kept, from, end);
  out.series = meetings.update_series(next, expected_version, plan, who);
  out.updated = plan.updates.size();
  out.removed = plan.removals.size();
  out.added = plan.additions.size();
  return out;
}

split_plan plan_split(store::meetings_store& meetings, domain::id_t id, std::chrono::year_month_day from,
                      const std::function<domain::series(const domain::series& current)>& next_of,
                      const series_settings& cfg) {
  split_plan out;
  out.current = meetings.get_series(id);
  if (from <= out.current.first_date)
    throw error(errc::invalid_input, "The request has invalid fields.",
                {{"from", "must be after the series' first date; change the series itself instead"}});
  out.ended = out.current;
  out.ended.until = std::chrono::year_month_day{std::chrono::sys_days{from} - std::chrono::days{1}};
  out.next = next_of(out.current);
  out.next.id = 0;
  out.next.cell_id = out.current.cell_id;
  out.next.first_date = from;
  out.next.until.reset();
  check_rule(out.next);

  out.horizon = calendar::horizon_end(core::now(), cfg.horizon_months);
  auto split_at = calendar::to_utc(from, {0, 0}, out.current.time_zone);
  // The new series takes over every day from the split on, except days whose occurrence was changed by
  // hand: those sessions stay (on the old series) and stand for their day.
  out.kept = meetings.exceptions_after(id, split_at);
  out.replaced = meetings.regenerable_sessions(id, split_at);
  out.plan = calendar::plan_regeneration(out.next, {}, out.kept, split_at, out.horizon);
  out.plan.removals = out.replaced;
  return out;
}

split_result split_series(store::meetings_store& meetings, domain::id_t id, std::int64_t expected_version,
                          std::chrono::year_month_day from,
                          const std::function<domain::series(const domain::series& current)>& next_of,
                          const series_settings& cfg, const store::actor& who) {
  auto p = plan_split(meetings, id, from, next_of, cfg);
  split_result out;
  out.created = meetings.split_series(p.ended, expected_version, p.next, p.plan, p.horizon, who);
  out.ended = meetings.get_series(id);
  out.removed = p.plan.removals.size();
  out.added = p.plan.additions.size();
  out.kept = std::move(p.kept);
  return out;
}

}  // namespace satdan::services
