// Grievances without a database: the lifecycle and its illegal moves, due dates from SLAs across month ends,
// tracking codes, validation of a new case, and what each JSON form leaves out.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cmath>
#include <functional>
#include <set>

#include "core/error.hpp"
#include "domain/grievance.hpp"
#include "security/tracking_code.hpp"
#include "support/field_errors.hpp"

using namespace satdan;
using namespace std::chrono_literals;
namespace json = boost::json;
using testkit::fields_of;
using testkit::names;

namespace {

const domain::date today = 2027y / 3 / 15;

domain::grievance denunciation() {
  domain::grievance g;
  g.id = 7;
  g.tracking_code = "K7M2Q-9XHTR";
  g.kind = "denunciation";
  g.category = "land_management";
  g.unit_id = 3;
  g.summary = "Lấn chiếm đất công";
  g.details = "Chi tiết có nêu tên người tố cáo";
  g.citizen_name = "Nguyễn Văn Tố";
  g.citizen_address = "Thôn Phú Lâm";
  g.citizen_contact = "0905 123 456";
  g.received_on = 2027y / 3 / 1;
  g.due_on = 2027y / 3 / 31;
  return g;
}

domain::grievance_transition to(std::string status) {
  domain::grievance_transition t;
  t.to = std::move(status);
  return t;
}

domain::grievance moved(domain::grievance g, domain::grievance_transition t) {
  return domain::apply_transition(g, t, today);
}

core::errc code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const core::error& e) {
    return e.code();
  }
  ADD_FAILURE() << "no error";
  return core::errc::internal;
}

}  // namespace

TEST(GrievanceSla, DueDatesCountCalendarDaysAcrossMonthEnds) {
  EXPECT_EQ(domain::due_date(2027y / 1 / 31, 30), 2027y / 3 / 2);   // February has 28 days in 2027
  EXPECT_EQ(domain::due_date(2028y / 1 / 31, 30), 2028y / 3 / 1);   // and 29 in 2028
  EXPECT_EQ(domain::due_date(2027y / 12 / 20, 15), 2028y / 1 / 4);  // across the year's end
  EXPECT_EQ(domain::due_date(2027y / 4 / 30, 15), 2027y / 5 / 15);
}

TEST(GrievanceLifecycle, FollowsReceivedAssignedInProgressAnsweredClosed) {
  auto g = denunciation();
  auto assign = to("assigned");
  assign.handling_unit_id = 4;
  assign.officer_account_id = 9;
  g = moved(g, assign);
  EXPECT_EQ(g.status, "assigned");
  EXPECT_EQ(g.handling_unit_id, 4);
  EXPECT_EQ(g.officer_account_id, 9);
  g = moved(g, to("in_progress"));
  auto answer = to("answered");
  answer.answer = "Đã kiểm tra, xử lý theo quy định.";
  g = moved(g, answer);
  EXPECT_EQ(g.status, "answered");
  EXPECT_EQ(g.answer, answer.answer);
  EXPECT_EQ(g.answered_on, today);
  g = moved(g, to("closed"));
  EXPECT_EQ(g.status, "closed");
}

TEST(GrievanceLifecycle, IllegalMoveIsAConflictNamingTheAllowedOnes) {
  auto g = denunciation();
  try {
    moved(g, to("answered"));
    FAIL() << "answered straight from received";
  } catch (const core::error& e) {
    EXPECT_EQ(e.code(), core::errc::conflict);
    ASSERT_EQ(e.fields().size(), 1u);
    EXPECT_EQ(e.fields()[0].field, "to");
    EXPECT_EQ(e.fields()[0].reason, "allowed: assigned");
  }
  g.status = "answered";
  try {
    moved(g, to("assigned"));
    FAIL();
  } catch (const core::error& e) {
    EXPECT_EQ(e.fields()[0].reason, "allowed: closed, in_progress");
  }
  g.status = "closed";
  EXPECT_EQ(code_of([&] { moved(g, to("closed")); }), core::errc::conflict);
  EXPECT_EQ(code_of([&] { moved(g, to("answered")); }), core::errc::conflict);
}

TEST(GrievanceLifecycle, EachMoveAsksForWhatItNeeds) {
  auto g = denunciation();
  EXPECT_TRUE(names(fields_of([&] { moved(g, to("assigned")); }), "handling_unit_id"));
  g.status = "in_progress";
  EXPECT_TRUE(names(fields_of([&] { moved(g, to("answered")); }), "answer"));
  auto sneaky = to("answered");
  sneaky.answer = "Trả lời";
  sneaky.handling_unit_id = 5;  // a unit is given only when assigning
  EXPECT_TRUE(names(fields_of([&] { moved(g, sneaky); }), "handling_unit_id"));
}

TEST(GrievanceLifecycle, ReopenAfterCloseNeedsReason) {
  auto g = denunciation();
  g.status = "closed";
  g.answer = "Đã trả lời";
  g.answered_on = 2027y / 3 / 10;
  EXPECT_TRUE(names(fields_of([&] { moved(g, to("in_progress")); }), "reason"));
  auto reopen = to("in_progress");
  reopen.reason = "Công dân chưa đồng ý với kết quả";
  auto open = moved(g, reopen);
  EXPECT_EQ(open.status, "in_progress");
  EXPECT_FALSE(open.answer);  // the earlier answer stays in the history only
  EXPECT_FALSE(open.answered_on);
}

TEST(GrievanceLifecycle, OverdueIsNotAnsweredByTheDueDate) {
  auto g = denunciation();  // due 2027-03-31
  EXPECT_FALSE(domain::is_overdue(g, 2027y / 3 / 31));
  EXPECT_TRUE(domain::is_overdue(g, 2027y / 4 / 1));
  g.status = "answered";
  EXPECT_FALSE(domain::is_overdue(g, 2027y / 4 / 1));
}

TEST(TrackingCode, HasTenUnambiguousCharactersAndDoesNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    auto code = security::new_tracking_code();
    ASSERT_EQ(code.size(), 11u);
    EXPECT_EQ(code[5], '-');
    for (char c : code) EXPECT_EQ(std::string("0O1IL").find(c), std::string::npos) << code;
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 2000u);
  // At least 40 bits: 30 symbols, 10 places.
  EXPECT_GE(10 * std::log2(static_cast<double>(security::tracking_alphabet.size())), 40.0);
}

TEST(TrackingCode, CaseSpacesAndHyphensDoNotMatterButForeignCharactersDo) {
  EXPECT_EQ(security::normalise_tracking_code("k7m2q-9xhtr"), "K7M2Q-9XHTR");
  EXPECT_EQ(security::normalise_tracking_code(" K7M2Q 9XHTR "), "K7M2Q-9XHTR");
  EXPECT_EQ(security::normalise_tracking_code("K7M2Q9XHTR"), "K7M2Q-9XHTR");
  EXPECT_FALSE(security::normalise_tracking_code("K7M2Q-9XHT0"));  // 0 is not in the alphabet
  EXPECT_FALSE(security::normalise_tracking_code("K7M2Q-9XHT"));
  EXPECT_FALSE(security::normalise_tracking_code("K7M2Q-9XHTRR"));
  EXPECT_FALSE(security::normalise_tracking_code("' OR 1=1 --"));
}

TEST(GrievanceJson, ComplaintsCannotBeAnonymous) {
  json::value body = {{"kind", "complaint"}, {"category", "land_management"}, {"unit_id", 3}, {"summary", "Khiếu nại"}};
  EXPECT_TRUE(names(fields_of([&] { domain::grievance_draft_from_json(body, today); }), "citizen_name"));
  body.as_object()["kind"] = "report";
  auto d = domain::grievance_draft_from_json(body, today);
  EXPECT_FALSE(d.value.citizen_name);
  EXPECT_EQ(d.value.received_on, today);
}

TEST(GrievanceJson, BadFieldsAreAllNamed) {
  json::value body = {{"kind", "petition"},         {"category", "Đất đai"},        {"summary", ""},
                      {"received_on", "2027-04-01"}, {"due_reason", "không có hạn"}, {"color", "red"}};
  auto fields = fields_of([&] { domain::grievance_draft_from_json(body, today); });
  for (const char* f : {"kind", "category", "summary", "unit_id", "received_on", "due_reason", "color"})
    EXPECT_TRUE(names(fields, f)) << f;
}

TEST(GrievanceJson, ADenouncersIdentityIsWithheldUnlessShownOnPurpose) {
  auto g = denunciation();
  auto withheld = json::serialize(domain::to_json(g));
  for (const auto& secret : {*g.citizen_name, *g.citizen_address, *g.citizen_contact})
    EXPECT_EQ(withheld.find(secret), std::string::npos) << secret;
  EXPECT_TRUE(domain::to_json(g).at("identity_withheld").as_bool());
  auto shown = domain::to_json(g, domain::identity_view::shown);
  EXPECT_EQ(shown.at("citizen_name").as_string(), *g.citizen_name);
  // Other kinds show the citizen to the office.
  g.kind = "recommendation";
  EXPECT_EQ(domain::to_json(g).at("citizen_name").as_string(), *g.citizen_name);
}

TEST(GrievanceJson, ThePublicFormHasNoNamesContactsOrDetails) {
  auto g = denunciation();
  g.kind = "complaint";
  auto text = json::serialize(domain::to_public_json({g, "UBND xã Tam Thành"}, today));
  for (const auto& secret : {*g.citizen_name, *g.citizen_address, *g.citizen_contact, *g.details, g.summary})
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;
  EXPECT_NE(text.find("UBND xã Tam Thành"), std::string::npos);
}
