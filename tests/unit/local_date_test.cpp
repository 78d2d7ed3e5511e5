#include <gtest/gtest.h>

#include "core/local_date.hpp"

using namespace satdan::core;
using namespace std::chrono;

TEST(LocalText, DatesAreStrictCalendarDates) {
  EXPECT_EQ(parse_date("2027-01-05"), year_month_day(year(2027), month(1), day(5)));
  EXPECT_EQ(parse_date("2028-02-29"), year_month_day(year(2028), month(2), day(29)));
  for (const char* bad : {"2027-02-29", "2027-13-01", "2027-00-10", "2027-01-32", "2027-1-05", "2027-01-5", "27-01-05",
                          "2027/01/05", "2027-01-05T00:00", " 2027-01-05", "", "abcd-ef-gh"})
    EXPECT_FALSE(parse_date(bad)) << bad;
  EXPECT_EQ(format_date(year_month_day(year(2027), month(12), day(31))), "2027-12-31");
}

TEST(LocalText, ClockTimesAreHoursAndMinutes) {
  EXPECT_EQ(parse_clock("19:30"), 19 * 60 + 30);
  EXPECT_EQ(parse_clock("00:00"), 0);
  EXPECT_EQ(parse_clock("23:59"), 23 * 60 + 59);
  for (const char* bad : {"24:00", "23:60", "9:30", "09:3", "0930", "09:30:00", "-1:30", "ab:cd", ""})
    EXPECT_FALSE(parse_clock(bad)) << bad;
  EXPECT_EQ(format_clock(7 * 60 + 5), "07:05");
}

TEST(LocalText, DatesAreInTheYears1970To9999) {
  EXPECT_EQ(parse_date("1970-01-01"), min_date);
  EXPECT_EQ(parse_date("9999-12-31"), max_date);
  EXPECT_FALSE(parse_date("1969-12-31"));
  EXPECT_FALSE(parse_date("0000-01-01"));
  EXPECT_EQ(read_date("0000-01-01").problem, "must not be before 1970-01-01");
  EXPECT_EQ(read_date("10000-01-01").problem, "must be a date YYYY-MM-DD");
  EXPECT_EQ(read_date("2027-02-30").problem, "must be a date YYYY-MM-DD");
  EXPECT_TRUE(read_date("2027-02-28").problem.empty());
}

TEST(LocalText, AFieldMayStartLater) {
  const auto y2000 = year_month_day(year(2000), month(1), day(1));
  EXPECT_EQ(read_date("1999-12-31", y2000).problem, "must not be before 2000-01-01");
  EXPECT_EQ(read_date("0000-01-01", y2000).problem, "must not be before 2000-01-01");
  EXPECT_EQ(read_date("2000-01-01", y2000).value, y2000);
  // Never earlier than the service's own range.
  EXPECT_EQ(read_date("1900-01-01", year_month_day(year(1800), month(1), day(1))).problem, "must not be before 1970-01-01");
}

TEST(LocalText, DatabaseDatesOutsideTheRangeAreClampedNotRefused) {
  for (const char* below : {"0000-01-01", "1969-12-31", "0001-12-31 BC", "-001-12-31", "-infinity"}) {
    auto d = parse_db_date(below);
    ASSERT_TRUE(d) << below;
    EXPECT_TRUE(d->clamped) << below;
    EXPECT_EQ(d->value, min_date) << below;
  }
  for (const char* above : {"10000-01-01", "27332-01-01", "infinity"}) {
    auto d = parse_db_date(above);
    ASSERT_TRUE(d) << above;
    EXPECT_TRUE(d->clamped) << above;
    EXPECT_EQ(d->value, max_date) << above;
  }
  auto plain = parse_db_date("2027-01-05");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->clamped);
  EXPECT_EQ(parse_db_date("2027-01-05T00:00:00Z")->value, year_month_day(year(2027), month(1), day(5)));
  for (const char* junk : {"", "soon", "2027-02-30", "12345"}) EXPECT_FALSE(parse_db_date(junk)) << junk;
}
