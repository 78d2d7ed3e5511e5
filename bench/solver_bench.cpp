// bench/solver: the solver against a plain greedy baseline on generated instances, measured in one run.
// Run on demand (not a test): build/test/bench/solver_bench [sizes...]. Prints, per size, the instance size,
// runtimes, every cost term of both, and our total as a ratio of greedy's.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "calendar/period_clock.hpp"
#include "calendar/time_zone.hpp"
#include "scheduling/checker.hpp"
#include "scheduling/generator.hpp"
#include "scheduling/solver.hpp"

using namespace satdan;
using namespace satdan::scheduling;

namespace {

bool overlaps(const interval& a, const interval& b) { return a.start < b.end && b.start < a.end; }

// The baseline of the issue: sessions in time order, each seat (required first, then optional) to the
// feasible fitting member with the lowest load, preferring members responsible for the area.
std::vector<assignment> greedy(const instance& in, const period_clock& clock) {
  std::vector<const session*> order;
  for (const auto& s : in.sessions) order.push_back(&s);
  std::stable_sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->when.start < b->when.start; });
  std::map<std::string, std::vector<const session*>> schedule;
  std::map<std::string, int> load;
  std::map<std::pair<std::string, int>, int> monthly;
  std::vector<assignment> out;
  auto fits = [](const member& m, const std::string& need) {
    return m.level == need || std::find(m.roles.begin(), m.roles.end(), need) != m.roles.end();
  };
  auto feasible = [&](const member& m, const session& s, const std::string& need) {
    if (!fits(m, need)) return false;
    if (m.level == "commune" && m.home != s.unit) return false;
    for (const auto& u : m.unavailable)
      if (overlaps(u, s.when)) return false;
    if (monthly[{m.id, clock.month(s.when.start)}] >= m.max_per_month) return false;
    for (const session* other : schedule[m.id]) {
      if (other == &s) return false;
      auto gap = in.travel(other->unit, s.unit);
      if (!gap) return false;
      const session& first = other->when.start <= s.when.start ? *other : s;
      const session& second = &first == other ? s : *other;
      if (first.when.end + std::chrono::minutes(*gap) > second.when.start) return false;
      if (other->when.start == s.when.start) return false;
    }
    return true;
  };
  for (const session* s : order) {
    for (int pass = 0; pass < 2; ++pass) {
      for (const auto& [need, count] : pass == 0 ? s->needs : s->optional) {
        for (int seat = 0; seat < count; ++seat) {
          const member* best = nullptr;
          std::pair<int, int> best_key{};
          for (const auto& m : in.members) {
            if (!feasible(m, *s, need)) continue;
            bool responsible = std::find(m.responsible.begin(), m.responsible.end(), s->unit) != m.responsible.end() ||
                               (s->cell && std::find(m.responsible.begin(), m.responsible.end(), *s->cell) != m.responsible.end());
            std::pair<int, int> key{responsible ? 0 : 1, load[m.id]};
            if (!best || key < best_key) {
              best = &m;
              best_key = key;
            }
          }
          if (!best) continue;
          out.push_back({s->id, best->id, need});
          schedule[best->id].push_back(s);
          ++load[best->id];
          ++monthly[{best->id, clock.month(s->when.start)}];
        }
      }
    }
  }
  return out;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

void row(const char* who, const cost& c, double secs) {
  std::printf("  %-8s total %10lld  unfilled %5lld  uncovered %5lld  outside %6lld  travel %8lld  imbalance %4lld  "
              "moved %4lld  %7.2f s\n",
              who, static_cast<long long>(c.total), static_cast<long long>(c.unfilled), static_cast<long long>(c.uncovered),
              static_cast<long long>(c.outside), static_cast<long long>(c.travel), static_cast<long long>(c.imbalance),
              static_cast<long long>(c.moved), secs);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> sizes(argv + 1, argv + argc);
  if (sizes.empty()) sizes = {"commune-quarter", "district-year"};
  for (const auto& size : sizes) {
    instance in = generate_instance(size, 1);
    auto clock = calendar::period_clock_for(in.timezone);
    std::printf("%s: %zu sessions, %zu members\n", size.c_str(), in.sessions.size(), in.members.size());
    auto t0 = std::chrono::steady_clock::now();
    auto base = greedy(in, clock);
    double greedy_secs = seconds_since(t0);
    auto base_cost = evaluate(in, base, clock);
    row("greedy", base_cost, greedy_secs);
    t0 = std::chrono::steady_clock::now();
    auto result = solve(in, clock, {});
    double solve_secs = seconds_since(t0);
    if (auto* sol = std::get_if<solution>(&result)) {
      auto violations = check_hard_rules(in, sol->assignments, clock);
      row("solver", sol->c, solve_secs);
      std::printf("  ratio solver/greedy %.3f; hard-rule violations %zu\n",
                  base_cost.total ? static_cast<double>(sol->c.total) / static_cast<double>(base_cost.total) : 1.0,
                  violations.size());
    } else {
      std::printf("  solver: infeasible pins\n");
    }
  }
  calendar::release_time_zones();
  return 0;
}
