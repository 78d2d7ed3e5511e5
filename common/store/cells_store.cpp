// Party cells: each belongs to one unit (a village's cell to its village, an agency's to its host unit).
#include "store/directory_store.hpp"
#include "store/sql_support.hpp"

namespace satdan::store {

using core::errc;
using core::error;
using domain::cell;
using namespace detail;

namespace {

constexpr const char* list_sql =
    "SELECT id, unit_id, name, kind FROM cells "
    "WHERE id > :after AND (:use_within = 0 OR unit_id IN (SELECT id FROM subtree)) "
    "AND (:use_unit = 0 OR unit_id = :unit) AND (:use_kind = 0 OR kind = :kind) "
    "ORDER BY id LIMIT :limit";
constexpr const char* get_sql = "SELECT id, unit_id, name, kind FROM cells WHERE id = :id";
constexpr const char* unit_exists_sql = "SELECT 1 FROM units WHERE id = :id";
constexpr const char* name_taken_sql = "SELECT 1 FROM cells WHERE unit_id = :unit AND name = :name AND id <> :id";
constexpr const char* insert_sql = "INSERT INTO cells (unit_id, name, kind) VALUES (:unit, :name, :kind) RETURNING id";
constexpr const char* update_sql = "UPDATE cells SET unit_id = :unit, name = :name, kind = :kind WHERE id = :id";
constexpr const char* delete_sql = "DELETE FROM cells WHERE id = :id";
constexpr const char* count_responsibilities_sql = "SELECT COUNT(*) FROM responsibilities WHERE cell_id = :id";

constexpr const char* conflict_message = "The cell conflicts with another (names are unique within a unit).";

void check_references(soci::session& s, const cell& c) {
  if (!row_exists(s, unit_exists_sql, c.unit_id))
    throw error(errc::invalid_input, "The request has invalid fields.", {{"unit_id", "no unit has this id"}});
  int found = 0;
  id_t unit = c.unit_id, self = c.id;
  s << name_taken_sql, soci::use(unit), soci::use(c.name), soci::use(self), soci::into(found);
  if (s.got_data())
    throw error(errc::conflict, "The unit already has a cell with this name.",
                {{"name", "is already used by another cell of this unit"}});
}

std::optional<cell> load_cell(soci::session& s, id_t id) {
  cell r;
  s << get_sql, soci::use(id), soci::into(r.id), soci::into(r.unit_id), soci::into(r.name), soci::into(r.kind);
  if (!s.got_data()) return std::nullopt;
  return r;
}

}  // namespace

page<cell> directory_store::list_cells(const cell_filter& f, page_request p) {
  return with_session(*db_, "", [&](soci::session& s) {
    cell r;
    id_t root = f.within.value_or(0), after = p.after, unit = f.unit_id.value_or(0);
    int use_within = f.within ? 1 : 0, use_unit = f.unit_id ? 1 : 0, use_kind = f.kind ? 1 : 0;
    std::string kind = f.kind.value_or("");
    int limit = p.limit + 1;
    soci::statement st = (s.prepare << std::string(subtree_cte) + list_sql, soci::use(root), soci::use(after), soci::use(use_within),
                          soci::use(use_unit), soci::use(unit), soci::use(use_kind), soci::use(kind),
                          soci::use(limit), soci::into(r.id), soci::into(r.unit_id), soci::into(r.name),
                          soci::into(r.kind));
    std::vector<cell> rows;
    st.execute();
    while (st.fetch()) rows.push_back(r);
    return finish_page(std::move(rows), p.limit);
  });
}

cell directory_store::get_cell(id_t id) {
  return with_session(*db_, "", [&](soci::session& s) {
    auto c = load_cell(s, id);
    if (!c) core::throw_not_found(noun("cell", id));
    return *c;
  });
}

cell directory_store::create_cell(cell c, const actor& who) {
  return create_audited(*db_, who, "cell", std::move(c), conflict_message, [](soci::session& s, const cell& v) {
    check_references(s, v);
    long long id = 0;
    s << insert_sql, soci::use(v.unit_id), soci::use(v.name), soci::use(v.kind), soci::into(id);
    return id;
  });
}

cell directory_store::update_cell(const cell& c, const actor& who) {
  return update_audited(*db_, who, "cell", c, conflict_message, load_cell, [](soci::session& s, const cell& v) {
    check_references(s, v);
    s << update_sql, soci::use(v.unit_id), soci::use(v.name), soci::use(v.kind), soci::use(v.id);
  });
}

void directory_store::delete_cell(id_t id, const actor& who) {
  delete_audited(*db_, who, "cell", id, delete_sql, load_cell, [id](soci::session& s) {
    return std::vector<core::dependent>{{"responsibilities", count_of(s, count_responsibilities_sql, id)}};
  });
}

}  // namespace satdan::store
