// Test databases for the backend named by SATDAN_TEST_BACKEND ("sqlite" or "postgresql").
// SQLite: a fresh file per call. PostgreSQL: a database of its own per test process, created in the
// cluster that SATDAN_TEST_POSTGRES points to (a libpq URL) and emptied between tests.
#pragma once
#include <memory>
#include <string>

#include "store/database.hpp"

namespace satdan::testkit {

bool postgres_requested();
// Empty string when PostgreSQL is requested but SATDAN_TEST_POSTGRES is unset (tests then skip, unless
// SATDAN_TEST_REQUIRE_POSTGRES=1, which makes that a failure).
std::string skip_reason();

class test_database {
 public:
  test_database();   // a migrated, empty database
  ~test_database();  // removes the SQLite file; the PostgreSQL database is kept for the process and emptied
  test_database(const test_database&) = delete;
  test_database& operator=(const test_database&) = delete;

  const std::string& url() const { return url_; }
  std::shared_ptr<store::database> open(int pool_size = 2) const;

 private:
  std::string url_;
  std::string sqlite_path_;
};

}  // namespace satdan::testkit
