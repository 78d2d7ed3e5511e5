#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/error.hpp"
#include "http/router.hpp"

using namespace satdan;

namespace {
http::request make(std::string method, std::string target) {
  http::request r;
  r.method = std::move(method);
  r.target = std::move(target);
  http::parse_target(r);
  return r;
}
// Every route in these tests is open unless a test says otherwise.
http::router open_router(const std::vector<std::pair<std::string, std::string>>& routes) {
  std::vector<http::route_access> table;
  for (const auto& [method, pattern] : routes) table.push_back({method, pattern, {.open = true}});
  return http::router(table, nullptr);
}
http::response ok(std::string body) {
  http::response r;
  r.body = std::move(body);
  return r;
}
}  // namespace

TEST(Router, MatchesLiteralAndParameterSegments) {
  auto r = open_router({{"GET", "/api/v1/units"}, {"GET", "/api/v1/units/{id}"}, {"GET", "/api/v1/sessions/{id}.ics"}});
  r.add("GET", "/api/v1/units", [](const auto&, const auto&) { return ok("list"); });
  r.add("GET", "/api/v1/units/{id}", [](const auto&, const auto& p) { return ok("one " + p.get("id")); });
  r.add("GET", "/api/v1/sessions/{id}.ics", [](const auto&, const auto& p) { return ok("ics " + p.get("id")); });
  EXPECT_EQ(r.dispatch(make("GET", "/api/v1/units")).body, "list");
  EXPECT_EQ(r.dispatch(make("GET", "/api/v1/units/42?x=1")).body, "one 42");
  EXPECT_EQ(r.dispatch(make("GET", "/api/v1/sessions/7.ics")).body, "ics 7");
  EXPECT_EQ(r.dispatch(make("GET", "/api/v1/units/T%C3%A2m")).body, "one Tâm");
}

TEST(Router, UnknownPathIs404AndWrongMethodIs405WithAllow) {
  auto r = open_router({{"GET", "/a"}, {"POST", "/a"}});
  r.add("GET", "/a", [](const auto&, const auto&) { return ok(""); });
  r.add("POST", "/a", [](const auto&, const auto&) { return ok(""); });
  auto missing = r.dispatch(make("GET", "/b"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.content_type, "application/problem+json");
  auto wrong = r.dispatch(make("DELETE", "/a"));
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(http::find_header(wrong.headers, "allow"), "GET, HEAD, POST");
}

TEST(Router, ASuffixedTemplateWinsOverThePlainOneWhateverTheOrder) {
  auto r = open_router({{"GET", "/s/{id}"}, {"GET", "/s/{id}.ics"}});
  r.add("GET", "/s/{id}", [](const auto&, const auto& p) { return ok("json " + p.get("id")); });
  r.add("GET", "/s/{id}.ics", [](const auto&, const auto& p) { return ok("ics " + p.get("id")); });
  EXPECT_EQ(r.dispatch(make("GET", "/s/7.ics")).body, "ics 7");
  EXPECT_EQ(r.dispatch(make("GET", "/s/7")).body, "json 7");
}

TEST(Router, HeadIsAnsweredByTheGetRoute) {
  auto r = open_router({{"GET", "/a"}});
  r.add("GET", "/a", [](const auto&, const auto&) { return ok("body"); });
  auto head = r.dispatch(make("HEAD", "/a"));
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "body");  // the server drops it on the wire, after taking its length
}

TEST(Router, HandlerErrorsBecomeProblemJsonAndBugsBecome500WithoutDetails) {
  auto r = open_router({{"GET", "/conflict"}, {"GET", "/bug"}});
  r.add("GET", "/conflict", [](const auto&, const auto&) -> http::response {
    throw core::error(core::errc::conflict, "Taken.", {{"code", "is already used"}});
  });
  r.add("GET", "/bug", [](const auto&, const auto&) -> http::response { throw std::runtime_error("SELECT secret"); });
  auto c = r.dispatch(make("GET", "/conflict"));
  EXPECT_EQ(c.status, 409);
  auto body = boost::json::parse(c.body).as_object();
  EXPECT_EQ(body.at("status").as_int64(), 409);
  EXPECT_EQ(body.at("detail").as_string(), "Taken.");
  EXPECT_EQ(body.at("errors").as_array()[0].as_object().at("field").as_string(), "code");
  auto b = r.dispatch(make("GET", "/bug"));
  EXPECT_EQ(b.status, 500);
  EXPECT_EQ(b.body.find("SELECT"), std::string::npos);
}

TEST(Target, InvalidUtf8InQueryIsBadRequest) {
  http::request r;
  r.method = "GET";
  r.target = "/a?name=%C3%28";
  EXPECT_THROW(http::parse_target(r), core::error);
}

namespace {
http::router guarded_router() {
  std::vector<http::route_access> table = {{"GET", "/staff-only", {.roles = {"staff"}}}, {"GET", "/ghost", {.open = true}}};
  return http::router(table, [](std::string_view token) -> std::optional<http::principal> {
    if (token == "staff-token") return http::principal{1, "s", "staff", std::nullopt, "staff-token"};
    if (token == "member-token") return http::principal{2, "m", "member", 7, "member-token"};
    return std::nullopt;
  });
}
http::request with_token(std::string target, std::string token) {
  auto r = make("GET", std::move(target));
  if (!token.empty()) r.headers.emplace_back("Authorization", "Bearer " + token);
  return r;
}
}  // namespace

TEST(RouterAccess, NoOrBadTokenIs401WithBearerChallenge) {
  auto r = guarded_router();
  r.add("GET", "/staff-only", [](const auto&, const auto&) { return ok("secret"); });
  for (std::string token : {"", "forged-token"}) {
    auto res = r.dispatch(with_token("/staff-only", token));
    EXPECT_EQ(res.status, 401) << token;
    EXPECT_EQ(http::find_header(res.headers, "WWW-Authenticate").substr(0, 6), "Bearer");
    EXPECT_EQ(res.body.find("secret"), std::string::npos);
  }
}

TEST(RouterAccess, ValidTokenWithAnotherRoleIs403AndTheRightRolePasses) {
  auto r = guarded_router();
  r.add("GET", "/staff-only", [](const auto&, const auto& ) { return ok("secret"); });
  EXPECT_EQ(r.dispatch(with_token("/staff-only", "member-token")).status, 403);
  auto res = r.dispatch(with_token("/staff-only", "staff-token"));
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "secret");
}

TEST(RouterAccess, RouteWithoutDeclarationAdmitsNobodyAndIsReported) {
  auto r = guarded_router();
  r.add("GET", "/undeclared", [](const auto&, const auto&) { return ok("secret"); });
  EXPECT_EQ(r.dispatch(with_token("/undeclared", "staff-token")).status, 403);
  bool reported = false;
  for (const auto& route : r.routes()) reported = reported || (route.pattern == "/undeclared" && !route.declared);
  EXPECT_TRUE(reported);
  ASSERT_EQ(r.unused_declarations().size(), 2u);  // /staff-only and /ghost have no route yet
}

TEST(RouterLog, ACredentialParameterIsLoggedByItsNameHoweverThePathIsEncoded) {
  auto r = open_router({{"GET", "/feeds/m/{token}.ics"}, {"GET", "/t/{code}"}, {"GET", "/units/{id}"}});
  r.add("GET", "/feeds/m/{token}.ics", [](const auto&, const auto&) { return ok(""); });
  r.add("GET", "/t/{code}", [](const auto&, const auto&) { return ok(""); });
  r.add("GET", "/units/{id}", [](const auto&, const auto&) { return ok(""); });
  EXPECT_EQ(r.path_for_log("/feeds/m/SECRET.ics?x=1"), "/feeds/m/{token}.ics");
  EXPECT_EQ(r.path_for_log("/feeds/%6D/SECRET.ics"), "/feeds/%6D/{token}.ics");
  EXPECT_EQ(r.path_for_log("/feeds/m/SECRET%2Eics"), "/feeds/m/{token}.ics");
  EXPECT_EQ(r.path_for_log("/t/ABCDE-FGHJK"), "/t/{code}");
  // Other parameters are logged as received; an unknown path is logged with hostile bytes encoded.
  EXPECT_EQ(r.path_for_log("/units/T%C3%A2m"), "/units/T%C3%A2m");
  EXPECT_EQ(r.path_for_log("/nowhere/\xFF x"), "/nowhere/%FF%20x");
  // The same decoded path is the same route for the dispatcher.
  EXPECT_EQ(r.dispatch(make("GET", "/feeds/%6D/SECRET.ics")).status, 200);
}

TEST(RouterLog, AMistypedAddressUnderACredentialsPrefixHidesItToo) {
  auto r = open_router({{"GET", "/feeds/m/{token}.ics"}, {"GET", "/feeds/u/{id}.ics"}});
  r.add("GET", "/feeds/m/{token}.ics", [](const auto&, const auto&) { return ok(""); });
  r.add("GET", "/feeds/u/{id}.ics", [](const auto&, const auto&) { return ok(""); });
  EXPECT_EQ(r.path_for_log("/feeds/m/SECRET.ics/"), "/feeds/m/{token}…");
  EXPECT_EQ(r.path_for_log("/feeds/m/SECRET"), "/feeds/m/{token}…");
  EXPECT_EQ(r.path_for_log("/feeds/%6D/SECRET/x.ics"), "/feeds/%6D/{token}…");
  EXPECT_EQ(r.dispatch(make("GET", "/feeds/m/SECRET.ics/")).status, 404);
  // Unknown paths elsewhere are still logged as received.
  EXPECT_EQ(r.path_for_log("/feeds/u/12.ics/"), "/feeds/u/12.ics/");
}
