#include "store/attendance_store.hpp"

#include "store/audit.hpp"
#include "store/sql_support.hpp"

namespace satdan::store {

using core::errc;
using core::error;
using domain::attendance_record;
using namespace detail;

namespace {

constexpr const char* session_sql = "SELECT kind, status, start_at, end_at FROM sessions WHERE id = :id";
constexpr const char* member_exists_sql = "SELECT 1 FROM members WHERE id = :id";
constexpr const char* seated_sql = "SELECT 1 FROM assignments WHERE session_id = :s AND member_id = :m";
constexpr const char* current_sql =
    "SELECT status, late_minutes, reason FROM attendance WHERE session_id = :s AND member_id = :m";
constexpr const char* insert_sql =
    "INSERT INTO attendance (session_id, member_id, status, late_minutes, reason, recorded_by, recorded_at) "
    "VALUES (:s, :m, :status, :late, :reason, :by, :at)";
constexpr const char* update_sql =
    "UPDATE attendance SET status = :status, late_minutes = :late, reason = :reason, recorded_by = :by, "
    "recorded_at = :at WHERE session_id = :s AND member_id = :m";
constexpr const char* history_insert_sql =
    "INSERT INTO attendance_history (session_id, member_id, status, late_minutes, reason, recorded_by, recorded_at) "
    "VALUES (:s, :m, :status, :late, :reason, :by, :at)";
// :use_member = 1 narrows the lines to one member's (a member account reading).
constexpr const char* records_sql =
    "SELECT member_id, status, late_minutes, reason, recorded_by, recorded_at FROM attendance WHERE session_id = :s "
    "AND (:use_member = 0 OR member_id = :m) ORDER BY member_id";
constexpr const char* history_sql =
    "SELECT member_id, status, late_minutes, reason, recorded_by, recorded_at FROM attendance_history "
    "WHERE session_id = :s AND (:use_member = 0 OR member_id = :m) ORDER BY id";
constexpr const char* session_record_sql =
    "SELECT citizens_present, minutes FROM session_records WHERE session_id = :s";
constexpr const char* session_record_insert_sql =
    "INSERT INTO session_records (session_id, citizens_present, minutes, recorded_by, recorded_at) "
    "VALUES (:s, :citizens, :minutes, :by, :at)";
constexpr const char* session_record_update_sql =
    "UPDATE session_records SET citizens_present = :citizens, minutes = :minutes, recorded_by = :by, "
    "recorded_at = :at WHERE session_id = :s";
// Held is what a recorded session is; its sequence moves so that ETags and calendar feeds see the change.
constexpr const char* mark_held_sql =
    "UPDATE sessions SET status = 'held', sequence = sequence + 1, updated_at = :at WHERE id = :id AND status <> 'held'";

struct session_facts {
  std::string kind, status;
  core::instant start, end;
};

session_facts load_session(soci::session& s, id_t id, backend kind) {
  std::string sql = session_sql;
  if (kind == backend::postgresql) sql += " FOR UPDATE";
  session_facts f;
  std::string start, end;
  s << sql, soci::use(id), soci::into(f.kind), soci::into(f.status), soci::into(start), soci::into(end);
  if (!s.got_data()) core::throw_not_found(noun("session", id));
  f.start = parse_db_instant_or_throw(start);
  f.end = parse_db_instant_or_throw(end);
  return f;
}

void refuse_unless_recordable(const session_facts& f, core::instant now) {
  if (f.status == "cancelled" || f.status == "postponed")
    throw error(errc::conflict, "A " + f.status + " session has no attendance.");
  if (now < f.start) throw error(errc::conflict, "The session has not started yet; attendance is recorded from its start.");
}

struct record_row {
  long long member = 0, by = 0;
  int late = 0;
  std::string status, reason, at;
  soci::indicator late_ind = soci::i_null, reason_ind = soci::i_null, by_ind = soci::i_null;
  void bind(soci::statement& st) {
    st.exchange(soci::into(member));
    st.exchange(soci::into(status));
    st.exchange(soci::into(late, late_ind));
    st.exchange(soci::into(reason, reason_ind));
    st.exchange(soci::into(by, by_ind));
    st.exchange(soci::into(at));
  }
  attendance_record value() const {
    return {member, status, optional_of(late, late_ind), optional_of(reason, reason_ind),
            optional_of<id_t>(by, by_ind), parse_db_instant_or_throw(at)};
  }
};

// Writes one member's record when it differs from the current one, and keeps the version in the history.
// Returns whether anything changed.
bool write_record(soci::session& s, id_t session_id, const attendance_record& r) {
  std::string status, reason;
  int late = 0;
  soci::indicator late_ind = soci::i_null, reason_ind = soci::i_null;
  s << current_sql, soci::use(session_id), soci::use(r.member_id), soci::into(status), soci::into(late, late_ind),
      soci::into(reason, reason_ind);
  bool exists = s.got_data();
  if (exists && status == r.status && optional_of(late, late_ind) == r.late_minutes &&
      optional_of(reason, reason_ind) == r.reason)
    return false;
  nullable<int> late_value(r.late_minutes);
  nullable<std::string> reason_value(r.reason);
  nullable<id_t> by(r.recorded_by);
  std::string at = core::format_utc(r.recorded_at), new_status = r.status;
  id_t sid = session_id, mid = r.member_id;
  if (exists) {
    s << update_sql, soci::use(new_status), soci::use(late_value.value, late_value.ind),
        soci::use(reason_value.value, reason_value.ind), soci::use(by.value, by.ind), soci::use(at), soci::use(sid),
        soci::use(mid);
  } else {
    s << insert_sql, soci::use(sid), soci::use(mid), soci::use(new_status), soci::use(late_value.value, late_value.ind),
        soci::use(reason_value.value, reason_value.ind), soci::use(by.value, by.ind), soci::use(at);
  }
  s << history_insert_sql, soci::use(sid), soci::use(mid), soci::use(new_status),
      soci::use(late_value.value, late_value.ind), soci::use(reason_value.value, reason_value.ind),
      soci::use(by.value, by.ind), soci::use(at);
  return true;
}

void mark_held(soci::session& s, id_t session_id, core::instant now) {
  std::string at = core::format_utc(now);
  s << mark_held_sql, soci::use(at), soci::use(session_id);
}

bool seated(soci::session& s, id_t session_id, id_t member_id) {
  int one = 0;
  soci::indicator ind = soci::i_null;
  s << seated_sql, soci::use(session_id), soci::use(member_id), soci::into(one, ind);
  return s.got_data();
}

session_attendance_view load_view(soci::session& s, id_t session_id, std::optional<id_t> only_member) {
  session_attendance_view v;
  v.session_id = session_id;
  std::string status;
  s << "SELECT status FROM sessions WHERE id = :id", soci::use(session_id), soci::into(status);
  if (!s.got_data()) core::throw_not_found(noun("session", session_id));
  v.session_status = status;
  int citizens = 0;
  std::string minutes;
  soci::indicator citizens_ind = soci::i_null, minutes_ind = soci::i_null;
  s << session_record_sql, soci::use(session_id), soci::into(citizens, citizens_ind), soci::into(minutes, minutes_ind);
  if (s.got_data()) {
    v.citizens_present = optional_of(citizens, citizens_ind);
    v.minutes = optional_of(minutes, minutes_ind);
  }
  // The minutes speak of everyone present: a member reads them only of a session they sat in.
  if (only_member && !seated(s, session_id, *only_member)) {
    v.minutes.reset();
    v.minutes_withheld = true;
  }
  int use_member = only_member ? 1 : 0;
  id_t member = only_member.value_or(0);
  auto bind_session = [&](soci::statement& st) {
    st.exchange(soci::use(session_id));
    st.exchange(soci::use(use_member));
    st.exchange(soci::use(member));
  };
  v.records = select_rows<record_row, attendance_record>(s, records_sql, bind_session);
  v.history = select_rows<record_row, attendance_record>(s, history_sql, bind_session);
  return v;
}

boost::json::object audit_of(const attendance_record& r) {
  boost::json::object o = domain::to_json(r);
  o.erase("recorded_at");
  o.erase("recorded_by");
  return o;
}

}  // namespace

session_attendance_view attendance_store::record_session(id_t session_id, const domain::session_attendance& a,
                                                         core::instant now, const actor& who) {
  return with_session(*db_, "The attendance conflicts with another record.", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    auto facts = load_session(s, session_id, db_->kind());
    refuse_unless_recordable(facts, now);
    core::field_errors errors;
    for (std::size_t i = 0; i < a.records.size(); ++i)
      if (!row_exists(s, member_exists_sql, a.records[i].member_id))
        errors.add("records[" + std::to_string(i) + "].member_id", "no member has this id");
    if (a.citizens_present && facts.kind != "dialogue")
      errors.add("citizens_present", "is counted at dialogues only");
    errors.throw_if_any();

    boost::json::array changed;
    for (auto r : a.records) {
      r.recorded_by = who.account_id;
      r.recorded_at = now;
      if (write_record(s, session_id, r)) changed.push_back(audit_of(r));
    }
    std::string at = core::format_utc(now);
    nullable<int> citizens(a.citizens_present);
    nullable<std::string> minutes(a.minutes);
    nullable<id_t> by(who.account_id);
    id_t sid = session_id;
    s << session_record_update_sql, soci::use(citizens.value, citizens.ind), soci::use(minutes.value, minutes.ind),
        soci::use(by.value, by.ind), soci::use(at), soci::use(sid);
    int exists = 0;
    soci::indicator ind = soci::i_null;
    s << "SELECT 1 FROM session_records WHERE session_id = :s", soci::use(sid), soci::into(exists, ind);
    if (!s.got_data())
      s << session_record_insert_sql, soci::use(sid), soci::use(citizens.value, citizens.ind),
          soci::use(minutes.value, minutes.ind), soci::use(by.value, by.ind), soci::use(at);
    mark_held(s, session_id, now);
    boost::json::object after{{"records", std::move(changed)}, {"citizens_present", nullptr}};
    if (a.citizens_present) after["citizens_present"] = *a.citizens_present;
    record_audit(s, who, "attendance", "session", session_id, nullptr, &after);
    tx.commit();
    return load_view(s, session_id, std::nullopt);
  });
}

session_attendance_view attendance_store::record_own(id_t session_id, id_t member_id, attendance_record r,
                                                     core::instant now, std::chrono::seconds window, const actor& who) {
  return with_session(*db_, "The attendance conflicts with another record.", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    auto facts = load_session(s, session_id, db_->kind());
    if (!seated(s, session_id, member_id))
      throw error(errc::forbidden, "Members record their own attendance only at sessions they are assigned to.");
    refuse_unless_recordable(facts, now);
    if (now > facts.end + window)
      throw error(errc::conflict, "The window for recording your own attendance has closed; ask the office to record it.");
    r.member_id = member_id;
    r.recorded_by = who.account_id;
    r.recorded_at = now;
    if (write_record(s, session_id, r)) {
      auto after = audit_of(r);
      record_audit(s, who, "attendance", "session", session_id, nullptr, &after);
    }
    mark_held(s, session_id, now);
    tx.commit();
    return load_view(s, session_id, member_id);
  });
}

session_attendance_view attendance_store::get(id_t session_id, std::optional<id_t> only_member) {
  return with_session(*db_, "", [&](soci::session& s) { return load_view(s, session_id, only_member); });
}

}  // namespace satdan::store
