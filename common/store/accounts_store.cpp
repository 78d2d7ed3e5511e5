#include "store/accounts_store.hpp"

#include "store/feeds_store.hpp"
#include "store/sql_support.hpp"

namespace satdan::store {

using core::errc;
using core::error;
using domain::account;
using namespace detail;

namespace {

constexpr const char* columns =
    "SELECT id, username, display_name, role, member_id, CAST(active AS INTEGER), created_at FROM accounts ";
constexpr const char* list_where =
    "WHERE id > :after AND (:use_role = 0 OR role = :role) AND (:use_active = 0 OR CAST(active AS INTEGER) = :active) "
    "ORDER BY id LIMIT :limit";
constexpr const char* username_taken_sql = "SELECT 1 FROM accounts WHERE username = :username AND id <> :id";
constexpr const char* member_taken_sql = "SELECT 1 FROM accounts WHERE member_id = :member AND id <> :id";
constexpr const char* member_exists_sql = "SELECT 1 FROM members WHERE id = :id";
constexpr const char* insert_sql =
    "INSERT INTO accounts (username, display_name, role, member_id, password_hash, active, created_at) "
    "VALUES (:username, :display, :role, :member, :hash, :active, :created) RETURNING id";
constexpr const char* update_sql =
    "UPDATE accounts SET username = :username, display_name = :display, role = :role, member_id = :member, "
    "active = :active WHERE id = :id";
constexpr const char* update_password_sql = "UPDATE accounts SET password_hash = :hash WHERE id = :id";
constexpr const char* count_sql = "SELECT COUNT(*) FROM accounts";
constexpr const char* login_sql =
    "SELECT id, password_hash FROM accounts WHERE username = :username AND CAST(active AS INTEGER) = 1";
constexpr const char* insert_token_sql =
    "INSERT INTO tokens (account_id, token_hash, created_at, expires_at) VALUES (:account, :digest, :created, :expires)";
constexpr const char* token_account_sql =
    "SELECT t.account_id FROM tokens t JOIN accounts a ON a.id = t.account_id "
    "WHERE t.token_hash = :digest AND t.revoked_at IS NULL AND t.expires_at > :now AND CAST(a.active AS INTEGER) = 1";
constexpr const char* revoke_one_sql =
    "UPDATE tokens SET revoked_at = :now WHERE token_hash = :digest AND account_id = :account AND revoked_at IS NULL";
constexpr const char* revoke_all_sql =
    "UPDATE tokens SET revoked_at = :now WHERE account_id = :account AND revoked_at IS NULL";
constexpr const char* revoke_others_sql =
    "UPDATE tokens SET revoked_at = :now WHERE account_id = :account AND token_hash <> :keep AND revoked_at IS NULL";
constexpr const char* throttle_ensure_sql =
    "INSERT INTO login_throttle (throttle_key, failures, window_start) VALUES (:key, 0, :now) "
    "ON CONFLICT (throttle_key) DO NOTHING";
constexpr const char* throttle_read_sql =
    "SELECT failures, window_start, locked_until FROM login_throttle WHERE throttle_key = :key";
constexpr const char* throttle_write_sql =
    "UPDATE login_throttle SET failures = :failures, window_start = :window_start, locked_until = :locked "
    "WHERE throttle_key = :key";
constexpr const char* throttle_clear_sql = "DELETE FROM login_throttle WHERE throttle_key = :key";

constexpr const char* conflict_message = "The account conflicts with another (usernames are unique).";

struct account_row {
  long long id = 0, member = 0;
  int active = 1;
  std::string username, display, role, created;
  soci::indicator display_ind = soci::i_null, member_ind = soci::i_null;
  template <class Statement>
  void bind(Statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(username));
    st.exchange(soci::into(display, display_ind));
    st.exchange(soci::into(role));
    st.exchange(soci::into(member, member_ind));
    st.exchange(soci::into(active));
    st.exchange(soci::into(created));
  }

  account value() const {
    return {id, username, optional_of(display, display_ind), role, optional_of<id_t>(member, member_ind), active != 0,
            parse_db_instant_or_throw(created)};
  }
};

std::optional<account> load_account(soci::session& s, id_t id) {
  auto rows = select_rows<account_row, account>(s, std::string(columns) + "WHERE id = :id",
                                                [&](soci::statement& st) { st.exchange(soci::use(id)); });
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

void check_references(soci::session& s, const account& a) {
  int found = 0;
  id_t self = a.id;
  if (a.member_id) {
    if (!row_exists(s, member_exists_sql, *a.member_id))
      throw error(errc::invalid_input, "The request has invalid fields.", {{"member_id", "no member has this id"}});
    id_t member = *a.member_id;
    s << member_taken_sql, soci::use(member), soci::use(self), soci::into(found);
    if (s.got_data())
      throw error(errc::conflict, "The member already has an account.", {{"member_id", "already has an account"}});
  }
  s << username_taken_sql, soci::use(a.username), soci::use(self), soci::into(found);
  if (s.got_data())
    throw error(errc::conflict, "The username is taken.", {{"username", "is already used by another account"}});
}

void write_account(soci::session& s, const account& a) {
  nullable<std::string> display(a.display_name);
  nullable<id_t> member(a.member_id);
  int active = a.active ? 1 : 0;
  s << update_sql, soci::use(a.username), soci::use(display.value, display.ind), soci::use(a.role),
      soci::use(member.value, member.ind), soci::use(active), soci::use(a.id);
}

}  // namespace

page<account> accounts_store::list(const account_filter& f, page_request p) {
  return with_session(*db_, "", [&](soci::session& s) {
    id_t after = p.after;
    int use_role = f.role ? 1 : 0, use_active = f.active ? 1 : 0, active = f.active.value_or(true) ? 1 : 0;
    std::string role = f.role.value_or("");
    int limit = p.limit + 1;
    auto rows = select_rows<account_row, account>(s, std::string(columns) + list_where, [&](soci::statement& st) {
      st.exchange(soci::use(after));
      st.exchange(soci::use(use_role));
      st.exchange(soci::use(role));
      st.exchange(soci::use(use_active));
      st.exchange(soci::use(active));
      st.exchange(soci::use(limit));
    });
    return finish_page(std::move(rows), p.limit);
  });
}

account accounts_store::get(id_t id) {
  return with_session(*db_, "", [&](soci::session& s) {
    auto a = load_account(s, id);
    if (!a) core::throw_not_found(noun("account", id));
    return *a;
  });
}

account accounts_store::create(account a, const std::string& password_hash, const actor& who) {
  a.created_at = core::now();
  return create_audited(*db_, who, "account", std::move(a), conflict_message, [&](soci::session& s, const account& v) {
    check_references(s, v);
    nullable<std::string> display(v.display_name);
    nullable<id_t> member(v.member_id);
    int active = v.active ? 1 : 0;
    std::string created = core::format_utc(v.created_at);
    long long id = 0;
    s << insert_sql, soci::use(v.username), soci::use(display.value, display.ind), soci::use(v.role),
        soci::use(member.value, member.ind), soci::use(password_hash), soci::use(active), soci::use(created),
        soci::into(id);
    return id;
  });
}

account accounts_store::update(const account& a, const std::optional<std::string>& password_hash, const actor& who) {
  return with_session(*db_, conflict_message, [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    auto before = load_account(s, a.id);
    if (!before) core::throw_not_found(noun("account", a.id));
    account next = a;
    next.created_at = before->created_at;
    check_references(s, next);
    write_account(s, next);
    std::string now = core::format_utc(core::now());
    if (password_hash) {
      s << update_password_sql, soci::use(*password_hash), soci::use(next.id);
      // The audit says that the password changed, never what it is.
      record_audit(s, who, "password_reset", "account", next.id, nullptr, nullptr);
    }
    if (password_hash || !next.active) s << revoke_all_sql, soci::use(now), soci::use(next.id);
    // A member's calendar feed names their co-attendees: it ends with the account. Reactivating the account
    // does not bring the address back; the member asks for a new one.
    if (before->active && !next.active && before->member_id && clear_feed_token(s, *before->member_id))
      record_audit(s, who, "revoke_feed_token", "member", *before->member_id, nullptr, nullptr);
    audit_write(s, who, "update", "account", next.id, &*before, &next);
    tx.commit();
    return next;
  });
}

std::int64_t accounts_store::count() {
  return with_session(*db_, "", [&](soci::session& s) {
    long long n = 0;
    s << count_sql, soci::into(n);
    return static_cast<std::int64_t>(n);
  });
}

std::optional<login_record> accounts_store::find_for_login(const std::string& username) {
  return with_session(*db_, "", [&](soci::session& s) -> std::optional<login_record> {
    long long id = 0;
    std::string hash;
    s << login_sql, soci::use(username), soci::into(id), soci::into(hash);
    if (!s.got_data()) return std::nullopt;
    return login_record{*load_account(s, id), hash};
  });
}

void accounts_store::issue_token(id_t account_id, const std::string& digest, core::instant expires_at) {
  with_session(*db_, "The token already exists.", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    std::string created = core::format_utc(core::now()), expires = core::format_utc(expires_at);
    s << insert_token_sql, soci::use(account_id), soci::use(digest), soci::use(created), soci::use(expires);
    record_audit(s, actor{account_id}, "login", "account", account_id, nullptr, nullptr);
    tx.commit();
  });
}

std::optional<account> accounts_store::account_for_token(const std::string& digest, core::instant now) {
  return with_session(*db_, "", [&](soci::session& s) -> std::optional<account> {
    long long id = 0;
    std::string at = core::format_utc(now);
    s << token_account_sql, soci::use(digest), soci::use(at), soci::into(id);
    if (!s.got_data()) return std::nullopt;
    return load_account(s, id);
  });
}

bool accounts_store::revoke_token(const std::string& digest, id_t account_id) {
  return with_session(*db_, "", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    std::string now = core::format_utc(core::now());
    soci::statement st = (s.prepare << revoke_one_sql, soci::use(now), soci::use(digest), soci::use(account_id));
    st.execute(true);
    bool revoked = st.get_affected_rows() > 0;
    if (revoked) record_audit(s, actor{account_id}, "logout", "account", account_id, nullptr, nullptr);
    tx.commit();
    return revoked;
  });
}

void accounts_store::change_password(id_t account_id, const std::string& password_hash, const std::string& keep_digest) {
  with_session(*db_, "", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    std::string now = core::format_utc(core::now());
    s << update_password_sql, soci::use(password_hash), soci::use(account_id);
    s << revoke_others_sql, soci::use(now), soci::use(account_id), soci::use(keep_digest);
    record_audit(s, actor{account_id}, "password_change", "account", account_id, nullptr, nullptr);
    tx.commit();
  });
}

std::optional<std::chrono::seconds> accounts_store::locked_for(const std::string& key, core::instant now) {
  return with_session(*db_, "", [&](soci::session& s) -> std::optional<std::chrono::seconds> {
    int failures = 0;
    std::string window, locked;
    soci::indicator locked_ind = soci::i_null;
    s << throttle_read_sql, soci::use(key), soci::into(failures), soci::into(window), soci::into(locked, locked_ind);
    if (!s.got_data() || locked_ind == soci::i_null) return std::nullopt;
    auto until = parse_db_instant_or_throw(locked);
    if (until <= now) return std::nullopt;
    return until - now;
  });
}

void accounts_store::record_failure(const std::string& key, core::instant now, int limit, std::chrono::seconds window,
                                    std::chrono::seconds lock) {
  with_session(*db_, "", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    std::string now_text = core::format_utc(now);
    s << throttle_ensure_sql, soci::use(key), soci::use(now_text);
    int failures = 0;
    std::string window_text, locked;
    soci::indicator locked_ind = soci::i_null;
    // PostgreSQL: lock the row so that concurrent failures are all counted. SQLite's BEGIN IMMEDIATE already
    // serialises writers.
    std::string read = throttle_read_sql;
    if (db_->kind() == backend::postgresql) read += " FOR UPDATE";
    s << read, soci::use(key), soci::into(failures), soci::into(window_text), soci::into(locked, locked_ind);
    core::instant window_start = parse_db_instant_or_throw(window_text);
    if (now - window_start >= window) {
      failures = 0;
      window_start = now;
    }
    ++failures;
    nullable<std::string> locked_until(std::nullopt);
    if (failures >= limit) {
      locked_until = nullable<std::string>(core::format_utc(now + lock));
      failures = 0;  // a fresh count once the lock has passed
      window_start = now + lock;
    }
    std::string start_text = core::format_utc(window_start);
    s << throttle_write_sql, soci::use(failures), soci::use(start_text), soci::use(locked_until.value, locked_until.ind),
        soci::use(key);
    tx.commit();
  });
}

void accounts_store::clear_failures(const std::string& key) {
  with_session(*db_, "", [&](soci::session& s) { s << throttle_clear_sql, soci::use(key); });
}

}  // namespace satdan::store
