// Small pieces shared by the store's SQL: nullable binds, existence checks, page assembly.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/error.hpp"
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

// Throws conflict naming dependents when any count is non-zero.
void refuse_if_dependents(const std::string& what, std::vector<core::dependent> counts);

}  // namespace satdan::store::detail
