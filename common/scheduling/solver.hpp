// The solver: a greedy construction followed by local search with incremental cost evaluation.
// Deterministic for a given instance, seed and iteration budget; a wall-clock limit may cut it short.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <variant>
#include <vector>

#include "scheduling/instance.hpp"

namespace satdan::scheduling {

struct solve_progress {
  std::int64_t iterations_done = 0;
  std::int64_t iterations_total = 0;
  std::int64_t best_cost = 0;  // the best total cost found so far
  std::chrono::milliseconds elapsed{0};
};

struct solve_options {
  std::uint64_t seed = 1;
  // The work budget; results depend only on it. 3M iterations solve a district-year instance in about
  // 0.7 s on one core, within 1% of the MILP optimum (5M: 0.1% lower, in about 1.1 s).
  std::int64_t iterations = 3'000'000;
  std::optional<std::chrono::milliseconds> time_limit;  // may stop earlier; then results may vary
  // Called from the solving thread every `progress_every` iterations of the local search (and once at its
  // end); it must be cheap. Unset, nothing is reported.
  std::function<void(const solve_progress&)> on_progress;
  std::int64_t progress_every = 65'536;
  // Checked every 1024 iterations; once true, the search stops and the best state so far is returned (the
  // caller, who set it, knows to discard it). Unset or never set, results are exactly as without it.
  const std::atomic<bool>* cancel = nullptr;
};

// Either a solution (with cost and explanations of unfilled required seats) or the pins that cannot hold.
using solve_result = std::variant<solution, std::vector<infeasible_pin>>;

solve_result solve(const instance& in, const period_clock& clock, const solve_options& options = {});

}  // namespace satdan::scheduling
