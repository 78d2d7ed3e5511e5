// The grievance report on a fixture with known answers, and CSV as spreadsheets need it: RFC 4180 quoting,
// a UTF-8 byte-order mark, and formulas neutralised.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "core/csv.hpp"
#include "domain/grievance_report.hpp"

using namespace satdan;
using namespace std::chrono_literals;

namespace {

domain::grievance make(domain::id_t id, std::string kind, domain::date received, int sla, std::optional<int> answered_after,
                       std::optional<domain::id_t> handling) {
  domain::grievance g;
  g.id = id;
  g.tracking_code = "CODE" + std::to_string(id);
  g.kind = std::move(kind);
  g.category = id % 2 ? "land_management" : "infrastructure";
  g.category_label = id % 2 ? "Quản lý đất đai" : "Cơ sở hạ tầng";
  g.unit_id = 10;
  g.summary = "Tóm tắt";
  g.citizen_name = "Nguyễn Văn Dân";
  g.received_on = received;
  g.due_on = domain::due_date(received, sla);
  g.handling_unit_id = handling;
  g.status = handling ? "in_progress" : "received";
  if (answered_after) {
    g.status = "answered";
    g.answered_on = domain::date{std::chrono::sys_days{received} + std::chrono::days{*answered_after}};
    g.answer = "Đã trả lời";
  }
  return g;
}

}  // namespace

TEST(GrievanceReport, FiguresOnAFixtureWithKnownAnswers) {
  const domain::date today = 2027y / 4 / 30;
  std::vector<domain::grievance> cases = {
      make(1, "complaint", 2027y / 3 / 1, 30, 10, 20),       // on time, 10 days
      make(2, "complaint", 2027y / 3 / 1, 30, 31, 20),       // late, 31 days
      make(3, "recommendation", 2027y / 3 / 2, 15, 5, 21),   // on time, 5 days
      make(4, "recommendation", 2027y / 3 / 3, 15, 15, 21),  // on the due date: on time, 15 days
      make(5, "denunciation", 2027y / 3 / 5, 30, std::nullopt, 20),  // open, due 4 April: overdue 26 days
      make(6, "report", 2027y / 4 / 20, 15, std::nullopt, std::nullopt),  // not yet assigned, not yet due
  };
  auto r = domain::build_grievance_report(cases, 2027y / 3 / 1, 2027y / 4 / 30, today,
                                          {{10, "Thôn Phú Lâm"}, {20, "UBND xã Tam Thành"}, {21, "Phòng Nông nghiệp"}});
  EXPECT_EQ(r.received, 6);
  EXPECT_EQ(r.answered, 4);
  EXPECT_EQ(r.answered_on_time, 3);
  EXPECT_DOUBLE_EQ(*r.on_time_rate, 0.75);
  EXPECT_EQ(r.overdue, 1);
  EXPECT_DOUBLE_EQ(*r.median_days, 10);  // nearest rank of {5, 10, 15, 31}
  EXPECT_DOUBLE_EQ(*r.p90_days, 31);
  ASSERT_EQ(r.by_kind.size(), 4u);
  EXPECT_EQ(r.by_kind[0].code, "recommendation");
  EXPECT_EQ(r.by_kind[0].count, 2);
  EXPECT_EQ(r.by_kind[3].label, "Tố cáo");
  ASSERT_EQ(r.overdue_cases.size(), 1u);
  EXPECT_EQ(r.overdue_cases[0].id, 5);
  EXPECT_EQ(r.overdue_cases[0].days_overdue, 26);
  EXPECT_EQ(r.overdue_cases[0].handling_unit_name, "UBND xã Tam Thành");
  ASSERT_EQ(r.by_handling_unit.size(), 3u);
  const auto& commune = r.by_handling_unit[1];  // none sorts first, then 20, 21
  EXPECT_EQ(commune.handling_unit_id, 20);
  EXPECT_EQ(commune.received, 3);
  EXPECT_EQ(commune.answered_late, 1);
  EXPECT_EQ(commune.overdue, 1);
  EXPECT_DOUBLE_EQ(*commune.on_time_rate, 0.5);
  EXPECT_FALSE(r.by_handling_unit[0].handling_unit_id);
  EXPECT_EQ(r.by_handling_unit[0].open, 1);
}

TEST(GrievanceReport, ExportsHoldNoCitizensIdentity) {
  std::vector<domain::grievance> cases = {make(1, "denunciation", 2027y / 3 / 1, 30, std::nullopt, 20)};
  auto r = domain::build_grievance_report(cases, 2027y / 3 / 1, 2027y / 3 / 31, 2027y / 5 / 1, {{10, "Thôn"}, {20, "Xã"}});
  std::string all = boost::json::serialize(domain::to_json(r));
  for (const auto& t : domain::grievance_report_tables()) all += domain::to_csv(r, t);
  EXPECT_EQ(all.find("Nguyễn Văn Dân"), std::string::npos);
}

TEST(GrievanceReport, PercentileIsNearestRank) {
  EXPECT_FALSE(domain::percentile({}, 50));
  EXPECT_EQ(domain::percentile({7}, 90), 7);
  EXPECT_EQ(domain::percentile({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90), 9);
  EXPECT_EQ(domain::percentile({10, 1, 5}, 50), 5);
}
