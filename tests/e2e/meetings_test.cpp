// Series and sessions over HTTP: materialisation by libical, moves and cancellations, splitting a series
// from a date on, and optimistic concurrency with ETag / If-Match.
#include "e2e/e2e_fixture.hpp"

using namespace satdan::testkit;
namespace json = boost::json;

namespace {

class Meetings : public ServerTest {
 protected:
  // Its dates are written out: it runs at a fixed instant before them.
  std::optional<satdan::core::instant> clock_at() const override { return before_the_2027_plan(); }
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    auto c = client();
    commune_ = c.post("/api/v1/units", {{"kind", "commune"}, {"name", "Tam Đại"}}).json().at("id").as_int64();
    village_ = c.post("/api/v1/units", {{"kind", "village"}, {"name", "Đại Đồng"}, {"parent_id", commune_}}).json().at("id").as_int64();
    cell_ = c.post("/api/v1/cells", {{"unit_id", village_}, {"name", "Chi bộ thôn Đại Đồng"}}).json().at("id").as_int64();
  }

  json::object monthly_on_the_5th() {
    return {{"cell_id", cell_}, {"rrule", "FREQ=MONTHLY;BYMONTHDAY=5"}, {"first_date", "2027-01-01"},
            {"start_time", "19:30"}, {"duration_minutes", 120}, {"location", "Nhà văn hóa thôn Đại Đồng"}};
  }

  std::vector<json::object> sessions_of(http_client& c, std::int64_t series) {
    std::vector<json::object> out;
    std::string target = "/api/v1/sessions?limit=500&series_id=" + std::to_string(series);
    auto body = c.get(target).json();
    for (const auto& s : body.at("items").as_array()) out.push_back(s.as_object());
    return out;
  }

  static std::string str(const json::value& v) { return std::string(v.as_string()); }

  std::int64_t commune_ = 0, village_ = 0, cell_ = 0;
};

TEST_F(Meetings, ASeriesBecomesSessionsInUtcAtTheRightLocalTime) {
  auto c = client();
  auto r = c.post("/api/v1/series", monthly_on_the_5th());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.header("ETag"), "\"1\"");
  auto id = r.json().at("id").as_int64();
  EXPECT_EQ(r.json().at("time_zone").as_string(), "Asia/Ho_Chi_Minh");
  auto list = sessions_of(c, id);
  ASSERT_GE(list.size(), 10u);  // the horizon reaches 13 months ahead
  // 19:30 in Quảng Nam (UTC+7) is 12:30 UTC.
  EXPECT_EQ(str(list[0].at("start")), "2027-01-05T12:30:00Z");
  EXPECT_EQ(str(list[0].at("end")), "2027-01-05T14:30:00Z");
  EXPECT_EQ(str(list[0].at("recurrence_id")), "2027-01-05T12:30:00Z");
  EXPECT_EQ(str(list[1].at("start")), "2027-02-05T12:30:00Z");
  EXPECT_EQ(list[0].at("unit_id").as_int64(), village_);
  EXPECT_EQ(list[0].at("needs").at("commune").as_int64(), 1);
  EXPECT_EQ(list[0].at("optional").at("district").as_int64(), 1);
  EXPECT_EQ(str(list[0].at("location")), "Nhà văn hóa thôn Đại Đồng");
  auto one = c.get("/api/v1/sessions/" + std::to_string(list[0].at("id").as_int64()));
  EXPECT_EQ(one.json().at("series").at("rrule").as_string(), "FREQ=MONTHLY;BYMONTHDAY=5");
  EXPECT_TRUE(one.json().at("exception").is_null());
}

TEST_F(Meetings, AnInvalidRuleIs422QuotingLibical) {
  auto c = client();
  auto body = monthly_on_the_5th();
  body["rrule"] = "FREQ=SOMETIMES;BYMONTHDAY=5";
  auto r = c.post("/api/v1/series", body);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json().at("errors").at(0).at("field").as_string(), "rrule");
  body = monthly_on_the_5th();
  body["time_zone"] = "Mars/Olympus_Mons";
  EXPECT_EQ(c.post("/api/v1/series", body).status, 422);
}

TEST_F(Meetings, WritesNeedTheCurrentETag) {
  auto c = client();
  auto s = c.post("/api/v1/series", monthly_on_the_5th()).json();
  auto id = s.at("id").as_int64();
  auto first = sessions_of(c, id).at(0);
  std::string target = "/api/v1/sessions/" + std::to_string(first.at("id").as_int64());
  std::string patch = R"({"location": "Hội trường xã"})";
  EXPECT_EQ(c.request("PATCH", target, patch, "application/merge-patch+json").status, 428);
  auto ok = c.request("PATCH", target, patch, "application/merge-patch+json", {{"If-Match", "\"0\""}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.header("ETag"), "\"1\"");
  EXPECT_EQ(ok.json().at("sequence").as_int64(), 1);
  // A second secretary still holding version 0 does not overwrite the first one's change.
  auto stale = c.request("PATCH", target, R"({"location": "Nhà ông Ba"})", "application/merge-patch+json", {{"If-Match", "\"0\""}});
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(c.get(target).json().at("location").as_string(), "Hội trường xã");
  // The same for series.
  std::string series_target = "/api/v1/series/" + std::to_string(id);
  EXPECT_EQ(c.request("PATCH", series_target, R"({"location": "X"})", "application/merge-patch+json", {{"If-Match", "\"7\""}}).status, 412);
  EXPECT_EQ(c.request("DELETE", series_target, "", "", {{"If-Match", "\"7\""}}).status, 412);
}

TEST_F(Meetings, MovingAndCancellingAnOccurrenceKeepsItAndBumpsItsSequence) {
  auto c = client();
  auto id = c.post("/api/v1/series", monthly_on_the_5th()).json().at("id").as_int64();
  auto list = sessions_of(c, id);
  std::string feb = "/api/v1/sessions/" + std::to_string(list[1].at("id").as_int64());
  auto moved = c.request("PATCH", feb, R"({"start": "2027-02-07T19:30:00+07:00", "end": "2027-02-07T21:30:00+07:00"})",
                         "application/merge-patch+json", {{"If-Match", "\"0\""}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json().at("exception").as_string(), "moved");
  EXPECT_EQ(moved.json().at("recurrence_id").as_string(), "2027-02-05T12:30:00Z");  // where it came from
  std::string mar = "/api/v1/sessions/" + std::to_string(list[2].at("id").as_int64());
  auto no_reason = c.request("PATCH", mar, R"({"status": "cancelled"})", "application/merge-patch+json", {{"If-Match", "\"0\""}});
  EXPECT_EQ(no_reason.status, 422);
  auto cancelled = c.request("PATCH", mar, R"({"status": "cancelled", "status_reason": "Bão số 5"})",
                             "application/merge-patch+json", {{"If-Match", "\"0\""}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.json().at("status").as_string(), "cancelled");
  EXPECT_EQ(c.get(mar).status, 200);  // cancelling keeps the row
  // A held session is a record: it does not change any more.
  std::string jan = "/api/v1/sessions/" + std::to_string(list[0].at("id").as_int64());
  ASSERT_EQ(c.request("PATCH", jan, R"({"status": "held"})", "application/merge-patch+json", {{"If-Match", "\"0\""}}).status, 200);
  EXPECT_EQ(c.request("PATCH", jan, R"({"location": "khác"})", "application/merge-patch+json", {{"If-Match", "\"1\""}}).status, 409);
}

TEST_F(Meetings, ChangingTheSeriesRedoesFuturePlannedSessionsButKeepsExceptions) {
  auto c = client();
  auto id = c.post("/api/v1/series", monthly_on_the_5th()).json().at("id").as_int64();
  auto before = sessions_of(c, id);
  std::string feb = "/api/v1/sessions/" + std::to_string(before[1].at("id").as_int64());
  ASSERT_EQ(c.request("PATCH", feb, R"({"start": "2027-02-07T19:30:00+07:00", "end": "2027-02-07T21:30:00+07:00"})",
                      "application/merge-patch+json", {{"If-Match", "\"0\""}}).status, 200);
  // New time of day: same days, so every planned session is updated in place (same ids).
  auto r = c.request("PATCH", "/api/v1/series/" + std::to_string(id), R"({"start_time": "18:00"})",
                     "application/merge-patch+json", {{"If-Match", "\"1\""}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("ETag"), "\"2\"");
  EXPECT_EQ(r.json().at("sessions_removed").as_int64(), 0);
  EXPECT_EQ(r.json().at("sessions_added").as_int64(), 0);
  EXPECT_EQ(r.json().at("exceptions_kept").as_array().size(), 1u);
  auto after = sessions_of(c, id);
  ASSERT_EQ(after.size(), before.size());
  EXPECT_EQ(after[0].at("id"), before[0].at("id"));
  EXPECT_EQ(str(after[0].at("start")), "2027-01-05T11:00:00Z");
  EXPECT_EQ(after[0].at("sequence").as_int64(), 1);
  // The moved February meeting kept its move.
  auto moved = c.get(feb).json();
  EXPECT_EQ(str(moved.at("start")), "2027-02-07T12:30:00Z");
}

TEST_F(Meetings, SplittingFromADateEndsTheOldSeriesAndKeepsWhatWasRecorded) {
  auto c = client();
  auto id = c.post("/api/v1/series", monthly_on_the_5th()).json().at("id").as_int64();
  auto list = sessions_of(c, id);
  // January was held; May was moved by hand.
  std::string jan = "/api/v1/sessions/" + std::to_string(list[0].at("id").as_int64());
  ASSERT_EQ(c.request("PATCH", jan, R"({"status": "held"})", "application/merge-patch+json", {{"If-Match", "\"0\""}}).status, 200);
  std::string may = "/api/v1/sessions/" + std::to_string(list[4].at("id").as_int64());
  ASSERT_EQ(c.request("PATCH", may, R"({"location": "Trường tiểu học"})", "application/merge-patch+json", {{"If-Match", "\"0\""}}).status, 200);

  auto r = c.request("POST", "/api/v1/series/" + std::to_string(id) + "/split",
                     R"({"from": "2027-04-01", "rrule": "FREQ=MONTHLY;BYDAY=1TU"})", "application/json", {{"If-Match", "\"1\""}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto body = r.json();
  EXPECT_EQ(body.at("ended").at("until").as_string(), "2027-03-31");
  auto next_id = body.at("series").at("id").as_int64();
  EXPECT_EQ(body.at("series").at("first_date").as_string(), "2027-04-01");
  EXPECT_EQ(body.at("exceptions_kept").as_array().size(), 1u);  // May's hand-made change stays

  auto old_sessions = sessions_of(c, id);
  ASSERT_EQ(old_sessions.size(), 4u);  // Jan (held), Feb, Mar, and the kept May exception
  EXPECT_EQ(old_sessions[0].at("status").as_string(), "held");
  auto next_sessions = sessions_of(c, next_id);
  ASSERT_FALSE(next_sessions.empty());
  // First Tuesday of April 2027 is the 6th; 19:30 +07:00.
  EXPECT_EQ(str(next_sessions[0].at("start")), "2027-04-06T12:30:00Z");
  EXPECT_EQ(next_sessions[0].at("series_id").as_int64(), next_id);
  EXPECT_EQ(c.request("POST", "/api/v1/series/" + std::to_string(id) + "/split", R"({"from": "2027-06-01"})",
                      "application/json", {{"If-Match", "\"1\""}}).status, 412);
}

TEST_F(Meetings, DialoguesAreOneOffSessionsWithTopicAndDefaultSeats) {
  auto c = client();
  auto r = c.post("/api/v1/sessions", {{"kind", "dialogue"}, {"unit_id", commune_},
                                       {"topic", "Cấp giấy chứng nhận quyền sử dụng đất sau dồn điền đổi thửa"},
                                       {"start", "2027-03-12T08:00:00+07:00"}, {"end", "2027-03-12T11:00:00+07:00"},
                                       {"expected_citizens", 120}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto s = r.json();
  EXPECT_EQ(s.at("needs").at("chair").as_int64(), 1);
  EXPECT_EQ(s.at("needs").at("district").as_int64(), 2);
  EXPECT_TRUE(s.at("series_id").is_null());
  EXPECT_EQ(c.post("/api/v1/sessions", {{"kind", "dialogue"}, {"unit_id", commune_}, {"start", "2027-03-12T08:00:00+07:00"},
                                       {"end", "2027-03-12T07:00:00+07:00"}}).status, 422);
  auto dialogues = c.get("/api/v1/sessions?kind=dialogue&within=" + std::to_string(commune_)).json();
  EXPECT_EQ(dialogues.at("items").as_array().size(), 1u);
  auto id = s.at("id").as_int64();
  EXPECT_EQ(c.request("DELETE", "/api/v1/sessions/" + std::to_string(id), "", "", {{"If-Match", "\"0\""}}).status, 204);
}

TEST_F(Meetings, SessionListsPageInStartOrderAndFilterByPeriod) {
  auto c = client();
  c.post("/api/v1/series", monthly_on_the_5th());
  std::vector<std::string> starts;
  std::string target = "/api/v1/sessions?limit=5&from=2027-01-01T00:00:00Z&to=2027-12-31T23:59:59Z";
  for (int pages = 0; pages < 10; ++pages) {
    auto body = c.get(target).json();
    for (const auto& s : body.at("items").as_array()) starts.push_back(str(s.at("start")));
    if (body.at("next_cursor").is_null()) break;
    target = "/api/v1/sessions?limit=5&from=2027-01-01T00:00:00Z&to=2027-12-31T23:59:59Z&cursor=" + str(body.at("next_cursor"));
  }
  EXPECT_EQ(starts.size(), 12u);  // one a month through 2027
  EXPECT_TRUE(std::is_sorted(starts.begin(), starts.end()));
}

TEST_F(Meetings, MembersReadSessionsButOnlyTheSecretariatWrites) {
  auto c = client();
  auto m = c.post("/api/v1/members", {{"full_name", "Phan Văn Tư"}, {"level", "commune"}, {"home_unit_id", commune_}});
  add_account("e2e-member", "member", m.json().at("id").as_int64());
  http_client member(server_->port());
  member.use_token(sign_in("e2e-member"));
  c.post("/api/v1/series", monthly_on_the_5th());
  EXPECT_EQ(member.get("/api/v1/sessions").status, 200);
  EXPECT_EQ(member.post("/api/v1/series", monthly_on_the_5th()).status, 403);
}

}  // namespace
