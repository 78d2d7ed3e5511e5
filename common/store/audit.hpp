// The audit log: written inside the transaction of the change it describes, read by admins.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "domain/audit.hpp"
#include "store/actor.hpp"
#include "store/database.hpp"
#include "store/directory_store.hpp"

namespace satdan::store {

void record_audit(soci::session& s, const actor& who, std::string_view action, std::string_view entity,
                  std::optional<id_t> entity_id, const boost::json::object* before, const boost::json::object* after);

// Audits a create/update/delete of a value with a domain::to_json codec.
template <class T>
void audit_write(soci::session& s, const actor& who, std::string_view action, std::string_view entity, id_t id,
                 const T* before, const T* after) {
  std::optional<boost::json::object> b, a;
  if (before) b = domain::to_json(*before);
  if (after) a = domain::to_json(*after);
  record_audit(s, who, action, entity, id, b ? &*b : nullptr, a ? &*a : nullptr);
}

struct audit_filter {
  std::optional<std::string> entity;
  std::optional<std::string> action;  // read by `newest` (the admin pages); the API filters by entity
  std::optional<id_t> entity_id;
  std::optional<id_t> account_id;
  std::optional<core::instant> from;  // at >= from
  std::optional<core::instant> to;    // at < to
};

class audit_store {
 public:
  explicit audit_store(std::shared_ptr<database> db) : db_(std::move(db)) {}
  page<domain::audit_entry> list(const audit_filter& f, page_request p);

  // A page of the log newest first, for reading back in time: `limit` entries older than `before` (the
  // newest when unset), or, for going forward again, the `limit` entries just newer than `after`. Says
  // whether older and newer entries exist beyond the page.
  struct window {
    std::vector<domain::audit_entry> items;  // newest first
    bool older = false;
    bool newer = false;
  };
  window newest(const audit_filter& f, std::optional<id_t> before, std::optional<id_t> after, int limit);

  // When each account last did `action` ("login": the last sign-in).
  std::map<id_t, core::instant> last_by_account(std::string_view action);

 private:
  std::shared_ptr<database> db_;
};

}  // namespace satdan::store
