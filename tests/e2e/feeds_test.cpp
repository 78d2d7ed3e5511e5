// Calendar feeds over HTTP: a member's private feed follows their assignments and every change to them,
// validators answer 304 exactly when nothing changed, tokens rotate and revoke, unit feeds are public and
// name nobody but a dialogue's chair.
#include <libical/ical.h>

#include <thread>

#include "calendar/libical_lock.hpp"
#include "e2e/e2e_fixture.hpp"
#include "http/http_date.hpp"

using namespace satdan;
using namespace satdan::testkit;
namespace json = boost::json;

namespace {

// A feed as libical reads it back.
struct parsed_feed {
  icalcomponent* root = nullptr;
  explicit parsed_feed(const std::string& text) {
    std::lock_guard lock(calendar::libical_mutex());
    root = icalparser_parse_string(text.c_str());
  }
  ~parsed_feed() {
    std::lock_guard lock(calendar::libical_mutex());
    if (root) icalcomponent_free(root);
  }
  struct event {
    std::string uid, summary, description, status;
    int sequence = 0, alarms = 0;
  };
  std::vector<event> events() const {
    std::lock_guard lock(calendar::libical_mutex());
    std::vector<event> out;
    for (icalcomponent* ev = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)) {
      event e;
      e.uid = icalcomponent_get_uid(ev);
      e.summary = icalcomponent_get_summary(ev);
      const char* d = icalcomponent_get_description(ev);
      e.description = d ? d : "";
      e.status = icalproperty_status_to_string(icalcomponent_get_status(ev));
      e.sequence = icalcomponent_get_sequence(ev);
      e.alarms = icalcomponent_count_components(ev, ICAL_VALARM_COMPONENT);
      out.push_back(e);
    }
    return out;
  }
};

// The logical lines of a feed: a name folded across two lines is still found.
std::string unfolded(const std::string& body) {
  std::string out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    out += body[i];
  }
  return out;
}

class Feeds : public ServerTest {
 protected:
  // Its dates are written out: it runs at a fixed instant before them.
  std::optional<satdan::core::instant> clock_at() const override { return before_the_2027_plan(); }
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    auto c = client();
    district_ = id(c.post("/api/v1/units", {{"kind", "district"}, {"name", "Phú Ninh"}}));
    commune_ = id(c.post("/api/v1/units", {{"kind", "commune"}, {"name", "Tam Thành"}, {"parent_id", district_}}));
    village_ = id(c.post("/api/v1/units", {{"kind", "village"}, {"name", "Phú Lâm"}, {"parent_id", commune_}}));
    cell_ = id(c.post("/api/v1/cells", {{"unit_id", village_}, {"name", "Chi bộ thôn Phú Lâm"}}));
    district_member_ = id(c.post("/api/v1/members", {{"full_name", "Trần Quốc Bảo"}, {"level", "district"}, {"home_unit_id", commune_},
                                                     {"phone", "0905123456"}, {"email", "bao@example.vn"}}));
    commune_member_ = id(c.post("/api/v1/members", {{"full_name", "Hồ Thị Lan"}, {"level", "commune"}, {"home_unit_id", commune_}}));
    chair_ = id(c.post("/api/v1/members", {{"full_name", "Nguyễn Văn Chủ"}, {"level", "district"}, {"roles", {"chair"}},
                                           {"home_unit_id", commune_}}));
    add_account("bao", "member", district_member_);
    member_token_ = sign_in("bao");
    meeting_ = id(c.post("/api/v1/sessions", {{"kind", "cell_meeting"}, {"cell_id", cell_}, {"location", "Nhà văn hóa thôn Phú Lâm"},
                                              {"start", start_of_meeting}, {"end", "2027-01-05T21:30:00+07:00"}}));
    dialogue_ = id(c.post("/api/v1/sessions", {{"kind", "dialogue"}, {"unit_id", commune_}, {"topic", "Đất đai sau dồn điền đổi thửa"},
                                               {"start", "2027-02-10T08:00:00+07:00"}, {"end", "2027-02-10T11:00:00+07:00"}}));
    ASSERT_EQ(assign(meeting_, district_member_, "district").status, 201);
    ASSERT_EQ(assign(meeting_, commune_member_, "commune").status, 201);
    ASSERT_EQ(assign(dialogue_, chair_, "chair").status, 201);
    ASSERT_EQ(assign(dialogue_, district_member_, "district").status, 201);
  }

  static constexpr const char* start_of_meeting = "2027-01-05T19:30:00+07:00";

  static std::int64_t id(const http_result& r) {
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json().at("id").as_int64() : 0;
  }
  http_result assign(std::int64_t session, std::int64_t member, const std::string& need) {
    return client().post("/api/v1/sessions/" + std::to_string(session) + "/assignments", {{"member_id", member}, {"need", need}});
  }
  http_client member() {
    http_client c(server_->port());
    c.use_token(member_token_);
    return c;
  }
  // The member's feed address, path only.
  std::string issue_feed() {
    auto r = member().post("/api/v1/me/feed-token", json::object{});
    EXPECT_EQ(r.status, 200) << r.body;
    std::string url(r.json().at("https_url").as_string());
    return url.substr(url.find("/feeds/"));
  }
  http_result fetch(const std::string& path, const http::header_list& headers = {}) {
    return anonymous().request("GET", path, "", "", headers);
  }
  void patch_session(std::int64_t session, const json::object& patch) {
    auto c = client();
    auto current = c.get("/api/v1/sessions/" + std::to_string(session));
    auto r = c.request("PATCH", "/api/v1/sessions/" + std::to_string(session), json::serialize(patch),
                       "application/merge-patch+json", {{"If-Match", current.header("ETag")}});
    ASSERT_EQ(r.status, 200) << r.body;
  }

  std::int64_t district_ = 0, commune_ = 0, village_ = 0, cell_ = 0;
  std::int64_t district_member_ = 0, commune_member_ = 0, chair_ = 0, meeting_ = 0, dialogue_ = 0;
  std::string member_token_;
};

TEST_F(Feeds, AMembersFeedHoldsTheSessionsTheyAreAssignedTo) {
  auto r = member().post("/api/v1/me/feed-token", json::object{});
  ASSERT_EQ(r.status, 200) << r.body;
  std::string token(r.json().at("token").as_string());
  EXPECT_GE(token.size(), 22u);  // at least 128 bits
  std::string https(r.json().at("https_url").as_string()), webcal(r.json().at("webcal_url").as_string());
  EXPECT_TRUE(https.ends_with("/feeds/m/" + token + ".ics"));
  EXPECT_TRUE(webcal.starts_with("webcal://"));
  EXPECT_TRUE(webcal.ends_with("/feeds/m/" + token + ".ics"));

  auto feed = fetch("/feeds/m/" + token + ".ics");
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_EQ(feed.header("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_TRUE(feed.header("Cache-Control").starts_with("private, max-age="));
  EXPECT_EQ(feed.header("Content-Encoding"), "");
  auto events = parsed_feed(feed.body).events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].uid.substr(0, 8 + std::to_string(meeting_).size()), "session-" + std::to_string(meeting_));
  EXPECT_EQ(events[0].summary, "Sinh hoạt chi bộ thôn Phú Lâm — dự với vai trò huyện ủy viên");
  EXPECT_NE(events[0].description.find("Cùng dự: Hồ Thị Lan (đảng ủy viên xã)"), std::string::npos);
  EXPECT_EQ(events[0].alarms, 2);  // the default reminders: a day and an hour before
  EXPECT_EQ(events[1].summary, "Tiếp xúc, đối thoại với nhân dân xã Tam Thành — dự với vai trò huyện ủy viên");
  EXPECT_NE(events[1].description.find("Nguyễn Văn Chủ (chủ trì)"), std::string::npos);
  EXPECT_EQ(unfolded(feed.body).find("ATTENDEE"), std::string::npos);
  // The address is a credential: the request log names the route, not the token.
  std::string log = log_once_it_holds("/feeds/m/");
  EXPECT_NE(log.find("/feeds/m/"), std::string::npos);
  EXPECT_EQ(log.find(token), std::string::npos);
}

TEST_F(Feeds, ValidatorsAnswer304ExactlyWhenNothingChanged) {
  std::string path = issue_feed();
  auto first = fetch(path);
  ASSERT_EQ(first.status, 200);
  std::string etag = first.header("ETag"), last_modified = first.header("Last-Modified");
  ASSERT_FALSE(etag.empty());
  ASSERT_TRUE(http::parse_http_date(last_modified));
  EXPECT_EQ(etag.front(), '"');  // strong

  EXPECT_EQ(fetch(path, {{"If-None-Match", etag}}).status, 304);
  EXPECT_EQ(fetch(path, {{"If-Modified-Since", last_modified}}).status, 304);
  EXPECT_EQ(fetch(path, {{"If-None-Match", "\"something-else\""}}).status, 200);
  // If-None-Match wins over If-Modified-Since.
  EXPECT_EQ(fetch(path, {{"If-None-Match", "\"other\""}, {"If-Modified-Since", last_modified}}).status, 200);
  auto not_modified = fetch(path, {{"If-None-Match", etag}});
  EXPECT_TRUE(not_modified.body.empty());
  EXPECT_EQ(not_modified.header("ETag"), etag);

  // A change to the session: the next fetch shows it, with a higher SEQUENCE and new validators.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // Last-Modified has whole seconds
  patch_session(meeting_, {{"location", "Hội trường xã Tam Thành"}});
  auto second = fetch(path, {{"If-None-Match", etag}});
  ASSERT_EQ(second.status, 200);
  EXPECT_NE(second.header("ETag"), etag);
  EXPECT_EQ(fetch(path, {{"If-Modified-Since", last_modified}}).status, 200);
  auto before = parsed_feed(first.body).events(), after = parsed_feed(second.body).events();
  EXPECT_GT(after[0].sequence, before[0].sequence);
  EXPECT_NE(unfolded(second.body).find("Hội trường xã Tam Thành"), std::string::npos);
  auto lm2 = *http::parse_http_date(second.header("Last-Modified"));
  EXPECT_GT(lm2, *http::parse_http_date(last_modified));

  // Unassigned: the session leaves the feed, and Last-Modified still does not go back.
  auto assignments = client().get("/api/v1/sessions/" + std::to_string(meeting_) + "/assignments").json();
  for (const auto& a : assignments.at("items").as_array()) {
    if (a.at("member_id").as_int64() != district_member_) continue;
    ASSERT_EQ(client().del("/api/v1/sessions/" + std::to_string(meeting_) + "/assignments/" +
                           std::to_string(a.at("id").as_int64())).status, 204);
  }
  auto third = fetch(path, {{"If-None-Match", second.header("ETag")}});
  ASSERT_EQ(third.status, 200);
  EXPECT_EQ(parsed_feed(third.body).events().size(), 1u);
  EXPECT_GE(*http::parse_http_date(third.header("Last-Modified")), lm2);
  // A change elsewhere that this feed does not show leaves its validators alone.
  auto unrelated = client().post("/api/v1/units", {{"kind", "village"}, {"name", "Thôn khác"}, {"parent_id", commune_}});
  ASSERT_EQ(unrelated.status, 201);
  EXPECT_EQ(fetch(path, {{"If-None-Match", third.header("ETag")}}).status, 304);
}

TEST_F(Feeds, HeadAnswersTheHeadersOfGet) {
  std::string path = issue_feed();
  auto get = fetch(path);
  auto head = anonymous().request("HEAD", path);
  ASSERT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.header("Content-Length"), std::to_string(get.body.size()));
  EXPECT_EQ(head.header("ETag"), get.header("ETag"));
  EXPECT_EQ(head.header("Content-Type"), "text/calendar; charset=utf-8");
}

TEST_F(Feeds, TokensRotateAndRevoke) {
  std::string first = issue_feed();
  ASSERT_EQ(fetch(first).status, 200);
  std::string second = issue_feed();
  EXPECT_EQ(fetch(first).status, 404);  // rotated: the old address is gone
  ASSERT_EQ(fetch(second).status, 200);
  auto settings = member().get("/api/v1/me/feed");
  ASSERT_EQ(settings.status, 200);
  EXPECT_TRUE(settings.json().at("has_token").as_bool());
  EXPECT_EQ(member().del("/api/v1/me/feed-token").status, 204);
  EXPECT_EQ(fetch(second).status, 404);
  EXPECT_FALSE(member().get("/api/v1/me/feed").json().at("has_token").as_bool());
  EXPECT_EQ(fetch("/feeds/m/" + security::new_token() + ".ics").status, 404);

  // An admin issues and revokes feeds for any member.
  auto issued = client().post("/api/v1/members/" + std::to_string(commune_member_) + "/feed-token", json::object{});
  ASSERT_EQ(issued.status, 200) << issued.body;
  std::string url(issued.json().at("https_url").as_string());
  std::string path = url.substr(url.find("/feeds/"));
  auto feed = fetch(path);
  ASSERT_EQ(feed.status, 200);
  EXPECT_EQ(parsed_feed(feed.body).events().size(), 1u);
  EXPECT_EQ(client().del("/api/v1/members/" + std::to_string(commune_member_) + "/feed-token").status, 204);
  EXPECT_EQ(fetch(path).status, 404);
  EXPECT_EQ(client().post("/api/v1/members/999999/feed-token", json::object{}).status, 404);
}

TEST_F(Feeds, RemindersFollowTheMembersSettings) {
  std::string path = issue_feed();
  auto r = member().patch("/api/v1/me/feed", {{"reminders_minutes", {30}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("reminders_minutes").as_array().size(), 1u);
  auto events = parsed_feed(fetch(path).body).events();
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0].alarms, 1);
  EXPECT_NE(unfolded(fetch(path).body).find("TRIGGER:-PT30M"), std::string::npos);

  auto bad = member().patch("/api/v1/me/feed", {{"reminders_minutes", {30, -5, 30}}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("reminders_minutes[1]"), std::string::npos);
  EXPECT_NE(bad.body.find("reminders_minutes[2]"), std::string::npos);
  EXPECT_EQ(member().patch("/api/v1/me/feed", {{"reminders", {30}}}).status, 422);
  EXPECT_EQ(member().get("/api/v1/me/feed").json().at("reminders_minutes").as_array().size(), 1u);  // unchanged
}

TEST_F(Feeds, CancelledSessionsStayMarkedCancelled) {
  std::string path = issue_feed();
  patch_session(meeting_, {{"status", "cancelled"}, {"status_reason", "Bão số 9"}});
  auto events = parsed_feed(fetch(path).body).events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].status, "CANCELLED");
  EXPECT_EQ(events[0].alarms, 0);
  EXPECT_TRUE(events[0].summary.starts_with("Đã hủy: "));
  EXPECT_NE(events[0].description.find("Bão số 9"), std::string::npos);
}

TEST_F(Feeds, UnitFeedsArePublicAndNameOnlyTheChair) {
  auto feed = fetch("/feeds/u/" + std::to_string(district_) + ".ics");
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_TRUE(feed.header("Cache-Control").starts_with("public, max-age="));
  auto events = parsed_feed(feed.body).events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].summary, "Sinh hoạt chi bộ thôn Phú Lâm");
  EXPECT_NE(events[1].description.find("Chủ trì: Nguyễn Văn Chủ"), std::string::npos);  // the dialogue's chair
  std::string text = unfolded(feed.body);
  for (const char* personal : {"Trần Quốc Bảo", "Hồ Thị Lan", "0905123456", "bao@example.vn"})
    EXPECT_EQ(text.find(personal), std::string::npos) << personal;
  // The village's feed has its own meeting only; an unknown unit has no feed.
  EXPECT_EQ(parsed_feed(fetch("/feeds/u/" + std::to_string(village_) + ".ics").body).events().size(), 1u);
  EXPECT_EQ(fetch("/feeds/u/999999.ics").status, 404);
  EXPECT_EQ(fetch("/feeds/u/abc.ics").status, 404);
}

TEST_F(Feeds, OneSessionDownloads) {
  auto r = client().get("/api/v1/sessions/" + std::to_string(dialogue_) + ".ics");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_NE(r.header("Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_NE(r.body.find("METHOD:PUBLISH"), std::string::npos);
  EXPECT_EQ(parsed_feed(r.body).events().size(), 1u);
  EXPECT_EQ(client().get("/api/v1/sessions/999999.ics").status, 404);
  // The plain session route still answers JSON.
  EXPECT_EQ(client().get("/api/v1/sessions/" + std::to_string(dialogue_)).header("Content-Type"), "application/json");
}

TEST_F(Feeds, EveryMemberGetsAnAddressFromTheCommandLine) {
  // A name a spreadsheet with a ';' list separator would otherwise split into a formula cell.
  id(client().post("/api/v1/members", {{"full_name", "=Lê;@Văn"}, {"level", "commune"}, {"home_unit_id", commune_}}));
  // The database URL is the test's own (a file path or a libpq URL without spaces): no shell quoting needed.
  std::string command = clock_for_command() + SATDAN_BINARY " issue-feeds --no-migrate --database " + db_->url() + " 2>/dev/null";
  FILE* p = ::popen(command.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  ASSERT_EQ(::pclose(p), 0) << out;
  std::vector<std::string> lines;
  for (std::size_t pos = 0, end; (end = out.find("\r\n", pos)) != std::string::npos; pos = end + 2)
    lines.push_back(out.substr(pos, end - pos));
  ASSERT_EQ(lines.size(), 5u);  // the header and four members
  EXPECT_EQ(lines[0], "\xEF\xBB\xBFmember_id,full_name,https_url,webcal_url");  // the reports' CSV
  EXPECT_NE(lines[4].find(",\"'=Lê;'@Văn\","), std::string::npos) << lines[4];
  for (std::size_t i = 1; i < lines.size(); ++i) {
    auto start = lines[i].find("/feeds/m/");
    auto end = lines[i].find(".ics", start);
    ASSERT_NE(start, std::string::npos) << lines[i];
    EXPECT_EQ(fetch(lines[i].substr(start, end + 4 - start)).status, 200) << lines[i];
  }
}

TEST_F(Feeds, OnlyMemberAccountsHaveTheirOwnFeed) {
  auto r = client().post("/api/v1/me/feed-token", json::object{});
  EXPECT_EQ(r.status, 403);
}

}  // namespace
