// Audit entries: who (account; none for the system), what (action on an entity), when, and which fields
// changed from what to what. Secrets never enter the changes: they are built from the public JSON codecs.
#pragma once
#include <boost/json/object.hpp>

#include <optional>
#include <string>

#include "core/instant.hpp"
#include "domain/directory.hpp"

namespace satdan::domain {

struct audit_entry {
  id_t id = 0;
  core::instant at;
  std::optional<id_t> account_id;
  std::string action;               // "create", "update", "delete", "login", "logout", "password_change", ...
  std::string entity;               // "unit", "member", "account", ...
  std::optional<id_t> entity_id;
  boost::json::object changes;      // {"field": {"old": ..., "new": ...}}
};

boost::json::object to_json(const audit_entry& e);

// Field-by-field difference of two JSON objects (either may be absent for create and delete). "id" is
// left out: it is the entity_id.
boost::json::object field_changes(const boost::json::object* before, const boost::json::object* after);

}  // namespace satdan::domain
