// Applies the numbered SQL files of migrations/<dialect>/ (compiled into the binary) in order, each once
// and in its own transaction, recording each in schema_migrations.
#pragma once
#include <string>
#include <vector>

#include "store/database.hpp"

namespace satdan::store {

struct migration {
  int version;
  std::string name;                     // file name, e.g. "0001_directory.sql"
  std::vector<std::string> statements;  // split at lines ending in ';'
};

// The migrations compiled in for a backend, ordered by version.
std::vector<migration> known_migrations(backend kind);

struct migration_report {
  int from_version;
  int to_version;
  std::vector<std::string> applied;
};

// Applies what is missing. Throws core::error(conflict) when the database holds a version newer than
// this binary knows: an older server must not write to a newer schema.
migration_report migrate(database& db);

// Current version (0 for an empty database) and the newest this binary knows.
int schema_version(database& db);
int latest_known_version(backend kind);

// Splits a migration file into statements: comments (--) dropped, a statement ends at a line ending in ';'.
std::vector<std::string> split_sql(std::string_view text);

}  // namespace satdan::store
