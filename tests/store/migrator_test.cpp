#include <gtest/gtest.h>

#include "core/error.hpp"
#include "store/migrator.hpp"
#include "support/test_database.hpp"

using namespace satdan;

class Migrator : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = testkit::skip_reason(); !why.empty()) GTEST_SKIP() << why;
  }
};

TEST_F(Migrator, SecondRunAppliesNothing) {
  testkit::test_database tdb;  // already migrated once
  auto db = tdb.open();
  auto again = store::migrate(*db);
  EXPECT_TRUE(again.applied.empty());
  EXPECT_EQ(again.to_version, store::latest_known_version(db->kind()));
  EXPECT_EQ(store::schema_version(*db), store::latest_known_version(db->kind()));
}

TEST_F(Migrator, RefusesASchemaNewerThanItKnows) {
  testkit::test_database tdb;
  auto db = tdb.open();
  {
    store::database::lease s(*db);
    int future = 9999;
    std::string name = "9999_future.sql", at = "2030-01-01T00:00:00Z";
    *s << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)", soci::use(future),
        soci::use(name), soci::use(at);
  }
  try {
    store::migrate(*db);
    FAIL() << "a newer schema must be refused";
  } catch (const core::error& e) {
    EXPECT_EQ(e.code(), core::errc::conflict);
  }
  store::database::lease s(*db);
  *s << "DELETE FROM schema_migrations WHERE version = 9999";
}

// Numbers are reserved by parallel work and may land out of order: a migration whose number is below one
// already applied is still applied (asked per version, not against the highest).
TEST_F(Migrator, AppliesAMissingVersionBelowTheLatest) {
  testkit::test_database tdb;
  auto db = tdb.open();
  {
    store::database::lease s(*db);
    for (const char* table : {"grievance_events", "grievances", "grievance_slas", "grievance_categories"})
      *s << std::string("DROP TABLE ") + table;  // constant names, not input
    *s << "DELETE FROM schema_migrations WHERE version = 7";
  }
  auto report = store::migrate(*db);
  ASSERT_EQ(report.applied.size(), 1u);
  EXPECT_EQ(report.applied[0], "0007_grievances.sql");
  store::database::lease s(*db);
  int categories = 0;
  *s << "SELECT COUNT(*) FROM grievance_categories", soci::into(categories);
  EXPECT_EQ(categories, 7);
}
