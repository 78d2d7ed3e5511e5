// Recurrence expansion through libical. Every expected date below was worked out by hand from these facts:
//  - 2027-01-01 is a Friday (2026-01-01 is a Thursday and 2026 has 365 days = 52 weeks + 1 day).
//    So in January 2027 the Tuesdays are 5, 12, 19, 26 and the Sundays 3, 10, 17, 24, 31.
//  - February 2027 starts on Monday (Jan 31 is a Sunday); 2027 is not a leap year, so February has 28 days
//    and March 2027 also starts on Monday: Tuesdays Feb 2 and Mar 2; Sundays Feb 28, Mar 21 and Mar 28;
//    Mar 31 is a Wednesday, so Mar 28 is March's last Sunday.
//  - Asia/Ho_Chi_Minh is UTC+7 all year (no DST): 19:30 local is 12:30Z on the same day.
//  - Europe/Berlin is UTC+1 (CET) until the last Sunday of March, 2027-03-28, 01:00Z, then UTC+2 (CEST):
//    10:00 local is 09:00Z on Mar 21 and 08:00Z on Mar 28.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "calendar/recurrence.hpp"
#include "calendar/time_zone.hpp"
#include "core/error.hpp"
#include "core/instant.hpp"

using namespace satdan;
using namespace satdan::calendar;
// Not `using namespace std::chrono`: std::chrono::local_time would clash with calendar::local_time.
using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

namespace {

// libical caches every built-in zone it loads; free them once all tests ran, so LeakSanitizer stays quiet.
class ReleaseTimeZones : public ::testing::Environment {
 public:
  void TearDown() override { release_time_zones(); }
};
[[maybe_unused]] const auto* const release_env = ::testing::AddGlobalTestEnvironment(new ReleaseTimeZones);

const std::string hcm = "Asia/Ho_Chi_Minh";
const std::string berlin = "Europe/Berlin";

core::instant at(const char* rfc3339) {
  auto t = core::parse_rfc3339(rfc3339);
  EXPECT_TRUE(t) << rfc3339;
  return t.value_or(core::instant{});
}

local_date date(int y, unsigned m, unsigned d) { return local_date{year{y}, month{m}, day{d}}; }

recurrence series(std::string rrule, local_date first = date(2027, 1, 1), local_time start = {19, 30},
                  std::string zone = hcm) {
  recurrence r;
  r.rrule = std::move(rrule);
  r.first_date = first;
  r.start = start;
  r.time_zone = std::move(zone);
  return r;
}

std::vector<std::string> utc(const std::vector<core::instant>& v) {
  std::vector<std::string> out;
  for (auto t : v) out.push_back(core::format_utc(t));
  return out;
}

// The whole of local 2027 in Ho Chi Minh City: [2027-01-01T00:00+07:00, 2028-01-01T00:00+07:00).
std::vector<std::string> in_2027(const recurrence& r) {
  return utc(expand(r, at("2027-01-01T00:00:00+07:00"), at("2028-01-01T00:00:00+07:00")));
}

// Runs f, expects core::error(invalid_input), returns the names of its fields.
std::vector<std::string> invalid_fields(const std::function<void()>& f) {
  try {
    f();
  } catch (const core::error& e) {
    EXPECT_EQ(e.code(), core::errc::invalid_input);
    std::vector<std::string> names;
    for (const auto& fe : e.fields()) names.push_back(fe.field);
    return names;
  }
  ADD_FAILURE() << "no core::error thrown";
  return {};
}

using strings = std::vector<std::string>;

}  // namespace

TEST(RecurrenceMonthly, FifthOfEachMonthAtHalfPastSevenInHoChiMinhCity) {
  // DTSTART 2027-01-01 19:30 local; the 5th is the first matching day; 19:30+07 = 12:30Z.
  auto got = expand(series("FREQ=MONTHLY;BYMONTHDAY=5"), at("2027-01-01T00:00:00Z"), at("2028-01-01T00:00:00Z"), 3);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0], at("2027-01-05T12:30:00Z"));
  EXPECT_EQ(got[1], at("2027-02-05T12:30:00Z"));
  EXPECT_EQ(got[2], at("2027-03-05T12:30:00Z"));
}

TEST(RecurrenceMonthly, ThirtyFirstSkipsShortMonths) {
  // RFC 5545 §3.3.10: "Recurrence rules may generate recurrence instances with an invalid date (e.g.,
  // February 30) ... such recurrence instances MUST be ignored". libical does so: BYMONTHDAY=31 yields only
  // the seven months that have a 31st (Jan, Mar, May, Jul, Aug, Oct, Dec); it does not move to the 30th.
  EXPECT_EQ(in_2027(series("FREQ=MONTHLY;BYMONTHDAY=31")),
            (strings{"2027-01-31T12:30:00Z", "2027-03-31T12:30:00Z", "2027-05-31T12:30:00Z", "2027-07-31T12:30:00Z",
                     "2027-08-31T12:30:00Z", "2027-10-31T12:30:00Z", "2027-12-31T12:30:00Z"}));
}

TEST(RecurrenceMonthly, MinusOneIsTheLastDayOfEveryMonth) {
  EXPECT_EQ(in_2027(series("FREQ=MONTHLY;BYMONTHDAY=-1")),
            (strings{"2027-01-31T12:30:00Z", "2027-02-28T12:30:00Z", "2027-03-31T12:30:00Z", "2027-04-30T12:30:00Z",
                     "2027-05-31T12:30:00Z", "2027-06-30T12:30:00Z", "2027-07-31T12:30:00Z", "2027-08-31T12:30:00Z",
                     "2027-09-30T12:30:00Z", "2027-10-31T12:30:00Z", "2027-11-30T12:30:00Z", "2027-12-31T12:30:00Z"}));
  // 2028 is a leap year (divisible by 4, not by 100): February ends on the 29th.
  auto feb2028 = expand(series("FREQ=MONTHLY;BYMONTHDAY=-1"), at("2028-02-01T00:00:00+07:00"),
                        at("2028-03-01T00:00:00+07:00"));
  EXPECT_EQ(utc(feb2028), (strings{"2028-02-29T12:30:00Z"}));
}

TEST(RecurrenceMonthly, FirstTuesdayAndLastSunday) {
  auto from = at("2027-01-01T00:00:00Z"), to = at("2028-01-01T00:00:00Z");
  EXPECT_EQ(utc(expand(series("FREQ=MONTHLY;BYDAY=1TU"), from, to, 3)),
            (strings{"2027-01-05T12:30:00Z", "2027-02-02T12:30:00Z", "2027-03-02T12:30:00Z"}));
  EXPECT_EQ(utc(expand(series("FREQ=MONTHLY;BYDAY=-1SU"), from, to, 3)),
            (strings{"2027-01-31T12:30:00Z", "2027-02-28T12:30:00Z", "2027-03-28T12:30:00Z"}));
}

TEST(RecurrenceMonthly, IntervalTwoIsEveryOtherMonth) {
  // Counted from DTSTART's month (January): Jan, Mar, May, ...
  EXPECT_EQ(utc(expand(series("FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=5"), at("2027-01-01T00:00:00Z"),
                       at("2028-01-01T00:00:00Z"), 3)),
            (strings{"2027-01-05T12:30:00Z", "2027-03-05T12:30:00Z", "2027-05-05T12:30:00Z"}));
}

TEST(RecurrenceEnd, CountCountsFromTheFirstDateEvenBeforeFrom) {
  auto r = series("FREQ=MONTHLY;BYMONTHDAY=5;COUNT=3");
  EXPECT_EQ(in_2027(r), (strings{"2027-01-05T12:30:00Z", "2027-02-05T12:30:00Z", "2027-03-05T12:30:00Z"}));
  // From February on: January's occurrence still used up one of the three.
  EXPECT_EQ(utc(expand(r, at("2027-02-01T00:00:00+07:00"), at("2028-01-01T00:00:00+07:00"))),
            (strings{"2027-02-05T12:30:00Z", "2027-03-05T12:30:00Z"}));
}

TEST(RecurrenceEnd, UntilDateIsALocalDateAndInclusive) {
  // UNTIL=20270331 is the last local day: the 19:30 occurrence on Mar 31 is in. (libical alone compares a
  // DATE UNTIL as midnight against a date-time DTSTART and would drop it.)
  EXPECT_EQ(in_2027(series("FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20270331")),
            (strings{"2027-01-31T12:30:00Z", "2027-02-28T12:30:00Z", "2027-03-31T12:30:00Z"}));
  EXPECT_EQ(in_2027(series("FREQ=MONTHLY;BYMONTHDAY=5;UNTIL=20270305")),
            (strings{"2027-01-05T12:30:00Z", "2027-02-05T12:30:00Z", "2027-03-05T12:30:00Z"}));
  EXPECT_EQ(in_2027(series("FREQ=MONTHLY;BYMONTHDAY=5;UNTIL=20270304")),
            (strings{"2027-01-05T12:30:00Z", "2027-02-05T12:30:00Z"}));
}

TEST(RecurrenceEnd, UntilUtcIsConvertedToLocalTime) {
  // 20270305T123000Z is 2027-03-05 19:30 in Ho Chi Minh City: exactly the third occurrence, which is kept.
  // (Compared as a floating 12:30 it would fall before 19:30 and drop Mar 5.)
  EXPECT_EQ(in_2027(series("FREQ=MONTHLY;BYMONTHDAY=5;UNTIL=20270305T123000Z")),
            (strings{"2027-01-05T12:30:00Z", "2027-02-05T12:30:00Z", "2027-03-05T12:30:00Z"}));
  // One second earlier ends the series before Mar 5 19:30 local.
  EXPECT_EQ(in_2027(series("FREQ=MONTHLY;BYMONTHDAY=5;UNTIL=20270305T122959Z")),
            (strings{"2027-01-05T12:30:00Z", "2027-02-05T12:30:00Z"}));
  // A floating date-time UNTIL is local already: 19:30 local on Mar 5 is included.
  EXPECT_EQ(in_2027(series("FREQ=MONTHLY;BYMONTHDAY=5;UNTIL=20270305T193000")),
            (strings{"2027-01-05T12:30:00Z", "2027-02-05T12:30:00Z", "2027-03-05T12:30:00Z"}));
}

TEST(RecurrenceEnd, SeriesUntilIsTheLastLocalDate) {
  auto r = series("FREQ=MONTHLY;BYMONTHDAY=5");
  r.until = date(2027, 2, 5);
  EXPECT_EQ(in_2027(r), (strings{"2027-01-05T12:30:00Z", "2027-02-05T12:30:00Z"}));
  r.until = date(2027, 2, 4);
  EXPECT_EQ(in_2027(r), (strings{"2027-01-05T12:30:00Z"}));
  // Applied on top of the rule's own end: the earlier of the two wins.
  r = series("FREQ=MONTHLY;BYMONTHDAY=5;COUNT=2");
  r.until = date(2027, 12, 31);
  EXPECT_EQ(in_2027(r), (strings{"2027-01-05T12:30:00Z", "2027-02-05T12:30:00Z"}));
}

TEST(RecurrenceExdate, SkipsOnlyThatOccurrence) {
  auto r = series("FREQ=MONTHLY;BYMONTHDAY=5");
  r.exdates = {date(2027, 2, 5), date(2027, 2, 6)};  // Feb 6 has no occurrence anyway
  EXPECT_EQ(utc(expand(r, at("2027-01-01T00:00:00+07:00"), at("2027-05-01T00:00:00+07:00"))),
            (strings{"2027-01-05T12:30:00Z", "2027-03-05T12:30:00Z", "2027-04-05T12:30:00Z"}));
  // An excluded occurrence still counts toward COUNT (RFC 5545: EXDATE removes from the generated set).
  r.rrule = "FREQ=MONTHLY;BYMONTHDAY=5;COUNT=3";
  EXPECT_EQ(in_2027(r), (strings{"2027-01-05T12:30:00Z", "2027-03-05T12:30:00Z"}));
}

TEST(RecurrenceZone, WeeklyAcrossTheStartOfSummerTimeInBerlin) {
  // 10:00 local stays 10:00 local: 09:00Z under CET, 08:00Z under CEST from Mar 28.
  auto r = series("FREQ=WEEKLY;BYDAY=SU", date(2027, 3, 21), {10, 0}, berlin);
  EXPECT_EQ(utc(expand(r, at("2027-03-15T00:00:00Z"), at("2027-04-05T00:00:00Z"))),
            (strings{"2027-03-21T09:00:00Z", "2027-03-28T08:00:00Z", "2027-04-04T08:00:00Z"}));
  // And back on 2027-10-31 (last Sunday of October): 10:00 CEST on Oct 24 is 08:00Z, 10:00 CET on Oct 31 09:00Z.
  EXPECT_EQ(utc(expand(r, at("2027-10-20T00:00:00Z"), at("2027-11-01T00:00:00Z"))),
            (strings{"2027-10-24T08:00:00Z", "2027-10-31T09:00:00Z"}));
}

TEST(RecurrenceZone, ToUtcAndToLocalRoundTrip) {
  auto t = to_utc(date(2027, 1, 5), {19, 30}, hcm);
  EXPECT_EQ(t, at("2027-01-05T12:30:00Z"));
  auto back = to_local(t, hcm);
  EXPECT_EQ(back.date, date(2027, 1, 5));
  EXPECT_EQ(back.time.hour, 19);
  EXPECT_EQ(back.time.minute, 30);
  // Across midnight: 2027-01-05T20:00Z is 03:00 on the 6th in Ho Chi Minh City.
  auto late = to_local(at("2027-01-05T20:00:00Z"), hcm);
  EXPECT_EQ(late.date, date(2027, 1, 6));
  EXPECT_EQ(late.time.hour, 3);
  EXPECT_EQ(to_utc(late.date, late.time, hcm), at("2027-01-05T20:00:00Z"));
  // A DST zone on both sides of the change.
  EXPECT_EQ(to_utc(date(2027, 3, 21), {10, 0}, berlin), at("2027-03-21T09:00:00Z"));
  EXPECT_EQ(to_utc(date(2027, 3, 28), {10, 0}, berlin), at("2027-03-28T08:00:00Z"));
  auto summer = to_local(at("2027-03-28T08:00:00Z"), berlin);
  EXPECT_EQ(summer.date, date(2027, 3, 28));
  EXPECT_EQ(summer.time.hour, 10);
  EXPECT_EQ(summer.time.minute, 0);
}

TEST(RecurrenceZone, UnknownZoneIsInvalidInput) {
  auto r = series("FREQ=MONTHLY;BYMONTHDAY=5", date(2027, 1, 1), {19, 30}, "Mars/Olympus_Mons");
  EXPECT_EQ(invalid_fields([&] { expand(r, at("2027-01-01T00:00:00Z"), at("2028-01-01T00:00:00Z")); }),
            (strings{"time_zone"}));
  EXPECT_EQ(invalid_fields([&] { to_utc(date(2027, 1, 5), {19, 30}, "Mars/Olympus_Mons"); }), (strings{"time_zone"}));
  EXPECT_EQ(invalid_fields([&] { to_local(at("2027-01-05T12:30:00Z"), ""); }), (strings{"time_zone"}));
}

TEST(RecurrenceRule, GoodRulesHaveNoProblem) {
  for (const char* rule : {"FREQ=MONTHLY;BYMONTHDAY=5", "FREQ=MONTHLY;BYDAY=1TU", "FREQ=MONTHLY;BYDAY=-1SU",
                           "FREQ=WEEKLY;BYDAY=MO,WE,FR", "FREQ=DAILY;COUNT=10", "FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=2",
                           "FREQ=MONTHLY;INTERVAL=2;UNTIL=20271231", "FREQ=MONTHLY;UNTIL=20270305T123000Z"})
    EXPECT_EQ(rule_problem(rule), "") << rule;
}

TEST(RecurrenceRule, BadRulesAreExplained) {
  // libical's own complaint is quoted.
  std::string sometimes = rule_problem("FREQ=SOMETIMES");
  EXPECT_NE(sometimes.find("MALFORMEDDATA"), std::string::npos) << sometimes;
  std::string no_freq = rule_problem("BYDAY=1TU");  // libical parses this without error, but it has no FREQ
  EXPECT_NE(no_freq.find("FREQ"), std::string::npos) << no_freq;
  std::string hourly = rule_problem("FREQ=HOURLY");  // valid RFC 5545, refused here
  EXPECT_NE(hourly.find("HOURLY"), std::string::npos) << hourly;
  EXPECT_NE(rule_problem("FREQ=MINUTELY;INTERVAL=15"), "");
  EXPECT_NE(rule_problem(""), "");
  EXPECT_NE(rule_problem("RRULE:FREQ=MONTHLY"), "");               // the prefix is not part of the value
  EXPECT_NE(rule_problem("FREQ=MONTHLY;BYMONTHDAY=32"), "");
  EXPECT_NE(rule_problem("FREQ=MONTHLY;COUNT=3;UNTIL=20270331"), "");  // COUNT and UNTIL exclude each other
  EXPECT_NE(rule_problem("FREQ=WEEKLY;BYMONTHDAY=5"), "");            // refused when libical makes an iterator
  EXPECT_NE(rule_problem("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"), "");  // libical refuses the iterator
  // Parsed and iterable, but April has no 31st: libical would search for centuries on every expansion.
  std::string never = rule_problem("FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31");
  EXPECT_NE(never.find("never"), std::string::npos) << never;
  // COUNT and UNTIL do not take part in that check: an UNTIL long past is still a good rule.
  EXPECT_EQ(rule_problem("FREQ=DAILY;UNTIL=19990101"), "");
  // RFC 5545 forbids a numbered BYDAY with WEEKLY; libical 3.0.16 accepts it and gives wrong weekdays.
  EXPECT_NE(rule_problem("FREQ=WEEKLY;BYDAY=1TU"), "");
}

TEST(RecurrenceRule, ExpandThrowsInvalidInputNamingRrule) {
  for (const char* rule : {"FREQ=SOMETIMES", "BYDAY=1TU", "FREQ=HOURLY"}) {
    auto r = series(rule);
    EXPECT_EQ(invalid_fields([&] { expand(r, at("2027-01-01T00:00:00Z"), at("2028-01-01T00:00:00Z")); }),
              (strings{"rrule"}))
        << rule;
  }
  try {
    expand(series("FREQ=SOMETIMES"), at("2027-01-01T00:00:00Z"), at("2028-01-01T00:00:00Z"));
    FAIL() << "no error";
  } catch (const core::error& e) {
    EXPECT_EQ(e.public_message().rfind("The recurrence rule is not valid: ", 0), 0u) << e.public_message();
    ASSERT_EQ(e.fields().size(), 1u);
    EXPECT_EQ(e.fields()[0].reason, rule_problem("FREQ=SOMETIMES"));
  }
}

TEST(RecurrenceBounds, FromIsInclusiveAndToExclusive) {
  auto r = series("FREQ=MONTHLY;BYMONTHDAY=5");
  // from exactly at Feb 5's start keeps it; to exactly at Apr 5's start leaves it out.
  EXPECT_EQ(utc(expand(r, at("2027-02-05T12:30:00Z"), at("2027-04-05T12:30:00Z"))),
            (strings{"2027-02-05T12:30:00Z", "2027-03-05T12:30:00Z"}));
  // One second later on both ends: Feb 5 is out, Apr 5 is in.
  EXPECT_EQ(utc(expand(r, at("2027-02-05T12:30:01Z"), at("2027-04-05T12:30:01Z"))),
            (strings{"2027-03-05T12:30:00Z", "2027-04-05T12:30:00Z"}));
  // Empty and reversed ranges.
  EXPECT_TRUE(expand(r, at("2027-02-06T00:00:00Z"), at("2027-03-05T12:30:00Z")).empty());
  EXPECT_TRUE(expand(r, at("2027-05-01T00:00:00Z"), at("2027-01-01T00:00:00Z")).empty());
  // Nothing before the first date.
  EXPECT_TRUE(expand(r, at("2026-01-01T00:00:00Z"), at("2027-01-05T12:30:00Z")).empty());
}

TEST(RecurrenceBounds, LimitKeepsTheFirstOnes) {
  auto r = series("FREQ=DAILY");
  auto got = expand(r, at("2027-01-10T00:00:00Z"), at("2028-01-01T00:00:00Z"), 4);
  // Daily at 19:30+07 = 12:30Z; the first in range is Jan 10.
  EXPECT_EQ(utc(got), (strings{"2027-01-10T12:30:00Z", "2027-01-11T12:30:00Z", "2027-01-12T12:30:00Z",
                               "2027-01-13T12:30:00Z"}));
  EXPECT_TRUE(expand(r, at("2027-01-10T00:00:00Z"), at("2028-01-01T00:00:00Z"), 0).empty());
  // The default limit (5000) caps an endless rule over a long range; 2027-01-01..2040-01-01 has 4748 days.
  EXPECT_EQ(expand(r, at("2027-01-01T00:00:00Z"), at("2040-01-01T00:00:00Z")).size(), 4748u);
  EXPECT_EQ(expand(r, at("2027-01-01T00:00:00Z"), at("2050-01-01T00:00:00Z")).size(), 5000u);
}

TEST(RecurrenceBounds, FarRangeOfAnEndlessRuleStartsWhereItShould) {
  // A weekly rule, asked about one week ten years on: iteration runs from the first date and stops after `to`.
  auto r = series("FREQ=WEEKLY;BYDAY=TU");
  // 2037-01-06: from Tue 2027-01-05, 3653 days (10 years incl. leap days 2028, 2032, 2036) = 521 weeks + 6
  // days, so the Tuesday in [2037-01-05, 2037-01-12) is 2037-01-06.
  EXPECT_EQ(utc(expand(r, at("2037-01-05T00:00:00+07:00"), at("2037-01-12T00:00:00+07:00"))),
            (strings{"2037-01-06T12:30:00Z"}));
}

TEST(RecurrenceThreads, ConcurrentExpansionsAgree) {
  auto r = series("FREQ=MONTHLY;BYDAY=-1SU", date(2027, 1, 1), {10, 0}, berlin);
  auto expected = expand(r, at("2027-01-01T00:00:00Z"), at("2029-01-01T00:00:00Z"));
  ASSERT_EQ(expected.size(), 24u);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i)
        if (expand(r, at("2027-01-01T00:00:00Z"), at("2029-01-01T00:00:00Z")) != expected ||
            rule_problem("FREQ=SOMETIMES").empty())
          ++mismatches[t];
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches, (std::vector<int>{0, 0, 0, 0}));
}

