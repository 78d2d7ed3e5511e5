// The scheduler's view of the database: the assignment instance of a unit subtree and period (ids become
// "s12", "m7", "u3", "c5"), proposals, and applying one in a transaction that first checks that nothing the
// proposal read has changed (the instance is rebuilt and its fingerprint compared).
#pragma once
#include <boost/json/object.hpp>

#include <memory>
#include <string>
#include <vector>

#include "scheduling/instance.hpp"
#include "store/actor.hpp"
#include "store/database.hpp"

namespace satdan::store {

using domain::id_t;

struct planning_scope {
  id_t within = 0;         // unit subtree whose sessions are planned
  core::instant from, to;  // sessions starting in [from, to)
};

struct planning_settings {
  std::string timezone = "Asia/Ho_Chi_Minh";
  int travel_within_minutes = 10;
  int default_travel_minutes = 30;  // between units, until travel times between units are recorded
};

struct planning_input {
  scheduling::instance instance;
  std::string fingerprint;  // SHA-256 of the instance's JSON: what the proposal read
};

struct proposal {
  id_t id = 0;
  planning_scope scope;
  std::string fingerprint;
  boost::json::object result;  // cost, added, removed, unfilled
  std::string status;          // open, applied
};

// A proposal not applied yet, as a list shows it: its scope, when it was made and how many seats it changes.
struct waiting_proposal {
  id_t id = 0;
  planning_scope scope;
  core::instant created_at{};
  int added = 0;
  int removed = 0;
};

// What a proposal says: its cost, the assignments to add and remove against the current ones (pinned
// ones are never removed), and why seats stay empty — with the database's numeric ids.
boost::json::object proposal_result(const planning_input& input, const scheduling::solution& solution);

// A line of the list of proposals, newest first.
struct proposal_summary {
  id_t id = 0;
  core::instant created_at{};
  planning_scope scope;
  std::string status;  // open, applied
};

class planning_store {
 public:
  planning_store(std::shared_ptr<database> db, planning_settings settings) : db_(std::move(db)), settings_(std::move(settings)) {}

  planning_input build(const planning_scope& scope);
  proposal save(const planning_scope& scope, const std::string& fingerprint, const boost::json::object& result,
                const actor& who);
  proposal get(id_t id);
  // The `limit` newest proposals.
  std::vector<proposal_summary> recent(int limit);
  // Applies the proposal's added and removed assignments. 409 when anything it read has changed since
  // (sessions, assignments, unavailability, members) or when it was applied already.
  proposal apply(id_t id, const actor& who);
  // Proposals still open (made and not applied), newest first, at most `limit`.
  std::vector<waiting_proposal> waiting_proposals(int limit);

 private:
  planning_input build_in(soci::session& s, const planning_scope& scope);
  std::shared_ptr<database> db_;
  planning_settings settings_;
};

}  // namespace satdan::store
