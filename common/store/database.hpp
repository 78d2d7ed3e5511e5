// The database: one connection pool over SQLite (embedded default) or PostgreSQL, the place where SOCI
// errors become core::error, and write transactions. Callers run on the blocking pool, never on I/O threads.
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include <soci/soci.h>

namespace satdan::store {

enum class backend { sqlite, postgresql };

class database {
 public:
  // url: "sqlite:PATH" (the file's folder is created) or "postgresql://..." (passed to libpq).
  // Throws core::error(unavailable) when the database cannot be opened.
  database(const std::string& url, int pool_size);
  ~database();
  database(const database&) = delete;
  database& operator=(const database&) = delete;

  backend kind() const noexcept { return kind_; }
  int pool_size() const noexcept { return pool_size_; }

  // Leases a connection for the caller's scope, reconnecting one that the server dropped.
  class lease {
   public:
    explicit lease(database& db);
    soci::session& operator*() { return session_; }
    soci::session* operator->() { return &session_; }
   private:
    soci::session session_;
  };

  // True when a trivial query succeeds within the pool's first free connection.
  bool ping() noexcept;

 private:
  void configure(soci::session& s);
  backend kind_;
  int pool_size_;
  std::string connect_string_;
  std::unique_ptr<soci::connection_pool> pool_;
};

// A write transaction. On SQLite it takes the write lock at BEGIN (BEGIN IMMEDIATE), so two writers
// queue on the busy timeout instead of failing when one upgrades a read lock.
class write_transaction {
 public:
  write_transaction(soci::session& s, backend kind);
  ~write_transaction();
  void commit();
  write_transaction(const write_transaction&) = delete;
  write_transaction& operator=(const write_transaction&) = delete;

 private:
  soci::session& session_;
  bool open_ = true;
};

// Turns a SOCI error into core::error: constraint violations become conflict (with `conflict_message`),
// lost connections become unavailable, anything else internal. The SOCI text, which holds the bound values
// (personal data, secrets), is scrubbed before it is kept as the internal message.
[[noreturn]] void rethrow_database_error(const soci::soci_error& e, std::string_view conflict_message);

// The message of a SOCI error with the bound parameter values cut off.
std::string scrubbed(const soci::soci_error& e);

// Runs fn(session) on a leased connection and classifies database errors.
template <class F>
auto with_session(database& db, std::string_view conflict_message, F&& fn) {
  try {
    database::lease l(db);
    return fn(*l);
  } catch (const soci::soci_error& e) {
    rethrow_database_error(e, conflict_message);
  }
}

}  // namespace satdan::store
