// Monthly rules read from and written to RRULE, and said in Vietnamese words as the series pages show them.
#include <gtest/gtest.h>

#include "pages/series_form.hpp"
#include "pages/series_words.hpp"
#include "pages/web_assets.hpp"
#include "services/series_rule.hpp"

using namespace satdan;
using namespace std::chrono;
using services::monthly_rule;

namespace {

std::string words_for(const std::string& rrule, int start_minute = 19 * 60 + 30) {
  domain::series s;
  s.rrule = rrule;
  s.start_minute = start_minute;
  return pages::rule_in_words(s, pages::assets().words());
}

}  // namespace

TEST(MonthlyRule, ReadsTheShapesADistrictUses) {
  auto day = services::read_monthly_rule("FREQ=MONTHLY;BYMONTHDAY=5");
  ASSERT_TRUE(day);
  EXPECT_EQ(day->pattern, monthly_rule::by::day_of_month);
  EXPECT_EQ(day->day, 5);
  auto last_sunday = services::read_monthly_rule("RRULE:FREQ=MONTHLY;BYDAY=-1SU;INTERVAL=2");
  ASSERT_TRUE(last_sunday);
  EXPECT_EQ(last_sunday->pattern, monthly_rule::by::weekday);
  EXPECT_EQ(last_sunday->weekday, 0);
  EXPECT_EQ(last_sunday->week, -1);
  EXPECT_EQ(last_sunday->every_months, 2);
  auto until = services::read_monthly_rule("FREQ=MONTHLY;BYDAY=+2WE;UNTIL=20271231T165959Z");
  ASSERT_TRUE(until);
  EXPECT_EQ(until->week, 2);
  EXPECT_EQ(until->until, 2027y / December / 31d);
  EXPECT_EQ(services::read_monthly_rule("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=6")->count, 6);
}

TEST(MonthlyRule, LeavesRulesNotSaidInOnePhraseAlone) {
  for (const char* rule : {"FREQ=WEEKLY;BYDAY=TU", "FREQ=MONTHLY", "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=1",
                           "FREQ=MONTHLY;BYDAY=5TU", "FREQ=MONTHLY;BYMONTHDAY=5;BYDAY=1TU", "FREQ=MONTHLY;BYMONTHDAY=1,15",
                           "FREQ=MONTHLY;BYMONTHDAY=0", "FREQ=MONTHLY;INTERVAL=13;BYMONTHDAY=5",
                           "FREQ=MONTHLY;BYMONTHDAY=5;UNTIL=20270230", "FREQ=MONTHLY;BYMONTHDAY=5;UNTIL=20271231;COUNT=3"})
    EXPECT_FALSE(services::read_monthly_rule(rule)) << rule;
}

TEST(MonthlyRule, WritesWhatItReadsBack) {
  monthly_rule first_tuesday{.pattern = monthly_rule::by::weekday, .weekday = 2, .week = 1};
  EXPECT_EQ(services::to_rrule(first_tuesday), "FREQ=MONTHLY;BYDAY=1TU");
  monthly_rule last_day{.day = -1, .every_months = 3, .until = 2027y / March / 1d};
  EXPECT_EQ(services::to_rrule(last_day), "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1;UNTIL=20270301");
  for (const auto& r : {first_tuesday, last_day, monthly_rule{.day = 10, .count = 12},
                        monthly_rule{.pattern = monthly_rule::by::weekday, .weekday = 0, .week = -1, .every_months = 2}})
    EXPECT_EQ(services::read_monthly_rule(services::to_rrule(r)), r) << services::to_rrule(r);
}

TEST(SeriesWords, SaysTheRuleInVietnamese) {
  EXPECT_EQ(words_for("FREQ=MONTHLY;BYMONTHDAY=5"), "Ngày 5 hằng tháng, lúc 19:30");
  EXPECT_EQ(words_for("FREQ=MONTHLY;BYDAY=1TU;INTERVAL=2"), "Thứ Ba tuần đầu tiên mỗi 2 tháng, lúc 19:30");
  EXPECT_EQ(words_for("FREQ=MONTHLY;BYDAY=2WE", 7 * 60), "Thứ Tư tuần thứ hai hằng tháng, lúc 07:00");
  EXPECT_EQ(words_for("FREQ=MONTHLY;BYDAY=-1SU", 19 * 60), "Chủ nhật tuần cuối cùng hằng tháng, lúc 19:00");
  EXPECT_EQ(words_for("FREQ=MONTHLY;BYMONTHDAY=-1"), "Ngày cuối cùng hằng tháng, lúc 19:30");
  EXPECT_EQ(words_for("FREQ=MONTHLY;BYMONTHDAY=10;UNTIL=20271231"), "Ngày 10 hằng tháng, lúc 19:30, đến hết ngày 31/12/2027");
  EXPECT_EQ(words_for("FREQ=MONTHLY;BYMONTHDAY=10;COUNT=1200"), "Ngày 10 hằng tháng, lúc 19:30, 1.200 buổi");
  EXPECT_EQ(words_for("FREQ=WEEKLY;BYDAY=MO"), pages::assets().words().get("series.rule_other"));
}

TEST(SeriesForm, ReadsDatesAsTypedOrAsTheDatePickerSendsThem) {
  EXPECT_EQ(pages::read_form_date("2027-01-05"), 2027y / January / 5d);
  EXPECT_EQ(pages::read_form_date(" 5/1/2027 "), 2027y / January / 5d);
  EXPECT_EQ(pages::read_form_date("29/02/2028"), 2028y / February / 29d);
  EXPECT_FALSE(pages::read_form_date("29/02/2027"));
  EXPECT_FALSE(pages::read_form_date("05/01"));
  EXPECT_FALSE(pages::read_form_date(""));
}

TEST(SeriesForm, ATypedRuleBecomesASeriesOrErrorsBesideItsFields) {
  pages::rule_input in;
  in.pattern = "thu";
  in.weekday = "2";
  in.week = "cuoi";
  in.every = "2";
  in.first_date = "01/01/2027";
  in.ends = "so-lan";
  in.count = "6";
  in.start_time = "19:30";
  in.end_time = "21:00";
  in.skip_dates = "05/02/2027, 2027-02-05\n\n07/03/2027";
  auto ok = pages::read_rule_input(in, 7, "Asia/Ho_Chi_Minh");
  ASSERT_TRUE(ok.errors.empty());
  EXPECT_EQ(ok.series.rrule, "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TU;COUNT=6");
  EXPECT_EQ(ok.series.duration_minutes, 90);
  EXPECT_EQ(ok.series.exdates.size(), 2u);
  EXPECT_EQ(ok.series.cell_id, 7);

  in.every = "0";
  in.end_time = "19:30";
  in.ends = "ngay";
  in.until = "31/12/2026";
  auto bad = pages::read_rule_input(in, 7, "Asia/Ho_Chi_Minh");
  std::vector<std::string> fields;
  for (const auto& [field, message] : bad.errors) fields.push_back(field);
  EXPECT_EQ(fields, (std::vector<std::string>{"every", "until", "end_time"}));
}
