// Assigning members by hand: every hard rule refuses with 409 naming it, and two server processes on one
// database never double-book a member.
#include <algorithm>
#include <chrono>
#include <functional>
#include <latch>
#include <thread>

#include "core/instant.hpp"
#include "e2e/e2e_fixture.hpp"

using namespace satdan::testkit;
namespace json = boost::json;

namespace {

class Assignments : public ServerTest {
 protected:
  // Its dates are written out: it runs at a fixed instant before them.
  std::optional<satdan::core::instant> clock_at() const override { return before_the_2027_plan(); }
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    auto c = client();
    district_ = id(c.post("/api/v1/units", {{"kind", "district"}, {"name", "Phú Ninh"}}));
    commune_ = id(c.post("/api/v1/units", {{"kind", "commune"}, {"name", "Tam Lãnh"}, {"parent_id", district_}}));
    other_commune_ = id(c.post("/api/v1/units", {{"kind", "commune"}, {"name", "Tam Vinh"}, {"parent_id", district_}}));
    village_ = id(c.post("/api/v1/units", {{"kind", "village"}, {"name", "Bồng Miêu"}, {"parent_id", commune_}}));
    cell_ = id(c.post("/api/v1/cells", {{"unit_id", village_}, {"name", "Chi bộ thôn Bồng Miêu"}}));
    commune_member_ = id(c.post("/api/v1/members", {{"full_name", "Hồ Thị Lan"}, {"level", "commune"}, {"home_unit_id", commune_}}));
    outsider_ = id(c.post("/api/v1/members", {{"full_name", "Võ Văn Nam"}, {"level", "commune"}, {"home_unit_id", other_commune_}}));
    district_member_ = id(c.post("/api/v1/members", {{"full_name", "Trần Quốc Bảo"}, {"level", "district"},
                                                     {"home_unit_id", commune_}, {"max_per_month", 1}}));
    meeting_ = session(c, "2027-03-05T19:30:00+07:00", "2027-03-05T21:30:00+07:00");
  }

  static std::int64_t id(const http_result& r) {
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json().at("id").as_int64() : 0;
  }
  std::int64_t session(http_client& c, const std::string& start, const std::string& end) {
    return id(c.post("/api/v1/sessions", {{"kind", "cell_meeting"}, {"cell_id", cell_}, {"start", start}, {"end", end}}));
  }
  http_result assign(http_client& c, std::int64_t session, std::int64_t member, const std::string& need) {
    return c.post("/api/v1/sessions/" + std::to_string(session) + "/assignments", {{"member_id", member}, {"need", need}});
  }
  static std::string rule_of(const http_result& r) {
    EXPECT_EQ(r.status, 409) << r.body;
    if (r.status != 409) return "";
    return std::string(r.json().at("errors").at(0).at("reason").as_string()).substr(0, 2);
  }

  std::int64_t district_ = 0, commune_ = 0, other_commune_ = 0, village_ = 0, cell_ = 0;
  std::int64_t commune_member_ = 0, outsider_ = 0, district_member_ = 0, meeting_ = 0;
};

TEST_F(Assignments, AFittingMemberIsSeatedAndPinned) {
  auto c = client();
  auto r = assign(c, meeting_, commune_member_, "commune");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_TRUE(r.json().at("manual").as_bool());
  EXPECT_TRUE(r.json().at("pinned").as_bool());
  auto list = c.get("/api/v1/sessions/" + std::to_string(meeting_) + "/assignments").json();
  ASSERT_EQ(list.at("items").as_array().size(), 1u);
  // The member's own schedule: sessions they are assigned to.
  auto schedule = c.get("/api/v1/sessions?member_id=" + std::to_string(commune_member_)).json();
  ASSERT_EQ(schedule.at("items").as_array().size(), 1u);
  EXPECT_EQ(schedule.at("items").at(0).at("id").as_int64(), meeting_);
  EXPECT_TRUE(c.get("/api/v1/sessions?member_id=" + std::to_string(outsider_)).json().at("items").as_array().empty());
  auto a = list.at("items").at(0).at("id").as_int64();
  EXPECT_EQ(c.del("/api/v1/sessions/" + std::to_string(meeting_) + "/assignments/" + std::to_string(a)).status, 204);
  EXPECT_EQ(c.del("/api/v1/sessions/" + std::to_string(meeting_) + "/assignments/" + std::to_string(a)).status, 404);
}

TEST_F(Assignments, EachHardRuleRefusesWithItsName) {
  auto c = client();
  EXPECT_EQ(rule_of(assign(c, meeting_, commune_member_, "chair")), "H1");   // not a chair
  EXPECT_EQ(rule_of(assign(c, meeting_, outsider_, "commune")), "H1");       // another commune's member
  ASSERT_EQ(assign(c, meeting_, commune_member_, "commune").status, 201);
  EXPECT_EQ(rule_of(assign(c, meeting_, commune_member_, "commune")), "H2");  // already seated
  auto second = id(c.post("/api/v1/members", {{"full_name", "Đỗ Văn Hải"}, {"level", "commune"}, {"home_unit_id", commune_}}));
  EXPECT_EQ(rule_of(assign(c, meeting_, second, "commune")), "H3");          // the one commune seat is taken
  // H4: on leave that evening.
  ASSERT_EQ(c.post("/api/v1/unavailability", {{"member_id", district_member_}, {"start", "2027-03-05T00:00:00+07:00"},
                                              {"end", "2027-03-06T00:00:00+07:00"}}).status, 201);
  EXPECT_EQ(rule_of(assign(c, meeting_, district_member_, "district")), "H4");
  // H5: another session ending five minutes before this one starts, elsewhere.
  auto dialogue = id(c.post("/api/v1/sessions", {{"kind", "dialogue"}, {"unit_id", other_commune_}, {"topic", "Đất đai"},
                                                 {"start", "2027-04-05T17:00:00+07:00"}, {"end", "2027-04-05T19:25:00+07:00"}}));
  auto april = session(c, "2027-04-05T19:30:00+07:00", "2027-04-05T21:30:00+07:00");
  ASSERT_EQ(assign(c, dialogue, district_member_, "district").status, 201);
  EXPECT_EQ(rule_of(assign(c, april, district_member_, "district")), "H5");
  // H6: the cap is one a month; another April session far enough away is still refused.
  auto later = session(c, "2027-04-20T19:30:00+07:00", "2027-04-20T21:30:00+07:00");
  EXPECT_EQ(rule_of(assign(c, later, district_member_, "district")), "H6");
  // Nothing refused was stored.
  EXPECT_EQ(c.get("/api/v1/sessions/" + std::to_string(meeting_) + "/assignments").json().at("items").as_array().size(), 1u);
}

TEST_F(Assignments, MovingASessionOntoAnotherOfTheMembersIsRefused) {
  auto c = client();
  auto other = session(c, "2027-03-06T19:30:00+07:00", "2027-03-06T21:30:00+07:00");
  ASSERT_EQ(assign(c, meeting_, commune_member_, "commune").status, 201);
  ASSERT_EQ(assign(c, other, commune_member_, "commune").status, 201);
  auto moved = c.request("PATCH", "/api/v1/sessions/" + std::to_string(other),
                         R"({"start": "2027-03-05T20:00:00+07:00", "end": "2027-03-05T22:00:00+07:00"})",
                         "application/merge-patch+json", {{"If-Match", "\"0\""}});
  EXPECT_EQ(moved.status, 409) << moved.body;
  EXPECT_EQ(c.get("/api/v1/sessions/" + std::to_string(other)).json().at("start").as_string(), "2027-03-06T12:30:00Z");
  // A one-off session with someone assigned is not deleted from under them.
  EXPECT_EQ(c.request("DELETE", "/api/v1/sessions/" + std::to_string(other), "", "", {{"If-Match", "\"0\""}}).status, 409);
}

// Both requests leave at a barrier, and a round counts as a race only when the two requests were really in
// flight together (each one sent before the other was answered); rounds go on, bounded, until enough did.
// Without the per-member lock, a race that overlaps seats the member twice.
TEST_F(Assignments, TwoServersAssigningTheSameMemberAtOnceNeverDoubleBook) {
  // A second process on the same database, as a deployment behind a proxy runs them.
  server_process second(db_->url());
  auto c = client();
  auto racer = id(c.post("/api/v1/members", {{"full_name", "Lê Thị Hoa"}, {"level", "district"}, {"home_unit_id", commune_},
                                             {"max_per_month", 31}}));
  http_client one(server_->port()), two(second.port());  // connected before the first round starts
  one.use_token(admin_token_);
  two.use_token(admin_token_);
  constexpr int wanted_overlaps = 8, max_rounds = 40;
  // Each round on a day of its own, two months ahead of now: a pair of sessions in two communes, an hour apart.
  const auto first_day = std::chrono::floor<std::chrono::days>(satdan::core::now()) + std::chrono::days(60);
  using clock = std::chrono::steady_clock;
  int overlaps = 0, rounds = 0;
  for (; rounds < max_rounds && overlaps < wanted_overlaps; ++rounds) {
    auto day = first_day + std::chrono::days(rounds);
    auto at = [&](int hour) { return satdan::core::format_utc(day + std::chrono::hours(hour)); };
    auto a = id(c.post("/api/v1/sessions", {{"kind", "dialogue"}, {"unit_id", commune_}, {"topic", "A"}, {"start", at(1)}, {"end", at(4)}}));
    auto b = id(c.post("/api/v1/sessions", {{"kind", "dialogue"}, {"unit_id", other_commune_}, {"topic", "B"}, {"start", at(2)}, {"end", at(5)}}));
    struct attempt {
      clock::time_point sent, answered;
      int status = 0;
    } left, right;
    std::latch start(2);
    auto race = [&](http_client& mine, std::int64_t session, attempt& out) {
      start.arrive_and_wait();
      out.sent = clock::now();
      out.status = assign(mine, session, racer, "district").status;
      out.answered = clock::now();
    };
    std::thread t1(race, std::ref(one), a, std::ref(left)), t2(race, std::ref(two), b, std::ref(right));
    t1.join();
    t2.join();
    // Whatever the timing, exactly one of the pair is seated.
    ASSERT_EQ(std::min(left.status, right.status), 201) << "round " << rounds;
    ASSERT_EQ(std::max(left.status, right.status), 409) << "round " << rounds;
    if (std::max(left.sent, right.sent) < std::min(left.answered, right.answered)) ++overlaps;
  }
  RecordProperty("rounds", rounds);
  RecordProperty("overlapping_rounds", overlaps);
  EXPECT_GE(overlaps, wanted_overlaps) << "only " << overlaps << " of " << rounds << " rounds overlapped";
  // The member's schedule holds one session per round.
  auto schedule = c.get("/api/v1/sessions?member_id=" + std::to_string(racer) + "&limit=100");
  ASSERT_EQ(schedule.status, 200) << schedule.body;
  EXPECT_EQ(schedule.json().at("items").as_array().size(), static_cast<std::size_t>(rounds));
}

}  // namespace
