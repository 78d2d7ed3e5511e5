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
constexpr const char* conflict_message = "The period conflicts with another record.";
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
    return {id, member, parse_db_instant_or_throw(start), parse_db_instant_or_throw(end), optional_of(reason, reason_ind)};
  }
};

void check_references(soci::session& s, const unavailability& u) {
  if (!row_exists(s, member_exists_sql, u.member_id))
    throw error(errc::invalid_input, "The request has invalid fields.", {{"member_id", "no member has this id"}});
}

std::optional<unavailability> load_unavailability(soci::session& s, id_t id) {
  unavailability_row r;
  s << get_sql, soci::use(id), soci::into(r.id), soci::into(r.member), soci::into(r.start), soci::into(r.end),
      soci::into(r.reason, r.reason_ind);
  if (!s.got_data()) return std::nullopt;
  return r.value();
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
    auto u = load_unavailability(s, id);
    if (!u) core::throw_not_found(noun("unavailability", id));
    return *u;
  });
}

unavailability directory_store::create_unavailability(unavailability u, const actor& who) {
  return create_audited(*db_, who, "unavailability", std::move(u), conflict_message,
                        [](soci::session& s, const unavailability& v) {
                          check_references(s, v);
                          std::string start = core::format_utc(v.start), end = core::format_utc(v.end);
                          nullable<std::string> reason(v.reason);
                          long long id = 0;
                          s << insert_sql, soci::use(v.member_id), soci::use(start), soci::use(end),
                              soci::use(reason.value, reason.ind), soci::into(id);
                          return id;
                        });
}

unavailability directory_store::update_unavailability(const unavailability& u, const actor& who) {
  return update_audited(*db_, who, "unavailability", u, conflict_message, load_unavailability,
                        [](soci::session& s, const unavailability& v) {
                          check_references(s, v);
                          std::string start = core::format_utc(v.start), end = core::format_utc(v.end);
                          nullable<std::string> reason(v.reason);
                          s << update_sql, soci::use(v.member_id), soci::use(start), soci::use(end),
                              soci::use(reason.value, reason.ind), soci::use(v.id);
                        });
}

void directory_store::delete_unavailability(id_t id, const actor& who) {
  delete_audited(*db_, who, "unavailability", id, delete_sql, load_unavailability, no_dependents);
}

}  // namespace satdan::store
