// Attendance over HTTP: staff record a whole session at once (and nothing when one line is bad), the session
// becomes held, a member records their own line, and corrections stay in the history.
#include "e2e/e2e_fixture.hpp"

using namespace satdan;
using namespace satdan::testkit;
namespace json = boost::json;

namespace {

class Attendance : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    auto c = client();
    commune_ = c.post("/api/v1/units", {{"kind", "commune"}, {"name", "Tam Dân"}}).json().at("id").as_int64();
    for (const char* name : {"Võ Văn Một", "Đặng Thị Hai"})
      members_.push_back(c.post("/api/v1/members", {{"full_name", name}, {"level", "district"}, {"home_unit_id", commune_}})
                             .json().at("id").as_int64());
    add_account("staff", "staff");
    add_account("member", "member", members_[0]);
  }

  std::int64_t past_dialogue(std::chrono::hours ago) {
    auto start = core::now() - ago;
    auto r = client().post("/api/v1/sessions", {{"kind", "dialogue"}, {"unit_id", commune_}, {"topic", "Đối thoại về đất đai"},
                                                {"start", core::format_utc(start)},
                                                {"end", core::format_utc(start + std::chrono::hours(2))}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().at("id").as_int64();
  }

  http_client as(const std::string& username) {
    http_client c(server_->port());
    c.use_token(sign_in(username));
    return c;
  }

  std::int64_t commune_ = 0;
  std::vector<std::int64_t> members_;
};

TEST_F(Attendance, StaffRecordAWholeSessionAndItIsHeld) {
  auto id = past_dialogue(std::chrono::hours(30));
  auto staff = as("staff");
  std::string target = "/api/v1/sessions/" + std::to_string(id) + "/attendance";
  json::object body{{"records", json::array{json::object{{"member_id", members_[0]}, {"status", "on_time"}},
                                            json::object{{"member_id", members_[1]}, {"status", "late"}, {"late_minutes", 10}}}},
                    {"citizens_present", 85},
                    {"minutes", "Bà con kiến nghị sửa đường liên thôn."}};
  auto r = staff.request("PUT", target, json::serialize(body));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("session_status").as_string(), "held");
  EXPECT_EQ(r.json().at("records").as_array().size(), 2u);
  EXPECT_EQ(r.json().at("citizens_present").as_int64(), 85);
  EXPECT_EQ(client().get("/api/v1/sessions/" + std::to_string(id)).json().at("status").as_string(), "held");

  // A correction: the second member had an excuse after all.
  body["records"] = json::array{json::object{{"member_id", members_[1]}, {"status", "absent_excused"}, {"reason", "Họp tỉnh"}}};
  auto again = staff.request("PUT", target, json::serialize(body));
  ASSERT_EQ(again.status, 200) << again.body;
  auto read = staff.get(target).json();
  EXPECT_EQ(read.at("records").at(1).at("status").as_string(), "absent_excused");
  EXPECT_EQ(read.at("history").as_array().size(), 3u);
}

TEST_F(Attendance, OneBadLineRecordsNothing) {
  auto id = past_dialogue(std::chrono::hours(30));
  std::string target = "/api/v1/sessions/" + std::to_string(id) + "/attendance";
  json::object body{{"records", json::array{json::object{{"member_id", members_[0]}, {"status", "on_time"}},
                                            json::object{{"member_id", members_[1]}, {"status", "absent_excused"}}}}};
  auto r = as("staff").request("PUT", target, json::serialize(body));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json().at("errors").at(0).at("field").as_string(), "records[1].reason");
  EXPECT_TRUE(client().get(target).json().at("records").as_array().empty());
  EXPECT_EQ(client().get("/api/v1/sessions/" + std::to_string(id)).json().at("status").as_string(), "planned");
}

TEST_F(Attendance, AMemberRecordsTheirOwnLineAtASessionTheySitIn) {
  auto id = past_dialogue(std::chrono::hours(5));
  std::string base = "/api/v1/sessions/" + std::to_string(id);
  auto member = as("member");
  auto refused = member.request("PUT", base + "/attendance/me", R"({"status": "on_time"})");
  EXPECT_EQ(refused.status, 403) << refused.body;  // not seated yet
  ASSERT_EQ(client().post(base + "/assignments", {{"member_id", members_[0]}, {"need", "district"}}).status, 201);
  // Someone else's line is already there: the member's answer shows only their own.
  json::object other{{"records", json::array{json::object{{"member_id", members_[1]}, {"status", "absent_excused"},
                                                          {"reason", "Ốm"}}}}};
  ASSERT_EQ(as("staff").request("PUT", base + "/attendance", json::serialize(other)).status, 200);
  auto r = member.request("PUT", base + "/attendance/me", R"({"status": "late", "late_minutes": 5})");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json().at("records").as_array().size(), 1u) << r.body;
  EXPECT_EQ(r.json().at("records").at(0).at("member_id").as_int64(), members_[0]);
  EXPECT_EQ(r.body.find("Ốm"), std::string::npos) << r.body;
  EXPECT_EQ(r.json().at("session_status").as_string(), "held");
  // Members do not write the whole session.
  EXPECT_EQ(member.request("PUT", base + "/attendance", R"({"records": []})").status, 403);
}

// A member reads only their own line of any session, and the minutes only of a session they sat in; the
// office reads everything.
TEST_F(Attendance, AMemberSeesOnlyTheirOwnLineAndTheMinutesOnlyWhereSeated) {
  const std::string excuse = "Đi họp tỉnh", minutes = "Biên bản: bà con kiến nghị sửa đường.";
  json::object body{{"records", json::array{json::object{{"member_id", members_[0]}, {"status", "on_time"}},
                                            json::object{{"member_id", members_[1]}, {"status", "absent_excused"},
                                                         {"reason", excuse}}}},
                    {"citizens_present", 40},
                    {"minutes", minutes}};
  auto staff = as("staff");
  auto member = as("member");
  auto not_seated = past_dialogue(std::chrono::hours(30));
  auto seated = past_dialogue(std::chrono::hours(60));
  ASSERT_EQ(client().post("/api/v1/sessions/" + std::to_string(seated) + "/assignments",
                          {{"member_id", members_[0]}, {"need", "district"}}).status, 201);
  for (auto id : {not_seated, seated}) {
    std::string target = "/api/v1/sessions/" + std::to_string(id) + "/attendance";
    ASSERT_EQ(staff.request("PUT", target, json::serialize(body)).status, 200);
    auto office = staff.get(target).json();
    EXPECT_EQ(office.at("records").as_array().size(), 2u);
    EXPECT_EQ(office.at("minutes").as_string(), minutes);
    EXPECT_FALSE(office.at("minutes_withheld").as_bool());

    auto r = member.get(target);
    ASSERT_EQ(r.status, 200) << r.body;
    auto own = r.json();
    ASSERT_EQ(own.at("records").as_array().size(), 1u) << r.body;
    EXPECT_EQ(own.at("records").at(0).at("member_id").as_int64(), members_[0]);
    for (const auto& line : own.at("history").as_array()) EXPECT_EQ(line.at("member_id").as_int64(), members_[0]);
    EXPECT_EQ(r.body.find(excuse), std::string::npos) << r.body;
    if (id == seated) {
      EXPECT_EQ(own.at("minutes").as_string(), minutes);
      EXPECT_FALSE(own.at("minutes_withheld").as_bool());
    } else {
      EXPECT_TRUE(own.at("minutes").is_null()) << r.body;
      EXPECT_TRUE(own.at("minutes_withheld").as_bool());
    }
  }
}

TEST_F(Attendance, AMembersOwnLineClosesSevenDaysAfterTheSession) {
  auto id = past_dialogue(std::chrono::hours(5));
  std::string base = "/api/v1/sessions/" + std::to_string(id);
  ASSERT_EQ(client().post(base + "/assignments", {{"member_id", members_[0]}, {"need", "district"}}).status, 201);
  const auto ended = core::now() - std::chrono::hours(3);  // the dialogue lasted two hours
  // A week on, the member signs in afresh (a token lasts hours, not days).
  restart_server_at(ended + std::chrono::days(7) - std::chrono::hours(1));
  EXPECT_EQ(as("member").request("PUT", base + "/attendance/me", R"({"status": "on_time"})").status, 200);
  restart_server_at(ended + std::chrono::days(7) + std::chrono::hours(1));
  auto late = as("member").request("PUT", base + "/attendance/me", R"({"status": "late", "late_minutes": 5})");
  EXPECT_EQ(late.status, 409) << late.body;
}

TEST_F(Attendance, AFutureSessionHasNoAttendanceYet) {
  auto start = core::now() + std::chrono::days(30);
  auto r = client().post("/api/v1/sessions", {{"kind", "dialogue"}, {"unit_id", commune_}, {"topic", "Sắp tới"},
                                              {"start", core::format_utc(start)},
                                              {"end", core::format_utc(start + std::chrono::hours(2))}});
  ASSERT_EQ(r.status, 201) << r.body;
  json::object body{{"records", json::array{json::object{{"member_id", members_[0]}, {"status", "on_time"}}}}};
  auto put = client().request("PUT", "/api/v1/sessions/" + std::to_string(r.json().at("id").as_int64()) + "/attendance",
                              json::serialize(body));
  EXPECT_EQ(put.status, 409) << put.body;
}

}  // namespace
