// The secretariat's overview on each backend, from records the test writes: empty required seats by week,
// members over their monthly cap, proposals still waiting, and the cells the top level has visited this
// quarter. The periods are placed in UTC here, so every boundary is plain to read.
#include <gtest/gtest.h>

#include "services/plan_overview.hpp"
#include "store/assignments_store.hpp"
#include "store/directory_store.hpp"
#include "store/meetings_store.hpp"
#include "store/planning_store.hpp"
#include "support/store_fixture.hpp"

using namespace satdan;
using namespace std::chrono_literals;

namespace {

core::instant at(const char* text) { return *core::parse_rfc3339(text); }

int utc_month(core::instant t) {
  std::chrono::year_month_day d{std::chrono::floor<std::chrono::days>(t)};
  return static_cast<int>(d.year()) * 12 + static_cast<int>(unsigned(d.month())) - 1;
}

class PlanOverview : public testkit::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    store::directory_store directory(db_);
    district_ = directory.create_unit({0, std::nullopt, "district", "Phú Ninh", std::nullopt}, who_).id;
    commune_a_ = directory.create_unit({0, district_, "commune", "Tam Thành", std::nullopt}, who_).id;
    commune_b_ = directory.create_unit({0, district_, "commune", "Tam An", std::nullopt}, who_).id;
    auto village = directory.create_unit({0, commune_a_, "village", "Thôn Phú Lâm", std::nullopt}, who_).id;
    cell1_ = directory.create_cell({0, village, "Chi bộ thôn Phú Lâm", "village"}, who_).id;
    cell2_ = directory.create_cell({0, village, "Chi bộ thôn Khánh Thọ", "village"}, who_).id;
    cell3_ = directory.create_cell({0, commune_b_, "Chi bộ thôn Bình Trung", "village"}, who_).id;
    domain::member d;
    d.full_name = "Nguyễn Văn Huyện";
    d.level = "district";
    d.home_unit_id = commune_b_;
    district_member_ = directory.create_member(d, who_).id;
    domain::member c = d;
    c.full_name = "Trần Thị Xã";
    c.level = "commune";
    c.home_unit_id = commune_a_;
    commune_member_ = directory.create_member(c, who_).id;
    c.full_name = "Lê Văn Bận";
    busy_member_ = directory.create_member(c, who_).id;
  }

  domain::session session_at(const char* start, std::optional<domain::id_t> cell, domain::seats needs) {
    domain::session s;
    s.kind = cell ? "cell_meeting" : "dialogue";
    s.unit_id = commune_a_;
    if (cell) {
      s.cell_id = cell;
      s.unit_id = store::directory_store(db_).get_cell(*cell).unit_id;
    } else {
      s.topic = "Đối thoại về dồn điền đổi thửa";
    }
    s.start = at(start);
    s.end = s.start + 2h;
    s.needs = std::move(needs);
    if (cell) s.optional = {{"district", 1}};
    return store::meetings_store(db_).create_session(s, who_);
  }

  services::plan_periods periods() const {
    services::plan_periods p;
    p.week_from = at("2027-01-04T00:00:00Z");
    p.next_week_from = at("2027-01-11T00:00:00Z");
    p.weeks_to = at("2027-01-18T00:00:00Z");
    p.quarter_from = at("2027-01-01T00:00:00Z");
    p.quarter_to = at("2027-04-01T00:00:00Z");
    p.months_from = at("2027-01-01T00:00:00Z");
    p.months_to = at("2027-02-01T00:00:00Z");
    p.month_of = utc_month;
    return p;
  }

  domain::id_t district_ = 0, commune_a_ = 0, commune_b_ = 0, cell1_ = 0, cell2_ = 0, cell3_ = 0;
  domain::id_t district_member_ = 0, commune_member_ = 0, busy_member_ = 0;
};

TEST_F(PlanOverview, CountsEmptySeatsCapsProposalsAndCoverageFromTheStores) {
  store::directory_store directory(db_);
  store::meetings_store meetings(db_);
  store::assignments_store seats(db_, {.month = utc_month});
  store::planning_store planning(db_, {});

  // This week: a full meeting (with the district member, so its cell is visited) and an empty one.
  auto full = session_at("2027-01-05T12:00:00Z", cell1_, {{"commune", 1}});
  seats.assign(full.id, commune_member_, "commune", true, who_);
  seats.assign(full.id, district_member_, "district", true, who_);
  session_at("2027-01-06T12:00:00Z", cell2_, {{"commune", 1}});
  auto busy_first = session_at("2027-01-07T12:00:00Z", cell1_, {{"commune", 1}});
  seats.assign(busy_first.id, busy_member_, "commune", true, who_);
  // Next week: a dialogue missing one of two district seats, and a cancelled meeting that needs nobody now.
  auto dialogue = session_at("2027-01-12T01:00:00Z", std::nullopt, {{"district", 2}});
  seats.assign(dialogue.id, district_member_, "district", true, who_);
  auto cancelled = session_at("2027-01-13T12:00:00Z", cell3_, {{"commune", 1}});
  cancelled.status = "cancelled";
  cancelled.status_reason = "Mưa bão";
  meetings.update_session(cancelled, cancelled.sequence, who_);
  // After the two weeks: not a gap of theirs, but it counts in the member's January.
  auto busy_second = session_at("2027-01-25T12:00:00Z", cell2_, {{"commune", 1}});
  seats.assign(busy_second.id, busy_member_, "commune", true, who_);
  // The cap is lowered after the seats were taken: the member is now over it.
  auto busy = directory.get_member(busy_member_);
  busy.max_per_month = 1;
  directory.update_member(busy, who_);

  // One proposal applied (it changed nothing), one still waiting.
  store::planning_scope scope{district_, at("2027-01-01T00:00:00Z"), at("2027-04-01T00:00:00Z")};
  auto built = planning.build(scope);
  auto applied = planning.save(scope, built.fingerprint, {{"added", boost::json::array{}}, {"removed", boost::json::array{}}}, who_);
  planning.apply(applied.id, who_);
  boost::json::array added = {boost::json::object{{"session_id", 1}, {"member_id", 1}, {"need", "commune"}},
                              boost::json::object{{"session_id", 2}, {"member_id", 1}, {"need", "commune"}}};
  auto waiting = planning.save(scope, "fingerprint", {{"added", added}, {"removed", boost::json::array{}}}, who_);

  auto in = services::gather_plan_overview(directory, meetings, seats, planning, periods());
  EXPECT_EQ(in.units.size(), 4u);
  EXPECT_EQ(in.cells.size(), 3u);
  EXPECT_EQ(in.members.size(), 3u);
  EXPECT_EQ(in.sessions.size(), 6u);
  EXPECT_EQ(in.assignments.size(), 5u);
  auto out = services::compute_plan_overview(in);

  ASSERT_EQ(out.this_week.size(), 1u);
  EXPECT_EQ(out.this_week[0].session.cell_id, cell2_);
  EXPECT_EQ(out.this_week[0].missing.at("commune"), 1);
  ASSERT_EQ(out.next_week.size(), 1u);
  EXPECT_EQ(out.next_week[0].session.id, dialogue.id);
  EXPECT_EQ(out.next_week[0].missing.at("district"), 1);
  EXPECT_EQ(out.empty_seat_count, 2);

  ASSERT_EQ(out.over_cap.size(), 1u);
  EXPECT_EQ(out.over_cap[0].member.id, busy_member_);
  EXPECT_EQ(out.over_cap[0].sessions, 2);
  EXPECT_EQ(out.over_cap[0].month, 2027 * 12);

  ASSERT_EQ(out.proposals.size(), 1u);
  EXPECT_EQ(out.proposals[0].id, waiting.id);
  EXPECT_EQ(out.proposals[0].added, 2);
  EXPECT_EQ(out.proposals[0].removed, 0);
  EXPECT_EQ(out.proposals[0].scope.within, district_);

  ASSERT_TRUE(out.top_level.has_value());
  EXPECT_EQ(*out.top_level, "district");
  EXPECT_EQ(out.cells, 3);
  EXPECT_EQ(out.cells_visited, 1);
  ASSERT_EQ(out.coverage.size(), 2u);
  // Vietnamese order: "Tam An" before "Tam Thành".
  EXPECT_EQ(out.coverage[0].unit.id, commune_b_);
  EXPECT_EQ(out.coverage[0].visited, 0);
  ASSERT_EQ(out.coverage[0].not_visited.size(), 1u);
  EXPECT_EQ(out.coverage[1].unit.id, commune_a_);
  EXPECT_EQ(out.coverage[1].cells, 2);
  EXPECT_EQ(out.coverage[1].visited, 1);
  ASSERT_EQ(out.coverage[1].not_visited.size(), 1u);
  EXPECT_EQ(out.coverage[1].not_visited[0].id, cell2_);
}

TEST_F(PlanOverview, AssignmentsOverlappingAPeriodComeInOneRead) {
  store::assignments_store seats(db_, {.month = utc_month});
  auto first = session_at("2027-01-05T12:00:00Z", cell1_, {{"commune", 1}});
  seats.assign(first.id, commune_member_, "commune", true, who_);
  seats.assign(first.id, district_member_, "district", true, who_);
  auto later = session_at("2027-02-05T12:00:00Z", cell2_, {{"commune", 1}});
  seats.assign(later.id, commune_member_, "commune", true, who_);
  auto found = seats.overlapping(at("2027-01-05T13:00:00Z"), at("2027-02-01T00:00:00Z"));
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].session_id, first.id);
  EXPECT_EQ(found[1].session_id, first.id);
  EXPECT_TRUE(seats.overlapping(at("2027-01-05T14:00:00Z"), at("2027-02-05T12:00:00Z")).empty());
}

TEST_F(PlanOverview, TheTopLevelIsTheHighestLevelAUnitIs) {
  std::vector<domain::unit> reformed = {{1, std::nullopt, "province", "Quảng Nam", std::nullopt},
                                        {2, 1, "commune", "Phú Ninh", std::nullopt}};
  EXPECT_EQ(services::top_member_level(reformed), "province");
  std::vector<domain::unit> villages_only = {{1, std::nullopt, "village", "Thôn 1", std::nullopt}};
  EXPECT_FALSE(services::top_member_level(villages_only).has_value());
}

}  // namespace
