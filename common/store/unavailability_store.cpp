// Unavailability: periods (leave, illness, duty elsewhere) when a member cannot be sent to a session.
#include "store/directory_store.hpp"
#include "store/sql_support.hpp"

namespace satdan::store {

using core::errc;
using core::error;
using domain::unavailability;
using namespace detail;

namespace {

constexpr const char* list_sql =
    "SELECT id, member_id, start_at, end_at, reason FROM unavailability "
    "WHERE id > :after AND (:use_member = 0 OR member_id = :member) AND (:use_from = 0 OR end_at > :from_at) "
    "AND (:use_to = 0 OR start_at < :to_at) ORDER BY id LIMIT :limit";
constexpr const char* get_sql = "SELECT id, member_id, start_at, end_at, reason FROM unavailability WHERE id = :id";
constexpr const char* exists_sql = "SELECT 1 FROM unavailability WHERE id = :id";
constexpr const char* member_exists_sql = "SELECT 1 FROM members WHERE id = :id";
constexpr const char* insert_sql =
    "INSERT INTO unavailability (member_id, start_at, end_at, reason) VALUES (:member, :start_at, :end_at, :reason) "
    "RETURNING id";
constexpr const char* update_sql =
    "UPDATE unavailability SET member_id = :member, start_at = :start_at, end_at = :end_at, reason = :reason "
    "WHERE id = :id";
constexpr const char* delete_sql = "DELETE FROM unavailability WHERE id = :id";

struct unavailability_row {
  long long id = 0, member = 0;
  std::string start, end, reason;
  soci::indicator reason_ind = soci::i_null;
  unavailability value() const {
    auto s = core::parse_db_instant(start), e = core::parse_db_instant(end);
    if (!s || !e) throw error(errc::internal, "Internal error.", {}, "unreadable instant in unavailability " + std::to_string(id));
    return {id, member, *s, *e, optional_of(reason, reason_ind)};
  }
};

void check_references(soci::session& s, const unavailability& u) {
  if (!row_exists(s, member_exists_sql, u.member_id))
    throw error(errc::invalid_input, "The request has invalid fields.", {{"member_id", "no member has this id"}});
}

}  // namespace

page<unavailability> directory_store::list_unavailability(const unavailability_filter& f, page_request p) {
  return with_session(*db_, "", [&](soci::session& s) {
    unavailability_row r;
    id_t after = p.after, member = f.member_id.value_or(0);
    int use_member = f.member_id ? 1 : 0, use_from = f.from ? 1 : 0, use_to = f.to ? 1 : 0;
    std::string from = f.from ? core::format_utc(*f.from) : unused_instant;
    std::string to = f.to ? core::format_utc(*f.to) : unused_instant;
    int limit = p.limit + 1;
    soci::statement st = (s.prepare << list_sql, soci::use(after), soci::use(use_member), soci::use(member),
                          soci::use(use_from), soci::use(from), soci::use(use_to), soci::use(to), soci::use(limit),
                          soci::into(r.id), soci::into(r.member), soci::into(r.start), soci::into(r.end),
                          soci::into(r.reason, r.reason_ind));
    std::vector<unavailability> rows;
    st.execute();
    while (st.fetch()) rows.push_back(r.value());
    return finish_page(std::move(rows), p.limit);
  });
}

unavailability directory_store::get_unavailability(id_t id) {
  return with_session(*db_, "", [&](soci::session& s) {
    unavailability_row r;
    s << get_sql, soci::use(id), soci::into(r.id), soci::into(r.member), soci::into(r.start), soci::into(r.end),
        soci::into(r.reason, r.reason_ind);
    if (!s.got_data()) core::throw_not_found("Unavailability " + std::to_string(id));
    return r.value();
  });
}

unavailability directory_store::create_unavailability(unavailability u) {
  return with_session(*db_, "The period conflicts with another record.", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    u.id = 0;
    check_references(s, u);
    std::string start = core::format_utc(u.start), end = core::format_utc(u.end);
    nullable<std::string> reason(u.reason);
    long long id = 0;
    s << insert_sql, soci::use(u.member_id), soci::use(start), soci::use(end), soci::use(reason.value, reason.ind),
        soci::into(id);
    tx.commit();
    u.id = id;
    return u;
  });
}

unavailability directory_store::update_unavailability(const unavailability& u) {
  return with_session(*db_, "The period conflicts with another record.", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    if (!row_exists(s, exists_sql, u.id)) core::throw_not_found("Unavailability " + std::to_string(u.id));
    check_references(s, u);
    std::string start = core::format_utc(u.start), end = core::format_utc(u.end);
    nullable<std::string> reason(u.reason);
    s << update_sql, soci::use(u.member_id), soci::use(start), soci::use(end), soci::use(reason.value, reason.ind),
        soci::use(u.id);
    tx.commit();
    return u;
  });
}

void directory_store::delete_unavailability(id_t id) {
  with_session(*db_, "", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    if (!row_exists(s, exists_sql, id)) core::throw_not_found("Unavailability " + std::to_string(id));
    s << delete_sql, soci::use(id);
    tx.commit();
  });
}

}  // namespace satdan::store
