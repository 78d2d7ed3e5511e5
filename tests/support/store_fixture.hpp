// A fresh migrated database per test, on the backend the run asks for (SATDAN_TEST_BACKEND), and the system
// as the actor of every write. Store tests derive from it and add their records in their own SetUp.
#pragma once
#include <gtest/gtest.h>

#include <memory>

#include "store/actor.hpp"
#include "store/database.hpp"
#include "support/test_database.hpp"

namespace satdan::testkit {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = skip_reason(); !why.empty()) GTEST_SKIP() << why;
    tdb_ = std::make_unique<test_database>();
    db_ = tdb_->open();
  }

  const store::actor who_{};
  std::unique_ptr<test_database> tdb_;
  std::shared_ptr<store::database> db_;
};

}  // namespace satdan::testkit
