// A member's own attendance line: the rules the API (PUT /api/v1/sessions/{id}/attendance/me) and the
// member's schedule page both apply, so a form and a JSON body are judged alike.
#pragma once
#include <chrono>
#include <string_view>

#include "core/instant.hpp"
#include "domain/attendance.hpp"
#include "store/attendance_store.hpp"

namespace satdan::services {

// The record's fields fit together: a known status, late minutes (1 to 1440) exactly when late, a reason
// (at most 500 characters) for an excused absence. Throws invalid_input naming "status", "late_minutes" or
// "reason".
void check_own_attendance(const domain::attendance_record& r);

// Records the member's own line at `now` (core::now()): only at a session they are seated at (forbidden),
// from its start until `window` after its end and never for a cancelled or postponed one (conflict).
store::session_attendance_view record_own_attendance(store::attendance_store& attendance, domain::id_t session_id,
                                                     domain::id_t member_id, domain::attendance_record r,
                                                     std::chrono::seconds window, const store::actor& who);

// Whether a seated member may record their own line now: what a page asks before offering the form.
bool own_attendance_open(std::string_view session_status, core::instant start, core::instant end, core::instant now,
                         std::chrono::seconds window);

}  // namespace satdan::services
