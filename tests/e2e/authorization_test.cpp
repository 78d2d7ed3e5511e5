// Every route, called by every kind of caller, answers as the access table declares: 2xx for roles it
// admits (and for anyone on open routes), 401 without a live token, 403 for other roles; and where a member
// is admitted only to their own records, the answer holds nothing of anyone else's.
#include <functional>
#include <map>
#include <set>

#include "api/app.hpp"
#include "e2e/e2e_fixture.hpp"
#include "security/secrets.hpp"
#include "store/directory_store.hpp"

using namespace satdan;
using namespace satdan::testkit;
namespace json = boost::json;

namespace {

struct sample {
  std::string target;
  json::value body;  // null: no body
  satdan::http::header_list headers = {};
  std::string raw_type = {};  // a body that is not JSON: its media type
  std::string raw_body = {};
  // For an admitted caller's 2xx: checks what the answer shows to that role (narrowed for members).
  std::function<void(const std::string& role, const http_result&)> check = {};
};

class Authorization : public ServerTest {
 protected:
  // Its dates are written out: it runs at a fixed instant before them.
  std::optional<satdan::core::instant> clock_at() const override { return before_the_2027_plan(); }
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    auto c = client();
    commune_ = create(c, "/api/v1/units", {{"kind", "commune"}, {"name", "Tam Thái"}});
    village_ = create(c, "/api/v1/units", {{"kind", "village"}, {"name", "Phú Thạnh"}, {"parent_id", commune_}});
    cell_ = create(c, "/api/v1/cells", {{"unit_id", village_}, {"name", "Chi bộ thôn Phú Thạnh"}});
    own_member_ = create(c, "/api/v1/members", {{"full_name", "Lê Văn Thành"}, {"level", "district"}, {"home_unit_id", commune_}});
    other_member_ = create(c, "/api/v1/members", {{"full_name", "Ngô Thị Hà"}, {"level", "commune"}, {"home_unit_id", commune_}});
    add_account("e2e-secretariat", "secretariat");
    add_account("e2e-staff", "staff");
    member_account_ = add_account("e2e-member", "member", own_member_).id;
    for (const char* who : {"secretariat", "staff", "member"}) tokens_[who] = sign_in(std::string("e2e-") + who);
    tokens_["admin"] = admin_token_;
  }

  std::int64_t create(http_client& c, const std::string& path, const json::value& body) {
    auto r = c.post(path, body);
    EXPECT_EQ(r.status, 201) << path << " " << r.body;
    return r.status == 201 ? r.json().at("id").as_int64() : 0;
  }

  // A fresh record for each call that changes or removes one, so no call depends on another's leftovers.
  std::int64_t fresh(const std::string& collection) {
    auto c = client();
    std::string n = std::to_string(++counter_);
    if (collection == "units") return create(c, "/api/v1/units", {{"kind", "village"}, {"name", "Thôn " + n}, {"parent_id", commune_}});
    if (collection == "cells") return create(c, "/api/v1/cells", {{"unit_id", village_}, {"name", "Chi bộ " + n}});
    if (collection == "members")
      return create(c, "/api/v1/members", {{"full_name", "Người " + n}, {"level", "commune"}, {"home_unit_id", commune_}});
    if (collection == "responsibilities") {
      auto unit = fresh("units");
      return create(c, "/api/v1/responsibilities", {{"member_id", own_member_}, {"unit_id", unit}});
    }
    if (collection == "unavailability") return create(c, "/api/v1/unavailability", leave(own_member_));
    if (collection == "series") return create(c, "/api/v1/series", body_for("series"));
    if (collection == "sessions") return create(c, "/api/v1/sessions", body_for("sessions"));
    ADD_FAILURE() << "no fresh " << collection;
    return 0;
  }

  json::object leave(std::int64_t member) {
    int day = 1 + (++counter_ % 27);
    std::string d = (day < 10 ? "0" : "") + std::to_string(day);
    return {{"member_id", member}, {"start", "2027-03-" + d + "T08:00:00+07:00"}, {"end", "2027-03-" + d + "T17:00:00+07:00"}};
  }

  json::object body_for(const std::string& collection) {
    std::string n = std::to_string(++counter_);
    if (collection == "units") return {{"kind", "village"}, {"name", "Thôn mới " + n}, {"parent_id", commune_}};
    if (collection == "cells") return {{"unit_id", village_}, {"name", "Chi bộ mới " + n}};
    if (collection == "members") return {{"full_name", "Người mới " + n}, {"level", "commune"}, {"home_unit_id", commune_}};
    if (collection == "responsibilities") return {{"member_id", own_member_}, {"unit_id", fresh("units")}};
    if (collection == "unavailability") return leave(own_member_);
    if (collection == "series")
      return {{"cell_id", cell_}, {"rrule", "FREQ=MONTHLY;BYMONTHDAY=5"}, {"first_date", "2027-01-01"}, {"start_time", "19:30"}};
    if (collection == "sessions")
      return {{"kind", "dialogue"}, {"unit_id", commune_}, {"topic", "Đối thoại " + n},
              {"start", "2027-05-10T08:00:00+07:00"}, {"end", "2027-05-10T11:00:00+07:00"}};
    return {};
  }

  // A request for (method, pattern) that the roles admitted may make successfully.
  std::optional<sample> sample_for(const std::string& method, const std::string& pattern) {
    static const std::vector<std::string> collections = {"units",          "cells",  "members", "responsibilities",
                                                         "unavailability", "series", "sessions"};
    if (pattern == "/api/v1/sessions" && method == "GET") {
      // Another member's schedule: the office sees it, a member account gets its own instead.
      auto theirs = other_members_session();
      return sample{"/api/v1/sessions?member_id=" + std::to_string(other_member_), nullptr, {}, {}, {},
                    [this, theirs](const std::string& role, const http_result& r) {
                      std::set<std::int64_t> ids;
                      auto page = r.json();  // kept: a range-for over a temporary's member would read freed memory
                      for (const auto& s : page.at("items").as_array()) ids.insert(s.at("id").as_int64());
                      if (role == "member")
                        EXPECT_FALSE(ids.contains(theirs)) << "a member reads another member's schedule: " << r.body;
                      else
                        EXPECT_TRUE(ids.contains(theirs)) << role << " " << r.body;
                    }};
    }
    for (const auto& col : collections) {
      std::string base = "/api/v1/" + col;
      if (pattern == base && method == "GET") return sample{base, nullptr};
      if (pattern == base && method == "POST") return sample{base, body_for(col)};
      if (pattern == base + "/{id}") {
        // Reads name the member account's own record where records have owners.
        std::int64_t id = col == "members" ? own_member_ : fresh(col);
        // Series and sessions are written only with their current version (a fresh series is at 1, a session at 0).
        satdan::http::header_list versioned;
        if (col == "series") versioned = {{"If-Match", "\"1\""}};
        if (col == "sessions") versioned = {{"If-Match", "\"0\""}};
        if (method == "GET") return sample{base + "/" + std::to_string(id), nullptr};
        if (method == "DELETE") return sample{base + "/" + std::to_string(fresh(col)), nullptr, versioned};
        if (method == "PATCH") {
          json::object patch = col == "units" || col == "cells" ? json::object{{"name", "Đổi tên " + std::to_string(++counter_)}}
                               : col == "members"               ? json::object{{"position", "Ủy viên"}}
                               : col == "unavailability"        ? json::object{{"reason", "Công tác"}}
                               : col == "series" || col == "sessions" ? json::object{{"location", "Hội trường"}}
                                                                : json::object{};
          return sample{base + "/" + std::to_string(id), patch, versioned};
        }
      }
    }
    if (pattern == "/api/v1/grievance-settings")
      return sample{pattern, method == "GET" ? json::value(nullptr) : json::value{{"sla_days", {{"report", 15}}}}};
    if (pattern == "/api/v1/reports/grievances") return sample{pattern + "?from=2026-01-01&format=csv", nullptr};
    if (pattern == "/api/v1/reports/members" || pattern == "/api/v1/reports/units")
      return sample{pattern + "?within=" + std::to_string(commune_) + "&from=2026-01-01&to=2027-12-31", nullptr};
    if (pattern == "/healthz" || pattern == "/readyz" || pattern == "/api/v1/openapi.json" || pattern == "/api/v1/auth/me" ||
        (pattern == "/api/v1/accounts" && method == "GET") || pattern == "/api/v1/audit")
      return sample{pattern, nullptr};
    if (pattern.rfind("/api/v1/sessions/{id}/assignments", 0) == 0) {
      // A fresh one-off cell meeting and a fresh commune member of its commune: every call can succeed.
      auto c = client();
      std::string day = std::to_string(10 + ++counter_ % 18);
      auto meeting = create(c, "/api/v1/sessions", {{"kind", "cell_meeting"}, {"cell_id", cell_},
                                                    {"start", "2027-06-" + day + "T19:30:00+07:00"},
                                                    {"end", "2027-06-" + day + "T21:30:00+07:00"}});
      std::string base = "/api/v1/sessions/" + std::to_string(meeting) + "/assignments";
      json::object seat{{"member_id", fresh("members")}, {"need", "commune"}};
      if (method == "GET") return sample{base, nullptr};
      if (method == "POST") return sample{base, seat};
      auto assigned = create(c, base, seat);
      return sample{base + "/" + std::to_string(assigned), nullptr};
    }
    if (pattern.rfind("/api/v1/schedule/proposals", 0) == 0) {
      json::object scope{{"within", commune_}, {"from", "2027-05-01T00:00:00+07:00"}, {"to", "2027-06-01T00:00:00+07:00"}};
      if (method == "POST" && pattern == "/api/v1/schedule/proposals") return sample{pattern, scope};
      auto c = client();
      auto made = create(c, "/api/v1/schedule/proposals", scope);
      std::string target = "/api/v1/schedule/proposals/" + std::to_string(made);
      if (method == "GET") return sample{target, nullptr};
      return sample{target + "/apply", json::object{}};
    }
    if (pattern == "/api/v1/schedule/jobs/{id}") {
      // A job cancelled at once (a commune's year runs a while), so reading it and cancelling it again succeed.
      auto c = client();
      json::object scope{{"within", commune_}, {"from", "2027-01-01T00:00:00+07:00"}, {"to", "2027-12-31T00:00:00+07:00"}};
      auto started = c.request("POST", "/api/v1/schedule/proposals", json::serialize(scope), "application/json",
                               {{"Prefer", "respond-async"}});
      EXPECT_EQ(started.status, 202) << started.body;
      std::string target = started.header("Location");
      EXPECT_EQ(c.del(target).status, 202);
      return sample{target, nullptr};
    }
    if (pattern.rfind("/api/v1/sessions/{id}/attendance", 0) == 0) {
      auto c = client();
      if (pattern == "/api/v1/sessions/{id}/attendance/me") {
        // One past session where the member account's member sits, reused: seating them again would double-book.
        if (!own_session_) {
          auto start = core::now() - std::chrono::hours(3);
          own_session_ = create(c, "/api/v1/sessions", {{"kind", "dialogue"}, {"unit_id", commune_}, {"topic", "Đối thoại"},
                                                        {"start", core::format_utc(start)},
                                                        {"end", core::format_utc(start + std::chrono::hours(2))}});
          create(c, "/api/v1/sessions/" + std::to_string(own_session_) + "/assignments",
                 {{"member_id", own_member_}, {"need", "district"}});
        }
        return sample{"/api/v1/sessions/" + std::to_string(own_session_) + "/attendance/me", {{"status", "on_time"}}};
      }
      std::string day = std::to_string(10 + ++counter_ % 18);
      auto past = create(c, "/api/v1/sessions", {{"kind", "dialogue"}, {"unit_id", commune_}, {"topic", "Đối thoại " + day},
                                                 {"start", "2026-03-" + day + "T08:00:00+07:00"},
                                                 {"end", "2026-03-" + day + "T11:00:00+07:00"}});
      std::string target = "/api/v1/sessions/" + std::to_string(past) + "/attendance";
      if (method == "GET") {
        // Both members' lines and the minutes are on record; the member account sat in nothing here.
        json::object record{{"records", json::array{json::object{{"member_id", own_member_}, {"status", "on_time"}},
                                                    json::object{{"member_id", other_member_}, {"status", "late"},
                                                                 {"late_minutes", 25}}}},
                            {"minutes", "Biên bản đối thoại " + day}};
        EXPECT_EQ(c.request("PUT", target, json::serialize(record)).status, 200);
        return sample{target, nullptr, {}, {}, {}, [this](const std::string& role, const http_result& r) {
                        auto v = r.json();
                        std::set<std::int64_t> members;
                        for (const auto& line : v.at("records").as_array()) members.insert(line.at("member_id").as_int64());
                        for (const auto& line : v.at("history").as_array()) members.insert(line.at("member_id").as_int64());
                        if (role == "member") {
                          EXPECT_EQ(members, std::set<std::int64_t>{own_member_}) << r.body;
                          EXPECT_TRUE(v.at("minutes").is_null()) << "minutes of a session the member did not sit in";
                        } else {
                          EXPECT_EQ(members, (std::set<std::int64_t>{own_member_, other_member_})) << role << " " << r.body;
                          EXPECT_FALSE(v.at("minutes").is_null()) << role;
                        }
                      }};
      }
      return sample{target, {{"records", json::array{json::object{{"member_id", other_member_}, {"status", "on_time"}}}},
                             {"citizens_present", 30}}};
    }
    if (pattern.rfind("/api/v1/grievances", 0) == 0 || pattern == "/public/grievances/{code}") {
      json::object body{{"kind", "recommendation"}, {"category", "infrastructure"}, {"unit_id", village_},
                        {"summary", "Đường vào thôn xuống cấp " + std::to_string(++counter_)}};
      if (pattern == "/api/v1/grievances") return sample{pattern, method == "GET" ? json::value(nullptr) : json::value(body)};
      auto c = client();
      auto made = c.post("/api/v1/grievances", body);
      EXPECT_EQ(made.status, 201) << made.body;
      std::string target = "/api/v1/grievances/" + std::to_string(made.json().at("id").as_int64());
      if (pattern == "/public/grievances/{code}")
        return sample{"/public/grievances/" + std::string(made.json().at("tracking_code").as_string()), nullptr};
      if (pattern == "/api/v1/grievances/{id}") return sample{target, nullptr};
      if (pattern == "/api/v1/grievances/{id}/transitions")
        return sample{target + "/transitions", {{"to", "assigned"}, {"handling_unit_id", commune_}}};
      if (pattern == "/api/v1/grievances/{id}/notes") return sample{target + "/notes", {{"text", "Ghi chú"}}};
    }
    if (pattern == "/api/v1/series/{id}/split")
      return sample{"/api/v1/series/" + std::to_string(fresh("series")) + "/split", {{"from", "2027-06-01"}},
                    {{"If-Match", "\"1\""}}};
    if (pattern == "/api/v1/auth/login") return sample{pattern, {{"username", "e2e-staff"}, {"password", test_password}}};
    if (pattern == "/api/v1/auth/logout") return sample{pattern, json::object{}};
    if (pattern == "/api/v1/auth/password")
      return sample{pattern, {{"current_password", test_password}, {"new_password", test_password}}};
    if (pattern == "/api/v1/accounts" && method == "POST")
      return sample{pattern, {{"username", "new-" + std::to_string(++counter_)}, {"role", "staff"}, {"password", test_password}}};
    if (pattern == "/api/v1/accounts/{id}") {
      std::string target = "/api/v1/accounts/" + std::to_string(member_account_);
      if (method == "GET") return sample{target, nullptr};
      if (method == "PATCH") return sample{target, {{"display_name", "Tài khoản " + std::to_string(++counter_)}}};
    }
    if (pattern == "/feeds/m/{token}.ics") {
      // A token issued for this call: another call may have rotated or revoked the previous one.
      auto c = client();
      auto issued = c.post("/api/v1/members/" + std::to_string(own_member_) + "/feed-token", json::object{});
      EXPECT_EQ(issued.status, 200) << issued.body;
      return sample{"/feeds/m/" + std::string(issued.json().at("token").as_string()) + ".ics", nullptr};
    }
    if (pattern == "/feeds/u/{unit_id}.ics") return sample{"/feeds/u/" + std::to_string(commune_) + ".ics", nullptr};
    if (pattern == "/api/v1/sessions/{id}.ics") return sample{"/api/v1/sessions/" + std::to_string(fresh("sessions")) + ".ics", nullptr};
    if (pattern == "/api/v1/me/feed-token") return sample{pattern, method == "POST" ? json::value(json::object{}) : json::value(nullptr)};
    if (pattern == "/api/v1/me/feed") return sample{pattern, method == "PATCH" ? json::value({{"reminders_minutes", {60}}}) : json::value(nullptr)};
    if (pattern == "/api/v1/members/{id}/busy-times/{source}") {
      std::string target = "/api/v1/members/" + std::to_string(own_member_) + "/busy-times/personal";
      if (method == "DELETE") return sample{target, nullptr};
      return sample{target, nullptr, {}, "text/calendar",
                    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//VI\r\nBEGIN:VEVENT\r\nUID:a@test\r\n"
                    "DTSTART:20270310T010000Z\r\nDTEND:20270310T030000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"};
    }
    if (pattern == "/api/v1/members/{id}/feed-token") {
      std::string target = "/api/v1/members/" + std::to_string(own_member_) + "/feed-token";
      return sample{target, method == "POST" ? json::value(json::object{}) : json::value(nullptr)};
    }
    return std::nullopt;
  }

  http_result call(const std::string& method, const sample& s, const std::string& token) {
    http_client c(server_->port());
    c.use_token(token);
    if (!s.raw_type.empty()) return c.request(method, s.target, s.raw_body, s.raw_type, s.headers);
    if (s.body.is_null()) return c.request(method, s.target, "", "", s.headers);
    return c.request(method, s.target, json::serialize(s.body), "application/json", s.headers);
  }

  std::int64_t commune_ = 0, village_ = 0, cell_ = 0, own_member_ = 0, other_member_ = 0, member_account_ = 0;
  // A past session where only the other member sits, made once.
  std::int64_t other_members_session() {
    if (!theirs_session_) {
      auto c = client();
      auto start = core::now() - std::chrono::hours(50);
      theirs_session_ = create(c, "/api/v1/sessions", {{"kind", "cell_meeting"}, {"cell_id", cell_},
                                                        {"start", core::format_utc(start)},
                                                        {"end", core::format_utc(start + std::chrono::hours(2))}});
      create(c, "/api/v1/sessions/" + std::to_string(theirs_session_) + "/assignments",
             {{"member_id", other_member_}, {"need", "commune"}});
    }
    return theirs_session_;
  }

  std::int64_t own_session_ = 0, theirs_session_ = 0;
  int counter_ = 0;
  std::map<std::string, std::string> tokens_;
};

TEST_F(Authorization, EveryRouteAnswersEveryCallerAsTheTableDeclares) {
  // Tokens that must not work: one past its expiry, one signed out.
  const std::string expired = security::new_token();
  {
    store::accounts_store accounts(db_->open(1));
    auto admin = accounts.find_for_login("e2e-admin");
    accounts.issue_token(admin->account.id, security::token_digest(expired), core::now() - std::chrono::hours(1));
  }
  const std::string revoked = sign_in("e2e-admin");
  ASSERT_EQ(call("POST", {"/api/v1/auth/logout", json::object{}}, revoked).status, 204);

  int checked = 0, narrowed = 0;
  for (const auto& route : api::access_table()) {
    auto s = sample_for(route.method, route.pattern);
    ASSERT_TRUE(s) << "no sample request for " << route.method << " " << route.pattern
                   << ": add one, so its access is tested";
    for (const std::string role : {"admin", "secretariat", "staff", "member"}) {
      auto sample_call = sample_for(route.method, route.pattern);  // fresh records for each caller
      // Signing out or changing the password touches the caller's own token: use a fresh one.
      bool own_token = route.pattern == "/api/v1/auth/logout" || route.pattern == "/api/v1/auth/password";
      std::string token = own_token ? sign_in("e2e-" + role) : tokens_[role];
      auto r = call(route.method, *sample_call, token);
      if (own_token) {
        // A password change revokes the account's other tokens, the cached one among them.
        tokens_[role] = sign_in("e2e-" + role);
        if (role == "admin") admin_token_ = tokens_[role];
      }
      bool admitted = route.rule.open || route.rule.admits(role);
      if (admitted) {
        EXPECT_TRUE(r.status >= 200 && r.status < 300) << role << " " << route.method << " " << route.pattern << " → "
                                                       << r.status << " " << r.body;
        if (sample_call->check && r.status >= 200 && r.status < 300) {
          SCOPED_TRACE(role + " " + route.method + " " + route.pattern);
          sample_call->check(role, r);
          ++narrowed;
        }
      } else
        EXPECT_EQ(r.status, 403) << role << " " << route.method << " " << route.pattern << " " << r.body;
      ++checked;
    }
    for (const auto& [label, token] : std::vector<std::pair<std::string, std::string>>{
             {"no token", ""}, {"expired token", expired}, {"revoked token", revoked}, {"forged token", security::new_token()}}) {
      auto r = call(route.method, *sample_for(route.method, route.pattern), token);
      if (route.rule.open) {
        EXPECT_TRUE(r.status >= 200 && r.status < 300) << label << " " << route.method << " " << route.pattern;
      } else {
        EXPECT_EQ(r.status, 401) << label << " " << route.method << " " << route.pattern;
        EXPECT_EQ(r.header("WWW-Authenticate").substr(0, 6), "Bearer");
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 200);
  EXPECT_EQ(narrowed, 8);  // two routes' answers, read by each of the four roles
}

TEST_F(Authorization, MembersSeeOnlyTheirOwnPrivateRecords) {
  http_client member(server_->port());
  member.use_token(tokens_["member"]);
  EXPECT_EQ(member.get("/api/v1/members/" + std::to_string(own_member_)).status, 200);
  // Another member's record is not found, not forbidden: its existence is not confirmed.
  EXPECT_EQ(member.get("/api/v1/members/" + std::to_string(other_member_)).status, 404);
  EXPECT_EQ(member.get("/api/v1/members").status, 403);

  auto c = client();
  auto theirs = c.post("/api/v1/unavailability", leave(other_member_)).json().at("id").as_int64();
  auto mine = member.post("/api/v1/unavailability", leave(own_member_));
  ASSERT_EQ(mine.status, 201) << mine.body;
  EXPECT_EQ(member.post("/api/v1/unavailability", leave(other_member_)).status, 403);
  EXPECT_EQ(member.get("/api/v1/unavailability/" + std::to_string(theirs)).status, 404);
  EXPECT_EQ(member.del("/api/v1/unavailability/" + std::to_string(theirs)).status, 404);
  auto patch = member.patch("/api/v1/unavailability/" + std::to_string(mine.json().at("id").as_int64()),
                            {{"member_id", other_member_}});
  EXPECT_EQ(patch.status, 403);  // cannot hand a record to someone else
  auto list = member.get("/api/v1/unavailability?member_id=" + std::to_string(other_member_)).json();
  for (const auto& item : list.at("items").as_array()) EXPECT_EQ(item.at("member_id").as_int64(), own_member_);
  EXPECT_EQ(c.get("/api/v1/unavailability/" + std::to_string(theirs)).status, 200);

  // Another member's schedule: asking for it answers the member's own, as the unavailability list does.
  auto their_session = other_members_session();
  auto start = core::now() - std::chrono::hours(80);
  auto own_session = create(c, "/api/v1/sessions", {{"kind", "dialogue"}, {"unit_id", commune_}, {"topic", "Đối thoại của tôi"},
                                                     {"start", core::format_utc(start)},
                                                     {"end", core::format_utc(start + std::chrono::hours(2))}});
  create(c, "/api/v1/sessions/" + std::to_string(own_session) + "/assignments", {{"member_id", own_member_}, {"need", "district"}});
  auto ids_of = [](const http_result& r) {
    std::set<std::int64_t> ids;
    auto page = r.json();
    for (const auto& s : page.at("items").as_array()) ids.insert(s.at("id").as_int64());
    return ids;
  };
  for (auto asked : {other_member_, own_member_}) {
    auto r = member.get("/api/v1/sessions?member_id=" + std::to_string(asked));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(ids_of(r), std::set<std::int64_t>{own_session}) << "asked for member " << asked << ": " << r.body;
  }
  EXPECT_EQ(ids_of(c.get("/api/v1/sessions?member_id=" + std::to_string(other_member_))),
            std::set<std::int64_t>{their_session});
}

TEST_F(Authorization, RouterHasADeclarationForEveryRouteAndNoneToSpare) {
  // The same check the server makes at start-up, on the real route table.
  auto db = db_->open(1);
  api::app_context app(core::config{}, db);
  auto router = api::make_router(app);
  for (const auto& route : router.routes()) EXPECT_TRUE(route.declared) << route.method << " " << route.pattern;
  for (const auto& unused : router.unused_declarations()) ADD_FAILURE() << "declared but not routed: " << unused.method << " " << unused.pattern;
}

}  // namespace
