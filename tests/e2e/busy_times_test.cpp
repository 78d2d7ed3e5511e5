// Importing a member's own calendar: its events become unavailability over the horizon (recurrences
// expanded), a re-upload replaces the previous import of that source, a malformed file changes nothing.
#include "e2e/e2e_fixture.hpp"

using namespace satdan::testkit;
namespace json = boost::json;

namespace {

const std::string weekly_training =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//VI\r\n"
    "BEGIN:VEVENT\r\nUID:training@test\r\nSUMMARY:Lớp bồi dưỡng (riêng tư)\r\n"
    "DTSTART;TZID=Asia/Ho_Chi_Minh:20270301T080000\r\nDTEND;TZID=Asia/Ho_Chi_Minh:20270301T170000\r\n"
    "RRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

class BusyTimes : public ServerTest {
 protected:
  // Its dates are written out: it runs at a fixed instant before them.
  std::optional<satdan::core::instant> clock_at() const override { return before_the_2027_plan(); }
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    auto c = client();
    commune_ = id(c.post("/api/v1/units", {{"kind", "commune"}, {"name", "Tam Lộc"}}));
    village_ = id(c.post("/api/v1/units", {{"kind", "village"}, {"name", "Phú Mỹ"}, {"parent_id", commune_}}));
    cell_ = id(c.post("/api/v1/cells", {{"unit_id", village_}, {"name", "Chi bộ thôn Phú Mỹ"}}));
    member_ = id(c.post("/api/v1/members", {{"full_name", "Phan Thị Hạnh"}, {"level", "commune"}, {"home_unit_id", commune_}}));
    other_ = id(c.post("/api/v1/members", {{"full_name", "Lê Văn Tâm"}, {"level", "commune"}, {"home_unit_id", commune_}}));
    add_account("hanh", "member", member_);
    member_token_ = sign_in("hanh");
  }
  static std::int64_t id(const http_result& r) {
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json().at("id").as_int64() : 0;
  }
  http_result upload(http_client& c, std::int64_t member, const std::string& source, const std::string& ics,
                     const std::string& type = "text/calendar") {
    return c.request("PUT", "/api/v1/members/" + std::to_string(member) + "/busy-times/" + source, ics, type);
  }
  json::array periods(std::int64_t member) {
    auto r = client().get("/api/v1/unavailability?member_id=" + std::to_string(member));
    EXPECT_EQ(r.status, 200);
    return r.json().at("items").as_array();
  }
  http_client as_member() {
    http_client c(server_->port());
    c.use_token(member_token_);
    return c;
  }
  std::int64_t commune_ = 0, village_ = 0, cell_ = 0, member_ = 0, other_ = 0;
  std::string member_token_;
};

TEST_F(BusyTimes, ARecurringEventBecomesOnePeriodPerOccurrence) {
  auto m = as_member();
  auto r = upload(m, member_, "personal", weekly_training);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("periods").as_int64(), 3);
  auto list = periods(member_);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].at("start").as_string(), "2027-03-01T01:00:00Z");
  EXPECT_EQ(list[0].at("end").as_string(), "2027-03-01T10:00:00Z");
  EXPECT_EQ(list[2].at("start").as_string(), "2027-03-15T01:00:00Z");
  // The event's own title stays private.
  EXPECT_EQ(json::serialize(list).find("riêng tư"), std::string::npos);

  // The imported period is a real unavailability: the hard rule H4 refuses a seat that day.
  auto session = id(client().post("/api/v1/sessions", {{"kind", "cell_meeting"}, {"cell_id", cell_},
                                                        {"start", "2027-03-08T14:00:00+07:00"}, {"end", "2027-03-08T16:00:00+07:00"}}));
  auto seat = client().post("/api/v1/sessions/" + std::to_string(session) + "/assignments", {{"member_id", member_}, {"need", "commune"}});
  EXPECT_EQ(seat.status, 409) << seat.body;
  EXPECT_NE(seat.body.find("H4"), std::string::npos);
}

TEST_F(BusyTimes, AReuploadReplacesTheSameSourceOnly) {
  auto c = client();
  ASSERT_EQ(upload(c, member_, "personal", weekly_training).status, 200);
  const std::string one =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//VI\r\nBEGIN:VEVENT\r\nUID:x@test\r\n"
      "DTSTART:20270601T010000Z\r\nDTEND:20270601T020000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  ASSERT_EQ(upload(c, member_, "work", one).status, 200);
  EXPECT_EQ(periods(member_).size(), 4u);
  ASSERT_EQ(upload(c, member_, "personal", one).status, 200);
  EXPECT_EQ(periods(member_).size(), 2u);
  EXPECT_EQ(c.del("/api/v1/members/" + std::to_string(member_) + "/busy-times/personal").status, 204);
  EXPECT_EQ(periods(member_).size(), 1u);
}

TEST_F(BusyTimes, AMalformedFileIsRefusedNamingTheLineAndChangesNothing) {
  auto c = client();
  ASSERT_EQ(upload(c, member_, "personal", weekly_training).status, 200);
  const std::string broken =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//VI\r\nBEGIN:VEVENT\r\nUID:y@test\r\n"
      "DTSTART:2027-13-45\r\nDTEND:20270601T020000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  auto r = upload(c, member_, "personal", broken);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json().at("errors").at(0).at("field").as_string(), "body");
  EXPECT_TRUE(std::string(r.json().at("errors").at(0).at("reason").as_string()).starts_with("line 6:")) << r.body;
  EXPECT_EQ(periods(member_).size(), 3u);  // the previous import stands
  EXPECT_EQ(upload(c, member_, "personal", weekly_training, "application/json").status, 415);
  EXPECT_EQ(upload(c, member_, "Not-A-Token", weekly_training).status, 422);
}

TEST_F(BusyTimes, MembersImportOnlyTheirOwn) {
  auto m = as_member();
  EXPECT_EQ(upload(m, other_, "personal", weekly_training).status, 404);
  EXPECT_TRUE(periods(other_).empty());
  auto admin = client();
  EXPECT_EQ(upload(admin, 999999, "personal", weekly_training).status, 404);
}

}  // namespace
