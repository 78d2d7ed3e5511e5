// Rows whose instants or dates lie outside the years 1970–9999, written past the API with SQL as older
// versions stored them: every read clamps them into the range instead of failing, and the start-up check
// names them. On each backend, in the form that backend keeps such values.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/instant.hpp"
#include "core/local_date.hpp"
#include "store/directory_store.hpp"
#include "store/grievances_store.hpp"
#include "store/planning_store.hpp"
#include "store/range_check.hpp"
#include "support/store_fixture.hpp"

using namespace satdan;
using namespace std::chrono_literals;

namespace {

class OutOfRangeRows : public testkit::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    store::directory_store directory(db_);
    commune_ = directory.create_unit({0, std::nullopt, "commune", "Tam Thành", std::nullopt}, who_).id;
    domain::member m;
    m.full_name = "Hồ Thị Lan";
    m.level = "commune";
    m.home_unit_id = commune_;
    member_ = directory.create_member(m, who_).id;
    const auto now = core::now();
    leave_ = directory.create_unavailability({0, member_, now, now + 24h, "Nghỉ phép"}, who_).id;
  }

  bool sqlite() const { return db_->kind() == store::backend::sqlite; }

  // Before the API refused them: year 0 at +00:01 written by format_utc (SQLite), and the same instant as
  // PostgreSQL keeps it; and a year far beyond 9999.
  std::string year_minus_one() const { return sqlite() ? "-001-12-31T23:59:00Z" : "0002-12-31 23:59:00+00 BC"; }
  std::string year_27332() const { return sqlite() ? "27332-01-01T00:00:00Z" : "27332-01-01 00:00:00+00"; }

  void run(const std::string& sql, const std::string& value, domain::id_t id) {
    store::database::lease s(*db_);
    *s << sql, soci::use(value), soci::use(id);
  }

  domain::id_t commune_ = 0, member_ = 0, leave_ = 0;
};

TEST_F(OutOfRangeRows, AnUnavailabilityOutsideTheRangeIsReadClampedByEveryRead) {
  run("UPDATE unavailability SET start_at = :v WHERE id = :id", year_minus_one(), leave_);
  run("UPDATE unavailability SET end_at = :v WHERE id = :id", year_27332(), leave_);
  store::directory_store directory(db_);

  auto one = directory.get_unavailability(leave_);
  EXPECT_EQ(one.start, core::min_instant);
  EXPECT_EQ(one.end, core::max_instant);
  auto listed = directory.list_unavailability({}, {});
  ASSERT_EQ(listed.items.size(), 1u);
  EXPECT_EQ(listed.items[0].start, core::min_instant);

  // A proposal reads it as unavailable for the whole range.
  store::planning_store planning(db_, {});
  const auto now = core::now();
  auto input = planning.build({commune_, now, now + 24h * 30});
  ASSERT_EQ(input.instance.members.size(), 1u);
  ASSERT_EQ(input.instance.members[0].unavailable.size(), 1u);
  EXPECT_EQ(input.instance.members[0].unavailable[0].start, core::min_instant);
  EXPECT_EQ(input.instance.members[0].unavailable[0].end, core::max_instant);

  // And it can be corrected or removed.
  directory.delete_unavailability(leave_, who_);
  EXPECT_TRUE(directory.list_unavailability({}, {}).items.empty());
}

TEST_F(OutOfRangeRows, AGrievanceReceivedInYearZeroIsReadAsReceivedOnTheFirstDay) {
  store::grievances_store grievances(db_);
  domain::grievance_draft d;
  d.value.kind = "recommendation";
  d.value.category = "land_use_certificate";
  d.value.unit_id = commune_;
  d.value.summary = "Đường ngập nước";
  d.value.received_on = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(core::now())};
  auto g = grievances.create(d, who_);
  run("UPDATE grievances SET received_on = :v WHERE id = :id", sqlite() ? "0000-01-01" : "0001-01-01 BC", g.id);
  run("UPDATE grievances SET due_on = :v WHERE id = :id", sqlite() ? "0000-01-31" : "10000-01-01", g.id);
  auto back = grievances.get(g.id);
  EXPECT_EQ(back.received_on, core::min_date);
  EXPECT_EQ(back.due_on, sqlite() ? core::min_date : core::max_date);
}

TEST_F(OutOfRangeRows, TheStartupCheckNamesEachColumnAndRow) {
  EXPECT_TRUE(store::find_out_of_range(*db_).empty());
  run("UPDATE unavailability SET start_at = :v WHERE id = :id", year_minus_one(), leave_);
  run("UPDATE members SET full_name = :v WHERE id = :id", "not a time column", member_);
  auto found = store::find_out_of_range(*db_);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].table, "unavailability");
  EXPECT_EQ(found[0].column, "start_at");
  EXPECT_EQ(found[0].rows, 1);
  ASSERT_EQ(found[0].examples.size(), 1u);
  EXPECT_EQ(found[0].examples[0].rfind("id " + std::to_string(leave_) + ": ", 0), 0u) << found[0].examples[0];

  // The edges are in range.
  run("UPDATE unavailability SET start_at = :v WHERE id = :id", sqlite() ? "1970-01-01T00:00:00Z" : "1970-01-01 00:00:00+00", leave_);
  run("UPDATE unavailability SET end_at = :v WHERE id = :id", sqlite() ? "9999-12-31T23:59:59Z" : "9999-12-31 23:59:59+00", leave_);
  EXPECT_TRUE(store::find_out_of_range(*db_).empty());

  // A throttle's key holds a user name or an address: only the value is shown.
  {
    store::database::lease s(*db_);
    std::string key = "login:lan.ho", at = year_27332();
    *s << "INSERT INTO login_throttle (throttle_key, failures, window_start) VALUES (:k, 1, :at)", soci::use(key),
        soci::use(at);
  }
  found = store::find_out_of_range(*db_);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].table, "login_throttle");
  ASSERT_EQ(found[0].examples.size(), 1u);
  EXPECT_EQ(found[0].examples[0].find("lan.ho"), std::string::npos) << found[0].examples[0];
  EXPECT_NE(found[0].examples[0].find("27332"), std::string::npos) << found[0].examples[0];

  // The server's start-up report: a warning naming the table and column, and no exception.
  run("UPDATE unavailability SET end_at = :v WHERE id = :id", year_27332(), leave_);
  testing::internal::CaptureStderr();
  store::report_out_of_range(*db_);
  std::string log = testing::internal::GetCapturedStderr();
  EXPECT_NE(log.find("\"out_of_range_values\""), std::string::npos) << log;
  EXPECT_NE(log.find("\"end_at\""), std::string::npos) << log;
}

// A column added by a later migration is checked too: every timestamptz and date column of the schema is
// in the check's list (PostgreSQL knows the types; SQLite keeps all of them as text).
TEST_F(OutOfRangeRows, TheCheckCoversEveryTimeColumnOfTheSchema) {
  if (sqlite()) GTEST_SKIP() << "SQLite has no column types to compare with";
  auto checked = store::checked_time_columns();
  store::database::lease s(*db_);
  std::string table, column;
  soci::statement st = (s->prepare << "SELECT table_name, column_name FROM information_schema.columns "
                                      "WHERE table_schema = current_schema() "
                                      "AND data_type IN ('timestamp with time zone', 'timestamp without time zone', 'date') "
                                      "ORDER BY 1, 2",
                        soci::into(table), soci::into(column));
  st.execute();
  int seen = 0;
  while (st.fetch()) {
    ++seen;
    EXPECT_NE(std::find(checked.begin(), checked.end(), table + "." + column), checked.end()) << table << "." << column;
  }
  EXPECT_EQ(seen, static_cast<int>(checked.size()));
}

}  // namespace
