#include "support/test_database.hpp"

#include <gtest/gtest.h>

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "store/migrator.hpp"

namespace satdan::testkit {

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string with_database_name(const std::string& url, const std::string& name) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) throw std::runtime_error("SATDAN_TEST_POSTGRES is not a URL");
  boost::urls::url u(*parsed);
  u.set_path("/" + name);
  return std::string(u.buffer());
}

// One database per test process, created on first use and dropped at exit.
struct process_database {
  std::string admin_url, url, name;
  process_database() {
    admin_url = env("SATDAN_TEST_POSTGRES");
    name = "satdan_test_" + std::to_string(::getpid());
    url = with_database_name(admin_url, name);
    store::database admin(admin_url, 1);
    store::database::lease s(admin);
    *s << "DROP DATABASE IF EXISTS " + name;  // the name is ours (a pid), not input
    *s << "CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0";
  }
  ~process_database() {
    try {
      store::database admin(admin_url, 1);
      store::database::lease s(admin);
      *s << "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)";
    } catch (...) {
    }
  }
};

// Empties every table, then puts back the reference data that migrations insert (the configurable lists),
// so each test starts from what a freshly migrated database holds.
void empty_postgres(store::database& db) {
  store::database::lease s(db);
  std::vector<std::string> tables(200);
  *s << "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'",
      soci::into(tables);
  if (tables.empty()) return;
  std::string list;
  for (const auto& t : tables) list += (list.empty() ? "" : ", ") + t;
  *s << "TRUNCATE " + list + " RESTART IDENTITY CASCADE";
  for (const auto& m : store::known_migrations(store::backend::postgresql))
    for (const auto& statement : m.statements)
      if (statement.find("INSERT INTO") != std::string::npos) *s << statement;
}

// ctest shows an entry as skipped (SKIP_REGULAR_EXPRESSION in tests/CMakeLists.txt) on this one line, printed
// when a PostgreSQL run found no database to run on and nothing failed. A plain `ctest` then says "skipped"
// rather than "passed", while a run where some tests skip for reasons of their own stays a pass.
class missing_backend_line : public ::testing::EmptyTestEventListener {
  void OnTestProgramEnd(const ::testing::UnitTest& unit) override {
    if (!postgres_requested() || !env("SATDAN_TEST_POSTGRES").empty()) return;
    if (unit.skipped_test_count() == 0 || unit.failed_test_count() > 0) return;
    std::printf("satdan-tests: no PostgreSQL backend (SATDAN_TEST_POSTGRES is unset): %d tests skipped\n",
                unit.skipped_test_count());
    std::fflush(stdout);
  }
};

// Registered when the program starts; gtest owns the listener from then on.
const bool missing_backend_line_registered = [] {
  ::testing::UnitTest::GetInstance()->listeners().Append(new missing_backend_line);
  return true;
}();

}  // namespace

bool postgres_requested() { return env("SATDAN_TEST_BACKEND") == "postgresql"; }

std::string skip_reason() {
  if (postgres_requested() && env("SATDAN_TEST_POSTGRES").empty()) {
    if (env("SATDAN_TEST_REQUIRE_POSTGRES") == "1")
      throw std::runtime_error("SATDAN_TEST_REQUIRE_POSTGRES=1 but SATDAN_TEST_POSTGRES is unset");
    return "SATDAN_TEST_POSTGRES is unset";
  }
  return "";
}

test_database::test_database() {
  if (postgres_requested()) {
    static process_database shared;
    url_ = shared.url;
    auto db = open(1);
    store::migrate(*db);
    empty_postgres(*db);
  } else {
    static std::atomic<int> counter{0};
    sqlite_path_ = (std::filesystem::temp_directory_path() /
                    ("satdan-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".db"))
                       .string();
    url_ = "sqlite:" + sqlite_path_;
    auto db = open(1);
    store::migrate(*db);
  }
}

test_database::~test_database() {
  if (sqlite_path_.empty()) return;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ec;
    std::filesystem::remove(sqlite_path_ + suffix, ec);
  }
}

std::shared_ptr<store::database> test_database::open(int pool_size) const {
  return std::make_shared<store::database>(url_, pool_size);
}

}  // namespace satdan::testkit
