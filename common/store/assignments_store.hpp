// Assignments made by hand, checked against the hard rules of the assignment problem (H1 fit, H2 one seat,
// H3 seat count, H4 availability, H5 travel between sessions, H6 monthly cap) inside one transaction that
// holds the member, so two processes can never double-book anyone.
#pragma once
#include <functional>
#include <memory>
#include <vector>

#include "domain/audit.hpp"
#include "domain/meeting.hpp"
#include "services/seating.hpp"
#include "store/actor.hpp"
#include "store/database.hpp"

namespace satdan::store {

using domain::id_t;

// The rules' parameters: travel minutes and the local month (services/seating.hpp).
using assignment_rules = services::seating_rules;

class assignments_store {
 public:
  assignments_store(std::shared_ptr<database> db, assignment_rules rules) : db_(std::move(db)), rules_(std::move(rules)) {}

  std::vector<domain::assignment> for_session(id_t session_id);
  // Every assignment to a session overlapping [from, to), in (session, id) order: a calendar's or a
  // plan's seats in one read.
  std::vector<domain::assignment> overlapping(core::instant from, core::instant to);
  // Throws conflict naming the rule (field "member_id" or "need", reason "H5: ...") when a rule forbids it;
  // the rules are services::check_seat, run on facts read inside the write transaction.
  domain::assignment assign(id_t session_id, id_t member_id, const std::string& need, bool pinned, const actor& who);
  void unassign(id_t session_id, id_t assignment_id, const actor& who);
  // Pins or unpins a seat (the solver keeps pinned ones); 404 unless the assignment is the session's.
  domain::assignment set_pinned(id_t session_id, id_t assignment_id, bool pinned, const actor& who);

  // What the hard rules need to know of the session and of these members, in one read (no write lock).
  // Throws not_found for an unknown session; members that do not exist are left out.
  services::seating_facts seating_facts(id_t session_id, const std::vector<id_t>& member_ids);
  const assignment_rules& rules() const { return rules_; }

  // The audit entries of the session and of its assignments (also those since removed), newest first.
  std::vector<domain::audit_entry> history(id_t session_id, int limit);

 private:
  std::shared_ptr<database> db_;
  assignment_rules rules_;
};

}  // namespace satdan::store
