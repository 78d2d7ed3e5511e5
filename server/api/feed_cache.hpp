// Rendered feeds kept in this process, keyed by feed and valid for one calendar data version (kept in the
// database, bumped by every write that a feed shows) and one local day (the window slides daily). Another
// process's write bumps the version too, so no process serves a stale feed.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/instant.hpp"
#include "store/feeds_store.hpp"

namespace satdan::api {

struct rendered_feed {
  std::shared_ptr<const std::string> bytes;
  std::string etag;               // strong, from the content hash
  core::instant last_modified{};
  std::int64_t data_version = 0;
  std::string day;                // the local day the window was computed for
};

// What feeds show today, and until when that holds (the next local midnight).
struct feed_day {
  std::string day;
  store::feed_window window;
  core::instant until{};
};

class feed_cache {
 public:
  explicit feed_cache(std::size_t max_entries = 4096) : max_entries_(max_entries) {}
  std::optional<rendered_feed> find(const std::string& key, std::int64_t data_version, const std::string& day);
  void put(const std::string& key, rendered_feed feed);
  // Today's window while it holds. Kept because computing it converts times with libical, under the one
  // libical lock that every feed request would otherwise queue on.
  std::optional<feed_day> day(core::instant now);
  void set_day(feed_day d);

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, rendered_feed> entries_;
  std::size_t max_entries_;
  std::optional<feed_day> day_;
};

}  // namespace satdan::api
