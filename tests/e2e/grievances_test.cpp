// Grievances over HTTP: staff record a case and move it, a citizen follows it by code without signing in
// (and cannot guess codes), illegal moves name the allowed ones, a denouncer's identity stays hidden at
// every exit, and a case acknowledged with 201 survives a crash.
#include <set>
#include <thread>

#include "e2e/e2e_fixture.hpp"
#include "support/test_database.hpp"

using namespace satdan;
using namespace satdan::testkit;
namespace json = boost::json;

namespace {

const std::string denouncer = "Phạm Văn Tố";
const std::string denouncer_contact = "0935 777 888";
const std::string denouncer_village = "Thôn Khánh Thọ Đông";
const std::string details_text = "Ông trưởng thôn thu tiền trái quy định";

class Grievances : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    auto c = client();
    commune_ = c.post("/api/v1/units", {{"kind", "commune"}, {"name", "Tam Thành"}}).json().at("id").as_int64();
    village_ = c.post("/api/v1/units", {{"kind", "village"}, {"name", "Khánh Thọ"}, {"parent_id", commune_}})
                   .json().at("id").as_int64();
    add_account("staff-a", "staff");
    officer_ = add_account("officer", "staff").id;
    staff_ = std::make_unique<http_client>(as("staff-a"));
  }

  http_client as(const std::string& username) {
    http_client c(server_->port());
    c.use_token(sign_in(username));
    return c;
  }

  json::object case_body(const std::string& kind) {
    json::object body{{"kind", kind},
                      {"category", "land_management"},
                      {"unit_id", village_},
                      {"summary", "Thu tiền sai quy định"},
                      {"details", details_text},
                      {"citizen_name", denouncer},
                      {"citizen_address", denouncer_village},
                      {"citizen_contact", denouncer_contact}};
    return body;
  }

  json::object create(const std::string& kind) {
    auto r = staff().post("/api/v1/grievances", case_body(kind));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().as_object();
  }

  static std::string path(const json::object& g) { return "/api/v1/grievances/" + std::to_string(g.at("id").as_int64()); }

  static void expect_no_identity(const std::string& text, const std::string& where) {
    for (const auto& secret : {denouncer, denouncer_contact, denouncer_village})
      EXPECT_EQ(text.find(secret), std::string::npos) << where << " shows " << secret << ": " << text;
  }

  std::int64_t commune_ = 0, village_ = 0, officer_ = 0;
  http_client& staff() { return *staff_; }
  std::unique_ptr<http_client> staff_;
};

TEST_F(Grievances, StaffRecordACaseAndTheCitizenFollowsItByCode) {
  auto r = staff().post("/api/v1/grievances", case_body("recommendation"));
  ASSERT_EQ(r.status, 201) << r.body;
  auto g = r.json().as_object();
  EXPECT_EQ(r.header("Location"), path(g));
  EXPECT_EQ(g.at("status").as_string(), "received");
  EXPECT_EQ(g.at("kind_label").as_string(), "Kiến nghị");
  EXPECT_EQ(g.at("citizen_name").as_string(), denouncer);  // not a denunciation: the office sees the citizen
  EXPECT_EQ(g.at("history").as_array().size(), 1u);
  std::string code(g.at("tracking_code").as_string());

  auto citizen = anonymous();
  auto seen = citizen.get("/public/grievances/" + code);
  ASSERT_EQ(seen.status, 200) << seen.body;
  auto pub = seen.json().as_object();
  EXPECT_EQ(pub.at("status").as_string(), "received");
  EXPECT_EQ(pub.at("due_on"), g.at("due_on"));
  expect_no_identity(seen.body, "public lookup");
  EXPECT_EQ(seen.body.find(details_text), std::string::npos);
  // Typed in lower case, without the hyphen.
  std::string typed = code.substr(0, 5) + code.substr(6);
  for (auto& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  EXPECT_EQ(citizen.get("/public/grievances/" + typed).status, 200);

  auto assign = staff().post(path(g) + "/transitions", {{"to", "assigned"}, {"handling_unit_id", commune_}});
  ASSERT_EQ(assign.status, 200) << assign.body;
  EXPECT_EQ(staff().post(path(g) + "/transitions", {{"to", "in_progress"}}).status, 200);
  auto answered = staff().post(path(g) + "/transitions", {{"to", "answered"}, {"answer", "UBND xã đã trả lời bằng văn bản."}});
  ASSERT_EQ(answered.status, 200) << answered.body;
  auto note = staff().post(path(g) + "/notes", {{"text", "Công dân đã nhận văn bản."}});
  EXPECT_EQ(note.status, 201) << note.body;
  auto after = citizen.get("/public/grievances/" + code).json().as_object();
  EXPECT_EQ(after.at("status").as_string(), "answered");
  EXPECT_EQ(after.at("handling_unit").as_string(), "Tam Thành");
  EXPECT_EQ(after.at("answer").as_string(), "UBND xã đã trả lời bằng văn bản.");
  auto full = staff().get(path(g)).json().as_object();
  EXPECT_EQ(full.at("history").as_array().size(), 5u);
}

TEST_F(Grievances, IllegalTransitionAnswers409NamingTheAllowedOnes) {
  auto g = create("complaint");
  auto r = staff().post(path(g) + "/transitions", {{"to", "closed"}});
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.json().at("errors").at(0).at("reason").as_string(), "allowed: assigned");
  EXPECT_EQ(staff().get(path(g)).json().at("status").as_string(), "received");
}

TEST_F(Grievances, BadInputNamesTheFieldsAndRecordsNothing) {
  auto body = case_body("complaint");
  body.erase("citizen_name");
  body["due_on"] = "2020-01-01";
  auto r = staff().post("/api/v1/grievances", body);
  EXPECT_EQ(r.status, 422) << r.body;
  std::set<std::string> fields;
  auto problem = r.json();  // kept: a range-for over a temporary's member would read freed memory
  for (const auto& e : problem.at("errors").as_array()) fields.insert(std::string(e.at("field").as_string()));
  EXPECT_TRUE(fields.contains("citizen_name"));
  EXPECT_TRUE(fields.contains("due_on"));
  EXPECT_TRUE(staff().get("/api/v1/grievances").json().at("items").as_array().empty());
}

TEST_F(Grievances, UnknownCodesAreThrottledPerAddress) {
  auto g = create("report");
  // A fresh connection for each guess: the count is per address, not per connection.
  for (int i = 0; i < 10; ++i) EXPECT_EQ(anonymous().get("/public/grievances/22222-2222" + std::to_string(2 + i % 8)).status, 404);
  auto locked = anonymous().get("/public/grievances/" + std::string(g.at("tracking_code").as_string()));
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_FALSE(locked.header("Retry-After").empty());
}

TEST_F(Grievances, ADenouncersIdentityStaysHiddenAtEveryExit) {
  auto created = staff().post("/api/v1/grievances", case_body("denunciation"));
  ASSERT_EQ(created.status, 201) << created.body;
  expect_no_identity(created.body, "the 201 to the recording staff");
  auto g = created.json().as_object();
  EXPECT_TRUE(g.at("identity_withheld").as_bool());

  // The case's officer and admins see the denouncer; other staff do not. Only an admin names the officer.
  auto admin = client();
  EXPECT_EQ(admin.get(path(g)).json().at("citizen_name").as_string(), denouncer);
  auto assigned = admin.post(path(g) + "/transitions",
                             {{"to", "assigned"}, {"handling_unit_id", commune_}, {"officer_account_id", officer_}});
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  auto started = staff().post(path(g) + "/transitions", {{"to", "in_progress"}});
  ASSERT_EQ(started.status, 200) << started.body;
  expect_no_identity(started.body, "the transition's answer to other staff");
  auto officer = as("officer");
  auto theirs = officer.get(path(g));
  EXPECT_EQ(theirs.json().at("citizen_contact").as_string(), denouncer_contact);
  expect_no_identity(staff().get(path(g)).body, "a read by other staff");

  // Lists, whoever asks; the audit log; the public lookup; the server's log.
  expect_no_identity(admin.get("/api/v1/grievances").body, "the list read by an admin");
  expect_no_identity(officer.get("/api/v1/grievances?officer_account_id=" + std::to_string(officer_)).body,
                     "the list read by the officer");
  auto audit = admin.get("/api/v1/audit?entity=grievance");
  ASSERT_EQ(audit.status, 200);
  EXPECT_NE(audit.body.find("\"grievance\""), std::string::npos);
  expect_no_identity(audit.body, "the audit log");
  expect_no_identity(anonymous().get("/public/grievances/" + std::string(g.at("tracking_code").as_string())).body,
                     "the public lookup");
  expect_no_identity(server_->log(), "the server log");
}

// Naming a denunciation's officer decides who sees the denouncer, so only an admin may: an office account that
// names itself (or anyone) is refused and nothing changes. The admin's naming is audited with who named whom,
// and the audit entry holds no identity. Other kinds keep the office's rule.
TEST_F(Grievances, OnlyAnAdminNamesTheOfficerOfADenunciation) {
  auto g = create("denunciation");
  add_account("secretariat-a", "secretariat");
  auto secretariat = as("secretariat-a");
  const auto staff_id = staff().get("/api/v1/auth/me").json().at("id").as_int64();
  const auto secretariat_id = secretariat.get("/api/v1/auth/me").json().at("id").as_int64();
  auto assign = [&](std::int64_t officer) {
    return json::object{{"to", "assigned"}, {"handling_unit_id", commune_}, {"officer_account_id", officer}};
  };
  for (auto [who, body] : {std::pair{&staff(), assign(staff_id)}, std::pair{&staff(), assign(officer_)},
                           std::pair{&secretariat, assign(secretariat_id)}}) {
    auto refused = who->post(path(g) + "/transitions", body);
    EXPECT_EQ(refused.status, 403) << refused.body;
    expect_no_identity(refused.body, "the refusal");
  }
  auto admin = client();
  auto unchanged = admin.get(path(g)).json();
  EXPECT_EQ(unchanged.at("status").as_string(), "received");
  EXPECT_TRUE(unchanged.at("officer_account_id").is_null());
  EXPECT_EQ(unchanged.at("history").as_array().size(), 1u);
  expect_no_identity(staff().get(path(g)).body, "a read by the staff member who tried");

  auto named = admin.post(path(g) + "/transitions", assign(officer_));
  ASSERT_EQ(named.status, 200) << named.body;
  EXPECT_EQ(named.json().at("officer_account_id").as_int64(), officer_);
  auto audit = admin.get("/api/v1/audit?entity=grievance&entity_id=" + std::to_string(g.at("id").as_int64()));
  ASSERT_EQ(audit.status, 200) << audit.body;
  auto entries = audit.json().at("items").as_array();
  ASSERT_EQ(entries.size(), 2u) << audit.body;  // the creation and the admin's move; the refusals wrote nothing
  const auto admin_id = admin.get("/api/v1/auth/me").json().at("id").as_int64();
  EXPECT_EQ(entries[1].at("action").as_string(), "transition");
  EXPECT_EQ(entries[1].at("account_id").as_int64(), admin_id);  // who named
  EXPECT_EQ(entries[1].at("changes").at("officer_account_id").at("new").as_int64(), officer_);  // whom
  expect_no_identity(audit.body, "the audit of the naming");

  // A complaint is not protected: the office assigns it to itself as before.
  auto complaint = create("complaint");
  auto own = staff().post(path(complaint) + "/transitions", assign(staff_id));
  EXPECT_EQ(own.status, 200) << own.body;
}

// A case acknowledged with 201 is in the database: killing the server right after the answer loses nothing.
TEST_F(Grievances, ACaseAcknowledgedSurvivesACrash) {
  auto r = staff().post("/api/v1/grievances", case_body("complaint"));
  ASSERT_EQ(r.status, 201) << r.body;
  server_->kill_now();
  server_ = std::make_unique<server_process>(db_->url());
  admin_token_ = sign_in("e2e-admin");
  auto after = client().get(path(r.json().as_object()));
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(after.json().at("tracking_code"), r.json().at("tracking_code"));
}

// Two server processes on one database, written to at the same time: every case acknowledged is kept, each
// with its own code.
TEST_F(Grievances, TwoServersWritingTogetherLoseNothing) {
  server_process second(db_->url());
  std::vector<std::vector<http_result>> results(2);
  auto write = [&](unsigned short port, std::vector<http_result>& out, const std::string& kind) {
    http_client c(port);
    c.use_token(admin_token_);
    for (int i = 0; i < 10; ++i) out.push_back(c.post("/api/v1/grievances", case_body(kind)));
  };
  std::thread a([&] { write(server_->port(), results[0], "report"); });
  std::thread b([&] { write(second.port(), results[1], "recommendation"); });
  a.join();
  b.join();
  std::set<std::string> codes;
  for (const auto& list : results)
    for (const auto& r : list) {
      ASSERT_EQ(r.status, 201) << r.body;
      codes.insert(std::string(r.json().at("tracking_code").as_string()));
    }
  EXPECT_EQ(codes.size(), 20u);
  EXPECT_EQ(client().get("/api/v1/grievances?limit=100").json().at("items").as_array().size(), 20u);
}

}  // namespace

namespace {

// The report over HTTP: figures for the cases recorded, and a CSV download a spreadsheet opens correctly.
TEST_F(Grievances, TheReportCountsCasesAndDownloadsAsCsv) {
  auto answered = create("complaint");
  ASSERT_EQ(staff().post(path(answered) + "/transitions", {{"to", "assigned"}, {"handling_unit_id", commune_}}).status, 200);
  ASSERT_EQ(staff().post(path(answered) + "/transitions", {{"to", "in_progress"}}).status, 200);
  ASSERT_EQ(staff().post(path(answered) + "/transitions", {{"to", "answered"}, {"answer", "Đã giải quyết"}}).status, 200);
  create("denunciation");
  auto r = staff().get("/api/v1/reports/grievances?within=" + std::to_string(commune_));
  ASSERT_EQ(r.status, 200) << r.body;
  auto report = r.json();
  EXPECT_EQ(report.at("received").as_int64(), 2);
  EXPECT_EQ(report.at("answered").as_int64(), 1);
  EXPECT_EQ(report.at("answered_on_time").as_int64(), 1);
  expect_no_identity(r.body, "the report");
  auto csv = staff().get("/api/v1/reports/grievances?format=csv&table=handling_units");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.body.find("Tam Thành"), std::string::npos);
  expect_no_identity(csv.body, "the CSV export");
  EXPECT_EQ(staff().get("/api/v1/reports/grievances?format=xml").status, 400);
}

}  // namespace

namespace {

// Admins change the SLA and the categories; new cases follow them, and the office sees the lists.
TEST_F(Grievances, AdminsConfigureSlasAndCategories) {
  auto admin = client();
  auto changed = admin.patch("/api/v1/grievance-settings", {{"sla_days", {{"report", 20}}},
                                                            {"categories", {{"fisheries", "Thủy sản"}}}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json().at("sla_days").at("report").as_int64(), 20);
  auto body = case_body("report");
  body["category"] = "fisheries";
  body["received_on"] = "2026-01-31";
  body.erase("citizen_name");
  auto r = staff().post("/api/v1/grievances", body);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json().at("due_on").as_string(), "2026-02-20");  // 20 days, across the end of January
  EXPECT_EQ(r.json().at("category_label").as_string(), "Thủy sản");
  auto settings = staff().get("/api/v1/grievance-settings");
  ASSERT_EQ(settings.status, 200);
  EXPECT_NE(settings.body.find("fisheries"), std::string::npos);
  auto bad = admin.patch("/api/v1/grievance-settings", {{"sla_days", {{"petition", 0}}}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(staff().patch("/api/v1/grievance-settings", {{"sla_days", {{"report", 5}}}}).status, 403);
}

}  // namespace
