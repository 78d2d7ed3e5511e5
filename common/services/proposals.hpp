// Proposals: a unit subtree and a period solved into a proposed set of assignments, saved for review and
// applied later. One service for the JSON API and the pages: the checks of a request, the run itself
// (build the instance, solve, save), and the runs as jobs on the solver's own small pool of threads.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/instant.hpp"
#include "scheduling/solver.hpp"
#include "store/actor.hpp"
#include "store/directory_store.hpp"
#include "store/planning_store.hpp"

namespace satdan::services {

using domain::id_t;

// The longest period a proposal may cover, and the solver's time limit bounds (seconds).
inline constexpr auto max_proposal_period = std::chrono::days(400);
inline constexpr int min_time_limit_seconds = 1, max_time_limit_seconds = 60, default_time_limit_seconds = 10;

struct proposal_request {
  id_t within = 0;                                            // the unit whose subtree is planned
  core::instant from{}, to{};                                 // sessions starting in [from, to)
  std::chrono::seconds time_limit{default_time_limit_seconds};
};

// The period's rules, added to `errors` as the API names them: ("to", "must be after from"), ("to", "must be
// at most 400 days after from"). Either bound may be missing (already reported by whoever read it).
void check_proposal_period(const std::optional<core::instant>& from, const std::optional<core::instant>& to,
                           core::field_errors& errors);

// What a run may be told and may tell while it runs (a job's); both optional.
struct run_control {
  const std::atomic<bool>* cancel = nullptr;
  std::function<void(const scheduling::solve_progress&)> on_progress;
};

// Thrown by make_proposal when run_control::cancel was set: nothing was saved.
struct proposal_cancelled {};

// Checks the request (throws core::error(invalid_input) naming the fields; not_found for an unknown unit),
// builds the instance, solves and saves the proposal. `clock` gives local months in the deployment's time
// zone (calendar::period_clock_for; the calendar library sits above this one). Pins that cannot hold together: core::error(conflict)
// naming them, as the API has always answered.
store::proposal make_proposal(store::directory_store& directory, store::planning_store& planning,
                              const scheduling::period_clock& clock, const proposal_request& request, const store::actor& who,
                              const run_control& control = {});

// A proposal run in the background. Jobs live in the process that runs them: with several server processes
// behind a proxy, a job is answered only by the process it was started on (others answer 404). Finished
// jobs are kept for `keep` (an hour by default), then forgotten; the proposals they saved stay.
struct proposal_job {
  std::string id;
  std::string status;  // queued, running, done, failed, cancelled
  proposal_request request;
  std::optional<id_t> account_id;          // who started it
  core::instant created_at{};
  bool cancel_requested = false;
  std::int64_t iterations_done = 0, iterations_total = 0;
  std::optional<std::int64_t> best_cost;   // once the search has started
  std::chrono::milliseconds elapsed{0};    // since it started running
  std::optional<std::chrono::milliseconds> time_left;  // an estimate, while running
  std::optional<id_t> proposal_id;         // done
  std::optional<core::errc> error_code;    // failed
  std::string error_message;               // failed: the error's detail, as the API would answer it
  std::vector<core::field_error> error_fields;
};

class proposal_jobs {
 public:
  // `threads` solver threads (1–2 is plenty: each run keeps a core busy).
  proposal_jobs(store::directory_store& directory, store::planning_store& planning, scheduling::period_clock clock, int threads,
                std::chrono::seconds keep = std::chrono::hours(1));
  ~proposal_jobs();
  proposal_jobs(const proposal_jobs&) = delete;
  proposal_jobs& operator=(const proposal_jobs&) = delete;

  // Checks the request now (the same errors as make_proposal's checks, before anything is queued) and queues it.
  proposal_job start(const proposal_request& request, const store::actor& who);
  // not_found for an unknown or forgotten job.
  proposal_job get(const std::string& id);
  // Queued: cancelled at once. Running: asked to stop (it ends "cancelled" and saves nothing). Cancelled
  // already: unchanged. Done or failed: core::error(conflict).
  proposal_job cancel(const std::string& id);
  // The jobs still remembered, newest first.
  std::vector<proposal_job> recent();
  // Cancels every job and joins the threads; later starts are refused (unavailable). Idempotent.
  void shut_down();

 private:
  struct entry;
  void work();
  void run(entry& e);
  void forget_old();  // with mutex_ held
  proposal_job view_of(const entry& e) const;

  store::directory_store& directory_;
  store::planning_store& planning_;
  scheduling::period_clock clock_;
  std::chrono::seconds keep_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::string, std::shared_ptr<entry>> jobs_;
  std::deque<std::shared_ptr<entry>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace satdan::services
