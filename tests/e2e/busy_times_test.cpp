// Importing a member's own calendar: its events become unavailability over the horizon (recurrences
// expanded), a re-upload replaces the previous import of that source, a malformed file changes nothing, and
// no upload can keep the server busy for long. Dates are counted from now: imports are cut to the planning
// window [now, now + horizon).
#include <chrono>
#include <string_view>

#include "core/instant.hpp"
#include "e2e/e2e_fixture.hpp"

using namespace satdan;
using namespace satdan::testkit;
namespace json = boost::json;

namespace {

using std::chrono::days;
using std::chrono::hours;

// Midnight UTC `n` days from today.
core::instant day(int n) { return std::chrono::floor<days>(core::now()) + days{n}; }

// The iCalendar UTC form: 20270301T010000Z.
std::string ics_utc(core::instant t) {
  std::string s = core::format_utc(t);
  std::erase(s, '-');
  std::erase(s, ':');
  return s;
}

std::string vcalendar(std::string_view events) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//VI\r\n" + std::string(events) + "END:VCALENDAR\r\n";
}

// Three weekly days of training, 01:00Z to 10:00Z (08:00 to 17:00 in Vietnam), from two weeks on.
const std::string weekly_training =
    vcalendar("BEGIN:VEVENT\r\nUID:training@test\r\nSUMMARY:Lớp bồi dưỡng (riêng tư)\r\n"
              "DTSTART:" + ics_utc(day(14) + hours{1}) + "\r\nDTEND:" + ics_utc(day(14) + hours{10}) + "\r\n"
              "RRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\n");

class BusyTimes : public ServerTest {
 protected:
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
  EXPECT_EQ(list[0].at("start").as_string(), core::format_utc(day(14) + hours{1}));
  EXPECT_EQ(list[0].at("end").as_string(), core::format_utc(day(14) + hours{10}));
  EXPECT_EQ(list[2].at("start").as_string(), core::format_utc(day(28) + hours{1}));
  // The event's own title stays private.
  EXPECT_EQ(json::serialize(list).find("riêng tư"), std::string::npos);

  // The imported period is a real unavailability: the hard rule H4 refuses a seat that day.
  auto session = id(client().post("/api/v1/sessions", {{"kind", "cell_meeting"}, {"cell_id", cell_},
                                                        {"start", core::format_utc(day(21) + hours{7})},
                                                        {"end", core::format_utc(day(21) + hours{9})}}));
  auto seat = client().post("/api/v1/sessions/" + std::to_string(session) + "/assignments", {{"member_id", member_}, {"need", "commune"}});
  EXPECT_EQ(seat.status, 409) << seat.body;
  EXPECT_NE(seat.body.find("H4"), std::string::npos);
}

TEST_F(BusyTimes, AReuploadReplacesTheSameSourceOnly) {
  auto c = client();
  ASSERT_EQ(upload(c, member_, "personal", weekly_training).status, 200);
  const std::string one = vcalendar("BEGIN:VEVENT\r\nUID:x@test\r\nDTSTART:" + ics_utc(day(90) + hours{1}) +
                                    "\r\nDTEND:" + ics_utc(day(90) + hours{2}) + "\r\nEND:VEVENT\r\n");
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
  const std::string broken = vcalendar("BEGIN:VEVENT\r\nUID:y@test\r\nDTSTART:2027-13-45\r\nDTEND:" +
                                       ics_utc(day(90) + hours{2}) + "\r\nEND:VEVENT\r\n");
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

// The upload of issue 11: twenty daily rules on one event begun in 1902 (it froze the server for seconds).
TEST_F(BusyTimes, AnEventWithSeveralRulesIsRefusedNamingTheLine) {
  std::string rules;
  for (int i = 0; i < 20; ++i) rules += "RRULE:FREQ=DAILY\r\n";
  auto c = client();
  auto r = upload(c, member_, "personal",
                  vcalendar("BEGIN:VEVENT\r\nUID:z@test\r\nDTSTART:19020101T000000Z\r\nDURATION:PT1H\r\n" + rules +
                            "END:VEVENT\r\n"));
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json().at("errors").at(0).at("reason").as_string(), "line 9: an event may have only one RRULE");
  EXPECT_TRUE(periods(member_).empty());
}

TEST_F(BusyTimes, ARuleBegunLongAgoIsExpandedOverTheWindowOnlyAndCutToIt) {
  // Whole UTC days since 1902, with no end: one period per day that overlaps [from, to), the first one cut
  // at `from` (now), the last at `to`.
  auto c = client();
  auto r = upload(c, member_, "personal",
                  vcalendar("BEGIN:VEVENT\r\nUID:daily@test\r\nDTSTART:19020101T000000Z\r\nDURATION:P1D\r\n"
                            "RRULE:FREQ=DAILY\r\nEND:VEVENT\r\n"));
  ASSERT_EQ(r.status, 200) << r.body;
  core::instant from = *core::parse_rfc3339(r.json().at("from").as_string());
  core::instant to = *core::parse_rfc3339(r.json().at("to").as_string());
  auto first_day = std::chrono::floor<days>(from), last_day = std::chrono::floor<days>(to - std::chrono::seconds{1});
  EXPECT_EQ(r.json().at("periods").as_int64(), (last_day - first_day).count() + 1);
  auto first = c.get("/api/v1/unavailability?limit=1&member_id=" + std::to_string(member_));
  ASSERT_EQ(first.status, 200) << first.body;
  auto item = first.json().at("items").at(0);
  EXPECT_EQ(item.at("start").as_string(), core::format_utc(from));
  EXPECT_EQ(item.at("end").as_string(), core::format_utc(first_day + days{1}));
}

TEST_F(BusyTimes, DurationsThatOverflowAreRefusedNamingTheLine) {
  auto c = client();
  for (const char* duration : {"P99999999W", "PT9999999999999S"}) {
    auto r = upload(c, member_, "personal",
                    vcalendar("BEGIN:VEVENT\r\nUID:long@test\r\nDTSTART:" + ics_utc(day(7)) + "\r\nDURATION:" +
                              duration + "\r\nEND:VEVENT\r\n"));
    ASSERT_EQ(r.status, 422) << duration << ": " << r.body;
    EXPECT_TRUE(std::string(r.json().at("errors").at(0).at("reason").as_string()).starts_with("line 7: DURATION"))
        << r.body;
  }
  EXPECT_TRUE(periods(member_).empty());
  // A long event that is not absurd is kept, cut to the end of the window.
  auto r = upload(c, member_, "personal",
                  vcalendar("BEGIN:VEVENT\r\nUID:long@test\r\nDTSTART:" + ics_utc(day(7)) +
                            "\r\nDURATION:P520W\r\nEND:VEVENT\r\n"));
  ASSERT_EQ(r.status, 200) << r.body;
  auto list = periods(member_);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].at("end"), r.json().at("to"));
}

TEST_F(BusyTimes, RecurrenceStepsAreBudgetedPerUploadNotPerRule) {
  // A COUNT counts from DTSTART, so each rule walks 8,000 days from 2000; three of them go over the
  // upload's 20,000 steps although each alone is well within.
  std::string events;
  for (const char* uid : {"a", "b", "c"})
    events += std::string("BEGIN:VEVENT\r\nUID:") + uid +
              "\r\nDTSTART:20000101T010000Z\r\nDURATION:PT1H\r\nRRULE:FREQ=DAILY;COUNT=8000\r\nEND:VEVENT\r\n";
  auto c = client();
  auto r = upload(c, member_, "personal", vcalendar(events));
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json().at("errors").at(0).at("reason").as_string(),
            "line 20: RRULE goes over the limit of 20000 recurrence steps for one file");
}

}  // namespace
