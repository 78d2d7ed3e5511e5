// The server as a network peer: keep-alive, limits, timeouts and graceful shutdown.
#include <boost/json.hpp>

#include <chrono>
#include <thread>

#include "e2e/e2e_fixture.hpp"

using namespace satdan::testkit;

namespace {

// Waits (bounded) until the server has logged `text`: a real signal instead of a guess at how long it takes.
bool log_shows(const server_process& server, const std::string& text,
               std::chrono::seconds within = std::chrono::seconds(20)) {
  auto deadline = std::chrono::steady_clock::now() + within;
  while (server.log().find(text) == std::string::npos) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

class ServerBehaviour : public ServerTest {
 protected:
  std::vector<std::string> server_args() const override {
    // A short header timeout to test it; a body timeout long enough that a loaded machine never cuts off the
    // shutdown test between its headers and its body.
    return {"--header-timeout", "1", "--body-timeout", "10", "--body-limit", "4096", "--shutdown-timeout", "10"};
  }
};

TEST_F(ServerBehaviour, KeepAliveServesManyRequestsOnOneConnection) {
  auto c = client();
  for (int i = 0; i < 5; ++i) {
    auto r = c.get("/healthz");
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(r.keep_alive);
  }
}

TEST_F(ServerBehaviour, BodyOverTheLimitIs413) {
  auto c = client();
  std::string big = "{\"name\": \"" + std::string(5000, 'x') + "\"}";
  auto r = c.request("POST", "/api/v1/units", big);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
  EXPECT_TRUE(client().get("/api/v1/units").json().at("items").as_array().empty());
}

TEST_F(ServerBehaviour, SlowClientIsCutOffByTheHeaderTimeout) {
  auto c = client();
  c.send_raw("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");  // headers never finish
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.closed_by_server());
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(15));
  // Others are still served.
  EXPECT_EQ(client().get("/healthz").status, 200);
}

TEST_F(ServerBehaviour, IdleKeepAliveConnectionIsClosedAfterTheTimeout) {
  auto c = client();
  ASSERT_EQ(c.get("/healthz").status, 200);
  EXPECT_TRUE(c.closed_by_server());
}

TEST_F(ServerBehaviour, GracefulShutdownFinishesTheRequestInFlight) {
  auto c = client();
  std::string body = R"({"kind": "district", "name": "Phú Ninh"})";
  // "Expect: 100-continue" makes the server say when it has the headers: from then on the request is in
  // flight, whatever the machine's load.
  c.send_raw("POST /api/v1/units HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + admin_token_ +
             "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: " +
             std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 10));
  ASSERT_EQ(c.read_response().status, 100);
  server_->signal_terminate();
  ASSERT_TRUE(log_shows(*server_, "\"event\":\"shutdown_started\"")) << server_->log();
  c.send_raw(body.substr(10));
  auto r = c.read_response();
  EXPECT_EQ(r.status, 201) << r.body;
  EXPECT_FALSE(r.keep_alive);  // shutting down: the connection closes after this answer
  EXPECT_EQ(server_->wait_exit(20), 0);
  // The acknowledged write is in the database.
  server_process again(db_->url());
  http_client after(again.port());
  after.use_token(admin_token_);  // tokens live in the database, not in the process
  auto list = after.get("/api/v1/units");
  ASSERT_EQ(list.json().at("items").as_array().size(), 1u);
  EXPECT_EQ(list.json().at("items").as_array()[0].at("name").as_string(), "Phú Ninh");
}

// Without --public-url, links carry the address the server listens on: here an ephemeral port, never 8080.
TEST_F(ServerBehaviour, FeedAddressesCarryThePortTheServerListensOn) {
  auto c = client();
  auto unit = c.post("/api/v1/units", {{"kind", "district"}, {"name", "Phú Ninh"}});
  ASSERT_EQ(unit.status, 201) << unit.body;
  auto member = c.post("/api/v1/members", {{"full_name", "Trần Quốc Bảo"}, {"level", "district"},
                                           {"home_unit_id", unit.json().at("id").as_int64()}});
  ASSERT_EQ(member.status, 201) << member.body;
  const std::string feed_token = "/api/v1/members/" + std::to_string(member.json().at("id").as_int64()) + "/feed-token";
  auto issued = c.post(feed_token, boost::json::object{});
  ASSERT_EQ(issued.status, 200) << issued.body;
  const std::string here = "127.0.0.1:" + std::to_string(server_->port());
  EXPECT_TRUE(std::string(issued.json().at("https_url").as_string()).starts_with("http://" + here + "/feeds/m/"))
      << issued.body;
  EXPECT_TRUE(std::string(issued.json().at("webcal_url").as_string()).starts_with("webcal://" + here + "/feeds/m/"))
      << issued.body;
  EXPECT_EQ(server_->log().find("public_url_is_loopback"), std::string::npos);  // loopback on loopback is right

  // Given, the public URL wins over the listen address.
  server_process behind_proxy(db_->url(), {"--public-url", "https://lich.example.vn/"});
  http_client other(behind_proxy.port());
  other.use_token(admin_token_);
  auto there = other.post(feed_token, boost::json::object{});
  ASSERT_EQ(there.status, 200) << there.body;
  EXPECT_TRUE(std::string(there.json().at("https_url").as_string()).starts_with("https://lich.example.vn/feeds/m/"))
      << there.body;
}

TEST_F(ServerBehaviour, ShutdownWithIdleConnectionsIsPrompt) {
  auto c = client();
  ASSERT_EQ(c.get("/healthz").status, 200);
  server_->signal_terminate();
  EXPECT_EQ(server_->wait_exit(8), 0);
}

}  // namespace
