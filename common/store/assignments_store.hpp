// Assignments made by hand, checked against the hard rules of the assignment problem (H1 fit, H2 one seat,
// H3 seat count, H4 availability, H5 travel between sessions, H6 monthly cap) inside one transaction that
// holds the member, so two processes can never double-book anyone.
#pragma once
#include <functional>
#include <memory>
#include <vector>

#include "domain/meeting.hpp"
#include "store/actor.hpp"
#include "store/database.hpp"

namespace satdan::store {

using domain::id_t;

struct assignment_rules {
  int travel_within_minutes = 10;            // between two sessions in the same unit
  int default_travel_minutes = 30;           // between units, until travel times between units are recorded
  std::function<int(core::instant)> month;   // local month index (H6 counts per local month)
};

class assignments_store {
 public:
  assignments_store(std::shared_ptr<database> db, assignment_rules rules) : db_(std::move(db)), rules_(std::move(rules)) {}

  std::vector<domain::assignment> for_session(id_t session_id);
  // Every assignment to a session overlapping [from, to), in (session, id) order: a calendar's or a
  // plan's seats in one read.
  std::vector<domain::assignment> overlapping(core::instant from, core::instant to);
  // Throws conflict naming the rule (field "member_id" or "need", reason "H5: ...") when a rule forbids it.
  domain::assignment assign(id_t session_id, id_t member_id, const std::string& need, bool pinned, const actor& who);
  void unassign(id_t session_id, id_t assignment_id, const actor& who);

 private:
  std::shared_ptr<database> db_;
  assignment_rules rules_;
};

}  // namespace satdan::store
