#include "store/database.hpp"

#include <boost/url/parse.hpp>

#include <filesystem>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "core/error.hpp"
#include "core/log.hpp"

namespace satdan::store {

using core::errc;
using core::error;

namespace {

constexpr int sqlite_constraint = 19;  // SQLITE_CONSTRAINT
constexpr int sqlite_busy = 5;         // SQLITE_BUSY
constexpr int sqlite_locked = 6;       // SQLITE_LOCKED

// libpq's key=value form of a postgresql:// URL. SOCI 4.0 rewrites the connect string it is given and
// garbles URLs, so it only ever sees this form.
std::string conninfo_of(const std::string& url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || (parsed->scheme() != "postgresql" && parsed->scheme() != "postgres"))
    throw error(errc::bad_request, "The database URL is not a postgresql:// URL.", {{"database", "is not a valid URL"}});
  auto quote = [](std::string_view v) {
    std::string out = "'";
    for (char c : v) {
      if (c == '\\' || c == '\'') out.push_back('\\');
      out.push_back(c);
    }
    return out + "'";
  };
  std::string info;
  auto add = [&](std::string_view key, std::string_view value) {
    if (value.empty()) return;
    if (!info.empty()) info.push_back(' ');
    info.append(key).append("=").append(quote(value));
  };
  add("host", parsed->host());
  add("port", parsed->port());
  add("user", parsed->user());
  add("password", parsed->password());
  std::string path = parsed->path();
  if (!path.empty() && path.front() == '/') path.erase(0, 1);
  add("dbname", path);
  for (auto param : parsed->params()) add(param.key, param.value);
  return info;
}

}  // namespace

std::string scrubbed(const soci::soci_error& e) {
  std::string text = e.get_error_message();
  // SOCI appends "while executing ... with :name=value": keep only the error itself.
  // PostgreSQL adds "DETAIL: Key (code)=(value) already exists" on the next line: drop that too.
  for (const char* cut : {" while executing", " while preparing", " with :", "\n"}) {
    if (auto pos = text.find(cut); pos != std::string::npos) text.resize(pos);
  }
  return text;
}

void rethrow_database_error(const soci::soci_error& e, std::string_view conflict_message) {
  std::string internal = scrubbed(e);
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    std::string state = pg->sqlstate();
    if (state == "40001" || state == "40P01")  // serialization failure, deadlock: someone else won; retry
      throw error(errc::conflict, "Someone else changed the same records at the same moment; try again.", {},
                  "sqlstate " + state + ": " + internal);
    if (state.rfind("23", 0) == 0)  // integrity constraint violation class
      throw error(errc::conflict, std::string(conflict_message), {}, "sqlstate " + state + ": " + internal);
    if (state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0 || state == "53300")
      throw error(errc::unavailable, "The database is not available.", {}, "sqlstate " + state + ": " + internal);
  }
  if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    int rc = lite->result() & 0xFF;  // extended codes keep the primary code in the low byte
    if (rc == sqlite_constraint) throw error(errc::conflict, std::string(conflict_message), {}, internal);
    if (rc == sqlite_busy || rc == sqlite_locked)
      throw error(errc::unavailable, "The database is busy; try again.", {}, internal);
  }
  switch (e.get_error_category()) {
    case soci::soci_error::constraint_violation:
      throw error(errc::conflict, std::string(conflict_message), {}, internal);
    case soci::soci_error::connection_error:
      throw error(errc::unavailable, "The database is not available.", {}, internal);
    default:
      break;
  }
  // A refused PostgreSQL connection arrives uncategorised: recognise libpq's wording.
  if (internal.find("connection") != std::string::npos &&
      (internal.find("refused") != std::string::npos || internal.find("closed") != std::string::npos ||
       internal.find("terminat") != std::string::npos || internal.find("No such file") != std::string::npos))
    throw error(errc::unavailable, "The database is not available.", {}, internal);
  throw error(errc::internal, "Internal error.", {}, internal);
}

database::database(const std::string& url, int pool_size) : pool_size_(pool_size) {
  const soci::backend_factory* factory;
  if (url.rfind("sqlite:", 0) == 0) {
    kind_ = backend::sqlite;
    std::string path = url.substr(7);
    if (path.empty()) throw error(errc::bad_request, "sqlite: needs a file path", {{"database", "needs a file path"}});
    // A pool over ":memory:" would give each connection its own empty database.
    if (path == ":memory:")
      throw error(errc::bad_request, "sqlite:PATH must name a file", {{"database", "must name a file, not :memory:"}});
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) throw error(errc::unavailable, "The database folder cannot be created.", {}, parent.string() + ": " + ec.message());
    connect_string_ = "db=\"" + path + "\" timeout=10";
    factory = &soci::sqlite3;
  } else {
    kind_ = backend::postgresql;
    connect_string_ = conninfo_of(url);
    factory = &soci::postgresql;
  }
  pool_ = std::make_unique<soci::connection_pool>(static_cast<std::size_t>(pool_size));
  try {
    for (int i = 0; i < pool_size; ++i) {
      soci::session& s = pool_->at(static_cast<std::size_t>(i));
      s.open(*factory, connect_string_);
      configure(s);
    }
  } catch (const soci::soci_error& e) {
    throw error(errc::unavailable, "The database cannot be opened.", {}, scrubbed(e));
  }
}

database::~database() = default;

void database::configure(soci::session& s) {
  if (kind_ == backend::sqlite) {
    s << "PRAGMA foreign_keys = ON";
    s << "PRAGMA journal_mode = WAL";     // readers do not block the writer
    s << "PRAGMA synchronous = NORMAL";   // with WAL: durable at checkpoints, never corrupt
    s << "PRAGMA busy_timeout = 10000";
  } else {
    // timestamptz is read as text; in UTC it needs no offset arithmetic.
    s << "SET TIME ZONE 'UTC'";
    s << "SET client_encoding = 'UTF8'";
    s << "SET client_min_messages = warning";  // no NOTICE chatter on stderr
  }
}

database::lease::lease(database& db) : session_(*db.pool_) {
  if (db.kind_ == backend::postgresql && !session_.is_connected()) {
    session_.reconnect();
    db.configure(session_);
  }
}

bool database::ping() noexcept {
  try {
    lease l(*this);
    int one = 0;
    *l << "SELECT 1", soci::into(one);
    return one == 1;
  } catch (const std::exception& e) {
    core::log::warn("database_ping_failed", {{"reason", e.what()}});
    return false;
  }
}

write_transaction::write_transaction(soci::session& s, backend kind) : session_(s) {
  session_ << (kind == backend::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
}

write_transaction::~write_transaction() {
  if (!open_) return;
  try {
    session_ << "ROLLBACK";
  } catch (...) {
    // The connection is gone; the server rolled the transaction back with it.
  }
}

void write_transaction::commit() {
  session_ << "COMMIT";
  open_ = false;
}

}  // namespace satdan::store
