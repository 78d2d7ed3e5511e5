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
  EXPECT_EQ(format_utc(t->value), "2027-02-01T00:00:00Z");
  EXPECT_FALSE(t->clamped);
  EXPECT_EQ(format_utc(parse_db_instant("2027-02-01T00:00:00Z")->value), "2027-02-01T00:00:00Z");
}

TEST(Instant, OnlyTheYears1970To9999AfterTheOffsetAreAccepted) {
  EXPECT_EQ(format_utc(*parse_rfc3339("1970-01-01T00:00:00Z")), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_utc(*parse_rfc3339("1970-01-01T07:00:00+07:00")), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_utc(*parse_rfc3339("9999-12-31T23:59:59Z")), "9999-12-31T23:59:59Z");
  EXPECT_EQ(format_utc(*parse_rfc3339("9999-12-31T23:59:59.999Z")), "9999-12-31T23:59:59Z");
  // Inside the range as written, outside it once the offset is applied.
  EXPECT_FALSE(parse_rfc3339("1970-01-01T06:59:59+07:00"));
  EXPECT_FALSE(parse_rfc3339("9999-12-31T23:59:59-00:01"));
  EXPECT_FALSE(parse_rfc3339("0000-01-01T00:00:00+00:01"));  // was stored as "-001-12-31T23:59:00Z"
  EXPECT_FALSE(parse_rfc3339("1969-12-31T23:59:59Z"));
}

TEST(Instant, TheReasonSaysWhatIsWrong) {
  EXPECT_EQ(read_rfc3339("0000-01-01T00:00:00+00:01").problem, "must not be before 1970-01-01T00:00:00Z");
  EXPECT_EQ(read_rfc3339("9999-12-31T23:59:59-00:01").problem, "must not be after 9999-12-31T23:59:59Z");
  EXPECT_EQ(read_rfc3339("10000-01-01T00:00:00Z").problem,
            "must be an RFC 3339 date-time with an offset, e.g. 2027-02-01T07:30:00+07:00");
  EXPECT_EQ(read_rfc3339("2027-02-01T07:30:00").problem,
            "must be an RFC 3339 date-time with an offset, e.g. 2027-02-01T07:30:00+07:00");
  auto ok = read_rfc3339("2027-02-01T07:30:00+07:00");
  EXPECT_TRUE(ok.value);
  EXPECT_TRUE(ok.problem.empty());
}

TEST(Instant, FractionsNeedADigitAndDigitsNeedTheirPoint) {
  EXPECT_FALSE(parse_rfc3339("2027-02-01T07:30:00.Z"));
  EXPECT_FALSE(parse_rfc3339("2027-02-01T07:30:0012Z"));
}

TEST(Instant, DatabaseValuesOutsideTheRangeAreClampedNotRefused) {
  // What earlier versions stored in SQLite, and what PostgreSQL prints for such rows.
  for (const char* below : {"-001-12-31T23:59:00Z", "0000-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
                            "0001-12-31 23:59:00+00 BC", "1900-01-01 00:00:00+00", "-infinity"}) {
    auto t = parse_db_instant(below);
    ASSERT_TRUE(t) << below;
    EXPECT_TRUE(t->clamped) << below;
    EXPECT_EQ(t->value, min_instant) << below;
  }
  for (const char* above : {"27332-01-01T00:00:00Z", "27332-01-01 00:00:00+00", "10000-01-01 00:00:00+00", "infinity"}) {
    auto t = parse_db_instant(above);
    ASSERT_TRUE(t) << above;
    EXPECT_TRUE(t->clamped) << above;
    EXPECT_EQ(t->value, max_instant) << above;
  }
  auto edge = parse_db_instant("1970-01-01 00:00:00+00");
  ASSERT_TRUE(edge);
  EXPECT_FALSE(edge->clamped);
  for (const char* junk : {"", "soon", "-", "2027-02-30T00:00:00Z", "12345"}) EXPECT_FALSE(parse_db_instant(junk)) << junk;
}
