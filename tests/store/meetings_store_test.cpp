// Series and sessions on each backend: materialisation is idempotent, instants are stored in UTC for a
// zone that is not UTC, and writes on a stale version are refused.
#include <gtest/gtest.h>

#include "calendar/series_planner.hpp"
#include "core/error.hpp"
#include "store/directory_store.hpp"
#include "store/meetings_store.hpp"
#include "support/test_database.hpp"
#include "support/store_fixture.hpp"

using namespace satdan;
using namespace std::chrono_literals;

namespace {

class MeetingsStore : public testkit::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    store::directory_store directory(db_);
    auto unit = directory.create_unit({0, std::nullopt, "village", "Khánh Thọ", std::nullopt}, who_);
    cell_ = directory.create_cell({0, unit.id, "Chi bộ thôn Khánh Thọ", "village"}, who_).id;
    meetings_ = std::make_unique<store::meetings_store>(db_);
  }

  domain::series first_tuesday() {
    domain::series s;
    s.cell_id = cell_;
    s.rrule = "FREQ=MONTHLY;BYDAY=1TU";
    s.first_date = 2027y / 1 / 1;
    s.start_minute = 19 * 60 + 30;
    s.duration_minutes = 90;
    s.time_zone = "Asia/Ho_Chi_Minh";
    s.needs = {{"commune", 1}};
    s.optional = {{"district", 1}};
    return s;
  }

  std::size_t count_sessions(domain::id_t series) {
    return meetings_->list_sessions({.series_id = series}, {.limit = 500}).items.size();
  }

  std::unique_ptr<store::meetings_store> meetings_;
  domain::id_t cell_ = 0;
};

TEST_F(MeetingsStore, ExtendingTheHorizonTwiceAddsNothingTheSecondTime) {
  auto s = meetings_->create_series(first_tuesday(), {}, core::instant{}, who_);
  auto now = *core::parse_rfc3339("2026-12-01T00:00:00Z");
  calendar::extend_horizon(*meetings_, now, 13);
  auto first = count_sessions(s.id);
  EXPECT_EQ(first, 12u);  // January to December 2027: the horizon ends early January 2028, before its first Tuesday
  calendar::extend_horizon(*meetings_, now, 13);
  EXPECT_EQ(count_sessions(s.id), first);
  // Offering the same occurrences again directly is also a no-op (the unique key on the original start).
  auto again = calendar::occurrences(s, core::instant{}, calendar::horizon_end(now, 13));
  meetings_->add_occurrences(s.id, again, calendar::horizon_end(now, 13));
  EXPECT_EQ(count_sessions(s.id), first);
  // A later run reaches further.
  calendar::extend_horizon(*meetings_, now + std::chrono::days(62), 13);
  EXPECT_EQ(count_sessions(s.id), first + 2);
}

TEST_F(MeetingsStore, InstantsAreStoredInUtcForALocalRule) {
  auto s = meetings_->create_series(first_tuesday(), {}, core::instant{}, who_);
  calendar::extend_horizon(*meetings_, *core::parse_rfc3339("2026-12-01T00:00:00Z"), 3);
  auto list = meetings_->list_sessions({.series_id = s.id}, {.limit = 5}).items;
  ASSERT_GE(list.size(), 2u);
  // First Tuesdays of 2027: 5 January and 2 February; 19:30 at UTC+7 is 12:30 UTC.
  EXPECT_EQ(core::format_utc(list[0].start), "2027-01-05T12:30:00Z");
  EXPECT_EQ(core::format_utc(list[0].end), "2027-01-05T14:00:00Z");
  EXPECT_EQ(core::format_utc(list[1].start), "2027-02-02T12:30:00Z");
  EXPECT_EQ(list[0].cell_id, cell_);
  EXPECT_EQ(list[0].needs.at("commune"), 1);
}

TEST_F(MeetingsStore, StaleVersionsAreRefused) {
  auto s = meetings_->create_series(first_tuesday(), {}, core::instant{}, who_);
  calendar::extend_horizon(*meetings_, *core::parse_rfc3339("2026-12-01T00:00:00Z"), 3);
  auto session = meetings_->list_sessions({.series_id = s.id}, {.limit = 1}).items.at(0);
  auto moved = session;
  moved.location = "Nhà ông Tư";
  auto updated = meetings_->update_session(moved, 0, who_);
  EXPECT_EQ(updated.sequence, 1);
  try {
    meetings_->update_session(moved, 0, who_);
    FAIL() << "a stale sequence was accepted";
  } catch (const core::error& e) {
    EXPECT_EQ(e.code(), core::errc::precondition_failed);
  }
  auto changed = s;
  changed.location = "Hội trường";
  try {
    meetings_->update_series(changed, 5, {}, who_);
    FAIL() << "a stale series version was accepted";
  } catch (const core::error& e) {
    EXPECT_EQ(e.code(), core::errc::precondition_failed);
  }
}

TEST_F(MeetingsStore, APlanBuiltOnSessionsThatChangedSinceIsRefusedWhole) {
  auto s = meetings_->create_series(first_tuesday(), {}, core::instant{}, who_);
  calendar::extend_horizon(*meetings_, *core::parse_rfc3339("2026-12-01T00:00:00Z"), 3);
  auto from = *core::parse_rfc3339("2027-01-01T00:00:00Z");
  auto regenerable = meetings_->regenerable_sessions(s.id, from);
  auto next = s;
  next.start_minute = 18 * 60;
  auto plan = calendar::plan_regeneration(next, regenerable, {}, from, *core::parse_rfc3339("2027-03-01T00:00:00Z"));
  ASSERT_FALSE(plan.updates.empty());
  // Someone edits one of those sessions after the plan was made.
  auto edited = regenerable.front();
  edited.location = "Sân bóng";
  meetings_->update_session(edited, 0, who_);
  try {
    meetings_->update_series(next, 1, plan, who_);
    FAIL() << "the plan overwrote a session changed meanwhile";
  } catch (const core::error& e) {
    EXPECT_EQ(e.code(), core::errc::conflict);
  }
  // Nothing of the plan landed: the series is unchanged and the edit stands.
  EXPECT_EQ(meetings_->get_series(s.id).version, 1);
  EXPECT_EQ(meetings_->get_session(edited.id).location, "Sân bóng");
}

}  // namespace
