// Signing in and out, throttling, passwords, deactivation, the audit log and the security headers.
#include <sys/wait.h>

#include <cstdio>

#include "e2e/e2e_fixture.hpp"

using namespace satdan::testkit;
namespace json = boost::json;

namespace {

class Accounts : public ServerTest {};

TEST_F(Accounts, LoginGivesATokenWithItsExpiryAndLogoutRevokesIt) {
  auto c = anonymous();
  auto r = c.post("/api/v1/auth/login", {{"username", "e2e-admin"}, {"password", test_password}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = r.json().as_object();
  std::string token(body.at("token").as_string());
  EXPECT_EQ(token.size(), 43u);  // 256 bits, base64url
  EXPECT_TRUE(satdan::core::parse_rfc3339(body.at("expires_at").as_string()));
  EXPECT_EQ(r.body.find("password"), std::string::npos);
  c.use_token(token);
  auto me = c.get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json().at("username").as_string(), "e2e-admin");
  EXPECT_EQ(c.request("POST", "/api/v1/auth/logout", "{}").status, 204);
  EXPECT_EQ(c.get("/api/v1/auth/me").status, 401);
}

TEST_F(Accounts, WrongUsernameAndWrongPasswordLookTheSame) {
  auto c = anonymous();
  auto wrong_password = c.post("/api/v1/auth/login", {{"username", "e2e-admin"}, {"password", "not the password"}});
  auto no_such_user = c.post("/api/v1/auth/login", {{"username", "nobody-here"}, {"password", "not the password"}});
  EXPECT_EQ(wrong_password.status, 401);
  EXPECT_EQ(no_such_user.status, 401);
  EXPECT_EQ(wrong_password.json().at("detail"), no_such_user.json().at("detail"));
}

TEST_F(Accounts, RepeatedFailuresLockTheUsernameWith429AndRetryAfter) {
  auto c = anonymous();
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(c.post("/api/v1/auth/login", {{"username", "e2e-admin"}, {"password", "guess " + std::to_string(i)}}).status, 401);
  // Locked now: even the right password is refused until the lock passes.
  auto locked = c.post("/api/v1/auth/login", {{"username", "e2e-admin"}, {"password", test_password}});
  EXPECT_EQ(locked.status, 429);
  EXPECT_GT(std::stoi(locked.header("Retry-After")), 0);
  // Other usernames are not locked by these failures.
  add_account("e2e-other", "staff");
  EXPECT_EQ(c.post("/api/v1/auth/login", {{"username", "e2e-other"}, {"password", test_password}}).status, 200);
}

TEST_F(Accounts, TheLockEndsFifteenMinutesAfterTheFailures) {
  auto c = anonymous();
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(c.post("/api/v1/auth/login", {{"username", "e2e-admin"}, {"password", "guess " + std::to_string(i)}}).status, 401);
  EXPECT_EQ(c.post("/api/v1/auth/login", {{"username", "e2e-admin"}, {"password", test_password}}).status, 429);
  // Fourteen minutes on, still locked; sixteen minutes on, the right password signs in again.
  const auto failed_at = satdan::core::now();
  restart_server_at(failed_at + std::chrono::minutes(14));
  EXPECT_EQ(anonymous().post("/api/v1/auth/login", {{"username", "e2e-admin"}, {"password", test_password}}).status, 429);
  restart_server_at(failed_at + std::chrono::minutes(16));
  EXPECT_EQ(anonymous().post("/api/v1/auth/login", {{"username", "e2e-admin"}, {"password", test_password}}).status, 200);
}

TEST_F(Accounts, ChangingThePasswordRevokesOtherTokensAndKeepsThisOne) {
  std::string other = sign_in("e2e-admin");
  auto c = client();
  auto r = c.post("/api/v1/auth/password", {{"current_password", test_password}, {"new_password", "mật khẩu mới rất dài"}});
  ASSERT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(c.get("/api/v1/auth/me").status, 200);
  http_client stale(server_->port());
  stale.use_token(other);
  EXPECT_EQ(stale.get("/api/v1/auth/me").status, 401);
  EXPECT_EQ(anonymous().post("/api/v1/auth/login", {{"username", "e2e-admin"}, {"password", test_password}}).status, 401);
  EXPECT_FALSE(sign_in("e2e-admin", "mật khẩu mới rất dài").empty());
  auto wrong = c.post("/api/v1/auth/password", {{"current_password", "nope nope nope"}, {"new_password", "another long one"}});
  EXPECT_EQ(wrong.status, 422);
  auto short_one = c.post("/api/v1/auth/password", {{"current_password", "mật khẩu mới rất dài"}, {"new_password", "short"}});
  EXPECT_EQ(short_one.status, 422);
}

// A wrong current password is a failed sign-in: it counts on the same counters as the login, and once the
// username is locked a password change answers 429 with Retry-After and the login's message, like the login.
TEST_F(Accounts, WrongCurrentPasswordsAreThrottledLikeFailedSignIns) {
  add_account("e2e-clerk", "staff");
  http_client clerk(server_->port());
  clerk.use_token(sign_in("e2e-clerk"));
  auto c = anonymous();
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(c.post("/api/v1/auth/login", {{"username", "e2e-clerk"}, {"password", "guess " + std::to_string(i)}}).status, 401);
  for (int i = 0; i < 2; ++i) {
    auto wrong = clerk.post("/api/v1/auth/password",
                            {{"current_password", "guess again " + std::to_string(i)}, {"new_password", "mật khẩu mới rất dài"}});
    EXPECT_EQ(wrong.status, 422) << wrong.body;
  }
  // Five failures in all: locked, even for the right current password.
  auto locked = clerk.post("/api/v1/auth/password", {{"current_password", test_password}, {"new_password", "mật khẩu mới rất dài"}});
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_GT(std::stoi(locked.header("Retry-After")), 0);
  auto login = c.post("/api/v1/auth/login", {{"username", "e2e-clerk"}, {"password", test_password}});
  EXPECT_EQ(login.status, 429) << login.body;
  EXPECT_EQ(locked.json().at("detail"), login.json().at("detail"));
  // Nothing changed: the token still works and the old password is still the password.
  EXPECT_EQ(clerk.get("/api/v1/auth/me").status, 200);
  // Another account's password change is not held up by these failures.
  auto admin = client();
  auto other = admin.post("/api/v1/auth/password", {{"current_password", test_password}, {"new_password", "mật khẩu mới rất dài"}});
  EXPECT_EQ(other.status, 204) << other.body;
}

// Deactivating a member's account ends their calendar feed too (the feed names co-attendees); reactivating the
// account does not bring the old address back.
TEST_F(Accounts, DeactivatingAMembersAccountRevokesTheirFeed) {
  auto c = client();
  auto unit = c.post("/api/v1/units", {{"kind", "commune"}, {"name", "Tam Xuân"}}).json().at("id").as_int64();
  auto member = c.post("/api/v1/members", {{"full_name", "Trần Văn Lịch"}, {"level", "commune"}, {"home_unit_id", unit}})
                    .json().at("id").as_int64();
  auto account = add_account("e2e-member", "member", member).id;
  http_client theirs(server_->port());
  theirs.use_token(sign_in("e2e-member"));
  auto issued = theirs.post("/api/v1/me/feed-token", json::object{});
  ASSERT_EQ(issued.status, 200) << issued.body;
  std::string feed = "/feeds/m/" + std::string(issued.json().at("token").as_string()) + ".ics";
  ASSERT_EQ(anonymous().get(feed).status, 200);

  std::string target = "/api/v1/accounts/" + std::to_string(account);
  ASSERT_EQ(c.patch(target, {{"active", false}}).status, 200);
  EXPECT_EQ(anonymous().get(feed).status, 404);
  auto audit = c.get("/api/v1/audit?entity=member&entity_id=" + std::to_string(member));
  EXPECT_NE(audit.body.find("\"revoke_feed_token\""), std::string::npos) << audit.body;

  ASSERT_EQ(c.patch(target, {{"active", true}}).status, 200);
  EXPECT_EQ(anonymous().get(feed).status, 404);
  http_client again(server_->port());
  again.use_token(sign_in("e2e-member"));
  auto settings = again.get("/api/v1/me/feed");
  ASSERT_EQ(settings.status, 200) << settings.body;
  EXPECT_FALSE(settings.json().at("has_token").as_bool()) << settings.body;
}

TEST_F(Accounts, AdminsManageAccountsAndDeactivationRevokesTokens) {
  auto c = client();
  auto created = c.post("/api/v1/accounts", {{"username", "vp-huyen-uy"}, {"display_name", "Văn phòng Huyện ủy"},
                                             {"role", "secretariat"}, {"password", "một mật khẩu dài"}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.body.find("mật khẩu"), std::string::npos);
  auto id = created.json().at("id").as_int64();
  EXPECT_EQ(c.post("/api/v1/accounts", {{"username", "vp-huyen-uy"}, {"role", "staff"}, {"password", "một mật khẩu dài"}}).status, 409);
  auto bad = c.post("/api/v1/accounts", {{"username", "X"}, {"role", "king"}, {"password", "short"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(c.post("/api/v1/accounts", {{"username", "lonely-member"}, {"role", "member"}, {"password", "một mật khẩu dài"}}).status, 422);

  std::string token = sign_in("vp-huyen-uy", "một mật khẩu dài");
  http_client theirs(server_->port());
  theirs.use_token(token);
  EXPECT_EQ(theirs.get("/api/v1/units").status, 200);
  EXPECT_EQ(c.patch("/api/v1/accounts/" + std::to_string(id), {{"active", false}}).status, 200);
  EXPECT_EQ(theirs.get("/api/v1/units").status, 401);
  EXPECT_EQ(anonymous().post("/api/v1/auth/login", {{"username", "vp-huyen-uy"}, {"password", "một mật khẩu dài"}}).status, 401);

  auto me = c.get("/api/v1/auth/me").json();
  auto self = c.patch("/api/v1/accounts/" + std::to_string(me.at("id").as_int64()), {{"role", "staff"}});
  EXPECT_EQ(self.status, 409);  // no admin locks themself out
}

TEST_F(Accounts, EveryWriteIsAuditedWithWhoAndWhatChanged) {
  auto c = client();
  auto unit = c.post("/api/v1/units", {{"kind", "commune"}, {"name", "Tam Phước"}}).json().at("id").as_int64();
  ASSERT_EQ(c.patch("/api/v1/units/" + std::to_string(unit), {{"name", "Tam Phước (mới)"}}).status, 200);
  ASSERT_EQ(c.del("/api/v1/units/" + std::to_string(unit)).status, 204);
  auto me = c.get("/api/v1/auth/me").json();
  auto audit = c.get("/api/v1/audit?entity=unit&entity_id=" + std::to_string(unit));
  ASSERT_EQ(audit.status, 200) << audit.body;
  auto items = audit.json().at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].at("action").as_string(), "create");
  EXPECT_EQ(items[0].at("changes").at("name").at("new").as_string(), "Tam Phước");
  EXPECT_EQ(items[1].at("action").as_string(), "update");
  EXPECT_EQ(items[1].at("changes").at("name").at("old").as_string(), "Tam Phước");
  EXPECT_EQ(items[1].at("changes").at("name").at("new").as_string(), "Tam Phước (mới)");
  EXPECT_FALSE(items[1].at("changes").as_object().contains("kind"));  // unchanged fields are left out
  EXPECT_EQ(items[2].at("action").as_string(), "delete");
  for (const auto& e : items) EXPECT_EQ(e.at("account_id"), me.at("id"));

  // Account changes are audited without any password or hash.
  ASSERT_EQ(c.post("/api/v1/accounts", {{"username", "audited"}, {"role", "staff"}, {"password", "bí mật rất dài 123"}}).status, 201);
  auto all = c.get("/api/v1/audit?entity=account&limit=500");
  EXPECT_EQ(all.body.find("bí mật"), std::string::npos);
  EXPECT_EQ(all.body.find("argon2"), std::string::npos);
  EXPECT_NE(all.body.find("\"login\""), std::string::npos);
}

TEST_F(Accounts, SecurityHeadersOnEveryResponseAndNoCorsUnlessConfigured) {
  auto c = client();
  for (const char* target : {"/healthz", "/api/v1/units", "/api/v1/nothing"}) {
    auto r = c.request("GET", target, "", "", {{"Origin", "https://evil.example"}});
    EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff") << target;
    EXPECT_EQ(r.header("Cache-Control"), "no-store") << target;
    EXPECT_NE(r.header("Content-Security-Policy").find("default-src 'none'"), std::string::npos) << target;
    EXPECT_EQ(r.header("Access-Control-Allow-Origin"), "") << target;
  }
}

class CorsConfigured : public ServerTest {
 protected:
  std::vector<std::string> server_args() const override { return {"--cors-origins", "https://satdan.example"}; }
};

TEST_F(CorsConfigured, OnlyTheConfiguredOriginIsAnswered) {
  auto c = anonymous();
  auto pre = c.request("OPTIONS", "/api/v1/units", "", "",
                       {{"Origin", "https://satdan.example"}, {"Access-Control-Request-Method", "GET"}});
  EXPECT_EQ(pre.status, 204);
  EXPECT_EQ(pre.header("Access-Control-Allow-Origin"), "https://satdan.example");
  EXPECT_NE(pre.header("Access-Control-Allow-Headers").find("Authorization"), std::string::npos);
  auto other = c.request("OPTIONS", "/api/v1/units", "", "",
                         {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "GET"}});
  EXPECT_EQ(other.header("Access-Control-Allow-Origin"), "");
}

}  // namespace

namespace {

// Runs `satdan ARGS` with `input` on standard input; returns the exit status.
int run_satdan(const std::string& args, const std::string& input, const std::string& env = "") {
  std::string command = clock_for_command() + env + " " SATDAN_BINARY " " + args + " >/dev/null 2>&1";
  FILE* p = ::popen(command.c_str(), "w");
  if (!p) return -1;
  std::fputs(input.c_str(), p);
  int status = ::pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_F(Accounts, CreateUserCommandMakesAnAccountThatCanSignIn) {
  EXPECT_EQ(run_satdan("create-user --username first-admin --role admin --database " + db_->url(), "một mật khẩu dài\n"), 0);
  EXPECT_FALSE(sign_in("first-admin", "một mật khẩu dài").empty());
  // A short password or a bad role is refused, and nothing is created.
  EXPECT_NE(run_satdan("create-user --username second --role admin --database " + db_->url(), "short\n"), 0);
  EXPECT_NE(run_satdan("create-user --username third --role king --database " + db_->url(), "một mật khẩu dài\n"), 0);
  auto list = client().get("/api/v1/accounts?role=admin").json();
  EXPECT_EQ(list.at("items").as_array().size(), 2u);  // e2e-admin and first-admin
}

TEST_F(Accounts, DemoSeedCreatesTheDistrictAndOneAccountPerRole) {
  ASSERT_EQ(run_satdan("seed-demo --database " + db_->url(), "", "SATDAN_DEMO_PASSWORD='mật khẩu demo dài'"), 0);
  auto units = client().get("/api/v1/units?limit=500").json();
  EXPECT_GT(units.at("items").as_array().size(), 90u);
  for (const char* who : {"demo-admin", "demo-secretariat", "demo-staff", "demo-member"})
    EXPECT_FALSE(sign_in(who, "mật khẩu demo dài").empty()) << who;
  http_client member(server_->port());
  member.use_token(sign_in("demo-member", "mật khẩu demo dài"));
  auto me = member.get("/api/v1/auth/me").json();
  ASSERT_TRUE(me.at("member_id").is_int64());
  EXPECT_EQ(member.get("/api/v1/members/" + std::to_string(me.at("member_id").as_int64())).status, 200);
  // Seeding again is refused: the demo only goes into an empty database.
  EXPECT_NE(run_satdan("seed-demo --database " + db_->url(), "", "SATDAN_DEMO_PASSWORD='mật khẩu demo dài'"), 0);
}

}  // namespace
