#include "services/member_feed.hpp"

#include "security/secrets.hpp"

namespace satdan::services {

std::string issue_feed_token(store::feeds_store& feeds, domain::id_t member_id, const store::actor& who) {
  std::string token = security::new_token();
  feeds.set_token(member_id, security::token_digest(token), who);
  return token;
}

}  // namespace satdan::services
