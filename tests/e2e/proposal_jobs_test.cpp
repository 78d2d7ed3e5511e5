// Proposals as jobs ("Prefer: respond-async"): 202 and the job's address, progress until done with the saved
// proposal, cancel (nothing saved), the server answering while a long job runs, shutdown while one runs.
#include <chrono>
#include <thread>

#include "e2e/e2e_fixture.hpp"

using namespace satdan::testkit;
namespace json = boost::json;

namespace {

class ProposalJobs : public ServerTest {
 protected:
  std::optional<satdan::core::instant> clock_at() const override { return before_the_2027_plan(); }
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    std::string command = clock_for_command() + "SATDAN_DEMO_PASSWORD='mật khẩu demo dài' " SATDAN_BINARY
                          " seed-demo --database " + db_->url() + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0);
    district_ = client().get("/api/v1/units?kind=district").json().at("items").at(0).at("id").as_int64();
  }
  http_result start(http_client& c, const json::object& body) {
    return c.request("POST", "/api/v1/schedule/proposals", json::serialize(body), "application/json",
                     {{"Prefer", "respond-async"}});
  }
  // The district over a whole year, with the longest time limit: a job that runs for a while.
  http_result start_long(http_client& c) {
    return start(c, {{"within", district_}, {"from", "2027-01-01T00:00:00+07:00"}, {"to", "2027-12-31T00:00:00+07:00"},
                     {"time_limit_seconds", 60}});
  }
  // Polls the job until its status is one of `ends` (or 180 s pass); returns its last state.
  json::object poll(http_client& c, const std::string& location, std::initializer_list<std::string_view> ends) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(180);
    json::object job;
    while (std::chrono::steady_clock::now() < deadline) {
      auto r = c.get(location);
      EXPECT_EQ(r.status, 200) << r.body;
      if (r.status != 200) break;
      job = r.json().as_object();
      for (auto e : ends)
        if (job.at("status").as_string() == e) return job;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return job;
  }
  std::int64_t district_ = 0;
};

TEST_F(ProposalJobs, AJobRunsToAProposalThatIsServed) {
  auto c = client();
  auto r = start(c, {{"within", district_}, {"from", "2027-02-01T00:00:00+07:00"}, {"to", "2027-03-01T00:00:00+07:00"}});
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(r.header("Preference-Applied"), "respond-async");
  auto location = r.header("Location");
  auto job = r.json().as_object();
  EXPECT_EQ(location, "/api/v1/schedule/jobs/" + std::string(job.at("id").as_string()));
  EXPECT_TRUE(job.at("status") == "queued" || job.at("status") == "running") << json::serialize(job);
  EXPECT_EQ(job.at("within").as_int64(), district_);
  EXPECT_EQ(job.at("time_limit_seconds").as_int64(), 10);

  auto done = poll(c, location, {"done", "failed", "cancelled"});
  ASSERT_EQ(done.at("status").as_string(), "done") << json::serialize(done);
  // All the iterations, or fewer when the time limit ended the search first (a slow build).
  EXPECT_GT(done.at("progress").at("iterations_done").as_int64(), 0);
  EXPECT_LE(done.at("progress").at("iterations_done").as_int64(), done.at("progress").at("iterations_total").as_int64());
  EXPECT_EQ(done.at("progress").at("iterations_total").as_int64(), 3'000'000);
  EXPECT_TRUE(done.at("progress").at("best_cost").is_int64());
  auto id = done.at("proposal_id").as_int64();
  EXPECT_EQ(done.at("proposal").as_string(), "/api/v1/schedule/proposals/" + std::to_string(id));
  auto p = c.get("/api/v1/schedule/proposals/" + std::to_string(id));
  ASSERT_EQ(p.status, 200) << p.body;
  EXPECT_EQ(p.json().at("status").as_string(), "open");
  EXPECT_EQ(p.json().at("within").as_int64(), district_);
  EXPECT_EQ(p.json().at("cost").at("total").as_int64(), done.at("progress").at("best_cost").as_int64());
  // The same request without the header still answers as it always has: 201 and the proposal.
  auto sync = c.post("/api/v1/schedule/proposals",
                     {{"within", district_}, {"from", "2027-02-01T00:00:00+07:00"}, {"to", "2027-03-01T00:00:00+07:00"}});
  EXPECT_EQ(sync.status, 201) << sync.body;
}

TEST_F(ProposalJobs, ACancelledJobSavesNothing) {
  auto c = client();
  // One solver thread: the second job waits behind the first, so it is certainly still queued when cancelled.
  auto first = start_long(c);
  ASSERT_EQ(first.status, 202) << first.body;
  auto second = start_long(c);
  ASSERT_EQ(second.status, 202) << second.body;
  auto cancelled = c.del(second.header("Location"));
  ASSERT_EQ(cancelled.status, 202) << cancelled.body;
  EXPECT_EQ(cancelled.json().at("status").as_string(), "cancelled");
  EXPECT_EQ(c.del(second.header("Location")).status, 202);  // again: nothing changes

  auto stop = c.del(first.header("Location"));
  // 409 would mean the year was solved before the cancel arrived: the test would prove nothing.
  ASSERT_EQ(stop.status, 202) << "the long job ended before it could be cancelled: " << stop.body;
  auto ended = poll(c, first.header("Location"), {"done", "failed", "cancelled"});
  EXPECT_EQ(ended.at("status").as_string(), "cancelled") << json::serialize(ended);
  EXPECT_TRUE(ended.at("cancel_requested").as_bool());
  EXPECT_TRUE(ended.at("proposal_id").is_null());
  EXPECT_EQ(c.get(second.header("Location")).json().at("status").as_string(), "cancelled");
  // Nothing was saved: the first proposal made now is the database's first.
  auto next = c.post("/api/v1/schedule/proposals",
                     {{"within", district_}, {"from", "2027-02-01T00:00:00+07:00"}, {"to", "2027-03-01T00:00:00+07:00"}});
  ASSERT_EQ(next.status, 201) << next.body;
  EXPECT_EQ(next.json().at("id").as_int64(), 1);
}

TEST_F(ProposalJobs, TheServerAnswersWhileALongJobRuns) {
  auto c = client();
  auto r = start_long(c);
  ASSERT_EQ(r.status, 202) << r.body;
  auto running = poll(c, r.header("Location"), {"running", "done", "failed", "cancelled"});
  EXPECT_EQ(running.at("status").as_string(), "running");
  auto health = anonymous().get("/healthz");
  EXPECT_EQ(health.status, 200) << health.body;
  EXPECT_EQ(c.get("/api/v1/units?kind=district").status, 200);
  // The job is still running: the answers above did not wait for it.
  EXPECT_EQ(c.get(r.header("Location")).json().at("status").as_string(), "running");
  EXPECT_EQ(c.del(r.header("Location")).status, 202);
}

TEST_F(ProposalJobs, ShutdownCancelsARunningJob) {
  auto c = client();
  auto r = start_long(c);
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(poll(c, r.header("Location"), {"running", "done", "failed", "cancelled"}).at("status").as_string(), "running");
  server_->signal_terminate();
  EXPECT_EQ(server_->wait_exit(30), 0);
  EXPECT_NE(server_->log().find("\"status\":\"cancelled\""), std::string::npos) << server_->log();
}

TEST_F(ProposalJobs, UnknownJobsAndBadRequests) {
  auto c = client();
  EXPECT_EQ(c.get("/api/v1/schedule/jobs/0123456789abcdef0123").status, 404);
  EXPECT_EQ(c.del("/api/v1/schedule/jobs/0123456789abcdef0123").status, 404);
  // The checks of the synchronous form come first: nothing is queued for a bad request.
  auto bad = start(c, {{"within", district_}, {"from", "2027-03-01T00:00:00Z"}, {"to", "2027-02-01T00:00:00Z"}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(start(c, {{"within", 999999}, {"from", "2027-02-01T00:00:00Z"}, {"to", "2027-03-01T00:00:00Z"}}).status, 404);
  EXPECT_EQ(start(c, {{"within", district_}, {"from", "2027-02-01T00:00:00Z"}, {"to", "2027-03-01T00:00:00Z"},
                      {"time_limit_seconds", 61}}).status, 422);
  // A finished job cannot be cancelled.
  auto r = start(c, {{"within", district_}, {"from", "2027-02-01T00:00:00+07:00"}, {"to", "2027-02-08T00:00:00+07:00"}});
  ASSERT_EQ(r.status, 202) << r.body;
  ASSERT_EQ(poll(c, r.header("Location"), {"done", "failed", "cancelled"}).at("status").as_string(), "done");
  EXPECT_EQ(c.del(r.header("Location")).status, 409);
}

}  // namespace
