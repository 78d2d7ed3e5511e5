// Grievances on each backend: due dates from the SLA table, overrides that need a reason, references
// checked with the field named, lifecycle kept in history, filters, lookups by code, and an audit log that
// never holds a denouncer's identity.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "core/error.hpp"
#include "security/tracking_code.hpp"
#include "store/audit.hpp"
#include "store/directory_store.hpp"
#include "store/grievance_settings_store.hpp"
#include "store/grievances_store.hpp"
#include "store/meetings_store.hpp"
#include "support/field_errors.hpp"
#include "support/test_database.hpp"
#include "support/store_fixture.hpp"

using namespace satdan;
using namespace std::chrono_literals;
using testkit::fields_of;
using testkit::names;

namespace {

class GrievancesStore : public testkit::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    store::directory_store directory(db_);
    commune_ = directory.create_unit({0, std::nullopt, "commune", "Tam Thành", std::nullopt}, who_).id;
    village_ = directory.create_unit({0, commune_, "village", "Phú Lâm", std::nullopt}, who_).id;
    other_commune_ = directory.create_unit({0, std::nullopt, "commune", "Tam An", std::nullopt}, who_).id;
    store_ = std::make_unique<store::grievances_store>(db_);
  }

  domain::grievance_draft draft(std::string kind, domain::date received = 2027y / 1 / 31) {
    domain::grievance_draft d;
    d.value.kind = std::move(kind);
    d.value.category = "land_use_certificate";
    d.value.unit_id = village_;
    d.value.summary = "Chậm cấp giấy chứng nhận sau dồn điền đổi thửa";
    d.value.citizen_name = "Trần Thị Kiến";
    d.value.citizen_address = "Thôn Phú Lâm";
    d.value.citizen_contact = "0905 000 111";
    d.value.received_on = received;
    return d;
  }

  domain::grievance move(domain::id_t id, std::string status, domain::date today = 2027y / 2 / 10) {
    domain::grievance_transition t;
    t.to = std::move(status);
    if (t.to == "assigned") t.handling_unit_id = commune_;
    if (t.to == "answered") t.answer = "Đã cấp giấy chứng nhận.";
    return store_->transition(id, t, today, who_);
  }

  std::unique_ptr<store::grievances_store> store_;
  domain::id_t commune_ = 0, village_ = 0, other_commune_ = 0;
};

TEST_F(GrievancesStore, DueDateComesFromTheKindsSla) {
  auto complaint = store_->create(draft("complaint"), who_);
  EXPECT_EQ(complaint.due_on, 2027y / 3 / 2);  // 30 days after 31 January
  EXPECT_EQ(complaint.status, "received");
  EXPECT_EQ(complaint.category_label, "Cấp giấy chứng nhận quyền sử dụng đất sau dồn điền đổi thửa");
  EXPECT_TRUE(security::normalise_tracking_code(complaint.tracking_code));
  auto recommendation = store_->create(draft("recommendation"), who_);
  EXPECT_EQ(recommendation.due_on, 2027y / 2 / 15);
  EXPECT_NE(recommendation.tracking_code, complaint.tracking_code);
  auto settings = store::grievance_settings_store(db_).get();
  EXPECT_EQ(settings.sla_days.at("denunciation"), 30);
  EXPECT_EQ(settings.categories.size(), 7u);
}

TEST_F(GrievancesStore, OverridingTheDueDateNeedsAReason) {
  auto d = draft("recommendation");
  d.due_on = 2027y / 3 / 31;
  EXPECT_TRUE(names(fields_of([&] { store_->create(d, who_); }), "due_reason"));
  d.value.due_reason = "Cần đo đạc lại thực địa";
  auto g = store_->create(d, who_);
  EXPECT_EQ(g.due_on, 2027y / 3 / 31);
  EXPECT_EQ(g.due_reason, "Cần đo đạc lại thực địa");
}

TEST_F(GrievancesStore, ReferencesAreCheckedAndNamed) {
  auto d = draft("report");
  d.value.category = "fishing";
  EXPECT_TRUE(names(fields_of([&] { store_->create(d, who_); }), "category"));
  d = draft("report");
  d.value.unit_id = 999999;
  EXPECT_TRUE(names(fields_of([&] { store_->create(d, who_); }), "unit_id"));
  d = draft("report");
  d.value.session_id = 999999;
  EXPECT_TRUE(names(fields_of([&] { store_->create(d, who_); }), "session_id"));
  auto g = store_->create(draft("report"), who_);
  domain::grievance_transition t;
  t.to = "assigned";
  t.handling_unit_id = 999999;
  EXPECT_TRUE(names(fields_of([&] { store_->transition(g.id, t, 2027y / 2 / 1, who_); }), "handling_unit_id"));
  t.handling_unit_id = commune_;
  t.officer_account_id = 999999;
  EXPECT_TRUE(names(fields_of([&] { store_->transition(g.id, t, 2027y / 2 / 1, who_); }), "officer_account_id"));
  EXPECT_EQ(store_->get(g.id).status, "received");  // nothing changed on error
}

TEST_F(GrievancesStore, ASessionGivesTheCaseItsUnit) {
  store::meetings_store meetings(db_);
  domain::session s;
  s.kind = "dialogue";
  s.unit_id = other_commune_;
  s.topic = "Đối thoại về đất đai";
  s.start = *core::parse_rfc3339("2027-01-30T01:00:00Z");
  s.end = *core::parse_rfc3339("2027-01-30T04:00:00Z");
  s.needs = {{"chair", 1}};
  auto session = meetings.create_session(s, who_);
  auto d = draft("recommendation");
  d.value.unit_id = 0;
  d.value.session_id = session.id;
  auto g = store_->create(d, who_);
  EXPECT_EQ(g.unit_id, other_commune_);
  EXPECT_EQ(store_->list({.session_id = session.id}, {}).items.size(), 1u);
}

TEST_F(GrievancesStore, LifecycleIsKeptInHistoryWithTheAnswer) {
  auto g = store_->create(draft("complaint"), who_);
  move(g.id, "assigned");
  move(g.id, "in_progress");
  auto answered = move(g.id, "answered", 2027y / 2 / 20);
  EXPECT_EQ(answered.answered_on, 2027y / 2 / 20);
  store_->add_note(g.id, "Đã gọi điện cho công dân.", who_);
  auto read = store_->get(g.id);
  EXPECT_EQ(read.status, "answered");
  EXPECT_EQ(read.answer, "Đã cấp giấy chứng nhận.");
  EXPECT_EQ(read.answered_on, 2027y / 2 / 20);
  EXPECT_EQ(read.handling_unit_id, commune_);
  auto h = store_->history(g.id);
  ASSERT_EQ(h.size(), 5u);
  EXPECT_EQ(h[0].action, "received");
  EXPECT_EQ(h[3].from_status, "in_progress");
  EXPECT_EQ(h[3].to_status, "answered");
  EXPECT_EQ(h[3].text, "Đã cấp giấy chứng nhận.");
  EXPECT_EQ(h[4].action, "note");
  // A second move from a status the case has already left is refused, and changes nothing.
  try {
    move(g.id, "in_progress");
    FAIL() << "reopen without a reason";
  } catch (const core::error& e) {
    EXPECT_EQ(e.code(), core::errc::invalid_input);
  }
  EXPECT_THROW(move(g.id, "answered"), core::error);
  EXPECT_EQ(store_->history(g.id).size(), 5u);
}

TEST_F(GrievancesStore, FiltersFindOverdueCasesWithinAUnit) {
  auto late = store_->create(draft("recommendation", 2027y / 1 / 1), who_);       // due 16 January
  auto answered = store_->create(draft("recommendation", 2027y / 1 / 1), who_);   // answered: not overdue
  move(answered.id, "assigned");
  move(answered.id, "in_progress");
  move(answered.id, "answered");
  auto fresh = store_->create(draft("recommendation", 2027y / 2 / 1), who_);      // due 16 February
  auto elsewhere = draft("recommendation", 2027y / 1 / 1);
  elsewhere.value.unit_id = other_commune_;
  auto far = store_->create(elsewhere, who_);
  auto overdue = store_->list({.overdue_on = 2027y / 2 / 10}, {}).items;
  ASSERT_EQ(overdue.size(), 2u);
  EXPECT_EQ(overdue[0].id, late.id);
  EXPECT_EQ(overdue[1].id, far.id);
  auto within = store_->list({.within = commune_, .overdue_on = 2027y / 2 / 10}, {}).items;
  ASSERT_EQ(within.size(), 1u);
  EXPECT_EQ(within[0].id, late.id);
  EXPECT_EQ(store_->list({.within = commune_}, {}).items.size(), 3u);
  EXPECT_EQ(store_->list({.status = "answered"}, {}).items.size(), 1u);
  EXPECT_EQ(store_->list({.handling_unit_id = commune_}, {}).items.size(), 1u);
  auto first_page = store_->list({}, {.limit = 2});
  EXPECT_EQ(first_page.items.size(), 2u);
  ASSERT_TRUE(first_page.next_after);
  EXPECT_EQ(store_->list({}, {.limit = 2, .after = *first_page.next_after}).items.back().id, far.id);
  (void)fresh;
}

TEST_F(GrievancesStore, LookupByCodeGivesTheHandlingUnitsName) {
  auto g = store_->create(draft("report"), who_);
  EXPECT_FALSE(store_->find_by_code("22222-22222"));
  auto found = store_->find_by_code(g.tracking_code);
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->handling_unit_name);
  move(g.id, "assigned");
  EXPECT_EQ(store_->find_by_code(g.tracking_code)->handling_unit_name, "Tam Thành");
}

TEST_F(GrievancesStore, TheAuditLogNeverHoldsADenouncersIdentity) {
  auto g = store_->create(draft("denunciation"), who_);
  move(g.id, "assigned");
  store_->add_note(g.id, "Đã xác minh.", who_);
  store::audit_store audit(db_);
  auto entries = audit.list({.entity = std::string("grievance")}, {.limit = 100}).items;
  ASSERT_EQ(entries.size(), 3u);
  for (const auto& e : entries) {
    auto text = boost::json::serialize(e.changes);
    for (const char* secret : {"Trần Thị Kiến", "0905 000 111", "Thôn Phú Lâm"})
      EXPECT_EQ(text.find(secret), std::string::npos) << e.action << ": " << text;
  }
  // Other kinds are audited in full: the office may see those citizens.
  auto r = store_->create(draft("recommendation"), who_);
  auto last = audit.list({.entity = std::string("grievance"), .entity_id = r.id}, {}).items;
  ASSERT_EQ(last.size(), 1u);
  EXPECT_NE(boost::json::serialize(last[0].changes).find("Trần Thị Kiến"), std::string::npos);
}

}  // namespace

namespace {

TEST_F(GrievancesStore, SettingsChangeTheSlaForNewCasesAndAddCategories) {
  store::grievance_settings_store settings(db_);
  store::grievance_settings_change change;
  change.sla_days["recommendation"] = 10;
  change.categories["fisheries"] = "Thủy sản";
  change.categories["other"] = "Lĩnh vực khác";
  auto after = settings.change(change, who_);
  EXPECT_EQ(after.sla_days.at("recommendation"), 10);
  ASSERT_EQ(after.categories.size(), 8u);
  EXPECT_EQ(after.categories.back().code, "fisheries");  // new categories come last
  auto d = draft("recommendation");
  d.value.category = "fisheries";
  auto g = store_->create(d, who_);
  EXPECT_EQ(g.due_on, 2027y / 2 / 10);
  EXPECT_EQ(g.category_label, "Thủy sản");
  store::audit_store audit(db_);
  EXPECT_EQ(audit.list({.entity = std::string("grievance_settings")}, {}).items.size(), 1u);
}

}  // namespace
