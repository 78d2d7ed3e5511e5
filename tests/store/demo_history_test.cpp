// The demo's year of history, seeded on each backend: everyone with an attendance line was seated at that
// session, so the member report never shows more attended than assigned, and a member's schedule holds the
// sessions they went to.
#include <gtest/gtest.h>

#include <set>

#include "calendar/period_clock.hpp"
#include "demo/seed_demo.hpp"
#include "store/activity_store.hpp"
#include "support/store_fixture.hpp"

using namespace satdan;

namespace {

class DemoHistory : public testkit::StoreTest {};

TEST_F(DemoHistory, EveryAttendanceLineHasASeat) {
  const std::string zone = "Asia/Ho_Chi_Minh";
  store::directory_store directory(db_);
  store::accounts_store accounts(db_);
  store::meetings_store meetings(db_);
  store::assignments_store seats(db_, {.month = calendar::period_clock_for(zone).month});
  store::attendance_store attendance(db_);
  store::grievances_store grievances(db_);
  demo::seed_demo(directory, accounts, "mật khẩu của bản thử");
  demo::seed_demo_meetings(directory, meetings, zone);
  auto h = demo::seed_demo_history(directory, meetings, seats, attendance, grievances, std::nullopt);
  ASSERT_GT(h.attendance, 0);
  EXPECT_EQ(h.seats, h.attendance);  // the seated, and only they, have a line

  // The history's twelve months, local days (UTC+7).
  auto in = store::activity_store(db_).read(std::nullopt, *core::parse_rfc3339("2025-11-01T00:00:00+07:00"),
                                            *core::parse_rfc3339("2026-11-01T00:00:00+07:00"));
  ASSERT_EQ(static_cast<int>(in.sessions.size()), h.sessions);
  int lines = 0;
  for (const auto& l : in.lines) {
    if (!l.attendance) continue;
    ++lines;
    EXPECT_TRUE(l.assigned) << "member " << l.member_id << " has attendance at session " << l.session_id
                            << " without a seat";
  }
  EXPECT_EQ(lines, h.attendance);
  in.quarters = {"2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"};
  for (const auto& r : domain::member_report(in)) {
    EXPECT_GE(r.assigned, r.attended) << r.full_name;
    EXPECT_EQ(r.attended_without_seat, 0) << r.full_name;
  }

  // The district secretary (the first district member, demo-member's own) went to sessions in the history,
  // and their schedule shows them.
  std::optional<domain::id_t> secretary;
  for (const auto& m : in.members)
    if (m.level == "district" && !secretary) secretary = m.id;
  ASSERT_TRUE(secretary);
  std::set<domain::id_t> attended_at;
  for (const auto& l : in.lines)
    if (l.member_id == *secretary && l.attendance) attended_at.insert(l.session_id);
  ASSERT_FALSE(attended_at.empty());
  store::session_filter mine;
  mine.member_id = *secretary;
  mine.to = *core::parse_rfc3339("2026-11-01T00:00:00+07:00");
  std::set<domain::id_t> scheduled;
  for (const auto& s : meetings.list_sessions(mine, {.limit = 500}).items) scheduled.insert(s.id);
  EXPECT_EQ(scheduled, attended_at);
}

}  // namespace
