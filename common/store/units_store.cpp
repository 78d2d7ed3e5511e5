// Units: a tree of administrative places whose kinds are data (district → commune → village today,
// province → commune after a reform).
#include "store/directory_store.hpp"
#include "store/sql_support.hpp"

namespace satdan::store {

using core::errc;
using core::error;
using domain::unit;
using namespace detail;

namespace {

constexpr const char* list_sql =
    "SELECT id, parent_id, kind, name, code FROM units "
    "WHERE id > :after AND (:use_within = 0 OR id IN (SELECT id FROM subtree)) "
    "AND (:use_parent = 0 OR parent_id = :parent) AND (:use_kind = 0 OR kind = :kind) "
    "ORDER BY id LIMIT :limit";
constexpr const char* get_sql = "SELECT id, parent_id, kind, name, code FROM units WHERE id = :id";
constexpr const char* exists_sql = "SELECT 1 FROM units WHERE id = :id";
constexpr const char* code_taken_sql = "SELECT 1 FROM units WHERE code = :code AND id <> :id";
constexpr const char* in_subtree_sql = "SELECT 1 FROM subtree WHERE id = :candidate";
constexpr const char* insert_sql =
    "INSERT INTO units (parent_id, kind, name, code) VALUES (:parent, :kind, :name, :code) RETURNING id";
constexpr const char* update_sql =
    "UPDATE units SET parent_id = :parent, kind = :kind, name = :name, code = :code WHERE id = :id";
constexpr const char* delete_sql = "DELETE FROM units WHERE id = :id";
constexpr const char* count_sql = "SELECT COUNT(*) FROM units";
constexpr const char* count_children_sql = "SELECT COUNT(*) FROM units WHERE parent_id = :id";
constexpr const char* count_cells_sql = "SELECT COUNT(*) FROM cells WHERE unit_id = :id";
constexpr const char* count_members_sql = "SELECT COUNT(*) FROM members WHERE home_unit_id = :id";
constexpr const char* count_responsibilities_sql = "SELECT COUNT(*) FROM responsibilities WHERE unit_id = :id";

constexpr const char* conflict_message = "The unit conflicts with another (its code must be unique).";

struct unit_row {
  long long id = 0;
  long long parent = 0;
  soci::indicator parent_ind = soci::i_null;
  std::string kind, name, code;
  soci::indicator code_ind = soci::i_null;

  template <class Statement>
  void bind(Statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(parent, parent_ind));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(name));
    st.exchange(soci::into(code, code_ind));
  }

  unit value() const {
    return {id, optional_of<id_t>(parent, parent_ind), kind, name, optional_of(code, code_ind)};
  }
};


// Checks that cannot be made without the database: the parent exists and is not the unit itself or
// below it, and the code is free.
void check_references(soci::session& s, const unit& u) {
  core::field_errors errors;
  if (u.parent_id) {
    if (!row_exists(s, exists_sql, *u.parent_id)) {
      errors.add("parent_id", "no unit has this id");
    } else if (u.id != 0) {
      int found = 0;
      id_t root = u.id, candidate = *u.parent_id;
      s << std::string(subtree_cte) + in_subtree_sql, soci::use(root), soci::use(candidate), soci::into(found);
      if (s.got_data()) errors.add("parent_id", "must not be the unit itself or one of its descendants");
    }
  }
  errors.throw_if_any();
  if (u.code) {
    int found = 0;
    id_t self = u.id;
    s << code_taken_sql, soci::use(*u.code), soci::use(self), soci::into(found);
    if (s.got_data())
      throw error(errc::conflict, "Another unit already has this code.", {{"code", "is already used by another unit"}});
  }
}

std::optional<unit> load_unit(soci::session& s, id_t id) {
  unit_row r;
  s << get_sql, soci::use(id), soci::into(r.id), soci::into(r.parent, r.parent_ind), soci::into(r.kind),
      soci::into(r.name), soci::into(r.code, r.code_ind);
  if (!s.got_data()) return std::nullopt;
  return r.value();
}

}  // namespace

page<unit> directory_store::list_units(const unit_filter& f, page_request p) {
  return with_session(*db_, "", [&](soci::session& s) {
    id_t root = f.within.value_or(0), after = p.after, parent = f.parent_id.value_or(0);
    int use_within = f.within ? 1 : 0, use_parent = f.parent_id ? 1 : 0, use_kind = f.kind ? 1 : 0;
    std::string kind = f.kind.value_or("");
    int limit = p.limit + 1;
    auto rows = select_rows<unit_row, unit>(s, std::string(subtree_cte) + list_sql, [&](soci::statement& st) {
      st.exchange(soci::use(root));
      st.exchange(soci::use(after));
      st.exchange(soci::use(use_within));
      st.exchange(soci::use(use_parent));
      st.exchange(soci::use(parent));
      st.exchange(soci::use(use_kind));
      st.exchange(soci::use(kind));
      st.exchange(soci::use(limit));
    });
    return finish_page(std::move(rows), p.limit);
  });
}

std::map<id_t, std::string> directory_store::unit_names(const std::set<id_t>& ids) {
  return with_session(*db_, "", [&](soci::session& s) {
    std::map<id_t, std::string> out;
    if (ids.empty()) return out;
    long long id = 0;
    std::string name;
    // A district has about a hundred units, a province a few thousand: one scan beats a query per unit.
    soci::statement st = (s.prepare << "SELECT id, name FROM units", soci::into(id), soci::into(name));
    st.execute();
    while (st.fetch())
      if (ids.contains(id)) out[id] = name;
    return out;
  });
}

unit directory_store::get_unit(id_t id) {
  return with_session(*db_, "", [&](soci::session& s) {
    auto u = load_unit(s, id);
    if (!u) core::throw_not_found(noun("unit", id));
    return *u;
  });
}

unit directory_store::create_unit(unit u, const actor& who) {
  return create_audited(*db_, who, "unit", std::move(u), conflict_message, [](soci::session& s, const unit& v) {
    check_references(s, v);
    nullable<id_t> parent(v.parent_id);
    nullable<std::string> code(v.code);
    long long id = 0;
    s << insert_sql, soci::use(parent.value, parent.ind), soci::use(v.kind), soci::use(v.name),
        soci::use(code.value, code.ind), soci::into(id);
    return id;
  });
}

unit directory_store::update_unit(const unit& u, const actor& who) {
  return update_audited(*db_, who, "unit", u, conflict_message, load_unit, [](soci::session& s, const unit& v) {
    check_references(s, v);
    nullable<id_t> parent(v.parent_id);
    nullable<std::string> code(v.code);
    s << update_sql, soci::use(parent.value, parent.ind), soci::use(v.kind), soci::use(v.name),
        soci::use(code.value, code.ind), soci::use(v.id);
  });
}

void directory_store::delete_unit(id_t id, const actor& who) {
  delete_audited(*db_, who, "unit", id, delete_sql, load_unit, [id](soci::session& s) {
    return std::vector<core::dependent>{{"units", count_of(s, count_children_sql, id)},
                                        {"cells", count_of(s, count_cells_sql, id)},
                                        {"members", count_of(s, count_members_sql, id)},
                                        {"responsibilities", count_of(s, count_responsibilities_sql, id)}};
  });
}

std::int64_t directory_store::count_units() {
  return with_session(*db_, "", [&](soci::session& s) {
    long long n = 0;
    s << count_sql, soci::into(n);
    return static_cast<std::int64_t>(n);
  });
}

}  // namespace satdan::store
