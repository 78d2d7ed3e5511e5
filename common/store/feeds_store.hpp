// What calendar feeds read and keep: members' private feed tokens (digests only) and reminder settings,
// the sessions each feed shows, the calendar data version that every write to those bumps (migration
// 0006's triggers), and each feed's published state, shared by all server processes.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/instant.hpp"
#include "domain/directory.hpp"
#include "store/actor.hpp"
#include "store/database.hpp"

namespace satdan::store {

using domain::id_t;

// Someone else seated at a session (member feeds list co-attendees; unit feeds only the chair).
struct feed_attendee {
  id_t member_id = 0;
  std::string full_name;
  std::string need;  // the seat: a level or a role
};

// A session with what a feed says about it.
struct feed_session {
  id_t id = 0;
  std::string kind;                        // cell_meeting, dialogue
  std::string status;                      // planned, held, postponed, cancelled
  std::optional<std::string> status_reason;
  core::instant start{}, end{}, created_at{}, updated_at{};
  std::int64_t sequence = 0;
  std::string time_zone;                   // the series' zone, else the deployment's
  std::optional<std::string> location, topic;
  std::string unit_name, unit_kind;
  std::optional<std::string> parent_name, parent_kind;
  std::optional<std::string> cell_name;
  std::optional<std::string> need;         // member feeds: the member's own seat
  std::optional<core::instant> assigned_at;
  std::vector<feed_attendee> attendees;
};

// What a feed shows: sessions overlapping [from, to); cancelled ones only when cancelled (last changed)
// at or after `cancelled_since`.
struct feed_window {
  core::instant from{}, to{}, cancelled_since{};
};

struct member_feed_owner {
  id_t member_id = 0;
  std::string full_name;
  std::vector<int> reminders;              // minutes before the start
  std::int64_t data_version = 0;
};

struct feed_settings {
  bool has_token = false;
  std::optional<core::instant> token_created_at;
  std::vector<int> reminders;
};

// Validators of a feed as published: Last-Modified changes exactly when the content hash does.
struct published_feed {
  std::string content_hash;
  core::instant last_modified{};
};

inline const std::vector<int>& default_reminders() {
  static const std::vector<int> minutes = {1440, 60};
  return minutes;
}

// Inside the caller's transaction: the member's feed token stops working (as revoke_token, unaudited). True
// when there was one. Deactivating a member's account calls it, so the feed ends with the account.
bool clear_feed_token(soci::session& s, id_t member_id);

class feeds_store {
 public:
  feeds_store(std::shared_ptr<database> db, std::string default_zone)
      : db_(std::move(db)), default_zone_(std::move(default_zone)) {}

  // Stores the digest of a new token for the member, replacing any previous one (which stops working).
  // 404 for an unknown member.
  void set_token(id_t member_id, const std::string& digest, const actor& who);
  // The member's token stops working; a no-op when there is none. 404 for an unknown member.
  void revoke_token(id_t member_id, const actor& who);
  // The active member behind a token digest, with the current calendar data version.
  std::optional<member_feed_owner> owner_of(const std::string& digest);

  feed_settings settings(id_t member_id);
  // Members whose feed has an address now.
  std::set<id_t> members_with_token();
  void set_reminders(id_t member_id, const std::vector<int>& minutes, const actor& who);

  std::int64_t data_version();
  std::optional<domain::unit> unit(id_t unit_id);

  std::vector<feed_session> member_sessions(id_t member_id, const feed_window& w);
  // Sessions in the unit and every unit below it; attendees hold the chairs of dialogues only.
  std::vector<feed_session> unit_sessions(id_t unit_id, const feed_window& w);
  // One session with its chairs; empty when there is no such session.
  std::optional<feed_session> session(id_t session_id);

  // Records `content_hash` as feed `key`'s content at `data_version` and returns its validators:
  // unchanged content keeps its Last-Modified; new content gets `now`, or one second after the previous
  // Last-Modified when the clock has not moved past it (so it never goes backwards or repeats). A render
  // from an older data version than the one recorded changes nothing.
  published_feed publish(const std::string& key, const std::string& content_hash, std::int64_t data_version,
                         core::instant now);

 private:
  std::shared_ptr<database> db_;
  std::string default_zone_;
};

}  // namespace satdan::store
