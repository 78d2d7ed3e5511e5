#include "services/own_attendance.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/utf8.hpp"

namespace satdan::services {

void check_own_attendance(const domain::attendance_record& r) {
  core::field_errors errors;
  const auto& statuses = domain::attendance_statuses();
  if (std::find(statuses.begin(), statuses.end(), r.status) == statuses.end())
    errors.add("status", "must be one of: on_time, late, absent_excused, absent_unexcused");
  if (r.status == "late" && !r.late_minutes) errors.add("late_minutes", "is required when late");
  if (r.late_minutes && (*r.late_minutes < 1 || *r.late_minutes > 24 * 60))
    errors.add("late_minutes", "must be from 1 to 1440");
  else if (r.status != "late" && r.late_minutes)
    errors.add("late_minutes", "is only for a member who was late");
  if (r.status == "absent_excused" && (!r.reason || r.reason->empty()))
    errors.add("reason", "is required for an excused absence");
  if (r.reason && core::utf8_length(*r.reason) > 500) errors.add("reason", "must be at most 500 characters");
  errors.throw_if_any();
}

store::session_attendance_view record_own_attendance(store::attendance_store& attendance, domain::id_t session_id,
                                                     domain::id_t member_id, domain::attendance_record r,
                                                     std::chrono::seconds window, const store::actor& who) {
  check_own_attendance(r);
  return attendance.record_own(session_id, member_id, std::move(r), core::now(), window, who);
}

bool own_attendance_open(std::string_view session_status, core::instant start, core::instant end, core::instant now,
                         std::chrono::seconds window) {
  if (session_status == "cancelled" || session_status == "postponed") return false;
  return now >= start && now <= end + window;
}

}  // namespace satdan::services
