// Proposals from the database: the demo district's first quarter is fully staffed, a proposal applies once,
// and a proposal made before someone else's change is refused.
#include <sys/wait.h>

#include <cstdio>

#include "e2e/e2e_fixture.hpp"

using namespace satdan::testkit;
namespace json = boost::json;

namespace {

class Schedule : public ServerTest {
 protected:
  // Its dates are written out: it runs at a fixed instant before them.
  std::optional<satdan::core::instant> clock_at() const override { return before_the_2027_plan(); }
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    std::string command = clock_for_command() + "SATDAN_DEMO_PASSWORD='mật khẩu demo dài' " SATDAN_BINARY " seed-demo --database " + db_->url() +
                          " >/dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0);
    auto units = client().get("/api/v1/units?kind=district").json();
    district_ = units.at("items").at(0).at("id").as_int64();
  }
  http_result propose(http_client& c, const std::string& from, const std::string& to) {
    return c.post("/api/v1/schedule/proposals", {{"within", district_}, {"from", from}, {"to", to}});
  }
  std::int64_t district_ = 0;
};

TEST_F(Schedule, TheDemoQuarterIsFullyStaffedAndTheProposalApplies) {
  auto c = client();
  auto r = propose(c, "2027-01-01T00:00:00+07:00", "2027-04-01T00:00:00+07:00");
  ASSERT_EQ(r.status, 201) << r.body;
  auto p = r.json();
  // Every cell meeting's commune seat, every cell covered in the quarter, every dialogue staffed.
  EXPECT_EQ(p.at("cost").at("unfilled").as_int64(), 0) << json::serialize(p.at("unfilled"));
  EXPECT_EQ(p.at("cost").at("uncovered").as_int64(), 0);
  EXPECT_GT(p.at("sessions").as_int64(), 300);
  EXPECT_GT(p.at("added").as_array().size(), 300u);
  EXPECT_TRUE(p.at("removed").as_array().empty());  // nothing was assigned before
  auto id = p.at("id").as_int64();
  EXPECT_EQ(c.get("/api/v1/schedule/proposals/" + std::to_string(id)).json().at("status").as_string(), "open");

  auto applied = c.post("/api/v1/schedule/proposals/" + std::to_string(id) + "/apply", json::object{});
  ASSERT_EQ(applied.status, 200) << applied.body;
  EXPECT_EQ(applied.json().at("status").as_string(), "applied");
  // The seats are in the database now.
  const auto& first = p.at("added").at(0);
  auto seated = c.get("/api/v1/sessions/" + std::to_string(first.at("session_id").as_int64()) + "/assignments").json();
  EXPECT_FALSE(seated.at("items").as_array().empty());
  EXPECT_FALSE(seated.at("items").at(0).at("manual").as_bool());
  EXPECT_EQ(c.post("/api/v1/schedule/proposals/" + std::to_string(id) + "/apply", json::object{}).status, 409);

  // A second proposal starts from what is now assigned (its `previous`): it is no worse, and keeps most of it.
  auto again = propose(c, "2027-01-01T00:00:00+07:00", "2027-04-01T00:00:00+07:00").json();
  EXPECT_LE(again.at("cost").at("total").as_int64(), p.at("cost").at("total").as_int64());
  EXPECT_LT(again.at("removed").as_array().size(), p.at("added").as_array().size() / 4);
}

TEST_F(Schedule, AProposalMadeBeforeSomeoneElsesChangeIsRefused) {
  auto c = client();
  auto p = propose(c, "2027-02-01T00:00:00+07:00", "2027-03-01T00:00:00+07:00").json();
  auto id = p.at("id").as_int64();
  // Meanwhile a secretary seats someone by hand at one of the sessions the proposal read.
  const auto& seat = p.at("added").at(0);
  auto session = seat.at("session_id").as_int64();
  auto r = c.post("/api/v1/sessions/" + std::to_string(session) + "/assignments",
                  {{"member_id", seat.at("member_id")}, {"need", seat.at("need")}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto stale = c.post("/api/v1/schedule/proposals/" + std::to_string(id) + "/apply", json::object{});
  EXPECT_EQ(stale.status, 409) << stale.body;
  // Nothing of the stale proposal landed: the session has only the hand-made seat.
  auto seated = c.get("/api/v1/sessions/" + std::to_string(session) + "/assignments").json();
  EXPECT_EQ(seated.at("items").as_array().size(), 1u);
}

TEST_F(Schedule, BadScopesAreRefused) {
  auto c = client();
  EXPECT_EQ(c.post("/api/v1/schedule/proposals", {{"within", district_}, {"from", "2027-03-01T00:00:00Z"},
                                                  {"to", "2027-02-01T00:00:00Z"}}).status, 422);
  EXPECT_EQ(c.post("/api/v1/schedule/proposals", {{"within", 999999}, {"from", "2027-02-01T00:00:00Z"},
                                                  {"to", "2027-03-01T00:00:00Z"}}).status, 404);
}

}  // namespace
