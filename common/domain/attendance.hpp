// Attendance: what happened at a session. For each member present or expected, on time, late (minutes),
// absent with a reason, or absent without one; for the session, the citizens present at a dialogue and
// the minutes (biên bản). Plain values and their JSON codec.
#pragma once
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/instant.hpp"
#include "domain/directory.hpp"

namespace satdan::domain {

inline const std::vector<std::string>& attendance_statuses() {
  static const std::vector<std::string> statuses = {"on_time", "late", "absent_excused", "absent_unexcused"};
  return statuses;
}

struct attendance_record {
  id_t member_id = 0;
  std::string status;                 // on_time, late, absent_excused, absent_unexcused
  std::optional<int> late_minutes;    // late only
  std::optional<std::string> reason;  // required for absent_excused
  std::optional<id_t> recorded_by;    // the account; none for the system
  core::instant recorded_at{};
};

// A session's record, written by staff in one request (all or nothing).
struct session_attendance {
  std::vector<attendance_record> records;
  std::optional<int> citizens_present;   // dialogues only
  std::optional<std::string> minutes;    // biên bản
};

// {"records": [{"member_id", "status", "late_minutes", "reason"}], "citizens_present", "minutes"}; fields
// are named "records[2].reason". A member listed twice is refused.
session_attendance session_attendance_from_json(const boost::json::value& v);
// A member's own record: {"status", "late_minutes", "reason"}.
attendance_record own_attendance_from_json(const boost::json::value& v);

boost::json::object to_json(const attendance_record& r);

}  // namespace satdan::domain
