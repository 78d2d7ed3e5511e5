// Accounts: who may sign in, with which role. A `member` account is a committee member's own, linked to
// their member row. Passwords never appear in these values; only their Argon2id hashes, in the store.
#pragma once
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/instant.hpp"
#include "domain/directory.hpp"

namespace satdan::domain {

struct account {
  id_t id = 0;
  std::string username;                   // [a-z0-9][a-z0-9._-]{2,63}
  std::optional<std::string> display_name;
  std::string role;                       // admin, secretariat, staff, member
  std::optional<id_t> member_id;          // set exactly for role member
  bool active = true;
  core::instant created_at{};
};

// What a client sends to create or change an account: the account's fields and, maybe, a new password.
struct account_input {
  account value;
  std::optional<std::string> password;
};

const std::vector<std::string>& account_roles();

// Validates every field (and the password's length when present); `password_required` for creation.
account_input account_from_json(const boost::json::value& v, bool password_required);
boost::json::object to_json(const account& a);

// The password rule, for the API and the command line alike: returns why a password is refused, or "".
std::string password_problem(const std::string& password);

}  // namespace satdan::domain
