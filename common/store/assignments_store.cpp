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
constexpr const char* member_sql =
    "SELECT level, home_unit_id, max_per_month, CAST(active AS INTEGER), full_name FROM members WHERE id = :id";
constexpr const char* has_role_sql = "SELECT 1 FROM member_roles WHERE member_id = :m AND role = :r";
// PostgreSQL: hold the member (and the session) until commit, so a second process assigning the same member
// waits and then sees this assignment. SQLite's BEGIN IMMEDIATE already lets one writer in at a time.
constexpr const char* lock_member_sql = "SELECT id FROM members WHERE id = :id FOR UPDATE";
constexpr const char* lock_session_sql = "SELECT id FROM sessions WHERE id = :id FOR UPDATE";
const std::string within_home_sql = std::string(subtree_cte) + "SELECT 1 FROM subtree WHERE id = :unit";
constexpr const char* seated_sql = "SELECT 1 FROM assignments WHERE session_id = :s AND member_id = :m";
constexpr const char* seats_taken_sql = "SELECT COUNT(*) FROM assignments WHERE session_id = :s AND need = :n";
constexpr const char* unavailable_sql =
    "SELECT start_at, end_at, reason FROM unavailability WHERE member_id = :m AND start_at < :end_at AND end_at > :start_at";
constexpr const char* member_schedule_sql =
    "SELECT a.session_id, s.unit_id, a.start_at, a.end_at FROM assignments a JOIN sessions s ON s.id = a.session_id "
    "WHERE a.member_id = :m";
constexpr const char* insert_sql =
    "INSERT INTO assignments (session_id, member_id, need, manual, pinned, start_at, end_at, created_at) "
    "VALUES (:s, :m, :n, TRUE, :pinned, :start_at, :end_at, :created) RETURNING id";
constexpr const char* delete_sql = "DELETE FROM assignments WHERE id = :id";

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

[[noreturn]] void refuse(const std::string& rule, const std::string& field, const std::string& detail) {
  throw error(errc::conflict, rule + ": " + detail, {{field, rule + ": " + detail}});
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
    long long unit = 0;
    std::string start_text, end_text, status, needs, optional;
    s << session_sql, soci::use(session_id), soci::into(unit), soci::into(start_text), soci::into(end_text),
        soci::into(status), soci::into(needs), soci::into(optional);
    if (!s.got_data()) core::throw_not_found(noun("session", session_id));
    if (status != "planned")
      throw error(errc::conflict, "Only planned sessions take assignments; this one is " + status + ".",
                  {{"session", "is " + status}});
    const core::instant start = parse_db_instant_or_throw(start_text), end = parse_db_instant_or_throw(end_text);

    std::string level, name;
    long long home = 0;
    int cap = 0, active = 0;
    s << member_sql, soci::use(member_id), soci::into(level), soci::into(home), soci::into(cap), soci::into(active),
        soci::into(name);
    if (!s.got_data())
      throw error(errc::invalid_input, "The request has invalid fields.", {{"member_id", "no member has this id"}});
    if (!active) throw error(errc::invalid_input, "The member is not active.", {{"member_id", "is not active"}});

    // H1: the member fits the seat; a commune member sits only in their own commune.
    int found = 0;
    s << has_role_sql, soci::use(member_id), soci::use(need), soci::into(found);
    if (level != need && !s.got_data()) refuse("H1", "need", name + " is neither a " + need + " member nor holds that role");
    if (level == "commune") {
      id_t root = home, where = unit;
      s << within_home_sql, soci::use(root), soci::use(where), soci::into(found);
      if (!s.got_data()) refuse("H1", "member_id", name + " is a commune member of another commune");
    }
    // H2: one seat per member per session.
    s << seated_sql, soci::use(session_id), soci::use(member_id), soci::into(found);
    if (s.got_data()) refuse("H2", "member_id", name + " already has a seat at this session");
    // H3: no more members in a requirement than the session offers.
    long long taken = 0;
    s << seats_taken_sql, soci::use(session_id), soci::use(need), soci::into(taken);
    auto offered_seats = [&](const std::string& text) {
      auto seats = seats_of(text);
      auto it = seats.find(need);
      return it == seats.end() ? 0 : it->second;
    };
    int offered = offered_seats(needs) + offered_seats(optional);
    if (taken >= offered)
      refuse("H3", "need", offered == 0 ? "the session has no " + need + " seat"
                                        : "all " + std::to_string(offered) + " " + need + " seats are taken");
    // H4: not during the member's unavailability.
    {
      std::string from, to, reason;
      soci::indicator reason_ind = soci::i_null;
      s << unavailable_sql, soci::use(member_id), soci::use(end_text), soci::use(start_text), soci::into(from),
          soci::into(to), soci::into(reason, reason_ind);
      if (s.got_data())
        refuse("H4", "member_id",
               name + " is unavailable from " + core::format_utc(parse_db_instant_or_throw(from)) + " to " +
                   core::format_utc(parse_db_instant_or_throw(to)) + (reason_ind == soci::i_ok ? " (" + reason + ")" : ""));
    }
    // H5 and H6 against the member's other sessions: time to travel between them, and the monthly cap.
    {
      long long other = 0, other_unit = 0;
      std::string other_start, other_end;
      soci::statement st = (s.prepare << member_schedule_sql, soci::use(member_id), soci::into(other),
                            soci::into(other_unit), soci::into(other_start), soci::into(other_end));
      st.execute();
      const int month = rules_.month(start);
      int in_month = 0;
      while (st.fetch()) {
        core::instant a = parse_db_instant_or_throw(other_start), b = parse_db_instant_or_throw(other_end);
        auto gap = std::chrono::minutes(other_unit == unit ? rules_.travel_within_minutes : rules_.default_travel_minutes);
        bool clash = a <= start ? b + gap > start : end + gap > a;
        if (clash)
          refuse("H5", "member_id",
                 name + " is at session " + std::to_string(other) + " (" + core::format_utc(a) + " to " +
                     core::format_utc(b) + ") without " + std::to_string(gap.count()) + " minutes to travel between");
        if (rules_.month(a) == month) ++in_month;
      }
      if (in_month >= cap)
        refuse("H6", "member_id", name + " already has " + std::to_string(in_month) + " sessions that month (cap " +
                                      std::to_string(cap) + ")");
    }

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
