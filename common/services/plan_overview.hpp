// The secretariat's overview of the plan: for this week and the next, the sessions whose required seats are
// still empty, the members over their monthly cap (the cap rule H6), the proposals waiting to be applied, and
// how many cells a member of the committee's top level has visited this quarter (the coverage of the
// scheduling problem). Plain values in and out: the caller reads the stores and places the periods in the
// deployment's time zone; the home page and any report share the same numbers.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/directory.hpp"
#include "domain/meeting.hpp"
#include "store/assignments_store.hpp"
#include "store/directory_store.hpp"
#include "store/meetings_store.hpp"
#include "store/planning_store.hpp"

namespace satdan::services {

using domain::id_t;

// The periods, placed in the deployment's time zone by the caller (local midnights as instants).
struct plan_periods {
  core::instant week_from;       // Monday 00:00 of this week
  core::instant next_week_from;  // Monday 00:00 of the next week
  core::instant weeks_to;        // Monday 00:00 of the week after the next
  core::instant quarter_from;    // the first day of this quarter, 00:00
  core::instant quarter_to;
  core::instant months_from;     // the first day of the month of week_from
  core::instant months_to;       // the first day of the month after the one holding weeks_to − 1 s
  std::function<int(core::instant)> month_of;  // the local month index (year * 12 + month − 1), as H6 counts
};

struct plan_overview_input {
  plan_periods periods;
  std::vector<domain::unit> units;
  std::vector<domain::cell> cells;
  std::vector<domain::member> members;
  // Every session and assignment overlapping the two weeks, the quarter and the months the two weeks touch.
  std::vector<domain::session> sessions;
  std::vector<domain::assignment> assignments;
  std::vector<store::waiting_proposal> proposals;
};

// A session with required seats still empty: how many per requirement.
struct empty_seats {
  domain::session session;
  std::map<std::string, int> missing;
  int total_missing = 0;
};

// A member holding more sessions in a month than their cap allows.
struct member_over_cap {
  domain::member member;
  int month = 0;  // the local month index
  int sessions = 0;
};

// Cells under one unit directly below the root (a commune in the demo) and which of them no member of the
// top level has been seated with this quarter.
struct unit_coverage {
  domain::unit unit;
  int cells = 0;
  int visited = 0;
  std::vector<domain::cell> not_visited;
};

struct plan_overview {
  std::vector<empty_seats> this_week;
  std::vector<empty_seats> next_week;
  int empty_seat_count = 0;  // required seats empty over both weeks
  std::vector<member_over_cap> over_cap;
  std::vector<store::waiting_proposal> proposals;
  std::optional<std::string> top_level;  // the level whose visits count; none when no unit holds one
  int cells = 0;
  int cells_visited = 0;
  std::vector<unit_coverage> coverage;  // by unit, units with unvisited cells first
};

// Reads what the overview needs from the stores: the directory, the sessions and seats over every period,
// the waiting proposals.
plan_overview_input gather_plan_overview(store::directory_store& directory, store::meetings_store& meetings,
                                         store::assignments_store& assignments, store::planning_store& planning,
                                         plan_periods periods);

// The committee's top member level: the first level of domain::member_levels() that some unit of the
// deployment is a kind of (the district in the demo, the province after the 2025 reform).
std::optional<std::string> top_member_level(const std::vector<domain::unit>& units);

plan_overview compute_plan_overview(const plan_overview_input& in);

}  // namespace satdan::services
