// Busy times read from an uploaded .ics. Every expected period below was worked out by hand from these facts:
//  - 2027-01-01 is a Friday, so the Mondays of January 2027 are the 4th, 11th, 18th and 25th, and
//    2027-02-01 is a Monday too.
//  - Asia/Ho_Chi_Minh is UTC+7 all year: 08:00 local is 01:00Z the same day; local midnight is 17:00Z the
//    day before.
//  - Europe/Berlin is UTC+1 until 2027-03-28 01:00Z (the last Sunday of March), then UTC+2: 10:00 local is
//    09:00Z on Sunday 2027-03-21 and 08:00Z on Sunday 2027-03-28.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/busy_import.hpp"
#include "calendar/libical_lock.hpp"
#include "core/error.hpp"
#include "core/instant.hpp"

using namespace satdan;
using namespace satdan::calendar;

namespace {

const std::string hcm = "Asia/Ho_Chi_Minh";

core::instant at(const char* rfc3339) {
  auto t = core::parse_rfc3339(rfc3339);
  EXPECT_TRUE(t) << rfc3339;
  return t.value_or(core::instant{});
}

// Content lines joined with CRLF, as RFC 5545 writes them.
std::string ics(std::initializer_list<std::string_view> lines) {
  std::string out;
  for (auto l : lines) out.append(l).append("\r\n");
  return out;
}

// One calendar around the given VEVENT (or other) lines.
std::string vcalendar(std::initializer_list<std::string_view> body) {
  std::string out = ics({"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//busy//EN"});
  for (auto l : body) out.append(l).append("\r\n");
  return out + "END:VCALENDAR\r\n";
}

// "start/end" in UTC for each period, in the order returned.
std::vector<std::string> spans(const std::vector<busy_period>& periods) {
  std::vector<std::string> out;
  for (const auto& p : periods) out.push_back(core::format_utc(p.start) + "/" + core::format_utc(p.end));
  return out;
}

// January and February 2027 (UTC) as the planning horizon.
std::vector<std::string> busy(const std::string& text, const std::string& zone = hcm) {
  return spans(busy_periods(text, at("2027-01-01T00:00:00Z"), at("2027-03-01T00:00:00Z"), zone));
}

// The one field error of a refused file ("body" → "line N: …").
std::string refusal(const std::string& text) {
  try {
    busy(text);
  } catch (const core::error& e) {
    EXPECT_EQ(e.code(), core::errc::invalid_input);
    EXPECT_EQ(e.fields().size(), 1u);
    if (e.fields().size() != 1) return {};
    EXPECT_EQ(e.fields()[0].field, "body");
    return e.fields()[0].reason;
  }
  ADD_FAILURE() << "the file was accepted";
  return {};
}

// The "line N:" that starts a refusal.
std::string line_of(const std::string& text) {
  std::string reason = refusal(text);
  return reason.substr(0, reason.find(':'));
}

}  // namespace

TEST(BusyImport, WeeklySeriesWithExdateAndMovedOccurrence) {
  // Mondays 08:00–10:00 in Ho Chi Minh City, five times from Jan 4; Jan 11 is excluded and Jan 18 is moved
  // to Tuesday Jan 19 14:00–15:30 (07:00Z–08:30Z).
  std::string text = vcalendar({
      "BEGIN:VEVENT", "UID:class@example", "SUMMARY:Lớp tiếng Anh", "DTSTART;TZID=Asia/Ho_Chi_Minh:20270104T080000",
      "DTEND;TZID=Asia/Ho_Chi_Minh:20270104T100000", "RRULE:FREQ=WEEKLY;COUNT=5",
      "EXDATE;TZID=Asia/Ho_Chi_Minh:20270111T080000", "END:VEVENT",
      "BEGIN:VEVENT", "UID:class@example", "SUMMARY:Lớp tiếng Anh (dời)",
      "RECURRENCE-ID;TZID=Asia/Ho_Chi_Minh:20270118T080000", "DTSTART;TZID=Asia/Ho_Chi_Minh:20270119T140000",
      "DTEND;TZID=Asia/Ho_Chi_Minh:20270119T153000", "END:VEVENT"});
  auto periods = busy_periods(text, at("2027-01-01T00:00:00Z"), at("2027-03-01T00:00:00Z"), hcm);
  EXPECT_EQ(spans(periods), (std::vector<std::string>{
                                "2027-01-04T01:00:00Z/2027-01-04T03:00:00Z",
                                "2027-01-19T07:00:00Z/2027-01-19T08:30:00Z",
                                "2027-01-25T01:00:00Z/2027-01-25T03:00:00Z",
                                "2027-02-01T01:00:00Z/2027-02-01T03:00:00Z",
                            }));
  ASSERT_EQ(periods.size(), 4u);
  EXPECT_EQ(periods[0].summary, "Lớp tiếng Anh");
  EXPECT_EQ(periods[1].summary, "Lớp tiếng Anh (dời)");
  EXPECT_EQ(periods[0].uid, "class@example");
}

TEST(BusyImport, CancelledOverrideRemovesItsOccurrence) {
  std::string text = vcalendar({
      "BEGIN:VEVENT", "UID:s", "DTSTART:20270104T010000Z", "DTEND:20270104T030000Z", "RRULE:FREQ=WEEKLY;COUNT=3",
      "END:VEVENT",
      "BEGIN:VEVENT", "UID:s", "RECURRENCE-ID:20270111T010000Z", "DTSTART:20270111T010000Z",
      "DTEND:20270111T030000Z", "STATUS:CANCELLED", "END:VEVENT"});
  EXPECT_EQ(busy(text), (std::vector<std::string>{"2027-01-04T01:00:00Z/2027-01-04T03:00:00Z",
                                                  "2027-01-18T01:00:00Z/2027-01-18T03:00:00Z"}));
}

TEST(BusyImport, TransparentAndCancelledEventsAreNotBusy) {
  std::string text = vcalendar({
      "BEGIN:VEVENT", "UID:free", "TRANSP:TRANSPARENT", "DTSTART:20270105T010000Z", "DTEND:20270105T020000Z",
      "END:VEVENT",
      "BEGIN:VEVENT", "UID:off", "STATUS:CANCELLED", "DTSTART:20270106T010000Z", "DTEND:20270106T020000Z",
      "END:VEVENT",
      "BEGIN:VEVENT", "UID:busy", "TRANSP:OPAQUE", "STATUS:CONFIRMED", "DTSTART:20270107T010000Z",
      "DTEND:20270107T020000Z", "END:VEVENT"});
  EXPECT_EQ(busy(text), (std::vector<std::string>{"2027-01-07T01:00:00Z/2027-01-07T02:00:00Z"}));
}

TEST(BusyImport, OtherComponentsAreIgnored) {
  // A to-do, a journal entry and an alarm have times but are not busy time; their content is not read
  // (a value libical would refuse is tolerated there), only their form checked.
  std::string text = vcalendar({
      "BEGIN:VTODO", "UID:t", "DTSTART:20270105T010000Z", "DUE:not a date", "END:VTODO",
      "BEGIN:VJOURNAL", "UID:j", "DTSTART:20270105T010000Z", "END:VJOURNAL",
      "BEGIN:VEVENT", "UID:e", "DTSTART:20270105T020000Z", "DTEND:20270105T030000Z",
      "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT15M", "DESCRIPTION:x", "END:VALARM", "END:VEVENT"});
  EXPECT_EQ(busy(text), (std::vector<std::string>{"2027-01-05T02:00:00Z/2027-01-05T03:00:00Z"}));
}

TEST(BusyImport, DurationInsteadOfDtend) {
  std::string text = vcalendar({"BEGIN:VEVENT", "DTSTART:20270105T020000Z", "DURATION:PT1H30M", "END:VEVENT"});
  EXPECT_EQ(busy(text), (std::vector<std::string>{"2027-01-05T02:00:00Z/2027-01-05T03:30:00Z"}));
}

TEST(BusyImport, StartWithoutEndIsNotBusyButADateIsOneDay) {
  std::string text = vcalendar({
      "BEGIN:VEVENT", "UID:reminder", "DTSTART:20270105T020000Z", "END:VEVENT",
      "BEGIN:VEVENT", "UID:day", "DTSTART;VALUE=DATE:20270106", "END:VEVENT"});
  EXPECT_EQ(busy(text), (std::vector<std::string>{"2027-01-05T17:00:00Z/2027-01-06T17:00:00Z"}));
}

TEST(BusyImport, AllDayEventsAreLocalDaysInTheDefaultZone) {
  std::string text = vcalendar(
      {"BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270106", "DTEND;VALUE=DATE:20270108", "END:VEVENT"});
  EXPECT_EQ(busy(text), (std::vector<std::string>{"2027-01-05T17:00:00Z/2027-01-07T17:00:00Z"}));
  // In Berlin (UTC+1 in January) the same two days are 2027-01-05T23:00Z to 2027-01-07T23:00Z.
  EXPECT_EQ(busy(text, "Europe/Berlin"),
            (std::vector<std::string>{"2027-01-05T23:00:00Z/2027-01-07T23:00:00Z"}));
}

TEST(BusyImport, FloatingTimesAreInTheDefaultZone) {
  std::string text = vcalendar({"BEGIN:VEVENT", "DTSTART:20270107T090000", "DTEND:20270107T100000", "END:VEVENT"});
  EXPECT_EQ(busy(text), (std::vector<std::string>{"2027-01-07T02:00:00Z/2027-01-07T03:00:00Z"}));
  EXPECT_EQ(busy(text, "Europe/Berlin"), (std::vector<std::string>{"2027-01-07T08:00:00Z/2027-01-07T09:00:00Z"}));
}

TEST(BusyImport, UtcTimesIgnoreTheDefaultZone) {
  std::string text = vcalendar({"BEGIN:VEVENT", "DTSTART:20270107T090000Z", "DTEND:20270107T100000Z", "END:VEVENT"});
  EXPECT_EQ(busy(text, "Europe/Berlin"), (std::vector<std::string>{"2027-01-07T09:00:00Z/2027-01-07T10:00:00Z"}));
}

TEST(BusyImport, TzidNamingAVtimezoneOfTheFile) {
  // Outlook writes Windows zone names with their own VTIMEZONE. A +05:30 zone cannot be confused with the
  // default zone: 09:00 there is 03:30Z.
  std::string text = vcalendar({
      "BEGIN:VTIMEZONE", "TZID:India Standard Time", "BEGIN:STANDARD", "DTSTART:16010101T000000",
      "TZOFFSETFROM:+0530", "TZOFFSETTO:+0530", "END:STANDARD", "END:VTIMEZONE",
      "BEGIN:VTIMEZONE", "TZID:SE Asia Standard Time", "BEGIN:STANDARD", "DTSTART:16010101T000000",
      "TZOFFSETFROM:+0700", "TZOFFSETTO:+0700", "END:STANDARD", "END:VTIMEZONE",
      "BEGIN:VEVENT", "UID:a", "DTSTART;TZID=India Standard Time:20270108T090000",
      "DTEND;TZID=India Standard Time:20270108T100000", "END:VEVENT",
      "BEGIN:VEVENT", "UID:b", "DTSTART;TZID=\"SE Asia Standard Time\":20270109T090000",
      "DTEND;TZID=\"SE Asia Standard Time\":20270109T100000", "END:VEVENT"});
  EXPECT_EQ(busy(text, "Europe/Berlin"), (std::vector<std::string>{"2027-01-08T03:30:00Z/2027-01-08T04:30:00Z",
                                                                   "2027-01-09T02:00:00Z/2027-01-09T03:00:00Z"}));
}

TEST(BusyImport, IanaTzidFollowsDaylightSavingTime) {
  std::string text = vcalendar({"BEGIN:VEVENT", "DTSTART;TZID=Europe/Berlin:20270321T100000",
                               "DTEND;TZID=Europe/Berlin:20270321T110000", "RRULE:FREQ=WEEKLY;COUNT=2", "END:VEVENT"});
  EXPECT_EQ(spans(busy_periods(text, at("2027-03-01T00:00:00Z"), at("2027-04-01T00:00:00Z"), hcm)),
            (std::vector<std::string>{"2027-03-21T09:00:00Z/2027-03-21T10:00:00Z",
                                      "2027-03-28T08:00:00Z/2027-03-28T09:00:00Z"}));
}

TEST(BusyImport, OutlookVtimezoneWithDaylightSavingRules) {
  // Outlook's "W. Europe Standard Time" carries Berlin's rules in the file itself, so the same answer as
  // with the IANA name: 10:00 is 09:00Z on Mar 21 and 08:00Z on Mar 28.
  std::string text = vcalendar({
      "BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time",
      "BEGIN:STANDARD", "DTSTART:16011028T030000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
      "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD",
      "BEGIN:DAYLIGHT", "DTSTART:16010325T020000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
      "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "END:DAYLIGHT", "END:VTIMEZONE",
      "BEGIN:VEVENT", "DTSTART;TZID=W. Europe Standard Time:20270321T100000",
      "DTEND;TZID=W. Europe Standard Time:20270321T110000", "RRULE:FREQ=WEEKLY;COUNT=2", "END:VEVENT"});
  EXPECT_EQ(spans(busy_periods(text, at("2027-03-01T00:00:00Z"), at("2027-04-01T00:00:00Z"), hcm)),
            (std::vector<std::string>{"2027-03-21T09:00:00Z/2027-03-21T10:00:00Z",
                                      "2027-03-28T08:00:00Z/2027-03-28T09:00:00Z"}));
}

TEST(BusyImport, RecurringAllDayEventWithDateExdate) {
  // Every Monday as a whole local day, Jan 4 to Jan 25 (UNTIL as a date), less Jan 11.
  std::string text = vcalendar({"BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270104", "DTEND;VALUE=DATE:20270105",
                               "RRULE:FREQ=WEEKLY;UNTIL=20270125", "EXDATE;VALUE=DATE:20270111", "END:VEVENT"});
  EXPECT_EQ(busy(text), (std::vector<std::string>{"2027-01-03T17:00:00Z/2027-01-04T17:00:00Z",
                                                  "2027-01-17T17:00:00Z/2027-01-18T17:00:00Z",
                                                  "2027-01-24T17:00:00Z/2027-01-25T17:00:00Z"}));
}

TEST(BusyImport, UtcUntilOfAZonedSeriesIsInclusive) {
  // Mondays 08:00 in Ho Chi Minh City until 2027-01-18T01:00Z, the start of the third: three occurrences.
  std::string text = vcalendar({"BEGIN:VEVENT", "DTSTART;TZID=Asia/Ho_Chi_Minh:20270104T080000", "DURATION:PT1H",
                               "RRULE:FREQ=WEEKLY;UNTIL=20270118T010000Z", "END:VEVENT"});
  EXPECT_EQ(busy(text), (std::vector<std::string>{"2027-01-04T01:00:00Z/2027-01-04T02:00:00Z",
                                                  "2027-01-11T01:00:00Z/2027-01-11T02:00:00Z",
                                                  "2027-01-18T01:00:00Z/2027-01-18T02:00:00Z"}));
}

TEST(BusyImport, RdateAddsAndExdateRemovesOccurrences) {
  // Daily 01:00Z for three days from Jan 4, less Jan 5, plus Jan 10 and a one-hour period on Jan 12.
  std::string text = vcalendar({
      "BEGIN:VEVENT", "DTSTART:20270104T010000Z", "DTEND:20270104T020000Z", "RRULE:FREQ=DAILY;COUNT=3",
      "EXDATE:20270105T010000Z", "RDATE:20270110T010000Z", "RDATE;VALUE=PERIOD:20270112T050000Z/PT1H",
      "END:VEVENT"});
  EXPECT_EQ(busy(text), (std::vector<std::string>{"2027-01-04T01:00:00Z/2027-01-04T02:00:00Z",
                                                  "2027-01-06T01:00:00Z/2027-01-06T02:00:00Z",
                                                  "2027-01-10T01:00:00Z/2027-01-10T02:00:00Z",
                                                  "2027-01-12T05:00:00Z/2027-01-12T06:00:00Z"}));
}

TEST(BusyImport, UnboundedRuleStopsAtTheEndAndKeepsOnlyOverlappingPeriodsClipped) {
  // Daily 10:00Z–11:00Z forever. [Jan 10 10:30Z, Jan 12 10:00Z) overlaps the Jan 10 period (it started
  // before `from`, so it is cut at `from`) and the Jan 11 one; the Jan 12 one starts at `to`.
  std::string text = vcalendar({"BEGIN:VEVENT", "DTSTART:20270101T100000Z", "DTEND:20270101T110000Z",
                               "RRULE:FREQ=DAILY", "END:VEVENT"});
  EXPECT_EQ(spans(busy_periods(text, at("2027-01-10T10:30:00Z"), at("2027-01-12T10:00:00Z"), hcm)),
            (std::vector<std::string>{"2027-01-10T10:30:00Z/2027-01-10T11:00:00Z",
                                      "2027-01-11T10:00:00Z/2027-01-11T11:00:00Z"}));
}

TEST(BusyImport, PeriodsAreClippedToThePlanningWindow) {
  // A week's leave begun before the window and a conference that outlasts it are stored as the part inside.
  std::string text = vcalendar({"BEGIN:VEVENT", "UID:leave", "DTSTART:20261228T000000Z", "DTEND:20270104T000000Z",
                               "END:VEVENT", "BEGIN:VEVENT", "UID:conference", "DTSTART;VALUE=DATE:20270225",
                               "DURATION:P10D", "END:VEVENT"});
  EXPECT_EQ(busy(text), (std::vector<std::string>{"2027-01-01T00:00:00Z/2027-01-04T00:00:00Z",
                                                  "2027-02-24T17:00:00Z/2027-03-01T00:00:00Z"}));
}

TEST(BusyImport, MorePeriodsThanTheLimitRefusesTheFile) {
  std::string text = vcalendar({"BEGIN:VEVENT", "DTSTART:20270101T100000Z", "DTEND:20270101T110000Z",
                               "RRULE:FREQ=DAILY", "END:VEVENT"});
  // Jan 1, 2 and 3 start in [Jan 1, Jan 4).
  EXPECT_EQ(busy_periods(text, at("2027-01-01T00:00:00Z"), at("2027-01-04T00:00:00Z"), hcm, {.periods = 3}).size(), 3u);
  try {
    busy_periods(text, at("2027-01-01T00:00:00Z"), at("2027-01-04T00:00:00Z"), hcm, {.periods = 2});
    ADD_FAILURE() << "a file over the limit was accepted";
  } catch (const core::error& e) {
    EXPECT_EQ(e.code(), core::errc::invalid_input);
    ASSERT_EQ(e.fields().size(), 1u);
    EXPECT_EQ(e.fields()[0].field, "body");
    EXPECT_EQ(e.fields()[0].reason,
              "more than 2 busy periods between 2027-01-01T00:00:00Z and 2027-01-04T00:00:00Z");
  }
}

TEST(BusyImport, ARuleBegunLongAgoIsExpandedFromTheWindow) {
  // Hourly since 1902 with no end: the 1,416 hours of January and February 2027 take about 1,500 steps of
  // the iterator, not the million from 1902.
  std::string text = vcalendar({"BEGIN:VEVENT", "DTSTART:19020101T000000Z", "DURATION:PT30M", "RRULE:FREQ=HOURLY",
                               "END:VEVENT"});
  auto periods = busy_periods(text, at("2027-01-01T00:00:00Z"), at("2027-03-01T00:00:00Z"), hcm, {.steps = 1500});
  ASSERT_EQ(periods.size(), 59u * 24);
  EXPECT_EQ(spans(periods).front(), "2027-01-01T00:00:00Z/2027-01-01T00:30:00Z");
  EXPECT_EQ(spans(periods).back(), "2027-02-28T23:00:00Z/2027-02-28T23:30:00Z");
}

TEST(BusyImport, ExpandingFromTheWindowGivesWhatAWalkFromDtstartGives) {
  // The rules calendar programs write (BYDAY, numbered BYDAY, BYMONTHDAY also from the end, INTERVAL,
  // BYSETPOS, WKST, all-day events, UNTIL), in a zone with daylight saving time, and one event that lasts
  // longer than the gap between its occurrences. The walk from DTSTART is the same import with a window
  // that starts before DTSTART, cut to the window afterwards.
  const import_limits unlimited{.periods = 1000000, .steps = 10000000, .expansion_time = std::chrono::hours{1}};
  struct series {
    std::string start, rule, length;
  };
  const std::vector<series> all = {
      {"DTSTART:20100103T100000Z", "FREQ=DAILY", "PT1H"},
      {"DTSTART:20100103T100000Z", "FREQ=DAILY;INTERVAL=3", "PT1H"},
      {"DTSTART;TZID=Europe/Berlin:20100103T100000", "FREQ=DAILY;INTERVAL=5;BYDAY=MO,TU,WE", "PT2H"},
      {"DTSTART;TZID=Europe/Berlin:20100103T233000", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,TU;WKST=SU", "PT1H"},
      {"DTSTART;TZID=Europe/Berlin:20100105T100000", "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,WE,FR", "PT1H"},
      {"DTSTART:20100131T100000", "FREQ=MONTHLY", "PT1H"},
      {"DTSTART:20100131T100000", "FREQ=MONTHLY;INTERVAL=5", "PT1H"},
      {"DTSTART:20100103T100000", "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15,-1", "PT1H"},
      {"DTSTART:20100103T100000", "FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU,-1FR", "PT1H"},
      {"DTSTART:20100103T100000", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "PT1H"},
      {"DTSTART:20080229T100000", "FREQ=YEARLY", "PT1H"},
      {"DTSTART:20100103T100000", "FREQ=YEARLY;INTERVAL=2;BYMONTH=1,3,10;BYDAY=-1SU", "PT1H"},
      {"DTSTART;VALUE=DATE:20100103", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SA", "P1D"},
      {"DTSTART;VALUE=DATE:20100103", "FREQ=MONTHLY;BYMONTHDAY=1,16", "P3D"},
      {"DTSTART:20100103T100000Z", "FREQ=WEEKLY;UNTIL=20270310T000000Z", "P9D"},
  };
  for (const series& s : all) {
    std::string rule = "RRULE:" + s.rule, length = "DURATION:" + s.length;
    std::string text = vcalendar({"BEGIN:VEVENT", s.start, length, rule, "END:VEVENT"});
    std::size_t compared = 0;
    auto compare = [&](const char* from, int days) {
      core::instant f = at(from), t = f + std::chrono::days{days};
      std::vector<std::string> walked;
      for (const busy_period& p : busy_periods(text, at("2009-01-01T00:00:00Z"), t, "Europe/Berlin", unlimited))
        if (p.end > f) walked.push_back(core::format_utc(std::max(p.start, f)) + "/" + core::format_utc(p.end));
      EXPECT_EQ(spans(busy_periods(text, f, t, "Europe/Berlin")), walked) << s.rule << " from " << from;
      compared += walked.size();
    };
    for (const char* from : {"2027-01-01T00:00:00Z", "2027-03-27T12:00:00Z", "2027-10-30T23:30:00Z"}) compare(from, 75);
    compare("2027-06-01T00:00:00Z", 640);  // a sparse rule (yearly, a 29 February) may miss the short windows
    EXPECT_GT(compared, 0u) << s.rule;
  }
}

TEST(BusyImport, LibicalIsLockedOneStepAtATimeNotForTheWholeFile) {
  // Thousands of single events and 10 daily rules in the window: an import that takes a while. Meanwhile
  // another thread (a feed being rendered) needs libical now and then; it waits for one step, not for the
  // import. The file grows until the import lasts long enough to tell (a fast build needs more events).
  auto file = [](int events) {
    std::string text = ics({"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//busy//EN"});
    for (int i = 0; i < events; ++i) {
      char line[80];
      std::snprintf(line, sizeof line, "DTSTART:202701%02dT%02d%02d%02dZ", 1 + i % 28, i / 28 % 24, i / 672 % 60, i % 60);
      text += "BEGIN:VEVENT\r\nUID:" + std::to_string(i) + "\r\nSUMMARY:Việc riêng\r\n" + line +
              "\r\nDURATION:PT1S\r\nEND:VEVENT\r\n";
    }
    for (int i = 0; i < 10; ++i)
      text += "BEGIN:VEVENT\r\nDTSTART:19020101T1" + std::to_string(i) + "0000Z\r\nDURATION:PT1M\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\n";
    return text + "END:VCALENDAR\r\n";
  };
  using clock = std::chrono::steady_clock;
  auto ms = [](clock::duration d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
  for (int events = 4000;; events *= 4) {
    std::string text = file(events);
    std::atomic<bool> done{false};
    clock::duration longest_wait{0};
    int turns = 0;
    std::thread other([&] {
      while (!done) {
        clock::time_point asked = clock::now();
        { std::lock_guard lock(libical_mutex()); }
        longest_wait = std::max(longest_wait, clock::now() - asked);
        ++turns;
        std::this_thread::sleep_for(std::chrono::milliseconds{1});
      }
    });
    clock::time_point started = clock::now();
    std::size_t found = busy_periods(text, at("2027-01-01T00:00:00Z"), at("2027-03-01T00:00:00Z"), hcm,
                                     {.periods = 100000}).size();
    clock::duration took = clock::now() - started;
    done = true;
    other.join();
    EXPECT_EQ(found, static_cast<std::size_t>(events) + 10 * 59);
    if (ms(took) < 200 && events < 100000) continue;
    EXPECT_LT(ms(longest_wait) * 10, ms(took)) << "waited " << ms(longest_wait) << " ms of an import of " << ms(took)
                                                << " ms (" << turns << " turns)";
    std::cout << events << " events: import " << ms(took) << " ms; longest wait for libical " << ms(longest_wait)
              << " ms over " << turns << " turns\n";
    break;
  }
}

TEST(BusyImport, FoldedLinesBareLineFeedsAndByteOrderMark) {
  // "Họp tổ dân phố" folded three times (once with a tab); the last fold splits the three bytes of "ố"
  // (E1 BB | 91), which unfolding restores. LF and CRLF line ends are mixed, and a blank line ends the file.
  std::string text = "\xEF\xBB\xBF" "BEGIN:VCALENDAR\n"
                     "BEGIN:VEVENT\n"
                     "SUMMARY:H\n"
                     " ọp tổ\n"
                     "\t dân ph\xE1\xBB\n"
                     " \x91\n"
                     "UID:fold\r\n"
                     "DTSTART:20270105T0\n"
                     " 10000Z\n"
                     "DTEND:20270105T020000Z\n"
                     "END:VEVENT\n"
                     "END:VCALENDAR\n\n";
  auto periods = busy_periods(text, at("2027-01-01T00:00:00Z"), at("2027-03-01T00:00:00Z"), hcm);
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_EQ(periods[0].summary, "Họp tổ dân phố");
  EXPECT_EQ(periods[0].uid, "fold");
  EXPECT_EQ(core::format_utc(periods[0].start), "2027-01-05T01:00:00Z");
}

TEST(BusyImport, EscapedTextIsReturnedUnescaped) {
  std::string text =
      vcalendar({"BEGIN:VEVENT", "SUMMARY:Họp\\, bàn\\; việc", "DTSTART:20270105T010000Z", "DURATION:PT1H", "END:VEVENT"});
  auto periods = busy_periods(text, at("2027-01-01T00:00:00Z"), at("2027-03-01T00:00:00Z"), hcm);
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_EQ(periods[0].summary, "Họp, bàn; việc");
}

TEST(BusyImportRefuses, FileNotStartingWithBeginVcalendar) {
  EXPECT_EQ(refusal(ics({"BEGIN:VEVENT", "END:VEVENT"})), "line 1: the file must start with BEGIN:VCALENDAR");
  EXPECT_EQ(line_of(""), "line 1");
  EXPECT_EQ(line_of("hello world"), "line 1");
}

TEST(BusyImportRefuses, UnbalancedBeginAndEnd) {
  // Line 4 opens an event; line 6 closes the calendar instead.
  EXPECT_EQ(refusal(vcalendar({"BEGIN:VEVENT", "DTSTART:20270105T010000Z"})),
            "line 6: END:VCALENDAR does not close BEGIN:VEVENT of line 4");
  EXPECT_EQ(refusal(ics({"BEGIN:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT"})),
            "line 1: BEGIN:VCALENDAR has no END:VCALENDAR");
  EXPECT_EQ(line_of(ics({"BEGIN:VCALENDAR", "END:VCALENDAR", "END:VEVENT"})), "line 3");
  EXPECT_EQ(line_of(ics({"BEGIN:VCALENDAR", "END:VCALENDAR", "SUMMARY:x"})), "line 3");
  EXPECT_EQ(refusal(ics({"BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VCALENDAR", "END:VCALENDAR"})),
            "line 3: a second calendar: the file must hold one VCALENDAR");
  EXPECT_EQ(refusal(" BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
            "line 1: a folded continuation line (starting with a space) has no line before it");
}

TEST(BusyImportRefuses, ContentLineWithoutColon) {
  EXPECT_EQ(refusal(vcalendar({"BEGIN:VEVENT", "SUMMARY;LANGUAGE=vi", "END:VEVENT"})),
            "line 5: no ':' between the name and the value");
  // Also inside a component that is otherwise ignored.
  EXPECT_EQ(line_of(vcalendar({"BEGIN:VTODO", "just some text", "END:VTODO"})), "line 5");
}

TEST(BusyImportRefuses, BadDtstartValue) {
  EXPECT_EQ(refusal(vcalendar({"BEGIN:VEVENT", "DTSTART:tomorrow", "END:VEVENT"})),
            "line 5: the value of DTSTART is not valid");
  // libical reads month 13 without complaint; it is checked here.
  EXPECT_EQ(refusal(vcalendar({"BEGIN:VEVENT", "DTSTART:20271305T010000Z", "END:VEVENT"})),
            "line 5: DTSTART is not a valid date or time");
  EXPECT_EQ(refusal(vcalendar({"BEGIN:VEVENT", "UID:x", "END:VEVENT"})), "line 4: the event has no DTSTART");
}

TEST(BusyImportRefuses, LineNumbersCountPhysicalLinesAfterFolding) {
  // Lines 5–7 are one folded DESCRIPTION; the bad DTSTART is on physical line 8.
  std::string text = ics({"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:x", "BEGIN:VEVENT", "DESCRIPTION:một",
                          " hai", " ba", "DTSTART:20270105T01", "DTEND:20270105T020000Z", "END:VEVENT",
                          "END:VCALENDAR"});
  EXPECT_EQ(refusal(text), "line 8: the value of DTSTART is not valid");
}

TEST(BusyImportRefuses, BadRrule) {
  EXPECT_EQ(refusal(vcalendar({"BEGIN:VEVENT", "DTSTART:20270105T010000Z", "DURATION:PT1H", "RRULE:FREQ=SOMETIMES",
                              "END:VEVENT"})),
            "line 7: the value of RRULE is not valid");
  EXPECT_EQ(refusal(vcalendar({"BEGIN:VEVENT", "DTSTART:20270105T010000Z", "DURATION:PT1H",
                              "RRULE:FREQ=WEEKLY;BYDAY=1MO", "END:VEVENT"})),
            "line 7: a numbered BYDAY (like 1MO) needs FREQ=MONTHLY or FREQ=YEARLY");
}

TEST(BusyImportRefuses, RulesLibicalCannotExpandOrThatRepeatTooOften) {
  EXPECT_EQ(line_of(vcalendar({"BEGIN:VEVENT", "DTSTART:20270105T010000Z", "DURATION:PT1M",
                              "RRULE:FREQ=WEEKLY;BYMONTHDAY=5", "END:VEVENT"})),
            "line 7");
  // Every minute of January and February: some 85,000 steps.
  EXPECT_EQ(refusal(vcalendar({"BEGIN:VEVENT", "DTSTART:20100101T000000Z", "DURATION:PT1S", "RRULE:FREQ=MINUTELY",
                              "END:VEVENT"})),
            "line 7: RRULE goes over the limit of 20000 recurrence steps for one file");
}

TEST(BusyImportRefuses, MoreThanOneRruleOnAnEvent) {
  EXPECT_EQ(refusal(vcalendar({"BEGIN:VEVENT", "DTSTART:20270105T010000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY",
                              "RRULE:FREQ=WEEKLY", "END:VEVENT"})),
            "line 8: an event may have only one RRULE");
}

TEST(BusyImportRefuses, RecurrenceStepsAreCountedForTheWholeFile) {
  // A COUNT counts from DTSTART, so each of these rules walks 8,000 days from 2000 (all before the window):
  // two fit in the budget of 20,000 steps, three do not. Each event is 6 lines from line 4.
  std::vector<std::string> events;
  for (const char* uid : {"UID:a", "UID:b", "UID:c"})
    for (const char* line : {"BEGIN:VEVENT", uid, "DTSTART:20000101T010000Z", "DURATION:PT1H",
                             "RRULE:FREQ=DAILY;COUNT=8000", "END:VEVENT"})
      events.emplace_back(line);
  auto file = [&](std::size_t count) {
    std::string out = vcalendar({});
    out.resize(out.size() - std::string_view("END:VCALENDAR\r\n").size());
    for (std::size_t i = 0; i < count * 6; ++i) out += events[i] + "\r\n";
    return out + "END:VCALENDAR\r\n";
  };
  EXPECT_TRUE(busy(file(2)).empty());
  EXPECT_EQ(refusal(file(3)), "line 20: RRULE goes over the limit of 20000 recurrence steps for one file");
}

TEST(BusyImportRefuses, RecurrenceTimeIsCountedForTheWholeFile) {
  // There is no 30 February: libical searches up to the year 20000 (hundreds of milliseconds) before it
  // gives up. Its DTSTART is still the one occurrence when the time allows.
  std::string text = vcalendar({"BEGIN:VEVENT", "DTSTART:20270105T010000Z", "DURATION:PT1H",
                               "RRULE:FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30", "END:VEVENT"});
  try {
    busy_periods(text, at("2027-01-01T00:00:00Z"), at("2027-03-01T00:00:00Z"), hcm,
                 {.expansion_time = std::chrono::milliseconds{1}});
    ADD_FAILURE() << "accepted";
  } catch (const core::error& e) {
    ASSERT_EQ(e.fields().size(), 1u);
    EXPECT_EQ(e.fields()[0].reason, "line 7: RRULE goes over the limit of 1 ms of recurrence expansion for one file");
  }
}

TEST(BusyImportRefuses, DurationsThatOverflow) {
  EXPECT_EQ(refusal(vcalendar({"BEGIN:VEVENT", "DTSTART:20270105T010000Z", "DURATION:P99999999W", "END:VEVENT"})),
            "line 6: DURATION is too long: the event would end after the year 9999");
  EXPECT_EQ(refusal(vcalendar({"BEGIN:VEVENT", "DTSTART:20270105T010000Z", "DURATION:PT9999999999999S", "END:VEVENT"})),
            "line 6: DURATION holds a number too large to read (more than 2147483647)");
  EXPECT_EQ(refusal(vcalendar({"BEGIN:VEVENT", "DTSTART:20270105T010000Z", "DURATION:PT1H",
                              "RDATE;VALUE=PERIOD:20270112T050000Z/PT9999999999999S", "END:VEVENT"})),
            "line 7: RDATE holds a number too large to read (more than 2147483647)");
  EXPECT_EQ(refusal(vcalendar({"BEGIN:VEVENT", "DTSTART:20270105T010000Z", "DURATION:PT1H",
                              "RDATE;VALUE=PERIOD:20270112T050000Z/P99999999W", "END:VEVENT"})),
            "line 7: the RDATE period would end after the year 9999");
  // Long but within the years the service knows: kept, and cut to the window.
  EXPECT_EQ(busy(vcalendar({"BEGIN:VEVENT", "DTSTART:20270105T010000Z", "DURATION:P520W", "END:VEVENT"})),
            (std::vector<std::string>{"2027-01-05T01:00:00Z/2027-03-01T00:00:00Z"}));
}

TEST(BusyImportRefuses, EndBeforeStart) {
  EXPECT_EQ(refusal(vcalendar({"BEGIN:VEVENT", "DTSTART:20270105T010000Z", "DTEND:20270105T000000Z", "END:VEVENT"})),
            "line 6: the event ends before it starts");
  EXPECT_EQ(refusal(vcalendar({"BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270105", "DTEND;VALUE=DATE:20270104",
                              "END:VEVENT"})),
            "line 6: the event ends before it starts");
  EXPECT_EQ(refusal(vcalendar({"BEGIN:VEVENT", "DTSTART:20270105T010000Z", "DURATION:-PT1H", "END:VEVENT"})),
            "line 6: DURATION is negative");
}

TEST(BusyImportRefuses, TextThatIsNotUtf8) {
  // Latin-1 "é" (E9) on the continuation line 6 of a SUMMARY that starts on line 5.
  EXPECT_EQ(refusal(vcalendar({"BEGIN:VEVENT", "SUMMARY:Caf", " \xE9 sáng", "DTSTART:20270105T010000Z", "END:VEVENT"})),
            "line 6: is not valid UTF-8");
}

TEST(BusyImportRefuses, UnknownTimeZone) {
  EXPECT_EQ(line_of(vcalendar({"BEGIN:VEVENT", "DTSTART;TZID=Mars/Olympus_Mons:20270105T010000", "END:VEVENT"})),
            "line 5");
}

TEST(BusyImportRefuses, NothingIsReturnedFromAFileThatFailsLate) {
  // The first event is fine; the error is in the last line of the file but one: the whole file is refused.
  std::string text = vcalendar({"BEGIN:VEVENT", "DTSTART:20270105T010000Z", "DURATION:PT1H", "END:VEVENT",
                               "BEGIN:VEVENT", "DTSTART:20270106T010000Z", "DTEND:20270106T000000Z", "END:VEVENT"});
  EXPECT_EQ(line_of(text), "line 10");
}
