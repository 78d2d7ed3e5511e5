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
// Roles of a page of members in one query: the page's ids form a contiguous id range.
constexpr const char* roles_in_range_sql =
    "SELECT member_id, role FROM member_roles WHERE member_id BETWEEN :low AND :high ORDER BY member_id, role";
constexpr const char* count_accounts_sql = "SELECT COUNT(*) FROM accounts WHERE member_id = :id";
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

void write_roles(soci::session& s, id_t member_id, const std::vector<std::string>& roles) {
  s << delete_roles_sql, soci::use(member_id);
  for (const auto& role : roles) s << insert_role_sql, soci::use(member_id), soci::use(role);
}

std::optional<member> load_member(soci::session& s, id_t id) {
  member_row r;
  s << std::string(columns) + "WHERE id = :id", soci::use(id), soci::into(r.id), soci::into(r.full_name),
      soci::into(r.level), soci::into(r.home), soci::into(r.max_per_month), soci::into(r.position, r.position_ind),
      soci::into(r.phone, r.phone_ind), soci::into(r.email, r.email_ind), soci::into(r.active);
  if (!s.got_data()) return std::nullopt;
  std::vector<member> one{r.value()};
  attach_roles(s, one);
  return one.front();
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
    auto m = load_member(s, id);
    if (!m) core::throw_not_found(noun("member", id));
    return *m;
  });
}

member directory_store::create_member(member m, const actor& who) {
  return create_audited(*db_, who, "member", std::move(m), conflict_message, [](soci::session& s, const member& v) {
    check_references(s, v);
    nullable<std::string> position(v.position), phone(v.phone), email(v.email);
    int active = v.active ? 1 : 0;
    long long id = 0;
    s << insert_sql, soci::use(v.full_name), soci::use(v.level), soci::use(v.home_unit_id), soci::use(v.max_per_month),
        soci::use(position.value, position.ind), soci::use(phone.value, phone.ind), soci::use(email.value, email.ind),
        soci::use(active), soci::into(id);
    write_roles(s, id, v.roles);
    return id;
  });
}

member directory_store::update_member(const member& m, const actor& who) {
  return update_audited(*db_, who, "member", m, conflict_message, load_member, [](soci::session& s, const member& v) {
    check_references(s, v);
    nullable<std::string> position(v.position), phone(v.phone), email(v.email);
    int active = v.active ? 1 : 0;
    s << update_sql, soci::use(v.full_name), soci::use(v.level), soci::use(v.home_unit_id), soci::use(v.max_per_month),
        soci::use(position.value, position.ind), soci::use(phone.value, phone.ind), soci::use(email.value, email.ind),
        soci::use(active), soci::use(v.id);
    write_roles(s, v.id, v.roles);
  });
}

// The member's roles, responsibilities and unavailability go with them (ON DELETE CASCADE): they are theirs.
void directory_store::delete_member(id_t id, const actor& who) {
  delete_audited(*db_, who, "member", id, delete_sql, load_member, [id](soci::session& s) {
    return std::vector<core::dependent>{{"accounts", count_of(s, count_accounts_sql, id)}};
  });
}

}  // namespace satdan::store
