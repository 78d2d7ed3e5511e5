// Attendance on each backend: a session's record is all or nothing and marks it held, corrections keep
// history, and a member records only their own line, at a session they sit in, within the window.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "store/assignments_store.hpp"
#include "store/attendance_store.hpp"
#include "store/directory_store.hpp"
#include "store/meetings_store.hpp"
#include "support/field_errors.hpp"
#include "support/test_database.hpp"
#include "support/store_fixture.hpp"

using namespace satdan;
using namespace std::chrono_literals;
using testkit::fields_of;
using testkit::names;

namespace {

class AttendanceStore : public testkit::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    store::directory_store directory(db_);
    commune_ = directory.create_unit({0, std::nullopt, "commune", "Tam Lộc", std::nullopt}, who_).id;
    for (const char* name : {"Lê Văn A", "Trần Thị B", "Ngô Văn C"}) {
      domain::member m;
      m.full_name = name;
      m.level = "commune";
      m.home_unit_id = commune_;
      members_.push_back(directory.create_member(m, who_).id);
    }
    store_ = std::make_unique<store::attendance_store>(db_);
  }

  domain::id_t dialogue(core::instant start) {
    store::meetings_store meetings(db_);
    domain::session s;
    s.kind = "dialogue";
    s.unit_id = commune_;
    s.topic = "Đối thoại với nhân dân xã Tam Lộc";
    s.start = start;
    s.end = start + 3h;
    s.needs = {{"commune", 3}};
    return meetings.create_session(s, who_).id;
  }

  std::string session_status(domain::id_t id) { return store::meetings_store(db_).get_session(id).status; }

  domain::attendance_record line(domain::id_t member, std::string status) {
    domain::attendance_record r;
    r.member_id = member;
    r.status = std::move(status);
    if (r.status == "late") r.late_minutes = 20;
    if (r.status == "absent_excused") r.reason = "Đi công tác";
    return r;
  }

  const core::instant start_ = *core::parse_rfc3339("2027-03-10T01:00:00Z");
  std::unique_ptr<store::attendance_store> store_;
  domain::id_t commune_ = 0;
  std::vector<domain::id_t> members_;
};

TEST_F(AttendanceStore, RecordingASessionMarksItHeld) {
  auto id = dialogue(start_);
  domain::session_attendance a{{line(members_[0], "on_time"), line(members_[1], "late"), line(members_[2], "absent_excused")},
                               57, "Biên bản"};
  auto v = store_->record_session(id, a, start_ + 4h, who_);
  EXPECT_EQ(v.session_status, "held");
  EXPECT_EQ(session_status(id), "held");
  ASSERT_EQ(v.records.size(), 3u);
  EXPECT_EQ(v.records[1].late_minutes, 20);
  EXPECT_EQ(v.citizens_present, 57);
  EXPECT_EQ(v.minutes, "Biên bản");
}

TEST_F(AttendanceStore, OneBadLineRecordsNothing) {
  auto id = dialogue(start_);
  domain::session_attendance a{{line(members_[0], "on_time"), line(999999, "on_time")}, std::nullopt, std::nullopt};
  EXPECT_TRUE(names(fields_of([&] { store_->record_session(id, a, start_ + 4h, who_); }), "records[1].member_id"));
  EXPECT_TRUE(store_->get(id).records.empty());
  EXPECT_EQ(session_status(id), "planned");
}

TEST_F(AttendanceStore, CorrectionsKeepHistory) {
  auto id = dialogue(start_);
  store_->record_session(id, {{line(members_[0], "absent_unexcused")}, std::nullopt, std::nullopt}, start_ + 4h, who_);
  store_->record_session(id, {{line(members_[0], "absent_unexcused")}, std::nullopt, std::nullopt}, start_ + 5h, who_);
  auto v = store_->record_session(id, {{line(members_[0], "absent_excused")}, std::nullopt, std::nullopt}, start_ + 6h, who_);
  ASSERT_EQ(v.records.size(), 1u);
  EXPECT_EQ(v.records[0].status, "absent_excused");
  ASSERT_EQ(v.history.size(), 2u);  // the repeat changed nothing and left no line
  EXPECT_EQ(v.history[0].status, "absent_unexcused");
  EXPECT_EQ(v.history[1].status, "absent_excused");
}

TEST_F(AttendanceStore, FutureCancelledAndUnknownSessionsAreRefused) {
  auto id = dialogue(start_);
  domain::session_attendance a{{line(members_[0], "on_time")}, std::nullopt, std::nullopt};
  try {
    store_->record_session(id, a, start_ - 1h, who_);
    FAIL() << "recorded before the start";
  } catch (const core::error& e) {
    EXPECT_EQ(e.code(), core::errc::conflict);
  }
  try {
    store_->record_session(999999, a, start_, who_);
    FAIL();
  } catch (const core::error& e) {
    EXPECT_EQ(e.code(), core::errc::not_found);
  }
}

TEST_F(AttendanceStore, AMemberRecordsOnlyAtTheirOwnSessionWithinTheWindow) {
  auto id = dialogue(start_);
  store::assignments_store seats(db_, {.month = [](core::instant t) {
                                    auto ymd = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(t));
                                    return static_cast<int>(ymd.year()) * 12 + static_cast<int>(unsigned(ymd.month())) - 1;
                                  }});
  seats.assign(id, members_[0], "commune", true, who_);
  const auto window = std::chrono::seconds(std::chrono::days(7));
  auto v = store_->record_own(id, members_[0], line(0, "late"), start_ + 3h + 24h, window, who_);
  ASSERT_EQ(v.records.size(), 1u);
  EXPECT_EQ(v.records[0].member_id, members_[0]);
  EXPECT_EQ(v.session_status, "held");
  try {
    store_->record_own(id, members_[1], line(0, "on_time"), start_ + 4h, window, who_);
    FAIL() << "not assigned";
  } catch (const core::error& e) {
    EXPECT_EQ(e.code(), core::errc::forbidden);
  }
  try {
    store_->record_own(id, members_[0], line(0, "on_time"), start_ + 3h + std::chrono::days(8), window, who_);
    FAIL() << "after the window";
  } catch (const core::error& e) {
    EXPECT_EQ(e.code(), core::errc::conflict);
  }
  EXPECT_EQ(store_->get(id).records[0].status, "late");
}

}  // namespace
