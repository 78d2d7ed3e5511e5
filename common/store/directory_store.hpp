// The directory's store: units, cells, members (with roles), responsibilities and unavailability, on
// SQLite or PostgreSQL through one SOCI implementation. Every method takes its own connection and, for
// writes, its own transaction; referential rules are checked inside it so errors name the field.
#pragma once
#include <memory>
#include <map>
#include <set>
#include <optional>
#include <string>
#include <vector>

#include "domain/directory.hpp"
#include "store/actor.hpp"
#include "store/database.hpp"

namespace satdan::store {

using domain::id_t;

// Keyset pagination: items with id > after, in id order. The handler turns `after` into an opaque cursor.
struct page_request {
  int limit = 50;
  id_t after = 0;
};

template <class T>
struct page {
  std::vector<T> items;
  std::optional<id_t> next_after;  // set when more items follow
};

struct unit_filter {
  std::optional<id_t> within;     // the unit and its whole subtree
  std::optional<id_t> parent_id;  // direct children only
  std::optional<std::string> kind;
};

struct cell_filter {
  std::optional<id_t> within;     // cells of units in this subtree
  std::optional<id_t> unit_id;
  std::optional<std::string> kind;
};

struct member_filter {
  std::optional<id_t> within;     // members whose home unit is in this subtree
  std::optional<std::string> level;
  std::optional<std::string> role;
  std::optional<bool> active;
};

struct responsibility_filter {
  std::optional<id_t> member_id;
  std::optional<id_t> unit_id;
  std::optional<id_t> cell_id;
};

struct unavailability_filter {
  std::optional<id_t> member_id;
  std::optional<core::instant> from;  // periods overlapping [from, to)
  std::optional<core::instant> to;
};

class directory_store {
 public:
  explicit directory_store(std::shared_ptr<database> db) : db_(std::move(db)) {}

  page<domain::unit> list_units(const unit_filter& f, page_request p);
  domain::unit get_unit(id_t id);
  // Names of the units among `ids` that exist, in one read (reports name many units at once).
  std::map<id_t, std::string> unit_names(const std::set<id_t>& ids);
  domain::unit create_unit(domain::unit u, const actor& who);
  domain::unit update_unit(const domain::unit& u, const actor& who);
  void delete_unit(id_t id, const actor& who);
  std::int64_t count_units();

  page<domain::cell> list_cells(const cell_filter& f, page_request p);
  domain::cell get_cell(id_t id);
  domain::cell create_cell(domain::cell c, const actor& who);
  domain::cell update_cell(const domain::cell& c, const actor& who);
  void delete_cell(id_t id, const actor& who);

  page<domain::member> list_members(const member_filter& f, page_request p);
  domain::member get_member(id_t id);
  domain::member create_member(domain::member m, const actor& who);
  domain::member update_member(const domain::member& m, const actor& who);
  // Removes the member with their roles, responsibilities and unavailability (all owned by the member).
  void delete_member(id_t id, const actor& who);

  page<domain::responsibility> list_responsibilities(const responsibility_filter& f, page_request p);
  domain::responsibility get_responsibility(id_t id);
  domain::responsibility create_responsibility(domain::responsibility r, const actor& who);
  domain::responsibility update_responsibility(const domain::responsibility& r, const actor& who);
  void delete_responsibility(id_t id, const actor& who);

  page<domain::unavailability> list_unavailability(const unavailability_filter& f, page_request p);
  domain::unavailability get_unavailability(id_t id);
  domain::unavailability create_unavailability(domain::unavailability u, const actor& who);
  domain::unavailability update_unavailability(const domain::unavailability& u, const actor& who);
  void delete_unavailability(id_t id, const actor& who);

 private:
  std::shared_ptr<database> db_;
};

}  // namespace satdan::store
