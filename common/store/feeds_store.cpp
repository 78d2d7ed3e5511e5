#include "store/feeds_store.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "store/audit.hpp"
#include "store/sql_support.hpp"

namespace satdan::store {

using namespace detail;

namespace {

// The session columns every feed reads, in the order feed_row binds them; the window is bound as
// :from_at, :to_at, :since.
constexpr const char* feed_columns =
    "SELECT s.id, s.kind, s.status, s.status_reason, s.start_at, s.end_at, s.created_at, s.updated_at, s.sequence, "
    "COALESCE(se.time_zone, :zone), s.location, s.topic, u.name, u.kind, p.name, p.kind, c.name, ";
constexpr const char* feed_joins =
    "JOIN units u ON u.id = s.unit_id LEFT JOIN units p ON p.id = u.parent_id LEFT JOIN cells c ON c.id = s.cell_id "
    "LEFT JOIN series se ON se.id = s.series_id ";
constexpr const char* window_where =
    "s.end_at > :from_at AND s.start_at < :to_at AND (s.status <> 'cancelled' OR s.updated_at >= :since) ";

const std::string member_sessions_sql = std::string(feed_columns) +
    "a.need, a.created_at FROM assignments a JOIN sessions s ON s.id = a.session_id " + feed_joins +
    "WHERE a.member_id = :member AND " + window_where + "ORDER BY s.start_at, s.id";
const std::string member_attendees_sql =
    "SELECT b.session_id, m.id, m.full_name, b.need FROM assignments a JOIN sessions s ON s.id = a.session_id "
    "JOIN assignments b ON b.session_id = a.session_id AND b.member_id <> a.member_id "
    "JOIN members m ON m.id = b.member_id WHERE a.member_id = :member AND " + std::string(window_where) +
    "ORDER BY b.session_id, m.full_name, m.id";
const std::string unit_sessions_sql = std::string(subtree_cte) + feed_columns +
    "NULL, NULL FROM sessions s " + feed_joins + "WHERE s.unit_id IN (SELECT id FROM subtree) AND " + window_where +
    "ORDER BY s.start_at, s.id";
const std::string unit_chairs_sql = std::string(subtree_cte) +
    "SELECT a.session_id, m.id, m.full_name, a.need FROM assignments a JOIN sessions s ON s.id = a.session_id "
    "JOIN members m ON m.id = a.member_id WHERE a.need = 'chair' AND s.unit_id IN (SELECT id FROM subtree) AND " +
    window_where + "ORDER BY a.session_id, m.full_name, m.id";
const std::string one_session_sql = std::string(feed_columns) + "NULL, NULL FROM sessions s " + feed_joins +
    "WHERE s.id = :id";
constexpr const char* one_session_chairs_sql =
    "SELECT a.session_id, m.id, m.full_name, a.need FROM assignments a JOIN members m ON m.id = a.member_id "
    "WHERE a.need = 'chair' AND a.session_id = :id ORDER BY m.full_name, m.id";

struct feed_row {
  long long id = 0, sequence = 0;
  std::string kind, status, reason, start, end, created, updated, zone, location, topic, unit_name, unit_kind,
      parent_name, parent_kind, cell_name, need, assigned;
  soci::indicator reason_ind = soci::i_null, location_ind = soci::i_null, topic_ind = soci::i_null,
                  parent_name_ind = soci::i_null, parent_kind_ind = soci::i_null, cell_ind = soci::i_null,
                  need_ind = soci::i_null, assigned_ind = soci::i_null;

  template <class Statement>
  void bind(Statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(status));
    st.exchange(soci::into(reason, reason_ind));
    st.exchange(soci::into(start));
    st.exchange(soci::into(end));
    st.exchange(soci::into(created));
    st.exchange(soci::into(updated));
    st.exchange(soci::into(sequence));
    st.exchange(soci::into(zone));
    st.exchange(soci::into(location, location_ind));
    st.exchange(soci::into(topic, topic_ind));
    st.exchange(soci::into(unit_name));
    st.exchange(soci::into(unit_kind));
    st.exchange(soci::into(parent_name, parent_name_ind));
    st.exchange(soci::into(parent_kind, parent_kind_ind));
    st.exchange(soci::into(cell_name, cell_ind));
    st.exchange(soci::into(need, need_ind));
    st.exchange(soci::into(assigned, assigned_ind));
  }

  feed_session value() const {
    feed_session f;
    f.id = id;
    f.kind = kind;
    f.status = status;
    f.status_reason = optional_of(reason, reason_ind);
    f.start = parse_db_instant_or_throw(start);
    f.end = parse_db_instant_or_throw(end);
    f.created_at = parse_db_instant_or_throw(created);
    f.updated_at = parse_db_instant_or_throw(updated);
    f.sequence = sequence;
    f.time_zone = zone;
    f.location = optional_of(location, location_ind);
    f.topic = optional_of(topic, topic_ind);
    f.unit_name = unit_name;
    f.unit_kind = unit_kind;
    f.parent_name = optional_of(parent_name, parent_name_ind);
    f.parent_kind = optional_of(parent_kind, parent_kind_ind);
    f.cell_name = optional_of(cell_name, cell_ind);
    f.need = optional_of(need, need_ind);
    if (assigned_ind != soci::i_null) f.assigned_at = parse_db_instant_or_throw(assigned);
    return f;
  }
};

struct attendee_row {
  long long session_id = 0, member_id = 0;
  std::string full_name, need;
  template <class Statement>
  void bind(Statement& st) {
    st.exchange(soci::into(session_id));
    st.exchange(soci::into(member_id));
    st.exchange(soci::into(full_name));
    st.exchange(soci::into(need));
  }
  std::pair<id_t, feed_attendee> value() const { return {session_id, feed_attendee{member_id, full_name, need}}; }
};

struct window_binds {
  std::string from, to, since;
  explicit window_binds(const feed_window& w)
      : from(core::format_utc(w.from)), to(core::format_utc(w.to)), since(core::format_utc(w.cancelled_since)) {}
  void bind(soci::statement& st) {
    st.exchange(soci::use(from));
    st.exchange(soci::use(to));
    st.exchange(soci::use(since));
  }
};

void attach(std::vector<feed_session>& sessions, const std::vector<std::pair<id_t, feed_attendee>>& attendees) {
  std::map<id_t, feed_session*> by_id;
  for (auto& s : sessions) by_id[s.id] = &s;
  for (const auto& [session_id, a] : attendees)
    if (auto it = by_id.find(session_id); it != by_id.end()) it->second->attendees.push_back(a);
}

std::vector<int> reminders_of(const std::string& text) {
  std::vector<int> out;
  std::string_view rest = text;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    int v = 0;
    if (std::from_chars(item.data(), item.data() + item.size(), v).ec == std::errc{}) out.push_back(v);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
  return out;
}

std::string reminders_text(const std::vector<int>& minutes) {
  std::string out;
  for (int m : minutes) {
    if (!out.empty()) out += ',';
    out += std::to_string(m);
  }
  return out;
}

}  // namespace

void feeds_store::set_token(id_t member_id, const std::string& digest, const actor& who) {
  with_session(*db_, "", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    require_member(s, member_id);
    std::string now = core::format_utc(core::now());
    s << "INSERT INTO member_feeds (member_id, token_digest, token_created_at, updated_at) "
         "VALUES (:member, :digest, :created, :updated) ON CONFLICT (member_id) DO UPDATE SET "
         "token_digest = excluded.token_digest, token_created_at = excluded.token_created_at, "
         "updated_at = excluded.updated_at",
        soci::use(member_id), soci::use(digest), soci::use(now), soci::use(now);
    record_audit(s, who, "issue_feed_token", "member", member_id, nullptr, nullptr);
    tx.commit();
  });
}

bool clear_feed_token(soci::session& s, id_t member_id) {
  std::string now = core::format_utc(core::now());
  soci::statement st = (s.prepare << "UPDATE member_feeds SET token_digest = NULL, token_created_at = NULL, "
                                     "updated_at = :updated WHERE member_id = :member AND token_digest IS NOT NULL",
                        soci::use(now), soci::use(member_id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

void feeds_store::revoke_token(id_t member_id, const actor& who) {
  with_session(*db_, "", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    require_member(s, member_id);
    clear_feed_token(s, member_id);
    record_audit(s, who, "revoke_feed_token", "member", member_id, nullptr, nullptr);
    tx.commit();
  });
}

std::optional<member_feed_owner> feeds_store::owner_of(const std::string& digest) {
  return with_session(*db_, "", [&](soci::session& s) -> std::optional<member_feed_owner> {
    long long member_id = 0, version = 0;
    std::string name, reminders;
    s << "SELECT f.member_id, m.full_name, f.reminders, v.version FROM member_feeds f "
         "JOIN members m ON m.id = f.member_id JOIN data_versions v ON v.name = 'calendar' "
         "WHERE f.token_digest = :digest AND CAST(m.active AS INTEGER) = 1",
        soci::use(digest), soci::into(member_id), soci::into(name), soci::into(reminders), soci::into(version);
    if (!s.got_data()) return std::nullopt;
    return member_feed_owner{member_id, name, reminders_of(reminders), version};
  });
}

feed_settings feeds_store::settings(id_t member_id) {
  return with_session(*db_, "", [&](soci::session& s) {
    require_member(s, member_id);
    std::string digest, created, reminders;
    soci::indicator digest_ind = soci::i_null, created_ind = soci::i_null;
    s << "SELECT token_digest, token_created_at, reminders FROM member_feeds WHERE member_id = :member",
        soci::use(member_id), soci::into(digest, digest_ind), soci::into(created, created_ind), soci::into(reminders);
    feed_settings out;
    if (!s.got_data()) {
      out.reminders = default_reminders();
      return out;
    }
    out.has_token = digest_ind != soci::i_null;
    if (created_ind != soci::i_null) out.token_created_at = parse_db_instant_or_throw(created);
    out.reminders = reminders_of(reminders);
    return out;
  });
}

std::set<id_t> feeds_store::members_with_token() {
  return with_session(*db_, "", [&](soci::session& s) {
    std::set<id_t> out;
    long long id = 0;
    soci::statement st = (s.prepare << "SELECT member_id FROM member_feeds WHERE token_digest IS NOT NULL", soci::into(id));
    st.execute();
    while (st.fetch()) out.insert(id);
    return out;
  });
}

void feeds_store::set_reminders(id_t member_id, const std::vector<int>& minutes, const actor& who) {
  with_session(*db_, "", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    require_member(s, member_id);
    std::string now = core::format_utc(core::now()), text = reminders_text(minutes);
    s << "INSERT INTO member_feeds (member_id, reminders, updated_at) VALUES (:member, :reminders, :updated) "
         "ON CONFLICT (member_id) DO UPDATE SET reminders = excluded.reminders, updated_at = excluded.updated_at",
        soci::use(member_id), soci::use(text), soci::use(now);
    boost::json::object after{{"reminders", text}};
    record_audit(s, who, "update_feed_settings", "member", member_id, nullptr, &after);
    tx.commit();
  });
}

std::int64_t feeds_store::data_version() {
  return with_session(*db_, "", [&](soci::session& s) {
    long long v = 0;
    s << "SELECT version FROM data_versions WHERE name = 'calendar'", soci::into(v);
    return static_cast<std::int64_t>(v);
  });
}

std::optional<domain::unit> feeds_store::unit(id_t unit_id) {
  return with_session(*db_, "", [&](soci::session& s) -> std::optional<domain::unit> {
    domain::unit u;
    long long parent = 0;
    soci::indicator parent_ind = soci::i_null;
    s << "SELECT id, parent_id, kind, name FROM units WHERE id = :id", soci::use(unit_id), soci::into(u.id),
        soci::into(parent, parent_ind), soci::into(u.kind), soci::into(u.name);
    if (!s.got_data()) return std::nullopt;
    u.parent_id = optional_of<id_t>(parent, parent_ind);
    return u;
  });
}

std::vector<feed_session> feeds_store::member_sessions(id_t member_id, const feed_window& w) {
  return with_session(*db_, "", [&](soci::session& s) {
    window_binds wb(w);
    auto sessions = select_rows<feed_row, feed_session>(s, member_sessions_sql, [&](soci::statement& st) {
      st.exchange(soci::use(default_zone_));
      st.exchange(soci::use(member_id));
      wb.bind(st);
    });
    attach(sessions, select_rows<attendee_row, std::pair<id_t, feed_attendee>>(s, member_attendees_sql,
                                                                                [&](soci::statement& st) {
                                                                                  st.exchange(soci::use(member_id));
                                                                                  wb.bind(st);
                                                                                }));
    return sessions;
  });
}

std::vector<feed_session> feeds_store::unit_sessions(id_t unit_id, const feed_window& w) {
  return with_session(*db_, "", [&](soci::session& s) {
    window_binds wb(w);
    auto sessions = select_rows<feed_row, feed_session>(s, unit_sessions_sql, [&](soci::statement& st) {
      st.exchange(soci::use(unit_id));
      st.exchange(soci::use(default_zone_));
      wb.bind(st);
    });
    attach(sessions, select_rows<attendee_row, std::pair<id_t, feed_attendee>>(s, unit_chairs_sql,
                                                                                [&](soci::statement& st) {
                                                                                  st.exchange(soci::use(unit_id));
                                                                                  wb.bind(st);
                                                                                }));
    return sessions;
  });
}

std::optional<feed_session> feeds_store::session(id_t session_id) {
  return with_session(*db_, "", [&](soci::session& s) -> std::optional<feed_session> {
    auto sessions = select_rows<feed_row, feed_session>(s, one_session_sql, [&](soci::statement& st) {
      st.exchange(soci::use(default_zone_));
      st.exchange(soci::use(session_id));
    });
    if (sessions.empty()) return std::nullopt;
    attach(sessions, select_rows<attendee_row, std::pair<id_t, feed_attendee>>(
                         s, one_session_chairs_sql, [&](soci::statement& st) { st.exchange(soci::use(session_id)); }));
    return sessions.front();
  });
}

published_feed feeds_store::publish(const std::string& key, const std::string& content_hash, std::int64_t data_version,
                                    core::instant now) {
  return with_session(*db_, "", [&](soci::session& s) {
    long long version = data_version;
    std::string now_text = core::format_utc(now);
    // The first render of a feed anywhere creates its row; later ones compare with it.
    s << "INSERT INTO feed_states (feed, content_hash, last_modified, data_version) VALUES (:feed, :hash, :lm, :v) "
         "ON CONFLICT (feed) DO NOTHING",
        soci::use(key), soci::use(content_hash), soci::use(now_text), soci::use(version);
    // Another process may change the row between our read and our write: the write only lands on the
    // content we read, else we read again.
    for (int attempt = 0;; ++attempt) {
      std::string stored_hash, stored_lm;
      long long stored_version = 0;
      s << "SELECT content_hash, last_modified, data_version FROM feed_states WHERE feed = :feed", soci::use(key),
          soci::into(stored_hash), soci::into(stored_lm), soci::into(stored_version);
      core::instant last_modified = parse_db_instant_or_throw(stored_lm);
      if (stored_hash == content_hash || stored_version > version || attempt == 3)
        return published_feed{content_hash, last_modified};
      core::instant next = std::max(now, last_modified + std::chrono::seconds{1});
      std::string next_text = core::format_utc(next);
      soci::statement st = (s.prepare << "UPDATE feed_states SET content_hash = :hash, last_modified = :lm, "
                                         "data_version = :v WHERE feed = :feed AND content_hash = :old",
                            soci::use(content_hash), soci::use(next_text), soci::use(version), soci::use(key),
                            soci::use(stored_hash));
      st.execute(true);
      if (st.get_affected_rows() == 1) return published_feed{content_hash, next};
    }
  });
}

}  // namespace satdan::store
