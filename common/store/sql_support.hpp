// Small pieces shared by the store's SQL: nullable binds, existence checks, page assembly.
#pragma once
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/error.hpp"
#include "store/audit.hpp"
#include "store/directory_store.hpp"

namespace satdan::store::detail {

// Binds an optional value as NULL when empty. Keep the object alive until the statement has run.
template <class T>
struct nullable {
  explicit nullable(const std::optional<T>& v) : value(v.value_or(T{})), ind(v ? soci::i_ok : soci::i_null) {}
  T value;
  soci::indicator ind;
};

template <class T>
std::optional<T> optional_of(const T& v, soci::indicator ind) {
  if (ind == soci::i_null) return std::nullopt;
  return v;
}

// Filters are written "(:use_x = 0 OR col = :x)" so the SQL stays a constant. An unused filter still
// binds a value that PostgreSQL can parse for the column's type: 0, "", or this instant.
inline const std::string unused_instant = "1970-01-01T00:00:00Z";

// `sql` selects one row by `:id`, e.g. "SELECT 1 FROM units WHERE id = :id".
inline bool row_exists(soci::session& s, const char* sql, id_t id) {
  int one = 0;
  soci::indicator ind = soci::i_null;
  s << sql, soci::use(id), soci::into(one, ind);
  return s.got_data();
}

inline std::int64_t count_of(soci::session& s, const char* sql, id_t id) {
  long long n = 0;
  s << sql, soci::use(id), soci::into(n);
  return n;
}

// Rows were fetched with LIMIT limit + 1: the extra row only says that another page follows.
template <class T>
page<T> finish_page(std::vector<T> rows, int limit) {
  page<T> p;
  if (static_cast<int>(rows.size()) > limit) {
    rows.resize(static_cast<std::size_t>(limit));
    p.next_after = rows.back().id;
  }
  p.items = std::move(rows);
  return p;
}

// Runs a SELECT with `bind_uses(statement)` binding its parameters in order and `Row::bind(statement)` its
// columns; returns `Row::value()` of every row.
template <class Row, class Value, class BindUses>
std::vector<Value> select_rows(soci::session& s, const std::string& sql, BindUses bind_uses) {
  Row r;
  soci::statement st(s);
  st.alloc();
  st.prepare(sql);
  bind_uses(st);
  r.bind(st);
  st.define_and_bind();
  st.execute(false);
  std::vector<Value> out;
  while (st.fetch()) out.push_back(r.value());
  return out;
}

// Seats ({"district": 1}) as the store keeps them: JSON text.
std::string seats_text(const std::map<std::string, int>& seats);
std::map<std::string, int> seats_of(const std::string& text);

// Throws conflict naming dependents when any count is non-zero.
void refuse_if_dependents(const std::string& what, std::vector<core::dependent> counts);

// Instants and dates read back from either database. One outside the years 1970–9999 (stored before the
// API refused them, or by hand) is clamped into the range with a warning, so that a bad row never turns
// every read into a 500; the start-up check (store/range_check.hpp) lists them. Text that is no instant or
// date at all is a bug, reported as internal.
core::instant parse_db_instant_or_throw(const std::string& text);
std::chrono::year_month_day parse_db_date_or_throw(const std::string& text);

// Ids of a unit and everything below it, for "within" filters: bind the root unit's id to :root.
inline constexpr const char* subtree_cte =
    "WITH RECURSIVE subtree(id) AS (SELECT id FROM units WHERE id = :root "
    "UNION SELECT u.id FROM units u JOIN subtree ON u.parent_id = subtree.id) ";

// "Unit 5" for messages.
std::string noun(std::string_view entity, id_t id);

// 404 naming the member unless it exists.
inline void require_member(soci::session& s, id_t member_id) {
  if (!row_exists(s, "SELECT 1 FROM members WHERE id = :id", member_id)) core::throw_not_found(noun("member", member_id));
}

// The three audited writes. Each runs in one transaction: the change and its audit row land together or
// not at all. `insert(s, value)` returns the new id; `load(s, id)` returns std::optional<T>.
template <class T, class Insert>
T create_audited(database& db, const actor& who, std::string_view entity, T value, std::string_view conflict,
                 Insert insert) {
  return with_session(db, conflict, [&](soci::session& s) {
    write_transaction tx(s, db.kind());
    value.id = 0;
    value.id = insert(s, value);
    audit_write<T>(s, who, "create", entity, value.id, nullptr, &value);
    tx.commit();
    return value;
  });
}

template <class T, class Load, class Write>
T update_audited(database& db, const actor& who, std::string_view entity, const T& next, std::string_view conflict,
                 Load load, Write write) {
  return with_session(db, conflict, [&](soci::session& s) {
    write_transaction tx(s, db.kind());
    std::optional<T> before = load(s, next.id);
    if (!before) core::throw_not_found(noun(entity, next.id));
    write(s, next);
    audit_write<T>(s, who, "update", entity, next.id, &*before, &next);
    tx.commit();
    return next;
  });
}

template <class Load, class Dependents>
void delete_audited(database& db, const actor& who, std::string_view entity, id_t id, const char* delete_sql,
                    Load load, Dependents dependents) {
  with_session(db, "Other records still refer to it.", [&](soci::session& s) {
    write_transaction tx(s, db.kind());
    auto before = load(s, id);
    if (!before) core::throw_not_found(noun(entity, id));
    refuse_if_dependents(noun(entity, id), dependents(s));
    s << delete_sql, soci::use(id);
    using value_type = typename decltype(before)::value_type;
    audit_write<value_type>(s, who, "delete", entity, id, &*before, nullptr);
    tx.commit();
  });
}

inline std::vector<core::dependent> no_dependents(soci::session&) { return {}; }

}  // namespace satdan::store::detail
