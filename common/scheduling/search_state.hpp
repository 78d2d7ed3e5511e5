// The solver's working state: the instance indexed into flat arrays, the current seats, and every cost term
// kept up to date as seats change, with an undo log so that a move can be tried and taken back.
#pragma once
#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "scheduling/instance.hpp"

namespace satdan::scheduling::detail {

inline std::int64_t seconds(core::instant t) { return t.time_since_epoch().count(); }

inline int floor_div(int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// A (session, requirement) pair: `need` required seats and `cap` = needs + optional seats in all. Seats within a
// group are interchangeable, since the spec counts assignments per requirement, not per seat.
struct group {
  int session;
  std::string req;
  int req_index;
  int need;
  int cap;
  int first_seat;
  std::vector<int> candidates;      // members passing H1 and H4 (static rules)
  std::vector<int> prev_members;    // members named by `previous` for this seat kind
};

class search_state {
 public:
  search_state(const instance& in, const period_clock& clock) : in_(in) { index(clock); }

  const instance& in_;
  int n_members = 0, n_sessions = 0, n_units = 0, n_months = 0;
  std::vector<group> groups;
  std::vector<int> seat_group;
  std::vector<int> seat_member;
  std::vector<char> seat_locked;

  std::map<std::string, int> member_index, session_index, unit_index;
  std::vector<std::string> req_names;
  std::vector<std::vector<char>> fits;     // [req][member]
  std::vector<int> member_level;           // level index, for imbalance
  std::vector<char> member_covers;         // level == coverage.level
  std::vector<int> member_home;
  std::vector<char> resp_unit, resp_cell;  // [m * units + u], [m * cells + c]: the member's responsible list
  std::vector<int> session_cell;           // cell index or -1
  int n_cells = 0;
  std::vector<int> seat_begin;             // a session's seats are [seat_begin[s], seat_begin[s + 1])
  std::vector<int> session_unit, session_month, session_cov;
  std::vector<int> month_raw;              // clock.month of each session's start
  std::vector<std::int64_t> s_start, s_end;
  std::vector<int> travel_matrix;
  std::vector<std::vector<int>> session_groups;

  // Incremental state.
  std::vector<int> month_count;            // [m * n_months + month]
  std::vector<int> load;
  std::vector<std::vector<int>> member_seats;
  std::vector<int> seat_pos;               // position of a seat in its member's list
  std::vector<int> filled;
  std::vector<int> cov_count;
  std::vector<std::vector<int>> cov_sessions;  // the cell meetings of one (cell, period): any one covers it
  std::vector<std::vector<int>> level_hist;  // [level][load] → members
  std::vector<int> level_max, level_min;
  std::vector<int> deficit, deficit_pos;     // groups with filled < need
  std::int64_t unfilled = 0, uncovered = 0, n_outside = 0, travel_sum = 0, imbalance = 0, matched_prev = 0;
  std::int64_t prev_total = 0;
  // Sum of squared loads: not a cost term, only the tie-breaker of the search. The imbalance term moves only
  // when the last member at the maximum or minimum changes, so on its plateaus this tells the search which way
  // is more even.
  std::int64_t load_squares = 0;
  std::vector<std::pair<int, int>> undo_log;  // (seat, previous member)

  std::int64_t total() const {
    const weights& w = in_.w;
    return w.unfilled * unfilled + w.uncovered * uncovered + w.outside * n_outside + w.travel * travel_sum +
           w.imbalance * imbalance + w.moved * (prev_total - matched_prev);
  }

  // What the search minimises: the total, then evenness of load on ties.
  using score_type = std::pair<std::int64_t, std::int64_t>;
  score_type score() const { return {total(), load_squares}; }

  cost current_cost() const {
    cost c;
    c.unfilled = unfilled;
    c.uncovered = uncovered;
    c.outside = n_outside;
    c.travel = travel_sum;
    c.imbalance = imbalance;
    c.moved = prev_total - matched_prev;
    c.total = total();
    return c;
  }

  bool fits_group(int g, int m) const {
    const group& gr = groups[g];
    return fits[gr.req_index][m] && static_fit(m, gr.session);
  }

  // H1's home rule for commune members and H4: what no other assignment can change.
  bool static_fit(int m, int s) const {
    const member& mb = in_.members[m];
    if (mb.level == "commune" && session_unit[s] != member_home[m]) return false;
    const interval& w = in_.sessions[s].when;
    return std::none_of(mb.unavailable.begin(), mb.unavailable.end(),
                        [&](const interval& u) { return w.start < u.end && u.start < w.end; });
  }

  // The seat member m holds at session s, or -1; a session has only a handful of seats.
  int seat_of(int m, int s) const {
    for (int y = seat_begin[s]; y < seat_begin[s + 1]; ++y)
      if (seat_member[y] == m) return y;
    return -1;
  }

  bool is_outside(int m, int s) const {
    if (resp_unit[std::size_t(m) * n_units + session_unit[s]]) return false;
    return session_cell[s] < 0 || !resp_cell[std::size_t(m) * n_cells + session_cell[s]];
  }

  std::int64_t home_travel(int m, int s) const { return travel(member_home[m], session_unit[s]); }

  // H2, H5, H6 against the current assignments (H1, H4 are static and checked through candidates). A member
  // holds a few dozen seats at most, so testing H5 against each of them is cheaper than keeping, per session,
  // the list of sessions it clashes with (hundreds on a busy evening in a province).
  bool can_add(int g, int m) const {
    int s = groups[g].session;
    if (month_count[std::size_t(m) * n_months + session_month[s]] >= in_.members[m].max_per_month) return false;
    return clash(m, s) < 0;
  }

  // A seat of member m that H2 or H5 forbids holding together with session s, or -1.
  int clash(int m, int s) const {
    for (int y : member_seats[m]) {
      int o = groups[seat_group[y]].session;
      if (o == s || !compatible(o, s)) return y;
    }
    return -1;
  }

  // The change of score if member m took a free seat of group g, without making the change, leaving out the
  // imbalance term: seat by seat a greedy choice can only keep loads level, while the best schedules often
  // spread them wide (well-placed members take many seats). Greedy steps pick by the other terms; the search's
  // acceptance test, which sees the whole total, sets the spread at its price.
  score_type add_delta(int g, int m) const {
    const weights& w = in_.w;
    const group& gr = groups[g];
    int s = gr.session;
    std::int64_t d = w.travel * home_travel(m, s) + w.outside * is_outside(m, s);
    if (filled[g] < gr.need) d -= w.unfilled;
    if (session_cov[s] >= 0 && member_covers[m] && cov_count[session_cov[s]] == 0) d -= w.uncovered;
    if (is_prev(g, m)) d -= w.moved;
    return {d, 2 * std::int64_t(load[m]) + 1};
  }

  bool is_prev(int g, int m) const {
    const auto& p = groups[g].prev_members;
    return std::find(p.begin(), p.end(), m) != p.end();
  }

  void set_load(int m, int delta) {
    int lv = member_level[m];
    auto& hist = level_hist[lv];
    imbalance -= level_max[lv] - level_min[lv];
    int old = load[m], now = old + delta;
    load[m] = now;
    load_squares += std::int64_t(now) * now - std::int64_t(old) * old;
    --hist[old];
    ++hist[now];
    if (now > level_max[lv]) level_max[lv] = now;
    if (now < level_min[lv]) level_min[lv] = now;
    if (hist[old] == 0) {
      if (old == level_min[lv] && delta > 0) level_min[lv] = now;
      if (old == level_max[lv] && delta < 0) level_max[lv] = now;
    }
    imbalance += level_max[lv] - level_min[lv];
  }

  void deficit_update(int g) {
    bool short_now = filled[g] < groups[g].need;
    bool listed = deficit_pos[g] >= 0;
    if (short_now && !listed) {
      deficit_pos[g] = static_cast<int>(deficit.size());
      deficit.push_back(g);
    } else if (!short_now && listed) {
      int last = deficit.back();
      deficit[deficit_pos[g]] = last;
      deficit_pos[last] = deficit_pos[g];
      deficit.pop_back();
      deficit_pos[g] = -1;
    }
  }

  void raw_add(int seat, int m) {
    int g = seat_group[seat], s = groups[g].session;
    seat_member[seat] = m;
    ++month_count[std::size_t(m) * n_months + session_month[s]];
    set_load(m, +1);
    seat_pos[seat] = static_cast<int>(member_seats[m].size());
    member_seats[m].push_back(seat);
    if (session_cov[s] >= 0 && member_covers[m] && cov_count[session_cov[s]]++ == 0) --uncovered;
    if (filled[g]++ < groups[g].need) --unfilled;
    n_outside += is_outside(m, s);
    travel_sum += home_travel(m, s);
    if (is_prev(g, m)) ++matched_prev;
    deficit_update(g);
  }

  void raw_remove(int seat) {
    int m = seat_member[seat];
    int g = seat_group[seat], s = groups[g].session;
    seat_member[seat] = -1;
    --month_count[std::size_t(m) * n_months + session_month[s]];
    set_load(m, -1);
    auto& list = member_seats[m];
    int pos = seat_pos[seat], last = list.back();
    list[pos] = last;
    seat_pos[last] = pos;
    list.pop_back();
    if (session_cov[s] >= 0 && member_covers[m] && --cov_count[session_cov[s]] == 0) ++uncovered;
    if (--filled[g] < groups[g].need) ++unfilled;
    n_outside -= is_outside(m, s);
    travel_sum -= home_travel(m, s);
    if (is_prev(g, m)) --matched_prev;
    deficit_update(g);
  }

  // Logged change of one seat, undone by rollback(); the caller has checked feasibility.
  void set(int seat, int m) {
    undo_log.emplace_back(seat, seat_member[seat]);
    if (seat_member[seat] >= 0) raw_remove(seat);
    if (m >= 0) raw_add(seat, m);
  }

  void rollback() {
    while (!undo_log.empty()) {
      auto [seat, m] = undo_log.back();
      undo_log.pop_back();
      if (seat_member[seat] >= 0) raw_remove(seat);
      if (m >= 0) raw_add(seat, m);
    }
  }

  int free_seat(int g) const {
    for (int k = 0; k < groups[g].cap; ++k)
      if (seat_member[groups[g].first_seat + k] < 0) return groups[g].first_seat + k;
    return -1;
  }

  // The feasible candidate that lowers the score most at an empty seat (imbalance aside, see add_delta), placed
  // (logged) only when it lowers it. Returns whether a member was placed. The hard rules are checked only for
  // candidates that would beat the best so far, so a seat with hundreds of candidates costs microseconds.
  bool best_fill(int seat) {
    int g = seat_group[seat];
    score_type best{0, 0};
    int best_m = -1;
    for (int m : groups[g].candidates) {
      auto d = add_delta(g, m);
      if (d < best && can_add(g, m)) best = d, best_m = m;
    }
    if (best_m < 0) return false;
    set(seat, best_m);
    return true;
  }

  std::vector<int> snapshot() const { return seat_member; }

 private:
  void index(const period_clock& clock) {
    const instance& in = in_;
    n_members = static_cast<int>(in.members.size());
    n_sessions = static_cast<int>(in.sessions.size());
    auto unit_of = [&](const std::string& id) {
      auto [it, added] = unit_index.emplace(id, static_cast<int>(unit_index.size()));
      return it->second;
    };
    for (const auto& u : in.units) unit_of(u.id);
    for (int m = 0; m < n_members; ++m) member_index.emplace(in.members[m].id, m);
    for (int s = 0; s < n_sessions; ++s) session_index.emplace(in.sessions[s].id, s);

    // Levels and requirement names.
    std::map<std::string, int> levels, reqs;
    auto req_of = [&](const std::string& r) {
      auto [it, added] = reqs.emplace(r, static_cast<int>(req_names.size()));
      if (added) req_names.push_back(r);
      return it->second;
    };
    for (const auto& mb : in.members) {
      levels.emplace(mb.level, static_cast<int>(levels.size()));
      member_home.push_back(unit_of(mb.home));
    }
    for (const auto& mb : in.members) member_level.push_back(levels.at(mb.level));
    for (const auto& ss : in.sessions) {
      session_unit.push_back(unit_of(ss.unit));
      for (const auto& [r, n] : ss.needs) req_of(r);
      for (const auto& [r, n] : ss.optional) req_of(r);
    }
    for (const auto& p : in.pinned) req_of(p.need);
    fits.assign(req_names.size(), std::vector<char>(n_members, 0));
    for (std::size_t r = 0; r < req_names.size(); ++r)
      for (int m = 0; m < n_members; ++m) {
        const auto& mb = in.members[m];
        fits[r][m] = mb.level == req_names[r] ||
                     std::find(mb.roles.begin(), mb.roles.end(), req_names[r]) != mb.roles.end();
      }
    for (const auto& mb : in.members) member_covers.push_back(mb.level == in.coverage.level);

    // Travel between units; a pair the instance leaves out (the spec says it never does for a usable pair)
    // counts as the longest travel given, so the solver stays defined.
    n_units = static_cast<int>(unit_index.size());
    int longest = in.travel_within_minutes;
    for (const auto& [k, v] : in.travel_minutes) longest = std::max(longest, v);
    travel_matrix.assign(std::size_t(n_units) * n_units, longest);
    for (const auto& [k, v] : in.travel_minutes) {
      auto a = unit_index.find(k.first), b = unit_index.find(k.second);
      if (a == unit_index.end() || b == unit_index.end()) continue;
      travel_matrix[std::size_t(a->second) * n_units + b->second] = v;
      travel_matrix[std::size_t(b->second) * n_units + a->second] = v;
    }
    for (int u = 0; u < n_units; ++u) travel_matrix[std::size_t(u) * n_units + u] = in.travel_within_minutes;

    // Months, coverage groups (cell, period).
    std::map<int, int> months;
    for (const auto& ss : in.sessions) {
      int mi = clock.month(ss.when.start);
      month_raw.push_back(mi);
      months.emplace(mi, 0);
      s_start.push_back(seconds(ss.when.start));
      s_end.push_back(seconds(ss.when.end));
    }
    for (auto& [k, v] : months) v = n_months++;
    if (n_months == 0) n_months = 1;
    std::map<std::pair<std::string, int>, int> cov_groups;
    int divisor = in.coverage.period == "month" ? 1 : in.coverage.period == "year" ? 12 : 3;
    for (int s = 0; s < n_sessions; ++s) {
      const auto& ss = in.sessions[s];
      session_month.push_back(months.empty() ? 0 : months.at(month_raw[s]));
      session_cov.push_back(-1);
      if (ss.kind != "cell_meeting" || !ss.cell) continue;
      auto key = std::make_pair(*ss.cell, floor_div(month_raw[s], divisor));
      session_cov[s] = cov_groups.emplace(key, static_cast<int>(cov_groups.size())).first->second;
    }
    cov_count.assign(cov_groups.size(), 0);
    cov_sessions.assign(cov_groups.size(), {});
    for (int s = 0; s < n_sessions; ++s)
      if (session_cov[s] >= 0) cov_sessions[session_cov[s]].push_back(s);
    uncovered = static_cast<std::int64_t>(cov_groups.size());

    // Responsibilities as flags per (member, unit) and (member, cell): no member × session table, so a
    // province-sized instance still fits in memory.
    std::map<std::string, int> cell_index;
    for (const auto& ss : in.sessions)
      session_cell.push_back(ss.cell ? cell_index.emplace(*ss.cell, static_cast<int>(cell_index.size())).first->second
                                     : -1);
    n_cells = static_cast<int>(cell_index.size());
    resp_unit.assign(std::size_t(n_members) * n_units, 0);
    resp_cell.assign(std::size_t(n_members) * n_cells, 0);
    for (int m = 0; m < n_members; ++m)
      for (const auto& r : in.members[m].responsible) {
        if (auto u = unit_index.find(r); u != unit_index.end()) resp_unit[std::size_t(m) * n_units + u->second] = 1;
        if (auto c = cell_index.find(r); c != cell_index.end()) resp_cell[std::size_t(m) * n_cells + c->second] = 1;
      }

    // Groups and seats.
    session_groups.assign(n_sessions, {});
    for (int s = 0; s < n_sessions; ++s) {
      const auto& ss = in.sessions[s];
      seat_begin.push_back(static_cast<int>(seat_group.size()));
      std::map<std::string, std::pair<int, int>> caps;
      for (const auto& [r, n] : ss.needs) caps[r].first += std::max(n, 0);
      for (const auto& [r, n] : ss.optional) caps[r].second += std::max(n, 0);
      for (const auto& [r, c] : caps) {
        group gr{s, r, reqs.at(r), c.first, c.first + c.second, static_cast<int>(seat_group.size()), {}, {}};
        for (int m = 0; m < n_members; ++m)
          if (fits[gr.req_index][m] && static_fit(m, s)) gr.candidates.push_back(m);
        for (int k = 0; k < gr.cap; ++k) seat_group.push_back(static_cast<int>(groups.size()));
        session_groups[s].push_back(static_cast<int>(groups.size()));
        unfilled += gr.need;
        groups.push_back(std::move(gr));
      }
    }

    // `previous` as a set; entries naming nothing in the instance count as moved forever.
    std::set<std::tuple<std::string, std::string, std::string>> prev_set;
    for (const auto& p : in.previous) prev_set.emplace(p.session, p.member, p.need);
    prev_total = static_cast<std::int64_t>(prev_set.size());
    for (const auto& [sid, mid, need] : prev_set) {
      int g = find_group(sid, need);
      auto mi = member_index.find(mid);
      if (g >= 0 && mi != member_index.end()) groups[g].prev_members.push_back(mi->second);
    }

    seat_begin.push_back(static_cast<int>(seat_group.size()));
    std::size_t n_seats = seat_group.size();
    seat_member.assign(n_seats, -1);
    seat_locked.assign(n_seats, 0);
    seat_pos.assign(n_seats, -1);
    month_count.assign(std::size_t(n_members) * n_months, 0);
    load.assign(n_members, 0);
    member_seats.assign(n_members, {});
    filled.assign(groups.size(), 0);
    deficit_pos.assign(groups.size(), -1);
    for (std::size_t g = 0; g < groups.size(); ++g) deficit_update(static_cast<int>(g));
    level_hist.assign(levels.size(), std::vector<int>(n_sessions + 2, 0));
    level_max.assign(levels.size(), 0);
    level_min.assign(levels.size(), 0);
    for (int m = 0; m < n_members; ++m) ++level_hist[member_level[m]][0];
  }

 public:
  int travel(int unit_a, int unit_b) const { return travel_matrix[std::size_t(unit_a) * n_units + unit_b]; }

  // The spec's H5 for one pair of sessions, both orders when the starts are equal.
  bool compatible(int a, int b) const {
    std::int64_t t = std::int64_t(travel(session_unit[a], session_unit[b])) * 60;
    bool ab = s_end[a] + t <= s_start[b], ba = s_end[b] + t <= s_start[a];
    if (s_start[a] < s_start[b]) return ab;
    if (s_start[b] < s_start[a]) return ba;
    return ab && ba;
  }

  int group_at(int s, int req_index) const {
    for (int g : session_groups[s])
      if (groups[g].req_index == req_index) return g;
    return -1;
  }

  int find_group(const std::string& session_id, const std::string& need) const {
    auto si = session_index.find(session_id);
    if (si == session_index.end()) return -1;
    for (int g : session_groups[si->second])
      if (groups[g].req == need) return g;
    return -1;
  }
};

}  // namespace satdan::scheduling::detail
