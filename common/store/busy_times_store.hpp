// Busy times imported from a member's own calendar: unavailability periods marked with the name of their
// source, so that uploading the same source again replaces the previous import, in one transaction.
#pragma once
#include <memory>
#include <optional>
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

// One imported source of a member, for showing what an upload left.
struct busy_source {
  std::string source;
  int periods = 0;               // all of them, past ones included
  core::instant first_start{};
  core::instant last_end{};
};

class busy_times_store {
 public:
  explicit busy_times_store(std::shared_ptr<database> db) : db_(std::move(db)) {}
  // Replaces the periods of (member, source) with `periods`; 404 for an unknown member. Returns how many
  // were stored.
  int replace(domain::id_t member_id, const std::string& source, const std::vector<busy_time>& periods, const actor& who);
  // Removes every period of (member, source); returns how many there were.
  int remove(domain::id_t member_id, const std::string& source, const actor& who);

  // The member's periods that end after `from`, in start order, at most `limit`: those of `source`, or,
  // without one, those entered by hand (the rows no import owns).
  std::vector<domain::unavailability> periods(domain::id_t member_id, const std::optional<std::string>& source,
                                              core::instant from, int limit);
  // How many periods of (member, source) end after `from`.
  int count_after(domain::id_t member_id, const std::string& source, core::instant from);
  // The member's imported sources, by name.
  std::vector<busy_source> sources(domain::id_t member_id);

 private:
  std::shared_ptr<database> db_;
};

}  // namespace satdan::store
