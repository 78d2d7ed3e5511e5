#include "store/migrator.hpp"

#include <algorithm>

#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/instant.hpp"
#include "core/log.hpp"

namespace satdan::store {

using core::errc;
using core::error;

namespace {

constexpr const char* create_table_sqlite =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at TEXT NOT NULL)";
constexpr const char* create_table_postgresql =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at TIMESTAMPTZ NOT NULL)";
constexpr const char* select_version = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr const char* applied_version = "SELECT 1 FROM schema_migrations WHERE version = :v";
constexpr const char* insert_version =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)";
// Serialises migrators of several server processes starting at once on one PostgreSQL.
constexpr const char* lock_postgresql = "LOCK TABLE schema_migrations IN EXCLUSIVE MODE";

std::string_view dialect_folder(backend kind) {
  return kind == backend::sqlite ? "migrations/sqlite/" : "migrations/postgresql/";
}

int current_version(soci::session& s) {
  int v = 0;
  s << select_version, soci::into(v);
  return v;
}

bool applied(soci::session& s, int version) {
  int one = 0;
  soci::indicator ind = soci::i_null;
  s << applied_version, soci::use(version), soci::into(one, ind);
  return s.got_data();
}

void ensure_table(soci::session& s, backend kind) {
  s << (kind == backend::sqlite ? create_table_sqlite : create_table_postgresql);
}

}  // namespace

std::vector<std::string> split_sql(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line.substr(first, 2) == "--") continue;
    current.append(line);
    current.push_back('\n');
    std::size_t last = line.find_last_not_of(" \t\r");
    if (line[last] == ';') {
      current.erase(current.find_last_of(';'));
      out.push_back(std::move(current));
      current.clear();
    }
  }
  if (current.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(current);
  return out;
}

std::vector<migration> known_migrations(backend kind) {
  std::vector<migration> list;
  std::string_view folder = dialect_folder(kind);
  for (const auto& f : embedded::migrations()) {
    if (f.path.substr(0, folder.size()) != folder || !f.path.ends_with(".sql")) continue;
    std::string name(f.path.substr(folder.size()));
    int version = std::stoi(name.substr(0, name.find('_')));
    list.push_back({version, name, split_sql(f.contents)});
  }
  std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  return list;
}

int latest_known_version(backend kind) {
  auto list = known_migrations(kind);
  return list.empty() ? 0 : list.back().version;
}

int schema_version(database& db) {
  return with_session(db, "", [&](soci::session& s) {
    ensure_table(s, db.kind());
    return current_version(s);
  });
}

migration_report migrate(database& db) {
  auto list = known_migrations(db.kind());
  int latest = list.empty() ? 0 : list.back().version;
  return with_session(db, "Another process changed the schema at the same time.", [&](soci::session& s) {
    ensure_table(s, db.kind());
    migration_report report{current_version(s), 0, {}};
    if (report.from_version > latest) {
      throw error(errc::conflict,
                  "The database schema (version " + std::to_string(report.from_version) +
                      ") is newer than this satdan knows (" + std::to_string(latest) + "); upgrade satdan.");
    }
    for (const auto& m : list) {
      write_transaction tx(s, db.kind());
      if (db.kind() == backend::postgresql) s << lock_postgresql;
      // Done by us earlier or by another process. Asked per version, not against the highest one, so that a
      // number left free by one branch and filled by another is still applied where later ones already were.
      if (applied(s, m.version)) continue;
      for (const auto& statement : m.statements) s << statement;
      std::string now = core::format_utc(core::now());
      s << insert_version, soci::use(m.version), soci::use(m.name), soci::use(now);
      tx.commit();
      report.applied.push_back(m.name);
      core::log::info("migration_applied", {{"version", m.version}, {"name", m.name}});
    }
    report.to_version = current_version(s);
    return report;
  });
}

}  // namespace satdan::store
