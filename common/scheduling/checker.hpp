// The independent checker: does a list of assignments keep hard rules H1–H7, and what does it cost? Written
// from the spec alone, so it can judge the solver.
#pragma once
#include <string>
#include <vector>

#include "scheduling/instance.hpp"

namespace satdan::scheduling {

struct violation {
  std::string rule;    // H1..H7
  std::string detail;  // names the session(s), member and period
};

// Every hard-rule violation of `assignments` (empty when valid).
std::vector<violation> check_hard_rules(const instance& in, const std::vector<assignment>& assignments,
                                        const period_clock& clock);

// The cost of `assignments`, every term recomputed from the instance alone.
cost evaluate(const instance& in, const std::vector<assignment>& assignments, const period_clock& clock);

}  // namespace satdan::scheduling
