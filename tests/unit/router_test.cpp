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
http::response ok(std::string body) {
  http::response r;
  r.body = std::move(body);
  return r;
}
}  // namespace

TEST(Router, MatchesLiteralAndParameterSegments) {
  http::router r;
  r.add("GET", "/api/v1/units", [](const auto&, const auto&) { return ok("list"); });
  r.add("GET", "/api/v1/units/{id}", [](const auto&, const auto& p) { return ok("one " + p.get("id")); });
  r.add("GET", "/api/v1/sessions/{id}.ics", [](const auto&, const auto& p) { return ok("ics " + p.get("id")); });
  EXPECT_EQ(r.dispatch(make("GET", "/api/v1/units")).body, "list");
  EXPECT_EQ(r.dispatch(make("GET", "/api/v1/units/42?x=1")).body, "one 42");
  EXPECT_EQ(r.dispatch(make("GET", "/api/v1/sessions/7.ics")).body, "ics 7");
  EXPECT_EQ(r.dispatch(make("GET", "/api/v1/units/T%C3%A2m")).body, "one Tâm");
}

TEST(Router, UnknownPathIs404AndWrongMethodIs405WithAllow) {
  http::router r;
  r.add("GET", "/a", [](const auto&, const auto&) { return ok(""); });
  r.add("POST", "/a", [](const auto&, const auto&) { return ok(""); });
  auto missing = r.dispatch(make("GET", "/b"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.content_type, "application/problem+json");
  auto wrong = r.dispatch(make("DELETE", "/a"));
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(http::find_header(wrong.headers, "allow"), "GET, POST");
}

TEST(Router, HandlerErrorsBecomeProblemJsonAndBugsBecome500WithoutDetails) {
  http::router r;
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
