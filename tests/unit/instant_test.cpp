#include <gtest/gtest.h>

#include "core/instant.hpp"

using namespace satdan::core;

TEST(Instant, OffsetIsAppliedToReachUtc) {
  auto t = parse_rfc3339("2027-02-01T07:30:00+07:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_utc(*t), "2027-02-01T00:30:00Z");
}

TEST(Instant, ZuluAndNegativeOffsets) {
  EXPECT_EQ(format_utc(*parse_rfc3339("2026-12-31T23:59:59Z")), "2026-12-31T23:59:59Z");
  EXPECT_EQ(format_utc(*parse_rfc3339("2026-12-31T20:00:00-05:30")), "2027-01-01T01:30:00Z");
}

TEST(Instant, FractionsAreDropped) {
  EXPECT_EQ(format_utc(*parse_rfc3339("2027-01-05T19:30:00.250+07:00")), "2027-01-05T12:30:00Z");
}

TEST(Instant, RejectsMissingOffsetImpossibleDatesAndJunk) {
  EXPECT_FALSE(parse_rfc3339("2027-02-01T07:30:00"));
  EXPECT_FALSE(parse_rfc3339("2027-02-30T07:30:00Z"));
  EXPECT_FALSE(parse_rfc3339("2027-13-01T07:30:00Z"));
  EXPECT_FALSE(parse_rfc3339("2027-02-01 07:30:00Z"));  // RFC 3339 on the API needs the T
  EXPECT_FALSE(parse_rfc3339("2027-02-01T24:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2027-02-01T07:30:00+07"));
  EXPECT_FALSE(parse_rfc3339("2027-02-01T07:30:00Zjunk"));
  EXPECT_FALSE(parse_rfc3339(""));
}

TEST(Instant, LeapDayExistsOnlyInLeapYears) {
  EXPECT_TRUE(parse_rfc3339("2028-02-29T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2027-02-29T00:00:00Z"));
}

TEST(Instant, ReadsPostgresqlTextOutput) {
  auto t = parse_db_instant("2027-02-01 00:00:00+00");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_utc(*t), "2027-02-01T00:00:00Z");
  EXPECT_EQ(format_utc(*parse_db_instant("2027-02-01T00:00:00Z")), "2027-02-01T00:00:00Z");
}
