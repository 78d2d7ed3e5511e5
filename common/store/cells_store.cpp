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
    "WITH RECURSIVE subtree(id) AS (SELECT id FROM units WHERE id = :root "
    "UNION SELECT u.id FROM units u JOIN subtree ON u.parent_id = subtree.id) "
    "SELECT id, unit_id, name, kind FROM cells "
    "WHERE id > :after AND (:use_within = 0 OR unit_id IN (SELECT id FROM subtree)) "
    "AND (:use_unit = 0 OR unit_id = :unit) AND (:use_kind = 0 OR kind = :kind) "
    "ORDER BY id LIMIT :limit";
constexpr const char* get_sql = "SELECT id, unit_id, name, kind FROM cells WHERE id = :id";
constexpr const char* exists_sql = "SELECT 1 FROM cells WHERE id = :id";
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

}  // namespace

page<cell> directory_store::list_cells(const cell_filter& f, page_request p) {
  return with_session(*db_, "", [&](soci::session& s) {
    cell r;
    id_t root = f.within.value_or(0), after = p.after, unit = f.unit_id.value_or(0);
    int use_within = f.within ? 1 : 0, use_unit = f.unit_id ? 1 : 0, use_kind = f.kind ? 1 : 0;
    std::string kind = f.kind.value_or("");
    int limit = p.limit + 1;
    soci::statement st = (s.prepare << list_sql, soci::use(root), soci::use(after), soci::use(use_within),
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
    cell r;
    s << get_sql, soci::use(id), soci::into(r.id), soci::into(r.unit_id), soci::into(r.name), soci::into(r.kind);
    if (!s.got_data()) core::throw_not_found("Cell " + std::to_string(id));
    return r;
  });
}

cell directory_store::create_cell(cell c) {
  return with_session(*db_, conflict_message, [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    c.id = 0;
    check_references(s, c);
    long long id = 0;
    s << insert_sql, soci::use(c.unit_id), soci::use(c.name), soci::use(c.kind), soci::into(id);
    tx.commit();
    c.id = id;
    return c;
  });
}

cell directory_store::update_cell(const cell& c) {
  return with_session(*db_, conflict_message, [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    if (!row_exists(s, exists_sql, c.id)) core::throw_not_found("Cell " + std::to_string(c.id));
    check_references(s, c);
    s << update_sql, soci::use(c.unit_id), soci::use(c.name), soci::use(c.kind), soci::use(c.id);
    tx.commit();
    return c;
  });
}

void directory_store::delete_cell(id_t id) {
  with_session(*db_, "The cell is still referenced by other records.", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    if (!row_exists(s, exists_sql, id)) core::throw_not_found("Cell " + std::to_string(id));
    refuse_if_dependents("Cell " + std::to_string(id),
                         {{"responsibilities", count_of(s, count_responsibilities_sql, id)}});
    s << delete_sql, soci::use(id);
    tx.commit();
  });
}

}  // namespace satdan::store
