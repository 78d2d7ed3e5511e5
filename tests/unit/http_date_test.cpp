#include <gtest/gtest.h>

#include "http/http_date.hpp"

namespace satdan::http {
namespace {

TEST(HttpDate, FormatsImfFixdate) {
  EXPECT_EQ(format_http_date(*core::parse_rfc3339("1994-11-06T08:49:37Z")), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(format_http_date(*core::parse_rfc3339("2027-01-05T00:00:09Z")), "Tue, 05 Jan 2027 00:00:09 GMT");
}

TEST(HttpDate, ParsesWhatItFormats) {
  auto t = *core::parse_rfc3339("2026-11-27T10:36:03Z");
  EXPECT_EQ(parse_http_date(format_http_date(t)), t);
}

TEST(HttpDate, IgnoresOtherForms) {
  EXPECT_FALSE(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"));
  EXPECT_FALSE(parse_http_date("Sun Nov  6 08:49:37 1994"));
  EXPECT_FALSE(parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT"));
  EXPECT_FALSE(parse_http_date("Sun, 06 Nov 1994 25:49:37 GMT"));
  EXPECT_FALSE(parse_http_date(""));
}

}  // namespace
}  // namespace satdan::http
