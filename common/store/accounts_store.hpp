// Accounts, bearer tokens (kept as SHA-256 digests) and the login throttle. Every change is audited in
// its own transaction; password hashes never leave this store except to the login check.
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "domain/account.hpp"
#include "store/actor.hpp"
#include "store/database.hpp"
#include "store/directory_store.hpp"

namespace satdan::store {

struct account_filter {
  std::optional<std::string> role;
  std::optional<bool> active;
};

struct login_record {
  domain::account account;
  std::string password_hash;
};

class accounts_store {
 public:
  explicit accounts_store(std::shared_ptr<database> db) : db_(std::move(db)) {}

  page<domain::account> list(const account_filter& f, page_request p);
  domain::account get(id_t id);
  domain::account create(domain::account a, const std::string& password_hash, const actor& who);
  // A new password hash, or deactivation, revokes every token of the account; deactivating a member's account
  // also revokes the member's calendar feed token.
  domain::account update(const domain::account& a, const std::optional<std::string>& password_hash, const actor& who);
  std::int64_t count();

  std::optional<login_record> find_for_login(const std::string& username);
  // Records a successful sign-in: the token's digest with its expiry, audited as "login".
  void issue_token(id_t account_id, const std::string& digest, core::instant expires_at);
  // The active account holding an unexpired, unrevoked token with this digest.
  std::optional<domain::account> account_for_token(const std::string& digest, core::instant now);
  // Revokes one token (logout); false when it was not live.
  bool revoke_token(const std::string& digest, id_t account_id);
  // Changes the password and revokes every other token of the account, audited as "password_change".
  void change_password(id_t account_id, const std::string& password_hash, const std::string& keep_digest);

  // Login throttling, kept in the database so that every server process sees the same counts.
  // Seconds left while `key` is locked, or nothing.
  std::optional<std::chrono::seconds> locked_for(const std::string& key, core::instant now);
  // Counts a failure in the window; locks the key for `lock` once `limit` failures are reached.
  void record_failure(const std::string& key, core::instant now, int limit, std::chrono::seconds window,
                      std::chrono::seconds lock);
  void clear_failures(const std::string& key);

 private:
  std::shared_ptr<database> db_;
};

}  // namespace satdan::store
