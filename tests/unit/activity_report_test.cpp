// The member report for someone who came without a seat: their presence counts and is shown apart; an
// absence recorded without a seat is not held against them.
#include <gtest/gtest.h>

#include "domain/activity_report.hpp"

using namespace satdan;

namespace {

domain::activity_inputs two_sessions_one_seat() {
  domain::activity_inputs in;
  in.quarters = {"2026-Q1"};
  for (domain::id_t id : {1, 2, 3}) {
    domain::activity_session s;
    s.id = id;
    s.kind = "cell_meeting";
    s.status = "held";
    s.unit_id = 10;
    s.cell_id = 100 + id;
    s.quarter = "2026-Q1";
    s.past = true;
    in.sessions.push_back(s);
  }
  domain::member m;
  m.id = 7;
  m.full_name = "Huỳnh Văn Huyện";
  m.level = "district";
  m.home_unit_id = 10;
  in.members.push_back(m);
  in.member_levels[7] = "district";
  return in;
}

TEST(MemberReport, AttendanceWithoutASeatCountsAndIsShownApart) {
  auto in = two_sessions_one_seat();
  in.lines = {{1, 7, true, "late"},            // seated, came late
              {2, 7, false, "on_time"},        // no seat, came anyway (a stand-in)
              {3, 7, false, "absent_unexcused"}};  // no seat, not there: nobody expected them
  auto rows = domain::member_report(in);
  ASSERT_EQ(rows.size(), 1u);
  const auto& r = rows[0];
  EXPECT_EQ(r.assigned, 1);
  EXPECT_EQ(r.attended, 2);
  EXPECT_EQ(r.attended_without_seat, 1);
  EXPECT_LE(r.attended - r.attended_without_seat, r.assigned);
  EXPECT_EQ(r.on_time, 1);
  EXPECT_EQ(r.late, 1);
  EXPECT_EQ(r.absent_unexcused, 0);
  EXPECT_DOUBLE_EQ(*r.attendance_rate, 1.0);
  EXPECT_EQ(r.cells_visited.at("2026-Q1"), 2);  // a visit is a visit, seat or not
  EXPECT_EQ(domain::to_json(r).at("attended_without_seat").as_int64(), 1);
  auto csv = domain::members_csv(rows, in.quarters);
  EXPECT_NE(csv.find("Tham dự không được phân công"), std::string::npos) << csv;
  EXPECT_NE(csv.find("7,Huỳnh Văn Huyện,district,1,2,1,1,1,0,0,100.0,50.0,2\r\n"), std::string::npos) << csv;
}

TEST(MemberReport, AnAbsenceFromASeatCounts) {
  auto in = two_sessions_one_seat();
  in.lines = {{1, 7, true, "absent_excused"}, {2, 7, true, "on_time"}};
  auto r = domain::member_report(in).at(0);
  EXPECT_EQ(r.assigned, 2);
  EXPECT_EQ(r.attended, 1);
  EXPECT_EQ(r.attended_without_seat, 0);
  EXPECT_EQ(r.absent_excused, 1);
  EXPECT_DOUBLE_EQ(*r.attendance_rate, 0.5);
}

}  // namespace
