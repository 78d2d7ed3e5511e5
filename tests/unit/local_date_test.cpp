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
