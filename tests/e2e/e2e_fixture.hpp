// A fresh migrated database and a real server on it, per test, and a signed-in admin.
#pragma once
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>
#include <memory>
#include <thread>

#include "core/clock.hpp"
#include "e2e/http_client.hpp"
#include "e2e/server_process.hpp"
#include "security/secrets.hpp"
#include "store/accounts_store.hpp"
#include "support/test_database.hpp"

namespace satdan::testkit {

inline const std::string test_password = "mật khẩu thử nghiệm";

// "SATDAN_TEST_NOW=… ": put before a shell command that runs satdan, so that it starts at this process's now.
inline std::string clock_for_command() {
  return std::string(core::test_clock_variable) + "=" + core::format_utc(core::now()) + " ";
}

// A morning before the 2027 plan that the demo and many tests write out in full: such tests run at this
// instant, whatever the date of the run.
inline core::instant before_the_2027_plan() { return *core::parse_rfc3339("2026-12-01T00:00:00Z"); }

class ServerTest : public ::testing::Test {
 protected:
  virtual std::vector<std::string> server_args() const { return {}; }
  // Where the clock stands when the test starts (it runs on from there); nullopt keeps the suite's clock
  // (the system's, or SATDAN_TEST_NOW). Tests whose dates are fixed in the text say when they happen.
  virtual std::optional<core::instant> clock_at() const { return std::nullopt; }
  void SetUp() override {
    if (auto why = skip_reason(); !why.empty()) GTEST_SKIP() << why;
    if (auto at = clock_at()) core::test_clock::set(*at);
    db_ = std::make_unique<test_database>();
    server_ = std::make_unique<server_process>(db_->url(), server_args());
    add_account("e2e-admin", "admin");
    admin_token_ = sign_in("e2e-admin");
  }
  void TearDown() override {
    if (HasFailure() && server_) std::cerr << "--- server log ---\n" << server_->log();
    server_.reset();
    db_.reset();
    core::test_clock::reset();
  }

  // Stops the server, moves the clock to `at`, and starts a server on the same database: what a deployment
  // sees when time passes (throttle windows, attendance windows, due dates). Tokens stay valid.
  void restart_server_at(core::instant at, const std::vector<std::string>& args = {}) {
    server_.reset();
    core::test_clock::set(at);
    auto all = server_args();
    all.insert(all.end(), args.begin(), args.end());
    server_ = std::make_unique<server_process>(db_->url(), all);
  }

  // Creates an account straight in the database (as the system), with test_password.
  domain::account add_account(const std::string& username, const std::string& role,
                              std::optional<domain::id_t> member_id = std::nullopt) {
    store::accounts_store accounts(db_->open(1));
    domain::account a;
    a.username = username;
    a.role = role;
    a.member_id = member_id;
    return accounts.create(a, security::hash_password(test_password), store::actor{});
  }

  std::string sign_in(const std::string& username, const std::string& password = test_password) {
    http_client c(server_->port());
    auto r = c.post("/api/v1/auth/login", {{"username", username}, {"password", password}});
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) return {};
    return std::string(r.json().at("token").as_string());
  }

  // The server's log once it holds `needle` `times` times (or after 10 s): a request is logged after its response has been
  // sent, so a test that has its answer may still be ahead of the line.
  std::string log_once_it_holds(const std::string& needle, int times = 1) {
    auto count = [&needle](const std::string& text) {
      int n = 0;
      for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
      return n;
    };
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    std::string text = server_->log();
    while (count(text) < times && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      text = server_->log();
    }
    return text;
  }

  // A client signed in as the test's admin.
  http_client client() {
    http_client c(server_->port());
    c.use_token(admin_token_);
    return c;
  }
  http_client anonymous() { return http_client(server_->port()); }

  std::unique_ptr<test_database> db_;
  std::unique_ptr<server_process> server_;
  std::string admin_token_;
};

}  // namespace satdan::testkit
