// A member's own unavailability as the pages manage it: whole local days typed in a form become a period
// checked by the very decoder the API uses (domain::unavailability_from_json), so a page accepts exactly
// what POST /api/v1/unavailability accepts; a member may remove only their own periods.
#pragma once
#include <chrono>
#include <functional>
#include <string>

#include "domain/directory.hpp"
#include "store/actor.hpp"
#include "store/directory_store.hpp"

namespace satdan::services {

// The form as typed: dates "YYYY-MM-DD", both days included; the reason may be empty.
struct leave_form {
  std::string first_day;
  std::string last_day;
  std::string reason;
};

// The instant a local date begins in the committee's time zone (the caller knows the zone).
using day_start_fn = std::function<core::instant(std::chrono::year_month_day)>;

// Stores [start of first_day, start of the day after last_day) for `member_id`. Throws
// core::error(invalid_input) with field errors on "start", "end" and "reason": "is required", "must be a
// date YYYY-MM-DD", or the API's own reasons ("must be after start", "must be at most 400 days after start",
// the reason's length).
domain::unavailability add_own_leave(store::directory_store& directory, domain::id_t member_id, const leave_form& in,
                                     const day_start_fn& day_start, const store::actor& who);

// Deletes period `id` when it is `member_id`'s; another member's period is not_found, as the API answers.
void remove_own_period(store::directory_store& directory, domain::id_t member_id, domain::id_t id, const store::actor& who);

}  // namespace satdan::services
