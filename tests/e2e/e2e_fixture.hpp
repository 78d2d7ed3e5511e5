// A fresh migrated database and a real server on it, per test.
#pragma once
#include <gtest/gtest.h>

#include <memory>

#include "e2e/http_client.hpp"
#include "e2e/server_process.hpp"
#include "support/test_database.hpp"

namespace satdan::testkit {

class ServerTest : public ::testing::Test {
 protected:
  virtual std::vector<std::string> server_args() const { return {}; }
  void SetUp() override {
    if (auto why = skip_reason(); !why.empty()) GTEST_SKIP() << why;
    db_ = std::make_unique<test_database>();
    server_ = std::make_unique<server_process>(db_->url(), server_args());
  }
  void TearDown() override {
    if (HasFailure() && server_) std::cerr << "--- server log ---\n" << server_->log();
    server_.reset();
    db_.reset();
  }
  http_client client() { return http_client(server_->port()); }

  std::unique_ptr<test_database> db_;
  std::unique_ptr<server_process> server_;
};

}  // namespace satdan::testkit
