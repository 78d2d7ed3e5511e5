// Who makes a change, for the audit log: an account, or the system itself (demo seed, command line).
#pragma once
#include <optional>

#include "domain/directory.hpp"

namespace satdan::store {

struct actor {
  std::optional<domain::id_t> account_id;  // empty: the system
};

}  // namespace satdan::store
