// What the member and unit reports read: sessions in a period with their records, who was assigned and who
// attended, the members, units and cells of a subtree. Plain rows; the reports are computed in domain/.
#pragma once
#include <memory>
#include <optional>

#include "domain/activity_report.hpp"
#include "store/database.hpp"
#include "store/directory_store.hpp"

namespace satdan::store {

class activity_store {
 public:
  explicit activity_store(std::shared_ptr<database> db) : db_(std::move(db)) {}

  // Sessions starting in [from, to) in the subtree `within` (everywhere when empty). Quarters and `past`
  // are left for the caller, who knows the time zone.
  domain::activity_inputs read(std::optional<id_t> within, core::instant from, core::instant to);

 private:
  std::shared_ptr<database> db_;
};

}  // namespace satdan::store
