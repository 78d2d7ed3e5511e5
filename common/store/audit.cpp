#include "store/audit.hpp"

#include <algorithm>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/error.hpp"
#include "store/sql_support.hpp"

namespace satdan::store {

using namespace detail;

namespace {

constexpr const char* insert_sql =
    "INSERT INTO audit_log (at, account_id, action, entity, entity_id, changes) "
    "VALUES (:at, :account, :action, :entity, :entity_id, :changes)";
// The one read of the log: the filters, bounded on either side, in either order (the API's pages walk it
// forwards, the audit page backwards from the newest).
constexpr const char* window_where =
    "FROM audit_log WHERE (:use_before = 0 OR id < :before) AND (:use_after = 0 OR id > :after) "
    "AND (:use_entity = 0 OR entity = :entity) AND (:use_action = 0 OR action = :action) "
    "AND (:use_entity_id = 0 OR entity_id = :entity_id) AND (:use_account = 0 OR account_id = :account) "
    "AND (:use_from = 0 OR at >= :from_at) AND (:use_to = 0 OR at < :to_at) ";
constexpr const char* window_columns = "SELECT id, at, account_id, action, entity, entity_id, changes ";

std::vector<domain::audit_entry> fetch_window(soci::session& s, const audit_filter& f, std::optional<id_t> before,
                                              std::optional<id_t> after, bool descending, int limit) {
  long long id = 0, account = 0, entity_id = 0;
  soci::indicator account_ind = soci::i_null, entity_id_ind = soci::i_null;
  std::string at, action, entity, changes;
  int use_before = before ? 1 : 0, use_after = after ? 1 : 0;
  id_t before_id = before.value_or(0), after_id = after.value_or(0);
  id_t want_entity_id = f.entity_id.value_or(0), want_account = f.account_id.value_or(0);
  int use_entity = f.entity ? 1 : 0, use_action = f.action ? 1 : 0, use_entity_id = f.entity_id ? 1 : 0,
      use_account = f.account_id ? 1 : 0, use_from = f.from ? 1 : 0, use_to = f.to ? 1 : 0;
  std::string want_entity = f.entity.value_or(""), want_action = f.action.value_or("");
  std::string from = f.from ? core::format_utc(*f.from) : unused_instant;
  std::string to = f.to ? core::format_utc(*f.to) : unused_instant;
  std::string sql = std::string(window_columns) + window_where + (descending ? "ORDER BY id DESC" : "ORDER BY id") + " LIMIT :limit";
  soci::statement st =
      (s.prepare << sql, soci::use(use_before), soci::use(before_id), soci::use(use_after), soci::use(after_id),
       soci::use(use_entity), soci::use(want_entity), soci::use(use_action), soci::use(want_action),
       soci::use(use_entity_id), soci::use(want_entity_id), soci::use(use_account), soci::use(want_account),
       soci::use(use_from), soci::use(from), soci::use(use_to), soci::use(to), soci::use(limit), soci::into(id),
       soci::into(at), soci::into(account, account_ind), soci::into(action), soci::into(entity),
       soci::into(entity_id, entity_id_ind), soci::into(changes));
  std::vector<domain::audit_entry> rows;
  st.execute();
  while (st.fetch()) {
    domain::audit_entry e;
    e.id = id;
    e.at = parse_db_instant_or_throw(at);
    e.account_id = optional_of<id_t>(account, account_ind);
    e.action = action;
    e.entity = entity;
    e.entity_id = optional_of<id_t>(entity_id, entity_id_ind);
    e.changes = boost::json::parse(changes).as_object();
    rows.push_back(std::move(e));
  }
  return rows;
}

}  // namespace

void record_audit(soci::session& s, const actor& who, std::string_view action, std::string_view entity,
                  std::optional<id_t> entity_id, const boost::json::object* before, const boost::json::object* after) {
  std::string at = core::format_utc(core::now());
  std::string changes = boost::json::serialize(domain::field_changes(before, after));
  std::string action_text(action), entity_text(entity);
  nullable<id_t> account(who.account_id), id(entity_id);
  s << insert_sql, soci::use(at), soci::use(account.value, account.ind), soci::use(action_text),
      soci::use(entity_text), soci::use(id.value, id.ind), soci::use(changes);
}

page<domain::audit_entry> audit_store::list(const audit_filter& f, page_request p) {
  return with_session(*db_, "", [&](soci::session& s) {
    return finish_page(fetch_window(s, f, std::nullopt, p.after, false, p.limit + 1), p.limit);
  });
}

audit_store::window audit_store::newest(const audit_filter& f, std::optional<id_t> before, std::optional<id_t> after, int limit) {
  return with_session(*db_, "", [&](soci::session& s) {
    window w;
    if (after && !before) {
      w.items = fetch_window(s, f, std::nullopt, after, false, limit + 1);
      w.newer = static_cast<int>(w.items.size()) > limit;
      if (w.newer) w.items.pop_back();
      std::reverse(w.items.begin(), w.items.end());
    } else {
      w.items = fetch_window(s, f, before, std::nullopt, true, limit + 1);
      w.older = static_cast<int>(w.items.size()) > limit;
      if (w.older) w.items.pop_back();
    }
    if (w.items.empty()) {
      w.newer = w.newer || before.has_value();
      w.older = w.older || after.has_value();
      return w;
    }
    if (!w.newer) w.newer = !fetch_window(s, f, std::nullopt, w.items.front().id, false, 1).empty();
    if (!w.older) w.older = !fetch_window(s, f, w.items.back().id, std::nullopt, true, 1).empty();
    return w;
  });
}

std::map<id_t, core::instant> audit_store::last_by_account(std::string_view action) {
  return with_session(*db_, "", [&](soci::session& s) {
    std::string wanted(action), at;
    long long account = 0;
    soci::statement st = (s.prepare << "SELECT account_id, MAX(at) FROM audit_log WHERE action = :action "
                                       "AND account_id IS NOT NULL GROUP BY account_id",
                          soci::use(wanted), soci::into(account), soci::into(at));
    std::map<id_t, core::instant> out;
    st.execute();
    while (st.fetch()) out[account] = parse_db_instant_or_throw(at);
    return out;
  });
}

}  // namespace satdan::store
