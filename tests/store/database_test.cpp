// How database failures reach callers: classified, and never carrying the values that were bound.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "store/directory_store.hpp"
#include "support/test_database.hpp"

using namespace satdan;

TEST(DatabaseErrors, RefusedPostgresqlConnectionIsUnavailable) {
  try {
    store::database db("postgresql://postgres@127.0.0.1:1/nothing?connect_timeout=2", 1);
    FAIL() << "connected to a closed port";
  } catch (const core::error& e) {
    EXPECT_EQ(e.code(), core::errc::unavailable);
  }
}

TEST(DatabaseErrors, UnwritableSqliteFolderIsUnavailable) {
  try {
    store::database db("sqlite:/proc/satdan/none.db", 1);
    FAIL() << "opened a database under /proc";
  } catch (const core::error& e) {
    EXPECT_EQ(e.code(), core::errc::unavailable);
  }
}

TEST(DatabaseErrors, ConstraintErrorsAreConflictsWithoutTheBoundValues) {
  if (auto why = testkit::skip_reason(); !why.empty()) GTEST_SKIP() << why;
  testkit::test_database tdb;
  auto db = tdb.open();
  const std::string secret = "Nguyễn Bí Mật 0905999888";
  try {
    // A raw duplicate insert, past the store's own checks, so the database itself refuses it.
    store::with_session(*db, "duplicate", [&](soci::session& s) {
      std::string kind = "commune";
      s << "INSERT INTO units (kind, name, code) VALUES (:k, :n, :c)", soci::use(kind), soci::use(secret),
          soci::use(secret);
      s << "INSERT INTO units (kind, name, code) VALUES (:k, :n, :c)", soci::use(kind), soci::use(secret),
          soci::use(secret);
    });
    FAIL() << "the duplicate code was accepted";
  } catch (const core::error& e) {
    EXPECT_EQ(e.code(), core::errc::conflict);
    EXPECT_EQ(e.public_message(), "duplicate");
    EXPECT_EQ(e.internal_message().find("0905999888"), std::string::npos) << e.internal_message();
    EXPECT_EQ(std::string(e.what()).find("0905999888"), std::string::npos);
  }
}
