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

}  // namespace satdan::store
