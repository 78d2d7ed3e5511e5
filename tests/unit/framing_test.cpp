// The framing rules on their own: which header sets frame a request one way only.
#include <gtest/gtest.h>

#include <vector>

#include "http/framing.hpp"

using namespace satdan;

namespace {

std::optional<core::error> check(unsigned version, std::vector<http::header_view> fields) {
  return http::framing_problem(version, fields);
}

std::string field_of(const std::optional<core::error>& e) { return e && !e->fields().empty() ? e->fields()[0].field : ""; }

}  // namespace

TEST(Framing, OnlyExactlyChunkedFramesABody) {
  EXPECT_FALSE(check(11, {{"Host", "a"}, {"Transfer-Encoding", "chunked"}}));
  EXPECT_FALSE(check(11, {{"host", "a"}, {"transfer-encoding", "CHUNKED"}}));  // names and codings ignore case
  EXPECT_FALSE(check(11, {{"Host", "a"}, {"Content-Length", "5"}}));
  for (std::string_view te : {"xchunked", "chunked, identity", "identity, chunked", "\"chunked\"", "identity", "gzip", ""}) {
    auto e = check(11, {{"Host", "a"}, {"Transfer-Encoding", te}});
    ASSERT_TRUE(e) << te;
    EXPECT_EQ(e->code(), core::errc::bad_request);
    EXPECT_EQ(field_of(e), "header.Transfer-Encoding") << te;
  }
  EXPECT_EQ(field_of(check(11, {{"Host", "a"}, {"Transfer-Encoding", "chunked"}, {"Transfer-Encoding", "chunked"}})),
            "header.Transfer-Encoding");
  EXPECT_EQ(field_of(check(10, {{"Transfer-Encoding", "chunked"}})), "header.Transfer-Encoding");
}

TEST(Framing, TransferEncodingWithContentLengthIsRefused) {
  EXPECT_EQ(field_of(check(11, {{"Host", "a"}, {"Transfer-Encoding", "chunked"}, {"Content-Length", "5"}})),
            "header.Content-Length");
  EXPECT_EQ(field_of(check(11, {{"Host", "a"}, {"Content-Length", "5"}, {"Transfer-Encoding", "xchunked"}})),
            "header.Transfer-Encoding");
}

TEST(Framing, ContentLengthIsOneNumber) {
  EXPECT_EQ(field_of(check(11, {{"Host", "a"}, {"Content-Length", "5"}, {"Content-Length", "5"}})), "header.Content-Length");
  EXPECT_EQ(field_of(check(11, {{"Host", "a"}, {"Content-Length", "5, 5"}})), "header.Content-Length");
}

TEST(Framing, Http11NeedsExactlyOneValidHost) {
  EXPECT_EQ(field_of(check(11, {})), "header.Host");
  EXPECT_FALSE(check(10, {}));  // HTTP/1.0 predates Host
  EXPECT_EQ(field_of(check(11, {{"Host", "a"}, {"Host", "a"}})), "header.Host");
  EXPECT_EQ(field_of(check(10, {{"Host", "a"}, {"Host", "b"}})), "header.Host");
  for (std::string_view ok : {"satdan.example.vn", "127.0.0.1:8080", "[::1]:8080", "xn--phninh-xva.vn"})
    EXPECT_FALSE(check(11, {{"Host", ok}})) << ok;
  for (std::string_view bad : {"user@host", "host/path", "a b", "h\xC3\xA0"})
    EXPECT_EQ(field_of(check(11, {{"Host", bad}})), "header.Host") << bad;
}
