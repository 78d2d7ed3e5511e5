// The directory store on the backend named by SATDAN_TEST_BACKEND: the same tests for SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>

#include "core/error.hpp"
#include "store/audit.hpp"
#include "store/directory_store.hpp"
#include "support/test_database.hpp"

using namespace satdan;
using core::errc;

namespace {

class DirectoryStore : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = testkit::skip_reason(); !why.empty()) GTEST_SKIP() << why;
    tdb_ = std::make_unique<testkit::test_database>();
    db_ = tdb_->open();
    store_ = std::make_unique<store::directory_store>(db_);
    district_ = store_->create_unit({0, std::nullopt, "district", "Phú Ninh", "PN"}, who_);
    commune_ = store_->create_unit({0, district_.id, "commune", "Tam Đàn", "TD"}, who_);
    village_ = store_->create_unit({0, commune_.id, "village", "Phú Lâm", std::nullopt}, who_);
  }

  domain::member member(std::string name, std::string level, domain::id_t home) {
    domain::member m;
    m.full_name = std::move(name);
    m.level = std::move(level);
    m.home_unit_id = home;
    return m;
  }

  static errc code_of(const std::function<void()>& f) {
    try {
      f();
    } catch (const core::error& e) {
      return e.code();
    }
    return errc::internal;
  }

  const store::actor who_{};
  std::unique_ptr<testkit::test_database> tdb_;
  std::shared_ptr<store::database> db_;
  std::unique_ptr<store::directory_store> store_;
  domain::unit district_, commune_, village_;
};

TEST_F(DirectoryStore, UnitsRoundTripWithDiacritics) {
  auto u = store_->get_unit(village_.id);
  EXPECT_EQ(u.name, "Phú Lâm");
  EXPECT_EQ(u.parent_id, commune_.id);
  EXPECT_FALSE(u.code);
  EXPECT_EQ(store_->get_unit(district_.id).code, "PN");
}

TEST_F(DirectoryStore, SubtreeFilterFollowsTheTree) {
  auto other = store_->create_unit({0, district_.id, "commune", "Tam An", "TA"}, who_);
  store_->create_unit({0, other.id, "village", "An Thọ", std::nullopt}, who_);
  auto within = store_->list_units({.within = commune_.id}, {});
  ASSERT_EQ(within.items.size(), 2u);
  EXPECT_EQ(within.items[0].id, commune_.id);
  EXPECT_EQ(within.items[1].id, village_.id);
  EXPECT_EQ(store_->list_units({.within = district_.id}, {}).items.size(), 5u);
  EXPECT_EQ(store_->list_units({.kind = std::string("commune")}, {}).items.size(), 2u);
  EXPECT_EQ(store_->list_units({.parent_id = district_.id}, {}).items.size(), 2u);
}

TEST_F(DirectoryStore, KeysetPagesCoverEveryRowOnce) {
  for (int i = 0; i < 7; ++i) store_->create_unit({0, commune_.id, "village", "Thôn " + std::to_string(i), std::nullopt}, who_);
  std::vector<domain::id_t> seen;
  store::page_request p{.limit = 3, .after = 0};
  for (int pages = 0; pages < 10; ++pages) {
    auto page = store_->list_units({}, p);
    for (const auto& u : page.items) seen.push_back(u.id);
    if (!page.next_after) break;
    EXPECT_EQ(page.items.size(), 3u);
    p.after = *page.next_after;
  }
  ASSERT_EQ(seen.size(), 10u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(std::adjacent_find(seen.begin(), seen.end()), seen.end());
}

TEST_F(DirectoryStore, DuplicateUnitCodeIsAConflictNamingTheField) {
  try {
    store_->create_unit({0, district_.id, "commune", "Tam Dân", "TD"}, who_);
    FAIL();
  } catch (const core::error& e) {
    EXPECT_EQ(e.code(), errc::conflict);
    ASSERT_EQ(e.fields().size(), 1u);
    EXPECT_EQ(e.fields()[0].field, "code");
  }
  EXPECT_EQ(store_->list_units({}, {}).items.size(), 3u);
}

TEST_F(DirectoryStore, UnitCannotMoveUnderItsOwnDescendant) {
  auto moved = district_;
  moved.parent_id = village_.id;
  EXPECT_EQ(code_of([&] { store_->update_unit(moved, who_); }), errc::invalid_input);
  EXPECT_FALSE(store_->get_unit(district_.id).parent_id);
}

TEST_F(DirectoryStore, MissingReferencesAreInvalidInputNotConflicts) {
  EXPECT_EQ(code_of([&] { store_->create_unit({0, 999999, "village", "X", std::nullopt}, who_); }), errc::invalid_input);
  EXPECT_EQ(code_of([&] { store_->create_cell({0, 999999, "Chi bộ X", "village"}, who_); }), errc::invalid_input);
  EXPECT_EQ(code_of([&] { store_->create_member(member("Lê Văn Tám", "commune", 999999), who_); }), errc::invalid_input);
  EXPECT_EQ(code_of([&] { store_->get_unit(999999); }), errc::not_found);
}

TEST_F(DirectoryStore, DeletingAUnitWithDependentsIsRefusedAndNamesThem) {
  store_->create_cell({0, village_.id, "Chi bộ thôn Phú Lâm", "village"}, who_);
  store_->create_member(member("Phạm Thị Hoa", "commune", commune_.id), who_);
  try {
    store_->delete_unit(commune_.id, who_);
    FAIL();
  } catch (const core::error& e) {
    EXPECT_EQ(e.code(), errc::conflict);
    ASSERT_EQ(e.dependents().size(), 2u);
    EXPECT_EQ(e.dependents()[0].kind, "units");
    EXPECT_EQ(e.dependents()[1].kind, "members");
  }
  EXPECT_EQ(store_->get_unit(commune_.id).name, "Tam Đàn");
}

TEST_F(DirectoryStore, DeletingALeafUnitWorks) {
  auto leaf = store_->create_unit({0, commune_.id, "village", "Trà Sung", std::nullopt}, who_);
  store_->delete_unit(leaf.id, who_);
  EXPECT_EQ(code_of([&] { store_->get_unit(leaf.id); }), errc::not_found);
  EXPECT_EQ(code_of([&] { store_->delete_unit(leaf.id, who_); }), errc::not_found);
}

TEST_F(DirectoryStore, CellNamesAreUniqueWithinAUnit) {
  store_->create_cell({0, village_.id, "Chi bộ thôn Phú Lâm", "village"}, who_);
  EXPECT_EQ(code_of([&] { store_->create_cell({0, village_.id, "Chi bộ thôn Phú Lâm", "village"}, who_); }), errc::conflict);
  auto agency = store_->create_cell({0, district_.id, "Chi bộ Văn phòng Huyện ủy", "agency"}, who_);
  EXPECT_EQ(store_->list_cells({.within = district_.id}, {}).items.size(), 2u);
  EXPECT_EQ(store_->list_cells({.kind = std::string("agency")}, {}).items.at(0).id, agency.id);
}

TEST_F(DirectoryStore, MembersKeepRolesAndFilterByThem) {
  auto chair = member("Nguyễn Văn Hùng", "district", commune_.id);
  chair.roles = {"chair"};
  chair.email = "hung@phuninh.example";
  chair.phone = "0905 111 222";
  chair = store_->create_member(chair, who_);
  store_->create_member(member("Trần Thị Mai", "commune", commune_.id), who_);
  auto inactive = member("Võ Văn Ba", "commune", commune_.id);
  inactive.active = false;
  store_->create_member(inactive, who_);

  auto back = store_->get_member(chair.id);
  EXPECT_EQ(back.roles, std::vector<std::string>{"chair"});
  EXPECT_EQ(back.email, "hung@phuninh.example");
  auto chairs = store_->list_members({.role = std::string("chair")}, {});
  ASSERT_EQ(chairs.items.size(), 1u);
  EXPECT_EQ(chairs.items[0].roles, std::vector<std::string>{"chair"});
  EXPECT_EQ(store_->list_members({.level = std::string("commune")}, {}).items.size(), 2u);
  EXPECT_EQ(store_->list_members({.active = false}, {}).items.size(), 1u);
  EXPECT_EQ(store_->list_members({.within = village_.id}, {}).items.size(), 0u);

  back.roles = {};
  back.active = false;
  store_->update_member(back, who_);
  EXPECT_TRUE(store_->get_member(chair.id).roles.empty());
  EXPECT_FALSE(store_->get_member(chair.id).active);
}

TEST_F(DirectoryStore, EmailsAreUnique) {
  auto a = member("A", "commune", commune_.id);
  a.email = "same@example.vn";
  store_->create_member(a, who_);
  EXPECT_EQ(code_of([&] { store_->create_member(a, who_); }), errc::conflict);
}

TEST_F(DirectoryStore, ResponsibilitiesAreUniquePerMemberAndTarget) {
  auto m = store_->create_member(member("Huỳnh Văn Sơn", "district", commune_.id), who_);
  auto cell = store_->create_cell({0, village_.id, "Chi bộ thôn Phú Lâm", "village"}, who_);
  store_->create_responsibility({0, m.id, commune_.id, std::nullopt}, who_);
  store_->create_responsibility({0, m.id, std::nullopt, cell.id}, who_);
  EXPECT_EQ(code_of([&] { store_->create_responsibility({0, m.id, commune_.id, std::nullopt}, who_); }), errc::conflict);
  EXPECT_EQ(store_->list_responsibilities({.member_id = m.id}, {}).items.size(), 2u);
  EXPECT_EQ(store_->list_responsibilities({.cell_id = cell.id}, {}).items.size(), 1u);
  // The cell is in someone's charge: it cannot vanish under them.
  EXPECT_EQ(code_of([&] { store_->delete_cell(cell.id, who_); }), errc::conflict);
}

TEST_F(DirectoryStore, UnavailabilityIsStoredInUtcAndFilteredByOverlap) {
  auto m = store_->create_member(member("Đặng Thị Thu", "commune", commune_.id), who_);
  auto t = [](const char* s) { return *core::parse_rfc3339(s); };
  auto leave = store_->create_unavailability({0, m.id, t("2027-02-01T00:00:00+07:00"), t("2027-02-08T00:00:00+07:00"),
                                              std::string("Nghỉ phép\nđi Đà Nẵng")}, who_);
  auto back = store_->get_unavailability(leave.id);
  EXPECT_EQ(core::format_utc(back.start), "2027-01-31T17:00:00Z");
  EXPECT_EQ(core::format_utc(back.end), "2027-02-07T17:00:00Z");
  EXPECT_EQ(back.reason, "Nghỉ phép\nđi Đà Nẵng");
  auto in = store_->list_unavailability({.from = t("2027-02-07T23:00:00+07:00"), .to = t("2027-02-09T00:00:00+07:00")}, {});
  EXPECT_EQ(in.items.size(), 1u);
  // Half-open: a window starting exactly at the end does not overlap.
  auto out = store_->list_unavailability({.from = t("2027-02-08T00:00:00+07:00")}, {});
  EXPECT_EQ(out.items.size(), 0u);
}

TEST_F(DirectoryStore, DeletingAMemberTakesTheirOwnRecordsAlong) {
  auto m = store_->create_member(member("Bùi Văn Nam", "district", commune_.id), who_);
  store_->create_responsibility({0, m.id, commune_.id, std::nullopt}, who_);
  auto t = [](const char* s) { return *core::parse_rfc3339(s); };
  store_->create_unavailability({0, m.id, t("2027-03-01T00:00:00Z"), t("2027-03-02T00:00:00Z"), std::nullopt}, who_);
  store_->delete_member(m.id, who_);
  EXPECT_TRUE(store_->list_responsibilities({.member_id = m.id}, {}).items.empty());
  EXPECT_TRUE(store_->list_unavailability({.member_id = m.id}, {}).items.empty());
}

TEST_F(DirectoryStore, ConcurrentWritersAllLand) {
  auto db = tdb_->open(4);
  store::directory_store shared(db);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        try {
          shared.create_unit({0, commune_.id, "village", "T" + std::to_string(t) + "-" + std::to_string(i), std::nullopt}, who_);
        } catch (...) {
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(shared.list_units({.parent_id = commune_.id}, {.limit = 500}).items.size(), 41u);
}

}  // namespace
