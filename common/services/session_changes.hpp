// Changing a session: moving it, relocating it, postponing or cancelling it with a reason. The JSON API's
// PATCH and the session page's forms both come here, so a change is checked and stored one way.
#pragma once
#include <cstdint>

#include "domain/meeting.hpp"
#include "store/actor.hpp"
#include "store/meetings_store.hpp"

namespace satdan::services {

// Applies `patch` to the session as it is now (domain::apply_patch: end after start, a reason for cancelled
// and postponed, a held session is final) and stores it unless it has changed since `expected_sequence`
// (412). Throws invalid_input with field errors, conflict (a held session; an assigned member elsewhere at
// the new time), not_found.
domain::session change_session(store::meetings_store& meetings, domain::id_t id, const domain::session_patch& patch,
                               std::int64_t expected_sequence, const store::actor& who);

}  // namespace satdan::services
