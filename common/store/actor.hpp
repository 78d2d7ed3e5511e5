// Who makes a change, for the audit log: an account, or the system itself (demo seed, command line). The
// account's role travels with it for the few rules a store enforces that are finer than a route's roles.
#pragma once
#include <optional>
#include <string>

#include "domain/directory.hpp"

namespace satdan::store {

struct actor {
  std::optional<domain::id_t> account_id;  // empty: the system
  std::string role;                        // the account's role; empty for the system

  // Admins, and the system (whoever runs the command line or the seed already owns the database).
  bool has_admin_rights() const { return !account_id || role == "admin"; }
};

}  // namespace satdan::store
