// Grievances on SQLite or PostgreSQL: a case is created with its due date (from the kind's SLA unless
// overridden with a reason) and a fresh tracking code; every transition and note is one transaction that
// writes the case, its history line and the audit row together. The audit row never holds a denouncer's
// identity (it is written from the withheld JSON).
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/grievance.hpp"
#include "store/actor.hpp"
#include "store/database.hpp"
#include "store/directory_store.hpp"

namespace satdan::store {

struct grievance_filter {
  std::optional<id_t> within;            // cases raised in this unit's subtree
  std::optional<id_t> handling_unit_id;  // cases handled by this unit's subtree
  std::optional<id_t> session_id;
  std::optional<id_t> officer_account_id;
  std::optional<std::string> kind;
  std::optional<std::string> category;
  std::optional<std::string> status;
  std::optional<domain::date> overdue_on;  // only cases overdue on this (local) date
};

class grievances_store {
 public:
  explicit grievances_store(std::shared_ptr<database> db) : db_(std::move(db)) {}

  // Checks the category, unit and session; fills the unit from the session when absent; sets the due date.
  domain::grievance create(domain::grievance_draft draft, const actor& who);
  domain::grievance get(id_t id);
  page<domain::grievance> list(const grievance_filter& f, page_request p);
  std::vector<domain::grievance_event> history(id_t id);
  // Moves the case under a row lock (PostgreSQL) or the write lock (SQLite): two moves cannot both start
  // from the same status. Setting or changing a denunciation's officer is forbidden unless `who` has admin
  // rights; nothing is written then.
  domain::grievance transition(id_t id, const domain::grievance_transition& t, domain::date today, const actor& who);
  domain::grievance_event add_note(id_t id, const std::string& text, const actor& who);

  // Cases received in [from, to] (local dates), raised within a unit's subtree when `within` is set, in id
  // order: the input of the grievance report.
  std::vector<domain::grievance> received_between(std::optional<id_t> within, domain::date from, domain::date to);

  // By canonical tracking code; nothing when no case has it.
  std::optional<domain::public_grievance> find_by_code(const std::string& code);

  // Kind → SLA days, and category code → label: the configurable lists.

 private:
  std::shared_ptr<database> db_;
};

}  // namespace satdan::store
