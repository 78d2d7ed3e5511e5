#include "api/feed_cache.hpp"

namespace satdan::api {

std::optional<rendered_feed> feed_cache::find(const std::string& key, std::int64_t data_version, const std::string& day) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.data_version != data_version || it->second.day != day) return std::nullopt;
  return it->second;
}

void feed_cache::put(const std::string& key, rendered_feed feed) {
  std::lock_guard lock(mutex_);
  // Stale entries are replaced by key; a full cache (more feeds than members and units) starts over
  // rather than tracking recency, which would cost every hit a write.
  if (entries_.size() >= max_entries_ && !entries_.contains(key)) entries_.clear();
  entries_[key] = std::move(feed);
}

std::optional<feed_day> feed_cache::day(core::instant now) {
  std::lock_guard lock(mutex_);
  // A clock set back by more than a day also recomputes.
  if (!day_ || now >= day_->until || now < day_->until - std::chrono::days{2}) return std::nullopt;
  return day_;
}

void feed_cache::set_day(feed_day d) {
  std::lock_guard lock(mutex_);
  day_ = std::move(d);
}

}  // namespace satdan::api
