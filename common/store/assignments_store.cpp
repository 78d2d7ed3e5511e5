#include "store/assignments_store.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>

#include "store/sql_support.hpp"

namespace satdan::store {

using core::errc;
using core::error;
using domain::assignment;
using namespace detail;

namespace {

constexpr const char* columns =
    "SELECT id, session_id, member_id, need, CAST(manual AS INTEGER), CAST(pinned AS INTEGER), created_at "
    "FROM assignments ";
constexpr const char* session_sql =
    "SELECT unit_id, start_at, end_at, status, needs, optional_seats FROM sessions WHERE id = :id";
// PostgreSQL: hold the member (and the session) until commit, so a second process assigning the same member
// waits and then sees this assignment. SQLite's BEGIN IMMEDIATE already lets one writer in at a time.
constexpr const char* lock_member_sql = "SELECT id FROM members WHERE id = :id FOR UPDATE";
constexpr const char* lock_session_sql = "SELECT id FROM sessions WHERE id = :id FOR UPDATE";
// The session's unit and the units above it: a commune member's home must be among them.
constexpr const char* ancestors_sql =
    "WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM units WHERE id = :unit "
    "UNION SELECT u.id, u.parent_id FROM units u JOIN up ON u.id = up.parent_id) SELECT id FROM up";
constexpr const char* seats_sql = "SELECT member_id, need FROM assignments WHERE session_id = :s";
// Member ids are integers the caller holds, so the lists below are written into the SQL as numbers.
constexpr const char* members_sql =
    "SELECT id, level, home_unit_id, max_per_month, CAST(active AS INTEGER), full_name FROM members WHERE id IN ";
constexpr const char* roles_sql = "SELECT member_id, role FROM member_roles WHERE member_id IN ";
constexpr const char* away_sql =
    "SELECT member_id, start_at, end_at, reason FROM unavailability WHERE start_at < :end_at AND end_at > :start_at "
    "AND member_id IN ";
constexpr const char* booked_sql =
    "SELECT a.member_id, a.session_id, s.unit_id, a.start_at, a.end_at FROM assignments a "
    "JOIN sessions s ON s.id = a.session_id WHERE a.member_id IN ";
constexpr const char* insert_sql =
    "INSERT INTO assignments (session_id, member_id, need, manual, pinned, start_at, end_at, created_at) "
    "VALUES (:s, :m, :n, TRUE, :pinned, :start_at, :end_at, :created) RETURNING id";
constexpr const char* delete_sql = "DELETE FROM assignments WHERE id = :id";
constexpr const char* pin_sql = "UPDATE assignments SET pinned = :p WHERE id = :id";
// An assignment's audit rows name its session only when it was created or deleted; a pin names the
// assignment, which is still the session's.
constexpr const char* history_sql =
    "SELECT id, at, account_id, action, entity, entity_id, changes FROM audit_log "
    "WHERE (entity = 'session' AND entity_id = :s) OR (entity = 'assignment' AND "
    "(entity_id IN (SELECT id FROM assignments WHERE session_id = :s2) OR changes LIKE :created OR changes LIKE :deleted)) "
    "ORDER BY id DESC LIMIT :n";

struct assignment_row {
  long long id = 0, session = 0, member = 0;
  int manual = 1, pinned = 1;
  std::string need, created;
  template <class Statement>
  void bind(Statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(session));
    st.exchange(soci::into(member));
    st.exchange(soci::into(need));
    st.exchange(soci::into(manual));
    st.exchange(soci::into(pinned));
    st.exchange(soci::into(created));
  }
  assignment value() const {
    return {id, session, member, need, manual != 0, pinned != 0, parse_db_instant_or_throw(created)};
  }
};

std::string id_list(const std::vector<id_t>& ids) {
  std::string out = "(";
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
  return out + ")";
}

// Everything check_seat needs, read in the caller's transaction. The members' sessions come in start order.
services::seating_facts load_facts(soci::session& s, id_t session_id, const std::vector<id_t>& member_ids) {
  services::seating_facts f;
  auto& ss = f.session;
  ss.id = session_id;
  long long unit = 0;
  std::string start_text, end_text, needs, optional;
  s << session_sql, soci::use(session_id), soci::into(unit), soci::into(start_text), soci::into(end_text),
      soci::into(ss.status), soci::into(needs), soci::into(optional);
  if (!s.got_data()) core::throw_not_found(noun("session", session_id));
  ss.unit_id = unit;
  ss.start = parse_db_instant_or_throw(start_text);
  ss.end = parse_db_instant_or_throw(end_text);
  ss.needs = seats_of(needs);
  ss.optional = seats_of(optional);
  {
    long long id = 0;
    soci::statement st = (s.prepare << ancestors_sql, soci::use(unit), soci::into(id));
    st.execute();
    while (st.fetch()) ss.unit_and_ancestors.insert(id);
  }
  {
    long long member = 0;
    std::string need;
    soci::statement st = (s.prepare << seats_sql, soci::use(session_id), soci::into(member), soci::into(need));
    st.execute();
    while (st.fetch()) {
      ss.seated.insert(member);
      ++ss.taken[need];
    }
  }
  if (member_ids.empty()) return f;
  const std::string ids = id_list(member_ids);
  {
    long long id = 0, home = 0;
    int cap = 0, active = 0;
    std::string level, name;
    soci::statement st = (s.prepare << std::string(members_sql) + ids, soci::into(id), soci::into(level),
                          soci::into(home), soci::into(cap), soci::into(active), soci::into(name));
    st.execute();
    while (st.fetch()) f.members[id] = {id, name, level, {}, home, cap, active != 0, {}, {}};
  }
  {
    long long id = 0;
    std::string role;
    soci::statement st = (s.prepare << std::string(roles_sql) + ids, soci::into(id), soci::into(role));
    st.execute();
    while (st.fetch())
      if (auto it = f.members.find(id); it != f.members.end()) it->second.roles.insert(role);
  }
  {
    long long id = 0;
    std::string from, to, reason;
    soci::indicator reason_ind = soci::i_null;
    soci::statement st = (s.prepare << std::string(away_sql) + ids + " ORDER BY start_at", soci::use(end_text),
                          soci::use(start_text), soci::into(id), soci::into(from), soci::into(to),
                          soci::into(reason, reason_ind));
    st.execute();
    while (st.fetch())
      if (auto it = f.members.find(id); it != f.members.end())
        it->second.away.push_back({parse_db_instant_or_throw(from), parse_db_instant_or_throw(to),
                                   reason_ind == soci::i_ok ? std::optional<std::string>(reason) : std::nullopt});
  }
  {
    long long id = 0, other = 0, other_unit = 0;
    std::string from, to;
    soci::statement st = (s.prepare << std::string(booked_sql) + ids + " ORDER BY a.start_at, a.id", soci::into(id),
                          soci::into(other), soci::into(other_unit), soci::into(from), soci::into(to));
    st.execute();
    while (st.fetch())
      if (auto it = f.members.find(id); it != f.members.end())
        it->second.booked.push_back({other, other_unit, parse_db_instant_or_throw(from), parse_db_instant_or_throw(to)});
  }
  return f;
}

}  // namespace

std::vector<assignment> assignments_store::for_session(id_t session_id) {
  return with_session(*db_, "", [&](soci::session& s) {
    return select_rows<assignment_row, assignment>(s, std::string(columns) + "WHERE session_id = :s ORDER BY id",
                                                   [&](soci::statement& st) { st.exchange(soci::use(session_id)); });
  });
}

std::vector<assignment> assignments_store::overlapping(core::instant from, core::instant to) {
  return with_session(*db_, "", [&](soci::session& s) {
    std::string from_text = core::format_utc(from), to_text = core::format_utc(to);
    return select_rows<assignment_row, assignment>(
        s, std::string(columns) + "WHERE start_at < :to_at AND end_at > :from_at ORDER BY session_id, id",
        [&](soci::statement& st) {
          st.exchange(soci::use(to_text));
          st.exchange(soci::use(from_text));
        });
  });
}

assignment assignments_store::assign(id_t session_id, id_t member_id, const std::string& need, bool pinned,
                                     const actor& who) {
  return with_session(*db_, "The member is already booked at that time.", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    if (db_->kind() == backend::postgresql) {
      long long locked = 0;
      s << lock_member_sql, soci::use(member_id), soci::into(locked);
      s << lock_session_sql, soci::use(session_id), soci::into(locked);
    }
    auto facts = load_facts(s, session_id, {member_id});
    if (facts.session.status != "planned")
      throw error(errc::conflict, "Only planned sessions take assignments; this one is " + facts.session.status + ".",
                  {{"session", "is " + facts.session.status}});
    auto found = facts.members.find(member_id);
    if (found == facts.members.end())
      throw error(errc::invalid_input, "The request has invalid fields.", {{"member_id", "no member has this id"}});
    const auto& member = found->second;
    if (!member.active) throw error(errc::invalid_input, "The member is not active.", {{"member_id", "is not active"}});
    auto verdict = services::check_seat(facts.session, member, need, rules_);
    if (!verdict.allowed()) {
      std::string reason = verdict.rule + ": " + services::api_detail(verdict, member, need);
      throw error(errc::conflict, reason, {{verdict.field, reason}});
    }
    std::string start_text = core::format_utc(facts.session.start), end_text = core::format_utc(facts.session.end);

    assignment a{0, session_id, member_id, need, true, pinned, core::now()};
    int pinned_flag = pinned ? 1 : 0;
    std::string created = core::format_utc(a.created_at);
    long long id = 0;
    s << insert_sql, soci::use(session_id), soci::use(member_id), soci::use(need), soci::use(pinned_flag),
        soci::use(start_text), soci::use(end_text), soci::use(created), soci::into(id);
    a.id = id;
    audit_write<assignment>(s, who, "create", "assignment", a.id, nullptr, &a);
    tx.commit();
    return a;
  });
}

void assignments_store::unassign(id_t session_id, id_t assignment_id, const actor& who) {
  with_session(*db_, "", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    auto rows = select_rows<assignment_row, assignment>(
        s, std::string(columns) + "WHERE id = :id AND session_id = :s", [&](soci::statement& st) {
          st.exchange(soci::use(assignment_id));
          st.exchange(soci::use(session_id));
        });
    if (rows.empty()) core::throw_not_found(noun("assignment", assignment_id));
    s << delete_sql, soci::use(assignment_id);
    audit_write<assignment>(s, who, "delete", "assignment", assignment_id, &rows.front(), nullptr);
    tx.commit();
  });
}

}  // namespace satdan::store

namespace satdan::store {

assignment assignments_store::set_pinned(id_t session_id, id_t assignment_id, bool pinned, const actor& who) {
  return with_session(*db_, "", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    auto rows = select_rows<assignment_row, assignment>(
        s, std::string(columns) + "WHERE id = :id AND session_id = :s", [&](soci::statement& st) {
          st.exchange(soci::use(assignment_id));
          st.exchange(soci::use(session_id));
        });
    if (rows.empty()) core::throw_not_found(noun("assignment", assignment_id));
    assignment after = rows.front();
    after.pinned = pinned;
    if (after.pinned != rows.front().pinned) {
      int flag = pinned ? 1 : 0;
      s << pin_sql, soci::use(flag), soci::use(assignment_id);
      audit_write<assignment>(s, who, "update", "assignment", assignment_id, &rows.front(), &after);
    }
    tx.commit();
    return after;
  });
}

services::seating_facts assignments_store::seating_facts(id_t session_id, const std::vector<id_t>& member_ids) {
  return with_session(*db_, "", [&](soci::session& s) { return load_facts(s, session_id, member_ids); });
}

std::vector<domain::audit_entry> assignments_store::history(id_t session_id, int limit) {
  return with_session(*db_, "", [&](soci::session& s) {
    std::vector<domain::audit_entry> out;
    long long id = 0, account = 0, entity_id = 0;
    soci::indicator account_ind = soci::i_null, entity_ind = soci::i_null;
    std::string at, action, entity, changes;
    const std::string n = std::to_string(session_id);
    std::string created = "%\"session_id\":{\"new\":" + n + "}%", deleted = "%\"session_id\":{\"old\":" + n + "}%";
    soci::statement st = (s.prepare << history_sql, soci::use(session_id), soci::use(session_id), soci::use(created),
                          soci::use(deleted), soci::use(limit), soci::into(id), soci::into(at),
                          soci::into(account, account_ind), soci::into(action), soci::into(entity),
                          soci::into(entity_id, entity_ind), soci::into(changes));
    st.execute();
    while (st.fetch()) {
      domain::audit_entry e;
      e.id = id;
      e.at = parse_db_instant_or_throw(at);
      if (account_ind == soci::i_ok) e.account_id = account;
      e.action = action;
      e.entity = entity;
      if (entity_ind == soci::i_ok) e.entity_id = entity_id;
      auto parsed = boost::json::parse(changes);
      if (parsed.is_object()) e.changes = parsed.as_object();
      out.push_back(std::move(e));
    }
    return out;
  });
}

}  // namespace satdan::store
