// Busy times imported from a member's own calendar: unavailability periods marked with the name of their
// source, so that uploading the same source again replaces the previous import, in one transaction.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/instant.hpp"
#include "domain/directory.hpp"
#include "store/actor.hpp"
#include "store/database.hpp"

namespace satdan::store {

struct busy_time {
  core::instant start{}, end{};
};

class busy_times_store {
 public:
  explicit busy_times_store(std::shared_ptr<database> db) : db_(std::move(db)) {}
  // Replaces the periods of (member, source) with `periods`; 404 for an unknown member. Returns how many
  // were stored.
  int replace(domain::id_t member_id, const std::string& source, const std::vector<busy_time>& periods, const actor& who);
  // Removes every period of (member, source); returns how many there were.
  int remove(domain::id_t member_id, const std::string& source, const actor& who);

 private:
  std::shared_ptr<database> db_;
};

}  // namespace satdan::store
