#include "store/busy_times_store.hpp"

#include "store/audit.hpp"
#include "store/sql_support.hpp"

namespace satdan::store {

using namespace detail;

namespace {

int delete_source(soci::session& s, domain::id_t member_id, const std::string& source) {
  soci::statement st = (s.prepare << "DELETE FROM unavailability WHERE member_id = :member AND source = :source",
                        soci::use(member_id), soci::use(source));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

}  // namespace

int busy_times_store::replace(domain::id_t member_id, const std::string& source, const std::vector<busy_time>& periods,
                              const actor& who) {
  return with_session(*db_, "", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    require_member(s, member_id);
    int removed = delete_source(s, member_id, source);
    // The events' own titles stay in the member's calendar: the committee sees only that they are busy.
    std::string reason = "Bận (lịch riêng: " + source + ")";
    std::string start, end;
    soci::statement insert = (s.prepare << "INSERT INTO unavailability (member_id, start_at, end_at, reason, source) "
                                           "VALUES (:member, :start_at, :end_at, :reason, :source)",
                              soci::use(member_id), soci::use(start), soci::use(end), soci::use(reason), soci::use(source));
    for (const auto& p : periods) {
      start = core::format_utc(p.start);
      end = core::format_utc(p.end);
      insert.execute(true);
    }
    boost::json::object summary{{"source", source}, {"periods", static_cast<std::int64_t>(periods.size())}, {"replaced", removed}};
    record_audit(s, who, "import_busy_times", "member", member_id, nullptr, &summary);
    tx.commit();
    return static_cast<int>(periods.size());
  });
}

int busy_times_store::remove(domain::id_t member_id, const std::string& source, const actor& who) {
  return with_session(*db_, "", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    require_member(s, member_id);
    int removed = delete_source(s, member_id, source);
    boost::json::object summary{{"source", source}, {"removed", removed}};
    record_audit(s, who, "remove_busy_times", "member", member_id, nullptr, &summary);
    tx.commit();
    return removed;
  });
}

std::vector<domain::unavailability> busy_times_store::periods(domain::id_t member_id, const std::optional<std::string>& source,
                                                            core::instant from, int limit) {
  return with_session(*db_, "", [&](soci::session& s) {
    long long id = 0, member = 0;
    std::string start, end, reason;
    soci::indicator reason_ind = soci::i_null;
    int by_hand = source ? 0 : 1;
    std::string wanted = source.value_or(""), after = core::format_utc(from);
    soci::statement st =
        (s.prepare << "SELECT id, member_id, start_at, end_at, reason FROM unavailability WHERE member_id = :member "
                      "AND ((:by_hand = 1 AND source IS NULL) OR (:by_hand2 = 0 AND source = :source)) "
                      "AND end_at > :from_at ORDER BY start_at, id LIMIT :limit",
         soci::use(member_id), soci::use(by_hand), soci::use(by_hand), soci::use(wanted), soci::use(after), soci::use(limit),
         soci::into(id), soci::into(member), soci::into(start), soci::into(end), soci::into(reason, reason_ind));
    std::vector<domain::unavailability> out;
    st.execute();
    while (st.fetch())
      out.push_back({id, member, parse_db_instant_or_throw(start), parse_db_instant_or_throw(end), optional_of(reason, reason_ind)});
    return out;
  });
}

int busy_times_store::count_after(domain::id_t member_id, const std::string& source, core::instant from) {
  return with_session(*db_, "", [&](soci::session& s) {
    long long n = 0;
    std::string after = core::format_utc(from);
    s << "SELECT COUNT(*) FROM unavailability WHERE member_id = :member AND source = :source AND end_at > :from_at",
        soci::use(member_id), soci::use(source), soci::use(after), soci::into(n);
    return static_cast<int>(n);
  });
}

std::vector<busy_source> busy_times_store::sources(domain::id_t member_id) {
  return with_session(*db_, "", [&](soci::session& s) {
    std::string source, first, last;
    long long n = 0;
    soci::statement st = (s.prepare << "SELECT source, COUNT(*), MIN(start_at), MAX(end_at) FROM unavailability "
                                       "WHERE member_id = :member AND source IS NOT NULL GROUP BY source ORDER BY source",
                          soci::use(member_id), soci::into(source), soci::into(n), soci::into(first), soci::into(last));
    std::vector<busy_source> out;
    st.execute();
    while (st.fetch())
      out.push_back({source, static_cast<int>(n), parse_db_instant_or_throw(first), parse_db_instant_or_throw(last)});
    return out;
  });
}

}  // namespace satdan::store
