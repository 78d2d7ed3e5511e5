// Committee members with their roles. Roles live in their own table so "who may chair" is one indexed query.
#include <algorithm>
#include <map>

#include "store/directory_store.hpp"
#include "store/sql_support.hpp"

namespace satdan::store {

using core::errc;
using core::error;
using domain::member;
using namespace detail;

namespace {

constexpr const char* columns =
    "SELECT id, full_name, level, home_unit_id, max_per_month, position, phone, email, CAST(active AS INTEGER) "
    "FROM members ";
constexpr const char* list_where =
    "WHERE id > :after AND (:use_within = 0 OR home_unit_id IN (SELECT id FROM subtree)) "
    "AND (:use_level = 0 OR level = :level) "
    "AND (:use_role = 0 OR EXISTS (SELECT 1 FROM member_roles r WHERE r.member_id = members.id AND r.role = :role)) "
    "AND (:use_active = 0 OR CAST(active AS INTEGER) = :active) "
    "ORDER BY id LIMIT :limit";
constexpr const char* subtree_cte =
    "WITH RECURSIVE subtree(id) AS (SELECT id FROM units WHERE id = :root "
    "UNION SELECT u.id FROM units u JOIN subtree ON u.parent_id = subtree.id) ";
// Roles of a page of members in one query: the page's ids form a contiguous id range.
constexpr const char* roles_in_range_sql =
    "SELECT member_id, role FROM member_roles WHERE member_id BETWEEN :low AND :high ORDER BY member_id, role";
constexpr const char* exists_sql = "SELECT 1 FROM members WHERE id = :id";
constexpr const char* unit_exists_sql = "SELECT 1 FROM units WHERE id = :id";
constexpr const char* email_taken_sql = "SELECT 1 FROM members WHERE email = :email AND id <> :id";
constexpr const char* insert_sql =
    "INSERT INTO members (full_name, level, home_unit_id, max_per_month, position, phone, email, active) "
    "VALUES (:full_name, :level, :home, :max, :position, :phone, :email, :active) RETURNING id";
constexpr const char* update_sql =
    "UPDATE members SET full_name = :full_name, level = :level, home_unit_id = :home, max_per_month = :max, "
    "position = :position, phone = :phone, email = :email, active = :active WHERE id = :id";
constexpr const char* delete_roles_sql = "DELETE FROM member_roles WHERE member_id = :id";
constexpr const char* insert_role_sql = "INSERT INTO member_roles (member_id, role) VALUES (:id, :role)";
constexpr const char* delete_sql = "DELETE FROM members WHERE id = :id";

constexpr const char* conflict_message = "The member conflicts with another (e-mail addresses are unique).";

struct member_row {
  long long id = 0, home = 0;
  int max_per_month = 0, active = 1;
  std::string full_name, level, position, phone, email;
  soci::indicator position_ind = soci::i_null, phone_ind = soci::i_null, email_ind = soci::i_null;

  member value() const {
    member m;
    m.id = id;
    m.full_name = full_name;
    m.level = level;
    m.home_unit_id = home;
    m.max_per_month = max_per_month;
    m.position = optional_of(position, position_ind);
    m.phone = optional_of(phone, phone_ind);
    m.email = optional_of(email, email_ind);
    m.active = active != 0;
    return m;
  }
};

void attach_roles(soci::session& s, std::vector<member>& members) {
  if (members.empty()) return;
  id_t low = members.front().id, high = members.back().id;
  long long member_id = 0;
  std::string role;
  std::map<id_t, std::vector<std::string>> roles;
  soci::statement st = (s.prepare << roles_in_range_sql, soci::use(low), soci::use(high), soci::into(member_id),
                        soci::into(role));
  st.execute();
  while (st.fetch()) roles[member_id].push_back(role);
  for (auto& m : members) {
    if (auto it = roles.find(m.id); it != roles.end()) m.roles = it->second;
  }
}

void check_references(soci::session& s, const member& m) {
  if (!row_exists(s, unit_exists_sql, m.home_unit_id))
    throw error(errc::invalid_input, "The request has invalid fields.", {{"home_unit_id", "no unit has this id"}});
  if (m.email) {
    int found = 0;
    id_t self = m.id;
    s << email_taken_sql, soci::use(*m.email), soci::use(self), soci::into(found);
    if (s.got_data())
      throw error(errc::conflict, "Another member already has this e-mail address.",
                  {{"email", "is already used by another member"}});
  }
}

void write_roles(soci::session& s, const member& m) {
  s << delete_roles_sql, soci::use(m.id);
  for (const auto& role : m.roles) s << insert_role_sql, soci::use(m.id), soci::use(role);
}

}  // namespace

page<member> directory_store::list_members(const member_filter& f, page_request p) {
  return with_session(*db_, "", [&](soci::session& s) {
    member_row r;
    id_t root = f.within.value_or(0), after = p.after;
    int use_within = f.within ? 1 : 0, use_level = f.level ? 1 : 0, use_role = f.role ? 1 : 0,
        use_active = f.active ? 1 : 0, active = f.active.value_or(true) ? 1 : 0;
    std::string level = f.level.value_or(""), role = f.role.value_or("");
    int limit = p.limit + 1;
    soci::statement st =
        (s.prepare << std::string(subtree_cte) + columns + list_where, soci::use(root), soci::use(after),
         soci::use(use_within), soci::use(use_level), soci::use(level), soci::use(use_role), soci::use(role),
         soci::use(use_active), soci::use(active), soci::use(limit), soci::into(r.id), soci::into(r.full_name),
         soci::into(r.level), soci::into(r.home), soci::into(r.max_per_month), soci::into(r.position, r.position_ind),
         soci::into(r.phone, r.phone_ind), soci::into(r.email, r.email_ind), soci::into(r.active));
    std::vector<member> rows;
    st.execute();
    while (st.fetch()) rows.push_back(r.value());
    auto result = finish_page(std::move(rows), p.limit);
    attach_roles(s, result.items);
    return result;
  });
}

member directory_store::get_member(id_t id) {
  return with_session(*db_, "", [&](soci::session& s) {
    member_row r;
    s << std::string(columns) + "WHERE id = :id", soci::use(id), soci::into(r.id), soci::into(r.full_name),
        soci::into(r.level), soci::into(r.home), soci::into(r.max_per_month), soci::into(r.position, r.position_ind),
        soci::into(r.phone, r.phone_ind), soci::into(r.email, r.email_ind), soci::into(r.active);
    if (!s.got_data()) core::throw_not_found("Member " + std::to_string(id));
    std::vector<member> one{r.value()};
    attach_roles(s, one);
    return one.front();
  });
}

member directory_store::create_member(member m) {
  return with_session(*db_, conflict_message, [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    m.id = 0;
    check_references(s, m);
    nullable<std::string> position(m.position), phone(m.phone), email(m.email);
    int active = m.active ? 1 : 0;
    long long id = 0;
    s << insert_sql, soci::use(m.full_name), soci::use(m.level), soci::use(m.home_unit_id),
        soci::use(m.max_per_month), soci::use(position.value, position.ind), soci::use(phone.value, phone.ind),
        soci::use(email.value, email.ind), soci::use(active), soci::into(id);
    m.id = id;
    write_roles(s, m);
    tx.commit();
    return m;
  });
}

member directory_store::update_member(const member& m) {
  return with_session(*db_, conflict_message, [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    if (!row_exists(s, exists_sql, m.id)) core::throw_not_found("Member " + std::to_string(m.id));
    check_references(s, m);
    nullable<std::string> position(m.position), phone(m.phone), email(m.email);
    int active = m.active ? 1 : 0;
    s << update_sql, soci::use(m.full_name), soci::use(m.level), soci::use(m.home_unit_id),
        soci::use(m.max_per_month), soci::use(position.value, position.ind), soci::use(phone.value, phone.ind),
        soci::use(email.value, email.ind), soci::use(active), soci::use(m.id);
    write_roles(s, m);
    tx.commit();
    return m;
  });
}

void directory_store::delete_member(id_t id) {
  with_session(*db_, "The member is still referenced by other records.", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    if (!row_exists(s, exists_sql, id)) core::throw_not_found("Member " + std::to_string(id));
    s << delete_sql, soci::use(id);
    tx.commit();
  });
}

}  // namespace satdan::store
