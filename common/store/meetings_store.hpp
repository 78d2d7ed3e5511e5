// Series and sessions. Sessions are materialised occurrences of series (plus one-offs); the store applies
// plans that calendar/ computes with libical, in one transaction that checks nothing it read has changed.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/meeting.hpp"
#include "store/actor.hpp"
#include "store/database.hpp"
#include "store/directory_store.hpp"

namespace satdan::store {

struct series_filter {
  std::optional<id_t> cell_id;
  std::optional<id_t> within;  // series of cells of units in this subtree
};

struct session_filter {
  std::optional<id_t> within;     // sessions in units of this subtree
  std::optional<id_t> cell_id;
  std::optional<id_t> series_id;
  std::optional<std::string> kind;
  std::optional<std::string> status;
  std::optional<id_t> member_id;      // sessions this member is assigned to
  std::optional<core::instant> from;  // sessions overlapping [from, to)
  std::optional<core::instant> to;
};

// Sessions page in (start, id) order: the cursor is the last (start, id) seen.
struct session_cursor {
  core::instant start;
  id_t id = 0;
};
struct session_page_request {
  int limit = 50;
  std::optional<session_cursor> after;
};
struct session_page {
  std::vector<domain::session> items;
  std::optional<session_cursor> next;
};

// One occurrence of a series, as libical expanded it.
struct occurrence {
  core::instant recurrence_id;  // the original start
  core::instant start;
  core::instant end;
};

// How a series' future sessions follow a change of the series: sessions that keep their day get the new
// time and place, those whose day is gone are removed, new days are added. Each session named here was
// read with its sequence; if it has changed since, the whole plan is refused (409).
struct regeneration {
  std::vector<std::pair<domain::session, occurrence>> updates;
  std::vector<domain::session> removals;
  std::vector<occurrence> additions;
};

class meetings_store {
 public:
  explicit meetings_store(std::shared_ptr<database> db) : db_(std::move(db)) {}

  page<domain::series> list_series(const series_filter& f, page_request p);
  domain::series get_series(id_t id);
  std::vector<domain::series> all_series();
  // Creates the series and its first occurrences together.
  domain::series create_series(domain::series s, const std::vector<occurrence>& first, core::instant materialized_until,
                               const actor& who);
  // Changes the series (refused with 412 unless it is still at `expected_version`) and applies `plan` to its
  // future sessions, in one transaction.
  domain::series update_series(const domain::series& s, std::int64_t expected_version, const regeneration& plan,
                               const actor& who);
  // Ends `old_series` (its until set), removes `plan.removals`, and starts `next` with `plan.additions`.
  domain::series split_series(const domain::series& old_series, std::int64_t expected_version, domain::series next,
                              const regeneration& plan, core::instant materialized_until, const actor& who);
  // Deletes a series with its sessions; 409 when any of them was held.
  void delete_series(id_t id, std::int64_t expected_version, const actor& who);
  // Adds occurrences not yet stored (idempotent) and records how far the series is materialised.
  int add_occurrences(id_t series_id, const std::vector<occurrence>& list, core::instant materialized_until);
  std::optional<core::instant> materialized_until(id_t series_id);

  session_page list_sessions(const session_filter& f, session_page_request p);
  domain::session get_session(id_t id);
  // Planned, unmoved sessions of a series starting at or after `from`: what a series change may redo.
  std::vector<domain::session> regenerable_sessions(id_t series_id, core::instant from);
  // Sessions of a series starting at or after `from` that a change leaves alone (moved, cancelled, held...).
  std::vector<domain::session> exceptions_after(id_t series_id, core::instant from);
  domain::session create_session(domain::session s, const actor& who);
  // 412 unless the session is still at `expected_sequence`; bumps sequence and updated_at.
  domain::session update_session(domain::session next, std::int64_t expected_sequence, const actor& who);
  // One-off sessions that are still planned only; others are cancelled instead (409).
  void delete_session(id_t id, std::int64_t expected_sequence, const actor& who);

 private:
  std::shared_ptr<database> db_;
};

}  // namespace satdan::store
