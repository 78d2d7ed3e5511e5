// Attendance on SQLite or PostgreSQL. Staff write a whole session in one transaction (all or nothing); a
// member writes their own record within a window after the session. Either marks the session held. Every
// version of a record is kept in attendance_history, so a correction never erases what was written before.
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <vector>

#include "domain/attendance.hpp"
#include "store/actor.hpp"
#include "store/database.hpp"
#include "store/directory_store.hpp"

namespace satdan::store {

struct session_attendance_view {
  id_t session_id = 0;
  std::string session_status;
  std::optional<int> citizens_present;
  std::optional<std::string> minutes;
  bool minutes_withheld = false;                   // a member reading a session they did not sit in
  std::vector<domain::attendance_record> records;  // current, by member id
  std::vector<domain::attendance_record> history;  // every version written, oldest first
};

class attendance_store {
 public:
  explicit attendance_store(std::shared_ptr<database> db) : db_(std::move(db)) {}

  // Refuses (conflict) a session that is cancelled or postponed, or has not started by `now`.
  session_attendance_view record_session(id_t session_id, const domain::session_attendance& a, core::instant now,
                                         const actor& who);
  // A member's own record: only for a session they are assigned to (forbidden otherwise), from its start
  // until `window` after its end (conflict outside it). Answers the view as that member reads it.
  session_attendance_view record_own(id_t session_id, id_t member_id, domain::attendance_record r, core::instant now,
                                     std::chrono::seconds window, const actor& who);
  // The whole session; with `only_member` (a member account reading), that member's lines only, and the
  // minutes only when they were seated at the session.
  session_attendance_view get(id_t session_id, std::optional<id_t> only_member = std::nullopt);

 private:
  std::shared_ptr<database> db_;
};

}  // namespace satdan::store
