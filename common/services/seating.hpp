// Whether a member may take a seat at a session under the hard rules H1–H6 of the assignment problem
// (docs: /spec/scheduling.md), as a verdict that says which rule refuses and what conflicts. One check serves
// everyone: the store's assign runs it inside its write transaction before inserting, and pages run it
// read-only over many candidates at once, from one read of the facts.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/instant.hpp"
#include "domain/meeting.hpp"

namespace satdan::store {
class assignments_store;
}

namespace satdan::services {

using domain::id_t;

struct seating_rules {
  int travel_within_minutes = 10;           // between two sessions in the same unit
  int default_travel_minutes = 30;          // between units, until travel times between units are recorded
  std::function<int(core::instant)> month;  // local month index (H6 counts per local month)
};

// What the rules need to know of the session.
struct seat_session {
  id_t id = 0;
  id_t unit_id = 0;
  core::instant start{}, end{};
  std::string status;
  domain::seats needs, optional;
  std::set<id_t> unit_and_ancestors;        // a commune member's home must be one of these (H1)
  std::map<std::string, int> taken;         // assignments per requirement (H3)
  std::set<id_t> seated;                    // members already seated (H2)
};

struct booked_session {
  id_t session_id = 0;
  id_t unit_id = 0;
  core::instant start{}, end{};
};

struct away_period {
  core::instant start{}, end{};
  std::optional<std::string> reason;
};

// What the rules need to know of a member: their level and roles, their absences around the session and
// every session they already sit at.
struct seat_member {
  id_t id = 0;
  std::string name, level;
  std::set<std::string> roles;
  id_t home_unit_id = 0;
  int max_per_month = 4;
  bool active = true;
  std::vector<away_period> away;
  std::vector<booked_session> booked;       // in start order
};

struct seating_facts {
  seat_session session;
  std::map<id_t, seat_member> members;      // those asked about that exist
};

// Why a seat is refused. `rule` is "H1".."H6"; `field` is the request field the refusal is about ("need" or
// "member_id"), as the API reports it.
enum class refusal {
  none,
  not_fitting,     // H1: neither of the seat's level nor holding its role
  other_commune,   // H1: a commune member outside their own commune
  already_seated,  // H2
  no_such_seat,    // H3: the session offers no seat of that requirement
  seats_full,      // H3
  away,            // H4: `period`
  travel,          // H5: `other` and `gap_minutes`
  monthly_cap,     // H6: `count` of `limit` in the month of the session's start
};

struct verdict {
  refusal why = refusal::none;
  std::string rule, field;
  int count = 0, limit = 0, gap_minutes = 0;
  std::optional<away_period> period;
  std::optional<booked_session> other;
  bool allowed() const { return why == refusal::none; }
};

// H1–H6 for `member` in a `need` seat at `session`, in that order: the first rule broken is the verdict.
verdict check_seat(const seat_session& session, const seat_member& member, const std::string& need,
                   const seating_rules& rules);

// The refusal as the API words it ("H5: Trần Quốc Bảo is at session 12 (...) without 30 minutes to travel
// between"); empty when allowed.
std::string api_detail(const verdict& v, const seat_member& member, const std::string& need);

// The seats a session offers: its needs and optional seats together, by requirement.
std::vector<std::string> offered_requirements(const seat_session& session);

// Read-only: the verdict of each member (that exists) for each seat the session offers, from one read.
// Throws not_found for an unknown session.
struct candidate_verdicts {
  seat_member member;
  std::map<std::string, verdict> by_need;
};
struct seating_review {
  seat_session session;
  std::vector<candidate_verdicts> candidates;  // in the order asked, unknown members left out
};
seating_review review_candidates(store::assignments_store& store, id_t session_id, const std::vector<id_t>& member_ids);

}  // namespace satdan::services
