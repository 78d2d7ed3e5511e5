#include "auth/auth_service.hpp"

#include "core/error.hpp"
#include "security/secrets.hpp"

namespace satdan::auth {

using core::errc;
using core::error;

auth_service::auth_service(std::shared_ptr<store::database> db, auth_settings settings)
    : settings_(settings), accounts_(std::move(db)) {}

namespace {

std::string user_key(const std::string& username) { return "user:" + username; }
std::string address_key(const std::string& address) { return "addr:" + address; }

}  // namespace

void auth_service::refuse_if_locked(const std::string& username, const std::string& address, core::instant now) {
  for (const auto& key : {user_key(username), address_key(address)})
    if (auto left = accounts_.locked_for(key, now))
      throw error(errc::too_many_requests, "Too many failed sign-ins; try again later.").with_retry_after(*left);
}

void auth_service::count_failure(const std::string& username, const std::string& address, core::instant now) {
  accounts_.record_failure(user_key(username), now, settings_.username_failure_limit, settings_.window, settings_.lock);
  accounts_.record_failure(address_key(address), now, settings_.address_failure_limit, settings_.window, settings_.lock);
}

login_result auth_service::login(const std::string& username, const std::string& password, const std::string& address) {
  const core::instant now = core::now();
  refuse_if_locked(username, address, now);

  auto record = accounts_.find_for_login(username);
  bool ok = false;
  if (record) {
    ok = security::verify_password(password, record->password_hash);
  } else {
    security::waste_verification_time();  // an unknown username costs what a known one does
  }
  if (!ok) {
    count_failure(username, address, now);
    throw error(errc::unauthenticated, "The username or password is wrong.");
  }
  accounts_.clear_failures(user_key(username));
  login_result result{security::new_token(), now + settings_.token_ttl, record->account};
  accounts_.issue_token(record->account.id, security::token_digest(result.token), result.expires_at);
  return result;
}

std::optional<domain::account> auth_service::authenticate(std::string_view token) {
  // A well-formed token is 43 base64url characters; anything else cannot be one of ours.
  if (token.size() != 43) return std::nullopt;
  return accounts_.account_for_token(security::token_digest(token), core::now());
}

void auth_service::logout(std::string_view token, domain::id_t account_id) {
  accounts_.revoke_token(security::token_digest(token), account_id);
}

void auth_service::change_password(const domain::account& a, std::string_view token, const std::string& current,
                                   const std::string& next, const std::string& address) {
  // A wrong current password is a guess like a wrong sign-in: the same counters, the same lock. Otherwise a
  // stolen token would let its holder try passwords without limit.
  const core::instant now = core::now();
  refuse_if_locked(a.username, address, now);
  auto record = accounts_.find_for_login(a.username);
  if (!record || !security::verify_password(current, record->password_hash)) {
    count_failure(a.username, address, now);
    throw error(errc::invalid_input, "The current password is wrong.", {{"current_password", "is wrong"}});
  }
  accounts_.clear_failures(user_key(a.username));
  if (auto why = domain::password_problem(next); !why.empty())
    throw error(errc::invalid_input, "The new password is not acceptable.", {{"new_password", why}});
  accounts_.change_password(a.id, security::hash_password(next), security::token_digest(token));
}

}  // namespace satdan::auth
