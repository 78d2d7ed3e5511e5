#include "scheduling/solver.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "scheduling/moves.hpp"
#include "scheduling/prng.hpp"
#include "scheduling/search_state.hpp"

namespace satdan::scheduling {

namespace {

using clock_type = std::chrono::steady_clock;
using detail::floor_div;
using detail::group;
using detail::mover;
using detail::search_state;

std::string month_text(int month_index) {
  char buf[32];
  int year = floor_div(month_index, 12);
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month_index - year * 12 + 1);
  return buf;
}

// H1–H6 among the pins alone; every pin that cannot hold is named once, with the first rule it breaks.
std::vector<infeasible_pin> check_pins(search_state& st, std::vector<std::pair<int, int>>& placed) {
  const instance& in = st.in_;
  std::vector<infeasible_pin> bad;
  std::set<assignment> seen;
  std::map<std::pair<int, int>, std::size_t> at_session;  // (member, session) → pin
  std::vector<int> used(st.groups.size(), 0);
  std::map<std::pair<int, int>, int> per_month;             // (member, month) → pins
  std::vector<std::pair<int, std::size_t>> member_pins;     // (member, pin) kept so far, for H5
  auto fail = [&](const assignment& p, const char* rule, std::string detail) {
    bad.push_back({p, rule, std::move(detail)});
  };
  for (std::size_t i = 0; i < in.pinned.size(); ++i) {
    const assignment& p = in.pinned[i];
    if (!seen.insert(p).second) continue;  // the same assignment twice is one assignment
    auto mi = st.member_index.find(p.member);
    auto si = st.session_index.find(p.session);
    if (mi == st.member_index.end() || si == st.session_index.end()) {
      fail(p, "H1", mi == st.member_index.end() ? "no member " + p.member : "no session " + p.session);
      continue;
    }
    int m = mi->second, s = si->second;
    const member& mb = in.members[m];
    const session& ss = in.sessions[s];
    bool fit = mb.level == p.need || std::find(mb.roles.begin(), mb.roles.end(), p.need) != mb.roles.end();
    if (!fit) {
      fail(p, "H1", p.member + " does not fit " + p.need);
      continue;
    }
    if (mb.level == "commune" && ss.unit != mb.home) {
      fail(p, "H1", "commune member " + p.member + " of " + mb.home + " at a session in " + ss.unit);
      continue;
    }
    int g = st.find_group(p.session, p.need);
    if (g < 0 || used[g] >= st.groups[g].cap) {
      fail(p, "H3", p.session + " has " + (g < 0 ? "0" : std::to_string(st.groups[g].cap)) + " " + p.need +
                        " seats, fewer than its pins");
      continue;
    }
    if (auto it = at_session.find({m, s}); it != at_session.end()) {
      fail(p, "H2", p.member + " is pinned twice at " + p.session);
      continue;
    }
    auto un = std::find_if(mb.unavailable.begin(), mb.unavailable.end(), [&](const interval& u) {
      return ss.when.start < u.end && u.start < ss.when.end;
    });
    if (un != mb.unavailable.end()) {
      fail(p, "H4", p.member + " is unavailable " + core::format_utc(un->start) + " to " + core::format_utc(un->end));
      continue;
    }
    bool clash = false;
    for (auto [om, oi] : member_pins) {
      if (om != m) continue;
      int os = st.session_index.at(in.pinned[oi].session);
      if (!st.compatible(os, s)) {
        fail(p, "H5", p.member + " cannot reach both " + in.pinned[oi].session + " and " + p.session);
        clash = true;
        break;
      }
    }
    if (clash) continue;
    int month = st.session_month[s];
    if (per_month[{m, month}] >= mb.max_per_month) {
      fail(p, "H6", p.member + " has more than " + std::to_string(mb.max_per_month) + " pins in month " +
                        month_text(st.month_raw[s]));
      continue;
    }
    ++per_month[{m, month}];
    ++used[g];
    at_session[{m, s}] = i;
    member_pins.emplace_back(m, i);
    placed.emplace_back(g, m);
  }
  return bad;
}

std::string interval_text(const interval& u) {
  return core::format_utc(u.start) + " to " + core::format_utc(u.end);
}

// Why nobody took a required seat of group g: one reason per member of the right level or role.
std::vector<candidate_reason> explain(const search_state& st, int g) {
  const instance& in = st.in_;
  const group& gr = st.groups[g];
  int s = gr.session;
  const session& ss = in.sessions[s];
  std::vector<candidate_reason> out;
  for (int m = 0; m < st.n_members; ++m) {
    if (!st.fits[gr.req_index][m]) continue;
    const member& mb = in.members[m];
    if (mb.level == "commune" && st.member_home[m] != st.session_unit[s]) {
      out.push_back({mb.id, "H1", "commune member of " + mb.home + ", session in " + ss.unit});
      continue;
    }
    if (int y = st.seat_of(m, s); y >= 0) {
      const auto& other = st.groups[st.seat_group[y]];
      out.push_back({mb.id, "H2", "already seated at " + ss.id + " as " + other.req});
      continue;
    }
    auto un = std::find_if(mb.unavailable.begin(), mb.unavailable.end(), [&](const interval& u) {
      return ss.when.start < u.end && u.start < ss.when.end;
    });
    if (un != mb.unavailable.end()) {
      out.push_back({mb.id, "H4", "unavailable " + interval_text(*un)});
      continue;
    }
    // Of the member's sessions that H5 keeps apart from this one, name the earliest.
    int clash = -1;
    for (int y : st.member_seats[m]) {
      int o = st.groups[st.seat_group[y]].session;
      if (!st.compatible(o, s) && (clash < 0 || std::pair(st.s_start[o], o) < std::pair(st.s_start[clash], clash)))
        clash = o;
    }
    if (clash >= 0) {
      out.push_back({mb.id, "H5", "cannot also reach " + in.sessions[clash].id + " in time"});
      continue;
    }
    if (st.month_count[std::size_t(m) * st.n_months + st.session_month[s]] >= mb.max_per_month) {
      out.push_back({mb.id, "H6", "already " + std::to_string(mb.max_per_month) + " sessions in " +
                                      month_text(st.month_raw[s])});
      continue;
    }
    out.push_back({mb.id, "cost", "leaving the seat empty was cheaper"});
  }
  return out;
}


}  // namespace

solve_result solve(const instance& in, const period_clock& clock, const solve_options& options) {
  auto started = clock_type::now();
  search_state st(in, clock);

  // Pins first: they are fixed, and if they cannot hold together there is nothing to solve.
  std::vector<std::pair<int, int>> placed;
  auto bad = check_pins(st, placed);
  if (!bad.empty()) return bad;
  for (auto [g, m] : placed) {
    int seat = st.free_seat(g);
    st.raw_add(seat, m);
    st.seat_locked[seat] = 1;
  }

  // Start from the published schedule where it still holds, so a re-solve changes little.
  std::set<assignment> prev_set(in.previous.begin(), in.previous.end());
  for (const auto& p : prev_set) {
    int g = st.find_group(p.session, p.need);
    auto mi = st.member_index.find(p.member);
    if (g < 0 || mi == st.member_index.end() || !st.fits_group(g, mi->second) || !st.can_add(g, mi->second)) continue;
    int seat = st.free_seat(g);
    if (seat >= 0) st.raw_add(seat, mi->second);
  }

  // Greedy construction: required seats, scarcest groups first (fewest candidates, then earliest start).
  std::vector<int> order(st.groups.size());
  for (std::size_t g = 0; g < order.size(); ++g) order[g] = static_cast<int>(g);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    auto ka = std::make_pair(st.groups[a].candidates.size(), st.s_start[st.groups[a].session]);
    auto kb = std::make_pair(st.groups[b].candidates.size(), st.s_start[st.groups[b].session]);
    return ka < kb;
  });
  for (int g : order)
    while (st.filled[g] < st.groups[g].need && st.best_fill(st.free_seat(g))) {
    }
  // Optional seats only where they lower the cost (a district member covering a cell this period).
  std::vector<int> by_time(order);
  std::stable_sort(by_time.begin(), by_time.end(), [&](int a, int b) {
    return st.s_start[st.groups[a].session] < st.s_start[st.groups[b].session];
  });
  for (int g : by_time)
    while (st.filled[g] < st.groups[g].cap && st.best_fill(st.free_seat(g))) {
    }
  st.undo_log.clear();

  // Late-acceptance hill climbing: scale-free, and deterministic given the seed and the iteration budget.
  prng rng(options.seed);
  mover mv{st, rng, {}};
  for (std::size_t y = 0; y < st.seat_group.size(); ++y)
    if (!st.seat_locked[y]) mv.open_seats.push_back(static_cast<int>(y));
  auto current = st.score(), best = current;
  std::vector<int> best_seats = st.snapshot();
  const std::size_t history_len = 64;
  std::vector<std::pair<std::int64_t, std::int64_t>> history(history_len, current);
  auto report = [&](std::int64_t done) {
    if (!options.on_progress) return;
    options.on_progress({done, options.iterations, best.first,
                         std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - started)});
  };
  const std::int64_t every = std::max<std::int64_t>(1, options.progress_every);
  std::int64_t done = 0;
  for (std::int64_t it = 0; it < options.iterations && !mv.open_seats.empty(); ++it, done = it) {
    if (options.time_limit && (it & 1023) == 0 && clock_type::now() - started > *options.time_limit) break;
    if (options.cancel && (it & 1023) == 0 && options.cancel->load(std::memory_order_relaxed)) break;
    if (options.on_progress && it % every == 0) report(it);
    bool made;
    if (rng.below(mover::floor_rate) == 0)
      made = mv.raise_floor();
    else if (!st.deficit.empty() && rng.below(8) == 0)
      made = mv.eject(st.deficit[rng.below(st.deficit.size())]);
    else
      made = mv.fill_or_change(mv.open_seats[rng.below(mv.open_seats.size())]);
    auto& h = history[static_cast<std::size_t>(it) % history_len];
    if (made) {
      auto candidate = st.score();
      if (candidate <= current || candidate <= h) {
        current = candidate;
        st.undo_log.clear();
        if (current < best) best = current, best_seats = st.snapshot();
      } else {
        st.rollback();
      }
    }
    h = current;
  }
  report(mv.open_seats.empty() ? options.iterations : done);

  // Back to the best state seen: clear every open seat, then place the best one's members.
  if (current != best) {
    for (int y : mv.open_seats)
      if (st.seat_member[y] >= 0) st.raw_remove(y);
    for (int y : mv.open_seats)
      if (best_seats[y] >= 0) st.raw_add(y, best_seats[y]);
  }
  st.undo_log.clear();

  solution out;
  for (std::size_t y = 0; y < st.seat_member.size(); ++y) {
    int m = st.seat_member[y];
    if (m < 0) continue;
    const group& gr = st.groups[st.seat_group[y]];
    out.assignments.push_back({in.sessions[gr.session].id, in.members[m].id, gr.req});
  }
  std::sort(out.assignments.begin(), out.assignments.end());
  out.c = st.current_cost();
  for (std::size_t g = 0; g < st.groups.size(); ++g) {
    int missing = st.groups[g].need - st.filled[g];
    if (missing <= 0) continue;
    auto why = explain(st, static_cast<int>(g));
    for (int k = 0; k < missing; ++k)
      out.unfilled.push_back({in.sessions[st.groups[g].session].id, st.groups[g].req, why});
  }
  return out;
}

}  // namespace satdan::scheduling
