// The member and unit reports on a small district with known answers, read from each backend: sessions
// held, cancelled and not yet recorded, assignments and attendance, district members' visits to cells.
#include <gtest/gtest.h>

#include "store/activity_store.hpp"
#include "store/assignments_store.hpp"
#include "store/attendance_store.hpp"
#include "store/directory_store.hpp"
#include "store/meetings_store.hpp"
#include "support/test_database.hpp"
#include "support/store_fixture.hpp"

using namespace satdan;
using namespace std::chrono_literals;

namespace {

std::string quarter_utc(core::instant t) {
  std::chrono::year_month_day d{std::chrono::floor<std::chrono::days>(t)};
  return std::to_string(static_cast<int>(d.year())) + "-Q" + std::to_string((static_cast<unsigned>(d.month()) - 1) / 3 + 1);
}

class ActivityReport : public testkit::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    store::directory_store directory(db_);
    district_ = directory.create_unit({0, std::nullopt, "district", "Phú Ninh", std::nullopt}, who_).id;
    commune_ = directory.create_unit({0, district_, "commune", "Tam Thái", std::nullopt}, who_).id;
    auto v1 = directory.create_unit({0, commune_, "village", "Phú Thạnh", std::nullopt}, who_).id;
    auto v2 = directory.create_unit({0, commune_, "village", "Phú Hưng", std::nullopt}, who_).id;
    cell1_ = directory.create_cell({0, v1, "Chi bộ thôn Phú Thạnh", "village"}, who_).id;
    cell2_ = directory.create_cell({0, v2, "Chi bộ thôn Phú Hưng", "village"}, who_).id;
    domain::member d;
    d.full_name = "Huỳnh Văn Huyện";
    d.level = "district";
    d.home_unit_id = district_;
    district_member_ = directory.create_member(d, who_).id;
    domain::member c;
    c.full_name = "Phan Thị Xã";
    c.level = "commune";
    c.home_unit_id = commune_;
    commune_member_ = directory.create_member(c, who_).id;
  }

  domain::session session_at(const char* start, std::optional<domain::id_t> cell) {
    store::meetings_store meetings(db_);
    domain::session s;
    s.kind = cell ? "cell_meeting" : "dialogue";
    s.unit_id = commune_;
    if (cell) {
      s.cell_id = cell;
      s.unit_id = store::directory_store(db_).get_cell(*cell).unit_id;
    } else {
      s.topic = "Đối thoại";
    }
    s.start = *core::parse_rfc3339(start);
    s.end = s.start + 2h;
    s.needs = cell ? domain::seats{{"commune", 1}} : domain::seats{{"district", 2}};
    return meetings.create_session(s, who_);
  }

  domain::attendance_record line(domain::id_t member, std::string status) {
    domain::attendance_record r;
    r.member_id = member;
    r.status = std::move(status);
    if (r.status == "late") r.late_minutes = 10;
    if (r.status == "absent_excused") r.reason = "Họp tỉnh";
    return r;
  }

  domain::id_t district_ = 0, commune_ = 0, cell1_ = 0, cell2_ = 0, district_member_ = 0, commune_member_ = 0;
};

TEST_F(ActivityReport, FiguresOnAKnownDistrict) {
  store::attendance_store attendance(db_);
  store::meetings_store meetings(db_);
  auto held = session_at("2027-02-10T12:00:00Z", cell1_);
  attendance.record_session(held.id, {{line(district_member_, "on_time"), line(commune_member_, "late")}, std::nullopt, std::nullopt},
                            held.end, who_);
  auto cancelled = session_at("2027-03-10T12:00:00Z", cell2_);
  cancelled.status = "cancelled";
  cancelled.status_reason = "Mưa bão";
  meetings.update_session(cancelled, cancelled.sequence, who_);
  session_at("2027-05-10T12:00:00Z", cell2_);  // over, never recorded
  auto dialogue = session_at("2027-05-20T01:00:00Z", std::nullopt);
  store::assignments_store seats(db_, {.month = [](core::instant t) {
                                   std::chrono::year_month_day d{std::chrono::floor<std::chrono::days>(t)};
                                   return static_cast<int>(d.year()) * 12 + static_cast<int>(unsigned(d.month())) - 1;
                                 }});
  seats.assign(dialogue.id, district_member_, "district", true, who_);
  attendance.record_session(dialogue.id, {{line(district_member_, "absent_excused")}, 50, "Biên bản"}, dialogue.end, who_);
  session_at("2027-08-10T12:00:00Z", cell1_);  // still to come

  store::activity_store activity(db_);
  auto in = activity.read(district_, *core::parse_rfc3339("2027-01-01T00:00:00Z"), *core::parse_rfc3339("2027-10-01T00:00:00Z"));
  const auto now = *core::parse_rfc3339("2027-07-01T00:00:00Z");
  for (auto& s : in.sessions) {
    s.quarter = quarter_utc(s.start);
    s.past = s.end <= now;
  }
  in.quarters = {"2027-Q1", "2027-Q2", "2027-Q3"};
  ASSERT_EQ(in.sessions.size(), 5u);

  auto units = domain::unit_report(in);
  const domain::unit_activity* commune = nullptr;
  for (const auto& u : units)
    if (u.unit_id == commune_) commune = &u;
  ASSERT_NE(commune, nullptr);
  EXPECT_EQ(commune->sessions, 5);
  EXPECT_EQ(commune->held, 2);
  EXPECT_EQ(commune->cancelled, 1);
  EXPECT_EQ(commune->past_not_recorded, 1);
  EXPECT_EQ(commune->upcoming, 1);
  EXPECT_NEAR(*commune->held_rate, 2.0 / 3.0, 1e-9);
  EXPECT_EQ(commune->cells, 2);
  EXPECT_EQ(commune->cells_visited.at("2027-Q1"), 1);
  EXPECT_EQ(commune->cells_visited.at("2027-Q2"), 0);
  EXPECT_EQ(commune->dialogues_held, 1);
  EXPECT_EQ(commune->citizens_reached, 50);

  auto members = domain::member_report(in);
  ASSERT_EQ(members.size(), 2u);
  const auto& d = members[0].member_id == district_member_ ? members[0] : members[1];
  const auto& c = members[0].member_id == district_member_ ? members[1] : members[0];
  EXPECT_EQ(d.assigned, 1);
  EXPECT_EQ(d.attended, 1);
  EXPECT_EQ(d.on_time, 1);
  EXPECT_EQ(d.absent_excused, 1);
  EXPECT_DOUBLE_EQ(*d.attendance_rate, 0.5);
  EXPECT_DOUBLE_EQ(*d.punctuality_rate, 1.0);
  EXPECT_EQ(d.cells_visited.at("2027-Q1"), 1);
  EXPECT_EQ(c.attended, 1);
  EXPECT_EQ(c.late, 1);
  EXPECT_DOUBLE_EQ(*c.punctuality_rate, 0.0);
  EXPECT_EQ(c.cells_visited.at("2027-Q1"), 0);  // only district members' visits count

  auto csv = domain::units_csv(units, in.quarters);
  EXPECT_NE(csv.find("Tam Thái,5,2,1,0,1,1,66.7,2,1,0,0,1,50\r\n"), std::string::npos) << csv;
}

}  // namespace
