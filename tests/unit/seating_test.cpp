// The hard rules' verdict for one member and one seat: each rule refuses with its name, its request field and
// what conflicts, in the order the API has always checked them; the API's English detail is unchanged.
#include <gtest/gtest.h>

#include "core/instant.hpp"
#include "services/seating.hpp"

using namespace satdan;
using services::refusal;

namespace {

core::instant at(const char* text) { return *core::parse_rfc3339(text); }

class Seating : public ::testing::Test {
 protected:
  void SetUp() override {
    rules.month = [](core::instant t) {
      auto d = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(t + std::chrono::hours(7))};
      return static_cast<int>(d.year()) * 12 + static_cast<int>(static_cast<unsigned>(d.month())) - 1;
    };
    session.id = 1;
    session.unit_id = 20;
    session.start = at("2027-01-05T19:30:00+07:00");
    session.end = at("2027-01-05T21:30:00+07:00");
    session.status = "planned";
    session.needs = {{"commune", 1}};
    session.optional = {{"district", 1}};
    session.unit_and_ancestors = {20, 2, 1};
    member.id = 7;
    member.name = "Nguyễn Văn An";
    member.level = "district";
    member.home_unit_id = 2;
    member.max_per_month = 4;
  }
  services::verdict check(const std::string& need = "district") { return services::check_seat(session, member, need, rules); }

  services::seating_rules rules;
  services::seat_session session;
  services::seat_member member;
};

TEST_F(Seating, AFittingFreeMemberIsAllowed) {
  auto v = check();
  EXPECT_TRUE(v.allowed());
  EXPECT_EQ(v.rule, "");
  EXPECT_EQ(services::api_detail(v, member, "district"), "");
}

TEST_F(Seating, H1RefusesAMemberOfAnotherLevelWithoutTheRole) {
  auto v = check("chair");
  EXPECT_EQ(v.why, refusal::not_fitting);
  EXPECT_EQ(v.rule, "H1");
  EXPECT_EQ(v.field, "need");
  EXPECT_EQ(services::api_detail(v, member, "chair"), "Nguyễn Văn An is neither a chair member nor holds that role");
  member.roles.insert("chair");
  session.optional["chair"] = 1;
  EXPECT_TRUE(check("chair").allowed()) << "the role fits the seat";
}

TEST_F(Seating, H1KeepsACommuneMemberInTheirOwnCommune) {
  member.level = "commune";
  member.home_unit_id = 21;
  auto v = check("commune");
  EXPECT_EQ(v.why, refusal::other_commune);
  EXPECT_EQ(v.field, "member_id");
  member.home_unit_id = 2;
  EXPECT_TRUE(check("commune").allowed()) << "a village of their own commune";
}

TEST_F(Seating, H2RefusesASecondSeat) {
  session.seated.insert(member.id);
  auto v = check();
  EXPECT_EQ(v.why, refusal::already_seated);
  EXPECT_EQ(v.rule, "H2");
}

TEST_F(Seating, H3CountsTheSeatsOffered) {
  session.taken["district"] = 1;
  auto v = check();
  EXPECT_EQ(v.why, refusal::seats_full);
  EXPECT_EQ(v.rule, "H3");
  EXPECT_EQ(v.limit, 1);
  EXPECT_EQ(services::api_detail(v, member, "district"), "all 1 district seats are taken");
  session.optional.clear();
  v = check();
  EXPECT_EQ(v.why, refusal::no_such_seat);
  EXPECT_EQ(services::api_detail(v, member, "district"), "the session has no district seat");
}

TEST_F(Seating, H4NamesThePeriodAway) {
  member.away.push_back({at("2027-01-03T00:00:00+07:00"), at("2027-01-11T00:00:00+07:00"), "nghỉ phép"});
  auto v = check();
  EXPECT_EQ(v.why, refusal::away);
  EXPECT_EQ(v.rule, "H4");
  ASSERT_TRUE(v.period);
  EXPECT_EQ(v.period->reason, "nghỉ phép");
  EXPECT_EQ(services::api_detail(v, member, "district"),
            "Nguyễn Văn An is unavailable from 2027-01-02T17:00:00Z to 2027-01-10T17:00:00Z (nghỉ phép)");
  member.away.front().end = session.start;  // half-open: ending as the session starts is no clash
  EXPECT_TRUE(check().allowed());
}

TEST_F(Seating, H5NamesTheOtherSessionAndTheTravelTime) {
  member.booked.push_back({9, 30, at("2027-01-05T17:00:00+07:00"), at("2027-01-05T19:10:00+07:00")});
  auto v = check();
  EXPECT_EQ(v.why, refusal::travel);
  EXPECT_EQ(v.rule, "H5");
  ASSERT_TRUE(v.other);
  EXPECT_EQ(v.other->session_id, 9);
  EXPECT_EQ(v.gap_minutes, 30);
  EXPECT_EQ(services::api_detail(v, member, "district"),
            "Nguyễn Văn An is at session 9 (2027-01-05T10:00:00Z to 2027-01-05T12:10:00Z) without 30 minutes to travel between");
  // In the same unit ten minutes are enough.
  member.booked.front().unit_id = session.unit_id;
  EXPECT_TRUE(check().allowed());
  member.booked.front().end = at("2027-01-05T19:25:00+07:00");
  EXPECT_EQ(check().gap_minutes, 10);
}

TEST_F(Seating, H6CountsTheMonthOfTheSessionsStart) {
  member.max_per_month = 2;
  member.booked.push_back({10, 30, at("2027-01-10T19:30:00+07:00"), at("2027-01-10T21:30:00+07:00")});
  member.booked.push_back({11, 30, at("2027-02-01T06:00:00+07:00"), at("2027-02-01T08:00:00+07:00")});
  EXPECT_TRUE(check().allowed()) << "February's session counts in February";
  member.booked.push_back({12, 30, at("2027-01-20T19:30:00+07:00"), at("2027-01-20T21:30:00+07:00")});
  auto v = check();
  EXPECT_EQ(v.why, refusal::monthly_cap);
  EXPECT_EQ(v.rule, "H6");
  EXPECT_EQ(v.count, 2);
  EXPECT_EQ(v.limit, 2);
  EXPECT_EQ(services::api_detail(v, member, "district"), "Nguyễn Văn An already has 2 sessions that month (cap 2)");
}

TEST_F(Seating, TheFirstBrokenRuleIsTheVerdict) {
  session.seated.insert(member.id);
  member.away.push_back({session.start, session.end, std::nullopt});
  EXPECT_EQ(check().rule, "H2");
  EXPECT_EQ(check("chair").rule, "H1");
}

TEST_F(Seating, TheSeatsOfferedAreTheNeedsThenTheOptionalOnes) {
  session.optional["commune"] = 1;
  EXPECT_EQ(services::offered_requirements(session), (std::vector<std::string>{"commune", "district"}));
}

}  // namespace
