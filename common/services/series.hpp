// A cell's meeting series as use cases: create one (its sessions materialised to the horizon), change it
// (its future planned sessions follow; hand-changed ones stay), split it from a date (the old rule ends the
// day before, a new one starts), and preview what each would do. Called by the JSON API and the pages alike.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/instant.hpp"
#include "domain/meeting.hpp"
#include "store/actor.hpp"
#include "store/meetings_store.hpp"

namespace satdan::services {

struct series_settings {
  int horizon_months = 13;   // sessions are materialised this far ahead of now
  std::string time_zone;     // the deployment's zone (a series without one takes it)
};

// libical's and the zone data's complaints about a series, as field errors ("rrule", "time_zone"):
// core::error(invalid_input). Nothing when the rule can be expanded.
void check_rule(const domain::series& s);

// The first `count` occurrences of `s` (start and end) from the later of now and its first day: what a
// preview shows, computed by the same expansion that materialises sessions.
std::vector<store::occurrence> upcoming(const domain::series& s, std::size_t count);

domain::series create_series(store::meetings_store& meetings, const domain::series& s, const series_settings& cfg,
                             const store::actor& who);

struct series_change {
  domain::series series;
  std::size_t updated = 0, removed = 0, added = 0;
  std::vector<domain::session> kept;  // hand-changed sessions the change leaves as they are
};
// Changes series `next.id` (at `expected_version`, else 412) and redoes its future planned sessions.
series_change change_series(store::meetings_store& meetings, domain::series next, std::int64_t expected_version,
                            const series_settings& cfg, const store::actor& who);

// What a split from `from` would do, without doing it. `next_of` builds the new rule from the current
// series (its fields changed as the caller asks); the split then sets its cell, its first day (`from`) and no
// end. Refuses (field "from") a day not after the series' first day.
struct split_plan {
  domain::series current;
  domain::series ended;                       // the current series with its last day the day before `from`
  domain::series next;                        // the new series, not yet stored
  std::vector<domain::session> replaced;      // planned, untouched sessions from `from` on: removed
  std::vector<domain::session> kept;          // hand-changed sessions from `from` on: they stay, on the old series
  store::regeneration plan;                   // removals = replaced, additions = the new rule's days but the kept ones
  core::instant horizon{};                    // how far the new series is materialised
};
split_plan plan_split(store::meetings_store& meetings, domain::id_t id, std::chrono::year_month_day from,
                      const std::function<domain::series(const domain::series& current)>& next_of,
                      const series_settings& cfg);

struct split_result {
  domain::series created;
  domain::series ended;
  std::size_t removed = 0, added = 0;
  std::vector<domain::session> kept;
};
split_result split_series(store::meetings_store& meetings, domain::id_t id, std::int64_t expected_version,
                          std::chrono::year_month_day from,
                          const std::function<domain::series(const domain::series& current)>& next_of,
                          const series_settings& cfg, const store::actor& who);

}  // namespace satdan::services
