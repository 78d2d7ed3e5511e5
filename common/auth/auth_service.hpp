// Signing in and out: password checks with throttling per username and per client address, opaque
// bearer tokens with an expiry, password changes. No HTTP here; the server maps the errors.
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "domain/account.hpp"
#include "store/accounts_store.hpp"

namespace satdan::auth {

struct auth_settings {
  std::chrono::seconds token_ttl = std::chrono::hours(12);
  int username_failure_limit = 5;    // failures in `window` before the username is locked
  int address_failure_limit = 20;    // the same for one client address, across usernames
  std::chrono::seconds window = std::chrono::minutes(15);
  std::chrono::seconds lock = std::chrono::minutes(15);
};

struct login_result {
  std::string token;       // shown once; the database keeps only its digest
  core::instant expires_at;
  domain::account account;
};

class auth_service {
 public:
  auth_service(std::shared_ptr<store::database> db, auth_settings settings);

  // Throws unauthenticated with one message for every wrong username or password (no enumeration), or
  // too_many_requests with a retry-after while the username or the address is locked.
  login_result login(const std::string& username, const std::string& password, const std::string& address);
  // The account behind a live token, or nothing for an unknown, expired or revoked token.
  std::optional<domain::account> authenticate(std::string_view token);
  void logout(std::string_view token, domain::id_t account_id);
  // Checks the current password, stores the new one, revokes the account's other tokens. A wrong current
  // password counts as a failed sign-in from `address` (invalid_input), and while the username or the
  // address is locked every attempt is too_many_requests, as at the login.
  void change_password(const domain::account& a, std::string_view token, const std::string& current,
                       const std::string& next, const std::string& address);

  store::accounts_store& accounts() { return accounts_; }

 private:
  // too_many_requests with a retry-after while the username or the address is locked.
  void refuse_if_locked(const std::string& username, const std::string& address, core::instant now);
  void count_failure(const std::string& username, const std::string& address, core::instant now);
  auth_settings settings_;
  store::accounts_store accounts_;
};

}  // namespace satdan::auth
