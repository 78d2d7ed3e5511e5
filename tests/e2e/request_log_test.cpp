// The request log as an operator reads it: no credential from a path, however the client encoded it, and
// every line one valid JSON document, whatever bytes the client sent.
#include <boost/json.hpp>

#include <cstdio>
#include <sstream>

#include "e2e/e2e_fixture.hpp"

using namespace satdan::testkit;
namespace json = boost::json;

namespace {

class RequestLog : public ServerTest {
 protected:
  // Issues a private feed for a new member; returns its token.
  std::string feed_token() {
    auto c = client();
    auto unit = c.post("/api/v1/units", {{"kind", "district"}, {"name", "Phú Ninh"}});
    EXPECT_EQ(unit.status, 201) << unit.body;
    auto member = c.post("/api/v1/members", {{"full_name", "Trần Quốc Bảo"}, {"level", "district"},
                                             {"home_unit_id", unit.json().at("id")}});
    EXPECT_EQ(member.status, 201) << member.body;
    auto issued = c.post("/api/v1/members/" + std::to_string(member.json().at("id").as_int64()) + "/feed-token",
                         json::object{});
    EXPECT_EQ(issued.status, 200) << issued.body;
    std::string url(issued.json().at("https_url").as_string());
    auto start = url.find("/feeds/m/") + 9;
    return url.substr(start, url.find(".ics") - start);
  }

  // Every line of `log`, each checked to be JSON.
  std::vector<json::object> log_lines(const std::string& log) {
    std::vector<json::object> out;
    std::istringstream in(log);
    for (std::string line; std::getline(in, line);) {
      json::error_code ec;
      auto v = json::parse(line, ec);
      EXPECT_FALSE(ec) << "not JSON: " << line;
      if (!ec && v.is_object()) out.push_back(v.as_object());
    }
    return out;
  }
};

std::string percent_encoded(char c) {
  char buf[4];
  std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
  return buf;
}

TEST_F(RequestLog, PrivateFeedTokenIsNeverLoggedHoweverThePathIsEncoded) {
  std::string token = feed_token();
  ASSERT_GE(token.size(), 22u);
  // Paths are matched after percent-decoding: each of these is the same feed (RFC 3986 §6.2.2.2).
  const std::string addresses[] = {
      "/feeds/m/" + token + ".ics",
      "/feeds/%6D/" + token + ".ics",
      "/%66eeds/m/" + token + ".ics?x=1",
      "/feeds/m/" + percent_encoded(token[0]) + token.substr(1) + ".ics",
      "/feeds/m/" + token + "%2Eics",
  };
  for (const auto& path : addresses) EXPECT_EQ(anonymous().get(path).status, 200) << path;
  // A tracking code is a credential too, found or not.
  EXPECT_EQ(anonymous().get("/public/grievances/ABCDE-FGHJK").status, 404);

  // Each request is logged after its answer: wait for the last line before looking for what must be absent.
  log_once_it_holds("{token}.ics", 5);
  std::string log = log_once_it_holds("/public/grievances/{code}");
  EXPECT_EQ(log.find(token.substr(1, 16)), std::string::npos) << log;
  EXPECT_EQ(log.find("FGHJK"), std::string::npos) << log;
  int feed_lines = 0;
  for (const auto& line : log_lines(log)) {
    if (line.at("event").as_string() != "request" || !line.at("path").as_string().ends_with("{token}.ics")) continue;
    ++feed_lines;
    EXPECT_EQ(line.at("status").as_int64(), 200);
  }
  EXPECT_EQ(feed_lines, 5);
}

TEST_F(RequestLog, EveryLineIsJsonWhateverBytesThePathHolds) {
  auto c = anonymous();
  // A raw byte that is not UTF-8, and a percent-encoded one.
  c.send_raw("GET /api/v1/units/\xFF\xC3( HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  EXPECT_EQ(c.read_response().status, 400);
  EXPECT_EQ(anonymous().get("/api/v1/units/%FF%C3%28").status, 400);
  auto raw = anonymous();
  raw.send_raw("GET /nowhere/\xE1\xBA HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  EXPECT_EQ(raw.read_response().status, 400);

  bool seen_raw = false;
  for (const auto& line : log_lines(log_once_it_holds("/api/v1/units/%FF%C3("))) {
    if (line.at("event").as_string() != "request") continue;
    // The path as received, its hostile bytes percent-encoded.
    seen_raw = seen_raw || line.at("path").as_string() == "/api/v1/units/%FF%C3(";
  }
  EXPECT_TRUE(seen_raw) << server_->log();
}

}  // namespace
