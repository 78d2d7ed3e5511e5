#include "services/session_changes.hpp"

namespace satdan::services {

domain::session change_session(store::meetings_store& meetings, domain::id_t id, const domain::session_patch& patch,
                               std::int64_t expected_sequence, const store::actor& who) {
  // A stale sequence is refused by the store, in the same statement that writes (412).
  auto next = domain::apply_patch(meetings.get_session(id), patch);
  return meetings.update_session(next, expected_sequence, who);
}

}  // namespace satdan::services
