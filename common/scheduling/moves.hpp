// The local search's moves over a search_state. Each returns false when it cannot be made (then nothing
// changed); otherwise the changes sit in the undo log for the acceptance test to keep or roll back.
#pragma once
#include <utility>
#include <vector>

#include "scheduling/prng.hpp"
#include "scheduling/search_state.hpp"

namespace satdan::scheduling::detail {

struct mover {
  search_state& st;
  prng& rng;
  std::vector<int> open_seats;  // seats not held by a pin

  bool fill_or_change(int seat) {
    int g = st.seat_group[seat];
    const auto& cands = st.groups[g].candidates;
    int a = st.seat_member[seat];
    if (a < 0) {
      if (cands.empty()) return false;
      int m = cands[rng.below(cands.size())];
      if (!st.can_add(g, m)) return false;
      st.set(seat, m);
      return true;
    }
    if (rng.below(ruin_rate) == 0) return ruin_member(seat);
    switch (rng.below(5)) {
      case 0:  // unassign
        st.set(seat, -1);
        return true;
      case 1:
      case 2: {  // reassign to another member
        if (cands.size() < 2) return false;
        int m = cands[rng.below(cands.size())];
        if (m == a) return false;
        st.set(seat, -1);
        if (!st.can_add(g, m)) return st.rollback(), false;
        st.set(seat, m);
        return true;
      }
      case 3:
        return swap(seat);
      default:
        return relocate(seat);
    }
  }

  // The member at `x` covers the cell at another of its meetings in the same period instead, or hands that
  // meeting to another member: coverage holds while evening, month and traveller change. Done in two steps the
  // cell would go uncovered in between, which the search would (rightly) refuse.
  bool relocate(int x) {
    int gx = st.seat_group[x], s = st.groups[gx].session, a = st.seat_member[x];
    int cov = st.session_cov[s];
    if (cov < 0 || !st.member_covers[a]) return false;
    const auto& peers = st.cov_sessions[cov];
    int s2 = peers[rng.below(peers.size())];
    if (s2 == s) return false;
    int g2 = st.group_at(s2, st.groups[gx].req_index);
    int y = g2 < 0 ? -1 : st.free_seat(g2);
    if (y < 0) return false;
    int m = a;
    if (rng.below(2) == 0) {
      const auto& cands = st.groups[g2].candidates;
      if (cands.empty()) return false;
      m = cands[rng.below(cands.size())];
    } else if (!st.fits_group(g2, a)) {
      return false;
    }
    st.set(x, -1);
    if (!st.can_add(g2, m)) return st.rollback(), false;
    st.set(y, m);
    return true;
  }

  // Ruin and recreate around one member: free a few of the seats of the member at `x`, then give each freed seat
  // to the member who lowers the cost most, imbalance aside (see search_state::add_delta; possibly the same
  // member). Several seats move at once, so load can shift between members where single moves would each
  // first pay for a wider imbalance; the acceptance test then judges the whole total.
  bool ruin_member(int x) {
    int a = st.seat_member[x];
    std::vector<int>& freed = scratch;
    freed.clear();
    for (int y : st.member_seats[a])
      if (!st.seat_locked[y]) freed.push_back(y);
    // A random few of them, by a partial shuffle.
    int count = 1 + rng.below(ruin_most);
    for (int k = 0; k < count && k < static_cast<int>(freed.size()); ++k)
      std::swap(freed[k], freed[k + rng.below(freed.size() - k)]);
    if (static_cast<int>(freed.size()) > count) freed.resize(count);
    for (int y : freed) st.set(y, -1);
    for (int k = static_cast<int>(freed.size()); k-- > 0;) st.best_fill(freed[k]);
    return true;
  }
  std::vector<int> scratch;
  static constexpr int ruin_rate = 16;  // one held seat in 16 starts a ruin instead of a single move
  static constexpr int ruin_most = 4;   // seats freed at once

  // Give every member at the lowest load of one level one more seat, all in one move. The imbalance term
  // falls only when the last of them rises, so one at a time each step would cost (travel to a seat the cost
  // did not ask for) with nothing to show until the end.
  bool raise_floor() {
    int lv = rng.below(st.level_min.size());
    int low = st.level_min[lv];
    if (st.level_max[lv] - low < 1 || st.level_hist[lv][low] > floor_most) return false;
    for (int m = 0; m < st.n_members; ++m) {
      if (st.member_level[m] != lv || st.load[m] != low) continue;
      int seat = -1;
      for (int k = 0; k < floor_tries && seat < 0; ++k) {
        int y = open_seats[rng.below(open_seats.size())];
        int g = st.seat_group[y];
        if (st.seat_member[y] < 0 && st.fits_group(g, m) && st.can_add(g, m)) seat = y;
      }
      if (seat < 0) return st.rollback(), false;
      st.set(seat, m);
    }
    return true;
  }
  static constexpr int floor_rate = 1024;  // one iteration in 1024 tries it
  static constexpr int floor_most = 8;     // members at the floor it lifts at once
  static constexpr int floor_tries = 64;   // random seats drawn to find each of them a free one

  // The member at `x` and a member b of x's group trade one seat each.
  bool swap(int x) {
    int gx = st.seat_group[x], a = st.seat_member[x];
    const auto& cands = st.groups[gx].candidates;
    if (cands.size() < 2) return false;
    int b = cands[rng.below(cands.size())];
    if (b == a || st.member_seats[b].empty()) return false;
    int y = st.member_seats[b][rng.below(st.member_seats[b].size())];
    int gy = st.seat_group[y];
    if (st.seat_locked[y] || !st.fits_group(gy, a)) return false;
    st.set(x, -1);
    st.set(y, -1);
    if (!st.can_add(gy, a)) return st.rollback(), false;
    st.set(y, a);
    if (!st.can_add(gx, b)) return st.rollback(), false;
    st.set(x, b);
    return true;
  }

  // Ejection chain for a short required group: take a member who is blocked (H2, H5, H6) out of the seats that
  // block them, seat them here, then refill the vacated seats with the best feasible members.
  bool eject(int g) {
    const group& gr = st.groups[g];
    if (gr.candidates.empty()) return false;
    int m = gr.candidates[rng.below(gr.candidates.size())];
    int seat = st.free_seat(g);
    if (seat < 0) return false;
    int s = gr.session;
    std::vector<int> vacated;
    auto vacate = [&](int y) {
      if (st.seat_locked[y]) return false;
      st.set(y, -1);
      vacated.push_back(y);
      return true;
    };
    for (int y; (y = st.clash(m, s)) >= 0;)
      if (!vacate(y)) return st.rollback(), false;
    int month = st.session_month[s];
    if (st.month_count[std::size_t(m) * st.n_months + month] >= st.in_.members[m].max_per_month) {
      std::vector<int> same_month;
      for (int y : st.member_seats[m]) {
        int ys = st.groups[st.seat_group[y]].session;
        if (st.session_month[ys] == month && !st.seat_locked[y]) same_month.push_back(y);
      }
      if (same_month.empty() || !vacate(same_month[rng.below(same_month.size())])) return st.rollback(), false;
    }
    if (!st.can_add(g, m)) return st.rollback(), false;
    st.set(seat, m);
    for (int y : vacated) st.best_fill(y);
    return true;
  }
};

}  // namespace satdan::scheduling::detail
