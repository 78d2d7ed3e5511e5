// Responsibilities (phân công phụ trách): a member is in charge of a unit or of a single cell.
#include "store/directory_store.hpp"
#include "store/sql_support.hpp"

namespace satdan::store {

using core::errc;
using core::error;
using domain::responsibility;
using namespace detail;

namespace {

constexpr const char* list_sql =
    "SELECT id, member_id, unit_id, cell_id FROM responsibilities "
    "WHERE id > :after AND (:use_member = 0 OR member_id = :member) AND (:use_unit = 0 OR unit_id = :unit) "
    "AND (:use_cell = 0 OR cell_id = :cell) ORDER BY id LIMIT :limit";
constexpr const char* get_sql = "SELECT id, member_id, unit_id, cell_id FROM responsibilities WHERE id = :id";
constexpr const char* member_exists_sql = "SELECT 1 FROM members WHERE id = :id";
constexpr const char* unit_exists_sql = "SELECT 1 FROM units WHERE id = :id";
constexpr const char* cell_exists_sql = "SELECT 1 FROM cells WHERE id = :id";
constexpr const char* duplicate_sql =
    "SELECT 1 FROM responsibilities WHERE member_id = :member AND id <> :id "
    "AND ((:use_unit = 1 AND unit_id = :unit) OR (:use_cell = 1 AND cell_id = :cell))";
constexpr const char* insert_sql =
    "INSERT INTO responsibilities (member_id, unit_id, cell_id) VALUES (:member, :unit, :cell) RETURNING id";
constexpr const char* update_sql =
    "UPDATE responsibilities SET member_id = :member, unit_id = :unit, cell_id = :cell WHERE id = :id";
constexpr const char* delete_sql = "DELETE FROM responsibilities WHERE id = :id";

constexpr const char* conflict_message = "The member already has this responsibility.";

struct responsibility_row {
  long long id = 0, member = 0, unit = 0, cell = 0;
  soci::indicator unit_ind = soci::i_null, cell_ind = soci::i_null;
  responsibility value() const {
    return {id, member, optional_of<id_t>(unit, unit_ind), optional_of<id_t>(cell, cell_ind)};
  }
};

void check_references(soci::session& s, const responsibility& r) {
  core::field_errors errors;
  if (!row_exists(s, member_exists_sql, r.member_id)) errors.add("member_id", "no member has this id");
  if (r.unit_id && !row_exists(s, unit_exists_sql, *r.unit_id)) errors.add("unit_id", "no unit has this id");
  if (r.cell_id && !row_exists(s, cell_exists_sql, *r.cell_id)) errors.add("cell_id", "no cell has this id");
  errors.throw_if_any();
  int found = 0;
  id_t member = r.member_id, self = r.id, unit = r.unit_id.value_or(0), cell = r.cell_id.value_or(0);
  int use_unit = r.unit_id ? 1 : 0, use_cell = r.cell_id ? 1 : 0;
  s << duplicate_sql, soci::use(member), soci::use(self), soci::use(use_unit), soci::use(unit), soci::use(use_cell),
      soci::use(cell), soci::into(found);
  if (s.got_data())
    throw error(errc::conflict, conflict_message,
                {{r.unit_id ? "unit_id" : "cell_id", "is already in this member's charge"}});
}

std::optional<responsibility> load_responsibility(soci::session& s, id_t id) {
  responsibility_row r;
  s << get_sql, soci::use(id), soci::into(r.id), soci::into(r.member), soci::into(r.unit, r.unit_ind),
      soci::into(r.cell, r.cell_ind);
  if (!s.got_data()) return std::nullopt;
  return r.value();
}

}  // namespace

page<responsibility> directory_store::list_responsibilities(const responsibility_filter& f, page_request p) {
  return with_session(*db_, "", [&](soci::session& s) {
    responsibility_row r;
    id_t after = p.after, member = f.member_id.value_or(0), unit = f.unit_id.value_or(0), cell = f.cell_id.value_or(0);
    int use_member = f.member_id ? 1 : 0, use_unit = f.unit_id ? 1 : 0, use_cell = f.cell_id ? 1 : 0;
    int limit = p.limit + 1;
    soci::statement st = (s.prepare << list_sql, soci::use(after), soci::use(use_member), soci::use(member),
                          soci::use(use_unit), soci::use(unit), soci::use(use_cell), soci::use(cell), soci::use(limit),
                          soci::into(r.id), soci::into(r.member), soci::into(r.unit, r.unit_ind),
                          soci::into(r.cell, r.cell_ind));
    std::vector<responsibility> rows;
    st.execute();
    while (st.fetch()) rows.push_back(r.value());
    return finish_page(std::move(rows), p.limit);
  });
}

responsibility directory_store::get_responsibility(id_t id) {
  return with_session(*db_, "", [&](soci::session& s) {
    auto r = load_responsibility(s, id);
    if (!r) core::throw_not_found(noun("responsibility", id));
    return *r;
  });
}

responsibility directory_store::create_responsibility(responsibility r, const actor& who) {
  return create_audited(*db_, who, "responsibility", std::move(r), conflict_message,
                        [](soci::session& s, const responsibility& v) {
                          check_references(s, v);
                          nullable<id_t> unit(v.unit_id), cell(v.cell_id);
                          long long id = 0;
                          s << insert_sql, soci::use(v.member_id), soci::use(unit.value, unit.ind),
                              soci::use(cell.value, cell.ind), soci::into(id);
                          return id;
                        });
}

responsibility directory_store::update_responsibility(const responsibility& r, const actor& who) {
  return update_audited(*db_, who, "responsibility", r, conflict_message, load_responsibility,
                        [](soci::session& s, const responsibility& v) {
                          check_references(s, v);
                          nullable<id_t> unit(v.unit_id), cell(v.cell_id);
                          s << update_sql, soci::use(v.member_id), soci::use(unit.value, unit.ind),
                              soci::use(cell.value, cell.ind), soci::use(v.id);
                        });
}

void directory_store::delete_responsibility(id_t id, const actor& who) {
  delete_audited(*db_, who, "responsibility", id, delete_sql, load_responsibility, no_dependents);
}

}  // namespace satdan::store
