// Request framing, spoken in raw bytes: a request whose length could be read two ways (by us and by a proxy
// in front of us) is refused with 400 before its body is read, and the connection closes, so the bytes after
// it are never answered as a second, smuggled request (RFC 9112 §3.2, §6.1, §6.3).
#include <boost/json.hpp>

#include <cstdio>

#include "e2e/e2e_fixture.hpp"

using namespace satdan::testkit;

namespace {

// What a smuggler hides behind the first request: if it is ever answered, the framing was read our way only.
const std::string smuggled = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

struct framing_case {
  const char* name;
  std::string bytes;  // the whole first request, body included; `smuggled` follows it in the same write
  const char* field;  // the header the problem names
};

void PrintTo(const framing_case& c, std::ostream* os) { *os << c.name; }

const std::string post = "POST /api/v1/units HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";

const framing_case refused_cases[] = {
    {"UnknownCodingWithLength", post + "Transfer-Encoding: xchunked\r\nContent-Length: 5\r\n\r\nhello",
     "header.Transfer-Encoding"},
    {"ChunkedNotLastWithLength", post + "Transfer-Encoding: chunked, identity\r\nContent-Length: 5\r\n\r\nhello",
     "header.Transfer-Encoding"},
    {"QuotedChunkedWithLength", post + "Transfer-Encoding: \"chunked\"\r\nContent-Length: 5\r\n\r\nhello",
     "header.Transfer-Encoding"},
    {"IdentityAlone", post + "Transfer-Encoding: identity\r\n\r\n", "header.Transfer-Encoding"},
    {"IdentityThenChunked", post + "Transfer-Encoding: identity, chunked\r\n\r\n0\r\n\r\n", "header.Transfer-Encoding"},
    {"UnknownCodingWaitingForContinue",
     post + "Expect: 100-continue\r\nTransfer-Encoding: xchunked\r\nContent-Length: 5\r\n\r\nhello",
     "header.Transfer-Encoding"},
    {"ChunkedInHttp10",
     "POST /api/v1/units HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n"
     "5\r\nhello\r\n0\r\n\r\n",
     "header.Transfer-Encoding"},
    {"RepeatedContentLength", post + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello", "header.Content-Length"},
    {"ContentLengthList", post + "Content-Length: 5, 5\r\n\r\nhello", "header.Content-Length"},
    {"NoHost", "GET /healthz HTTP/1.1\r\n\r\n", "header.Host"},
    {"TwoHosts", "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: example.org\r\n\r\n", "header.Host"},
    {"HostWithUserinfo", "GET /healthz HTTP/1.1\r\nHost: user@127.0.0.1\r\n\r\n", "header.Host"},
};

class HttpFraming : public ServerTest, public ::testing::WithParamInterface<framing_case> {};

TEST_P(HttpFraming, AmbiguousRequestIsRefusedAndTheConnectionCloses) {
  auto c = anonymous();
  c.send_raw(GetParam().bytes + smuggled);
  auto r = c.read_response();
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_FALSE(r.keep_alive);
  // Nothing more comes: the smuggled request is not answered, the server closes.
  EXPECT_TRUE(c.closed_by_server());
  EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
  auto body = r.json();
  const auto* errors = body.as_object().if_contains("errors");
  ASSERT_TRUE(errors) << r.body;
  ASSERT_EQ(errors->as_array().size(), 1u) << r.body;
  EXPECT_EQ(errors->as_array()[0].at("field").as_string(), GetParam().field);
}

INSTANTIATE_TEST_SUITE_P(Refused, HttpFraming, ::testing::ValuesIn(refused_cases),
                         [](const auto& info) { return std::string(info.param.name); });

class HttpChunked : public ServerTest {};

TEST_F(HttpChunked, ChunkedBodyIsReadAndTheConnectionStaysOpen) {
  auto c = anonymous();
  std::string body = R"({"kind": "district", "name": "Phú Ninh"})";
  std::string head = "POST /api/v1/units HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + admin_token_ +
                     "\r\nContent-Type: application/json\r\n";
  auto hex = [](std::size_t n) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%zx", n);
    return std::string(buf);
  };
  // Two chunks, then the same with the coding's name in capitals (coding names are case-insensitive).
  c.send_raw(head + "Transfer-Encoding: chunked\r\n\r\n" + hex(10) + "\r\n" + body.substr(0, 10) + "\r\n" +
             hex(body.size() - 10) + "\r\n" + body.substr(10) + "\r\n0\r\n\r\n");
  auto first = c.read_response();
  EXPECT_EQ(first.status, 201) << first.body;
  EXPECT_TRUE(first.keep_alive);
  std::string second = R"({"kind": "district", "name": "Núi Thành"})";
  c.send_raw(head + "Transfer-Encoding: Chunked\r\n\r\n" + hex(second.size()) + "\r\n" + second + "\r\n0\r\n\r\n" +
             smuggled);
  auto again = c.read_response();
  EXPECT_EQ(again.status, 201) << again.body;
  // A pipelined request after a well-framed one is a request like any other.
  EXPECT_EQ(c.read_response().status, 200);
  EXPECT_EQ(client().get("/api/v1/units").json().at("items").as_array().size(), 2u);
}

}  // namespace
