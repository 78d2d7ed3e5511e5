// Instants and dates outside the years 1970–9999 are refused where they come in, naming the field and the
// reason, so none is stored to break later reads; a grievance's received_on is held to 2000 up to today.
#include <chrono>
#include <set>
#include <thread>

#include "core/instant.hpp"
#include "core/local_date.hpp"
#include "e2e/e2e_fixture.hpp"
#include "store/database.hpp"

using namespace satdan;
using namespace satdan::testkit;
namespace json = boost::json;

namespace {

class TimeRange : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    auto c = client();
    commune_ = id(c.post("/api/v1/units", {{"kind", "commune"}, {"name", "Tam Thành"}}));
    member_ = id(c.post("/api/v1/members", {{"full_name", "Hồ Thị Lan"}, {"level", "commune"}, {"home_unit_id", commune_}}));
    cell_ = id(c.post("/api/v1/cells", {{"unit_id", commune_}, {"name", "Chi bộ thôn 1"}}));
  }

  static std::int64_t id(const http_result& r) {
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json().at("id").as_int64() : 0;
  }

  // Every field error of a problem, as "field: reason".
  static std::set<std::string> all_errors(const http_result& r) {
    std::set<std::string> out;
    auto body = r.json();
    for (const auto& e : body.at("errors").as_array())
      out.insert(std::string(e.at("field").as_string()) + ": " + std::string(e.at("reason").as_string()));
    return out;
  }

  // The one problem's single field error, as "field: reason".
  static std::string only_error(const http_result& r) {
    auto body = r.json();
    const auto& errors = body.at("errors").as_array();
    if (errors.size() != 1) return "errors: " + json::serialize(errors);
    return std::string(errors[0].at("field").as_string()) + ": " + std::string(errors[0].at("reason").as_string());
  }

  http_result leave(http_client& c, const std::string& start, const std::string& end) {
    return c.post("/api/v1/unavailability", {{"member_id", member_}, {"start", start}, {"end", end}});
  }

  // A local date `days` from today, in UTC (the deployment zone's date is at most a day away from it).
  static std::string date_from_today(int days) {
    auto d = std::chrono::floor<std::chrono::days>(core::now()) + std::chrono::days{days};
    return core::format_date(std::chrono::year_month_day{d});
  }
  static std::string instant_from_now(std::chrono::hours h) { return core::format_utc(core::now() + h); }

  std::int64_t commune_ = 0, member_ = 0, cell_ = 0;
};

TEST_F(TimeRange, AnInstantBeforeOrAfterTheRangeIs422NamingTheFieldAndTheReason) {
  auto c = client();
  // Year 0 shifted by a one-minute offset lands in year -1: once stored, it broke every later read.
  auto r = leave(c, "0000-01-01T00:00:00+00:01", "0000-01-02T00:00:00Z");
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
  EXPECT_EQ(all_errors(r), (std::set<std::string>{"start: must not be before 1970-01-01T00:00:00Z",
                                                  "end: must not be before 1970-01-01T00:00:00Z"}));
  // The range is checked after the offset: midnight of 1 January 1970 in Vietnam is still 1969 in UTC.
  EXPECT_EQ(only_error(leave(c, "1970-01-01T00:00:00+07:00", "1970-01-02T00:00:00Z")),
            "start: must not be before 1970-01-01T00:00:00Z");
  EXPECT_EQ(only_error(leave(c, "9999-12-31T00:00:00Z", "9999-12-31T23:59:59-00:01")),
            "end: must not be after 9999-12-31T23:59:59Z");
  // Malformed text keeps its own reason.
  EXPECT_EQ(only_error(leave(c, "soon", "9999-12-31T23:59:59Z")),
            "start: must be an RFC 3339 date-time with an offset, e.g. 2027-02-01T07:30:00+07:00");

  // Nothing was stored, so every read that used to answer 500 works.
  auto list = c.get("/api/v1/unavailability");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_TRUE(list.json().at("items").as_array().empty());
  auto proposal = c.post("/api/v1/schedule/proposals", {{"within", commune_},
                                                        {"from", instant_from_now(std::chrono::hours{0})},
                                                        {"to", instant_from_now(std::chrono::hours{24 * 30})}});
  EXPECT_EQ(proposal.status, 201) << proposal.body;

  // The edges themselves are accepted, stored and read back on both databases.
  auto first = leave(c, "1970-01-01T07:00:00+07:00", "1970-01-02T00:00:00Z");
  ASSERT_EQ(first.status, 201) << first.body;
  auto last = leave(c, "9999-12-31T00:00:00Z", "9999-12-31T23:59:59Z");
  ASSERT_EQ(last.status, 201) << last.body;
  auto back = c.get("/api/v1/unavailability/" + std::to_string(first.json().at("id").as_int64()));
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.json().at("start").as_string(), "1970-01-01T00:00:00Z");
  back = c.get("/api/v1/unavailability/" + std::to_string(last.json().at("id").as_int64()));
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.json().at("end").as_string(), "9999-12-31T23:59:59Z");
  EXPECT_EQ(c.get("/api/v1/unavailability").json().at("items").as_array().size(), 2u);
}

TEST_F(TimeRange, EveryInstantFieldSharesTheRule) {
  auto c = client();
  auto session = c.post("/api/v1/sessions", {{"kind", "cell_meeting"}, {"cell_id", cell_},
                                             {"start", "1969-12-31T22:00:00Z"}, {"end", "1970-01-01T00:00:00Z"}});
  EXPECT_EQ(session.status, 422) << session.body;
  EXPECT_EQ(only_error(session), "start: must not be before 1970-01-01T00:00:00Z");
  auto proposal = c.post("/api/v1/schedule/proposals", {{"within", commune_}, {"from", "1969-12-31T23:59:59Z"},
                                                        {"to", "1970-01-10T00:00:00Z"}});
  EXPECT_EQ(proposal.status, 422) << proposal.body;
  EXPECT_EQ(only_error(proposal), "from: must not be before 1970-01-01T00:00:00Z");
}

TEST_F(TimeRange, QueryParametersShareTheRuleAs400LikeEveryBadParameter) {
  auto c = client();
  for (const char* path : {"/api/v1/unavailability", "/api/v1/sessions", "/api/v1/audit"}) {
    auto r = c.get(std::string(path) + "?from=0000-01-01T00:00:00%2B00:01");
    EXPECT_EQ(r.status, 400) << path << " " << r.body;
    EXPECT_EQ(only_error(r), "query.from: must not be before 1970-01-01T00:00:00Z") << path;
  }
  for (const char* path : {"/api/v1/reports/members", "/api/v1/reports/units", "/api/v1/reports/grievances"}) {
    auto r = c.get(std::string(path) + "?from=0000-01-01");
    EXPECT_EQ(r.status, 400) << path << " " << r.body;
    EXPECT_EQ(only_error(r), "query.from: must not be before 1970-01-01") << path;
    // The last year the service knows can be reported on: its last day has no next midnight.
    auto last = c.get(std::string(path) + "?from=9999-01-01&to=9999-12-31");
    EXPECT_EQ(last.status, 200) << path << " " << last.body;
  }
}

TEST_F(TimeRange, DatesShareTheRule) {
  auto c = client();
  json::object series{{"cell_id", cell_}, {"rrule", "FREQ=MONTHLY;BYMONTHDAY=5"}, {"first_date", "0000-01-01"},
                      {"start_time", "19:30"}};
  auto r = c.post("/api/v1/series", series);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(only_error(r), "first_date: must not be before 1970-01-01");
  series["first_date"] = date_from_today(2);
  series["until"] = "10000-01-01";
  EXPECT_EQ(only_error(c.post("/api/v1/series", series)), "until: must be a date YYYY-MM-DD");
  series["until"] = nullptr;
  series["exdates"] = json::array{"1969-12-31"};
  EXPECT_EQ(only_error(c.post("/api/v1/series", series)), "exdates[0]: must not be before 1970-01-01");
}

TEST_F(TimeRange, AGrievanceIsReceivedFrom2000UpToToday) {
  auto c = client();
  json::object body{{"kind", "recommendation"}, {"category", "land_management"}, {"unit_id", commune_},
                    {"summary", "Đường ngập nước"}, {"citizen_name", "Lê Văn Tám"}, {"received_on", "0000-01-01"}};
  auto r = c.post("/api/v1/grievances", body);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(only_error(r), "received_on: must not be before 2000-01-01");
  body["received_on"] = "1999-12-31";
  EXPECT_EQ(only_error(c.post("/api/v1/grievances", body)), "received_on: must not be before 2000-01-01");
  body["received_on"] = date_from_today(3);
  EXPECT_EQ(only_error(c.post("/api/v1/grievances", body)), "received_on: must not be in the future");
  body["received_on"] = "2000-01-01";
  auto accepted = c.post("/api/v1/grievances", body);
  ASSERT_EQ(accepted.status, 201) << accepted.body;
  EXPECT_TRUE(c.get("/api/v1/grievances").json().at("items").as_array().size() == 1u);
  body["received_on"] = date_from_today(-2);
  body["due_on"] = "9999-12-31";
  body["due_reason"] = "Chờ quy hoạch";
  auto last = c.post("/api/v1/grievances", body);
  EXPECT_EQ(last.status, 201) << last.body;
  body["due_on"] = "0001-01-01";
  EXPECT_EQ(all_errors(c.post("/api/v1/grievances", body)),
            (std::set<std::string>{"due_on: must not be before 1970-01-01"}));
}

// A row stored by an older version (or by hand) outside the range: the API reads, lists and deletes it
// instead of answering 500, and a server starting on the database names it in its log.
TEST_F(TimeRange, ARowAlreadyOutOfRangeIsReadClampedAndReportedAtStart) {
  auto c = client();
  auto created = leave(c, instant_from_now(std::chrono::hours{1}), instant_from_now(std::chrono::hours{25}));
  auto id = TimeRange::id(created);
  {
    auto db = db_->open(1);
    store::database::lease s(*db);
    std::string year_minus_one = db->kind() == store::backend::sqlite ? "-001-12-31T23:59:00Z" : "0002-12-31 23:59:00+00 BC";
    long long row = id;
    *s << "UPDATE unavailability SET start_at = :v WHERE id = :id", soci::use(year_minus_one), soci::use(row);
  }
  auto list = c.get("/api/v1/unavailability");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json().at("items").at(0).at("start").as_string(), "1970-01-01T00:00:00Z");
  auto proposal = c.post("/api/v1/schedule/proposals", {{"within", commune_},
                                                        {"from", instant_from_now(std::chrono::hours{0})},
                                                        {"to", instant_from_now(std::chrono::hours{24 * 30})}});
  EXPECT_EQ(proposal.status, 201) << proposal.body;

  server_process restarted(db_->url());
  std::string log;
  for (int i = 0; i < 100 && log.find("out_of_range_values") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    log = restarted.log();
  }
  EXPECT_NE(log.find("\"table\":\"unavailability\",\"column\":\"start_at\""), std::string::npos) << log;
  EXPECT_NE(log.find("id " + std::to_string(id) + ": "), std::string::npos) << log;

  EXPECT_EQ(c.del("/api/v1/unavailability/" + std::to_string(id)).status, 204);
  EXPECT_TRUE(c.get("/api/v1/unavailability").json().at("items").as_array().empty());
}

}  // namespace
