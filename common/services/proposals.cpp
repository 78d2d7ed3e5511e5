#include "services/proposals.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>

#include "core/clock.hpp"
#include "core/log.hpp"
#include "security/secrets.hpp"

namespace satdan::services {

using core::errc;
using core::error;

void check_proposal_period(const std::optional<core::instant>& from, const std::optional<core::instant>& to,
                           core::field_errors& errors) {
  if (from && to && *to <= *from) errors.add("to", "must be after from");
  if (from && to && *to - *from > max_proposal_period) errors.add("to", "must be at most 400 days after from");
}

namespace {

void check_request(store::directory_store& directory, const proposal_request& request) {
  core::field_errors errors;
  if (request.within < 1) errors.add("within", "must be a whole number from 1 to 9007199254740991");
  if (request.time_limit < std::chrono::seconds(min_time_limit_seconds) ||
      request.time_limit > std::chrono::seconds(max_time_limit_seconds))
    errors.add("time_limit_seconds", "must be a whole number from 1 to 60");
  check_proposal_period(request.from, request.to, errors);
  errors.throw_if_any();
  directory.get_unit(request.within);  // not_found for an unknown unit
}

bool cancelled(const run_control& control) {
  return control.cancel && control.cancel->load(std::memory_order_relaxed);
}

}  // namespace

store::proposal make_proposal(store::directory_store& directory, store::planning_store& planning,
                              const scheduling::period_clock& clock, const proposal_request& request,
                              const store::actor& who, const run_control& control) {
  check_request(directory, request);
  store::planning_scope scope{request.within, request.from, request.to};
  auto input = planning.build(scope);
  if (cancelled(control)) throw proposal_cancelled{};
  scheduling::solve_options options;
  options.time_limit = request.time_limit;
  options.cancel = control.cancel;
  options.on_progress = control.on_progress;
  auto result = scheduling::solve(input.instance, clock, options);
  if (auto* pins = std::get_if<std::vector<scheduling::infeasible_pin>>(&result)) {
    boost::json::value detail = scheduling::to_json(*pins);
    throw error(errc::conflict, "Assignments made by hand cannot all hold: " + boost::json::serialize(detail));
  }
  // A cancelled search stops early; what it found is not what was asked for, so it is not saved.
  if (cancelled(control)) throw proposal_cancelled{};
  return planning.save(scope, input.fingerprint, store::proposal_result(input, std::get<scheduling::solution>(result)), who);
}

// A job's shared state: written by its solver thread under the registry's mutex, except `cancel`, which the
// solver reads without it.
struct proposal_jobs::entry {
  proposal_job job;
  store::actor who;
  std::atomic<bool> cancel{false};
  std::chrono::steady_clock::time_point started{}, finished{};
};

proposal_jobs::proposal_jobs(store::directory_store& directory, store::planning_store& planning,
                             scheduling::period_clock clock, int threads, std::chrono::seconds keep)
    : directory_(directory), planning_(planning), clock_(std::move(clock)), keep_(keep) {
  for (int i = 0; i < std::max(1, threads); ++i) threads_.emplace_back([this] { work(); });
}

proposal_jobs::~proposal_jobs() { shut_down(); }

void proposal_jobs::shut_down() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
    for (auto& e : queue_) e->job.status = "cancelled";
    queue_.clear();
    for (auto& [id, e] : jobs_)
      if (e->job.status == "running") {
        e->job.cancel_requested = true;
        e->cancel = true;
      }
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

proposal_job proposal_jobs::view_of(const entry& e) const {
  proposal_job out = e.job;
  if (out.status == "running") {
    out.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - e.started);
    // Left: the iterations still to do at the pace so far, but never past the time limit.
    auto limit_left = std::chrono::duration_cast<std::chrono::milliseconds>(out.request.time_limit) - out.elapsed;
    std::chrono::milliseconds left = limit_left;
    if (out.iterations_done > 0 && out.iterations_total > out.iterations_done)
      left = std::min(left, std::chrono::milliseconds(out.elapsed.count() * (out.iterations_total - out.iterations_done) /
                                                      out.iterations_done));
    out.time_left = std::max(left, std::chrono::milliseconds(0));
  }
  return out;
}

void proposal_jobs::forget_old() {
  auto now = std::chrono::steady_clock::now();
  std::erase_if(jobs_, [&](const auto& item) {
    const auto& j = item.second->job;
    bool ended = j.status == "done" || j.status == "failed" || j.status == "cancelled";
    return ended && now - item.second->finished > keep_;
  });
}

proposal_job proposal_jobs::start(const proposal_request& request, const store::actor& who) {
  check_request(directory_, request);
  auto e = std::make_shared<entry>();
  e->job.id = security::sha256_hex(security::new_token()).substr(0, 20);
  e->job.status = "queued";
  e->job.request = request;
  e->job.account_id = who.account_id;
  e->job.created_at = core::now();
  e->who = who;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) throw error(errc::unavailable, "The server is shutting down.");
    forget_old();
    jobs_[e->job.id] = e;
    queue_.push_back(e);
  }
  wake_.notify_one();
  core::log::info("proposal_job_queued", {{"job", e->job.id}, {"within", request.within}});
  return view_of(*e);
}

proposal_job proposal_jobs::get(const std::string& id) {
  std::lock_guard lock(mutex_);
  forget_old();
  auto it = jobs_.find(id);
  if (it == jobs_.end()) core::throw_not_found("job " + id);
  return view_of(*it->second);
}

proposal_job proposal_jobs::cancel(const std::string& id) {
  std::lock_guard lock(mutex_);
  forget_old();
  auto it = jobs_.find(id);
  if (it == jobs_.end()) core::throw_not_found("job " + id);
  entry& e = *it->second;
  if (e.job.status == "done" || e.job.status == "failed")
    throw error(errc::conflict, "The job has ended already.", {{"status", e.job.status}});
  if (e.job.status == "queued") {
    std::erase(queue_, it->second);
    e.job.status = "cancelled";
    e.finished = std::chrono::steady_clock::now();
  } else if (e.job.status == "running") {
    e.job.cancel_requested = true;
    e.cancel = true;
  }
  return view_of(e);
}

std::vector<proposal_job> proposal_jobs::recent() {
  std::lock_guard lock(mutex_);
  forget_old();
  std::vector<std::pair<core::instant, proposal_job>> list;
  for (const auto& [id, e] : jobs_) list.emplace_back(e->job.created_at, view_of(*e));
  std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<proposal_job> out;
  for (auto& [at, j] : list) out.push_back(std::move(j));
  return out;
}

void proposal_jobs::work() {
  for (;;) {
    std::shared_ptr<entry> e;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      e = queue_.front();
      queue_.pop_front();
      e->job.status = "running";
      e->started = std::chrono::steady_clock::now();
    }
    run(*e);
  }
}

void proposal_jobs::run(entry& e) {
  run_control control;
  control.cancel = &e.cancel;
  control.on_progress = [this, &e](const scheduling::solve_progress& p) {
    std::lock_guard lock(mutex_);
    e.job.iterations_done = p.iterations_done;
    e.job.iterations_total = p.iterations_total;
    e.job.best_cost = p.best_cost;
  };
  std::string outcome;
  std::optional<id_t> saved;
  std::optional<core::error> failure;
  try {
    saved = make_proposal(directory_, planning_, clock_, e.job.request, e.who, control).id;
    outcome = "done";
  } catch (const proposal_cancelled&) {
    outcome = "cancelled";
  } catch (const core::error& err) {
    failure = err;
    outcome = "failed";
  } catch (const std::exception& err) {
    failure = core::error(errc::internal, "Internal error.", {}, err.what());
    outcome = "failed";
  }
  std::lock_guard lock(mutex_);
  e.job.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - e.started);
  e.finished = std::chrono::steady_clock::now();
  e.job.status = outcome;
  e.job.proposal_id = saved;
  if (failure) {
    e.job.error_code = failure->code();
    e.job.error_message = failure->public_message();
    e.job.error_fields = failure->fields();
    if (failure->code() == errc::internal)
      core::log::error("proposal_job_failed", {{"job", e.job.id}, {"reason", failure->internal_message()}});
  }
  core::log::info("proposal_job_ended", {{"job", e.job.id}, {"status", outcome}, {"ms", e.job.elapsed.count()}});
}

}  // namespace satdan::services
