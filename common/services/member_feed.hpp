// A member's private calendar feed: issuing its secret address and the reminders it carries. Only a digest
// of the token is stored, so the address can be shown once, when it is issued, and never again.
#pragma once
#include <string>
#include <vector>

#include "store/feeds_store.hpp"

namespace satdan::services {

inline constexpr int max_feed_reminders = 5;
inline constexpr int max_feed_reminder_minutes = 4 * 7 * 24 * 60;  // four weeks

// A new token for the member's feed, replacing any previous one (whose address stops answering). The
// caller shows the token's address now: it cannot be read back later.
std::string issue_feed_token(store::feeds_store& feeds, domain::id_t member_id, const store::actor& who);

}  // namespace satdan::services
