#include "services/plan_overview.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "core/vi_text.hpp"

namespace satdan::services {

std::optional<std::string> top_member_level(const std::vector<domain::unit>& units) {
  for (const auto& level : domain::member_levels())
    for (const auto& u : units)
      if (u.kind == level) return level;
  return std::nullopt;
}

namespace {

// The unit right below a root that holds `unit_id` (the unit itself when it is a root or directly below one).
id_t top_area_of(id_t unit_id, const std::unordered_map<id_t, const domain::unit*>& by_id) {
  id_t current = unit_id;
  // A guard against a cycle in bad data: the tree is never deeper than its number of units.
  for (std::size_t steps = 0; steps <= by_id.size(); ++steps) {
    auto it = by_id.find(current);
    if (it == by_id.end() || !it->second->parent_id) return current;
    auto parent = by_id.find(*it->second->parent_id);
    if (parent == by_id.end() || !parent->second->parent_id) return current;
    current = *it->second->parent_id;
  }
  return current;
}

}  // namespace

plan_overview_input gather_plan_overview(store::directory_store& directory, store::meetings_store& meetings,
                                         store::assignments_store& assignments, store::planning_store& planning,
                                         plan_periods periods) {
  plan_overview_input in;
  const int page_size = 500;
  for (store::page_request p{.limit = page_size};;) {
    auto got = directory.list_units({}, p);
    in.units.insert(in.units.end(), got.items.begin(), got.items.end());
    if (!got.next_after) break;
    p.after = *got.next_after;
  }
  for (store::page_request p{.limit = page_size};;) {
    auto got = directory.list_cells({}, p);
    in.cells.insert(in.cells.end(), got.items.begin(), got.items.end());
    if (!got.next_after) break;
    p.after = *got.next_after;
  }
  for (store::page_request p{.limit = page_size};;) {
    auto got = directory.list_members({}, p);
    in.members.insert(in.members.end(), got.items.begin(), got.items.end());
    if (!got.next_after) break;
    p.after = *got.next_after;
  }
  core::instant from = std::min({periods.week_from, periods.quarter_from, periods.months_from});
  core::instant to = std::max({periods.weeks_to, periods.quarter_to, periods.months_to});
  store::session_filter filter{.from = from, .to = to};
  for (store::session_page_request p{.limit = page_size};;) {
    auto got = meetings.list_sessions(filter, p);
    in.sessions.insert(in.sessions.end(), got.items.begin(), got.items.end());
    if (!got.next) break;
    p.after = got.next;
  }
  in.assignments = assignments.overlapping(from, to);
  in.proposals = planning.waiting_proposals(20);
  in.periods = std::move(periods);
  return in;
}

plan_overview compute_plan_overview(const plan_overview_input& in) {
  plan_overview out;
  const plan_periods& period = in.periods;
  std::unordered_map<id_t, std::vector<const domain::assignment*>> seats_of;
  for (const auto& a : in.assignments) seats_of[a.session_id].push_back(&a);
  std::unordered_map<id_t, const domain::member*> member_by_id;
  for (const auto& m : in.members) member_by_id[m.id] = &m;

  // Required seats still empty at the sessions still to be held in the two weeks.
  std::vector<const domain::session*> by_start;
  for (const auto& s : in.sessions) by_start.push_back(&s);
  std::stable_sort(by_start.begin(), by_start.end(), [](const auto* a, const auto* b) {
    return a->start != b->start ? a->start < b->start : a->id < b->id;
  });
  for (const auto* s : by_start) {
    if (s->status != "planned" || s->start < period.week_from || s->start >= period.weeks_to) continue;
    empty_seats e{*s, {}, 0};
    for (const auto& [need, count] : s->needs) {
      int filled = 0;
      for (const auto* a : seats_of[s->id])
        if (a->need == need) ++filled;
      if (count > filled) {
        e.missing[need] = count - filled;
        e.total_missing += count - filled;
      }
    }
    if (e.total_missing == 0) continue;
    out.empty_seat_count += e.total_missing;
    (s->start < period.next_week_from ? out.this_week : out.next_week).push_back(std::move(e));
  }

  // H6 counts every assignment in the member's local month; the two weeks touch one or two months.
  std::unordered_map<id_t, const domain::session*> session_by_id;
  for (const auto& s : in.sessions) session_by_id[s.id] = &s;
  std::set<int> months = {period.month_of(period.week_from), period.month_of(period.weeks_to - std::chrono::seconds(1))};
  std::map<std::pair<id_t, int>, int> load;  // (member, month) → assignments
  for (const auto& a : in.assignments) {
    auto s = session_by_id.find(a.session_id);
    if (s == session_by_id.end()) continue;
    int month = period.month_of(s->second->start);
    if (months.count(month)) ++load[{a.member_id, month}];
  }
  for (const auto& [key, count] : load) {
    auto m = member_by_id.find(key.first);
    if (m == member_by_id.end() || count <= m->second->max_per_month) continue;
    out.over_cap.push_back({*m->second, key.second, count});
  }
  std::vector<member_over_cap> sorted;
  for (int month : months) {
    std::vector<member_over_cap> in_month;
    for (auto& o : out.over_cap)
      if (o.month == month) in_month.push_back(o);
    core::sort_vi(in_month, [](const member_over_cap& o) { return o.member.full_name; });
    sorted.insert(sorted.end(), in_month.begin(), in_month.end());
  }
  out.over_cap = std::move(sorted);

  out.proposals = in.proposals;

  // Coverage: a cell is visited this quarter when a member of the top level holds a seat at one of its
  // sessions that is not cancelled (held, or planned still to come).
  out.top_level = top_member_level(in.units);
  if (!out.top_level) return out;
  std::set<id_t> visited;
  for (const auto& s : in.sessions) {
    if (!s.cell_id || s.status == "cancelled" || s.start < period.quarter_from || s.start >= period.quarter_to) continue;
    for (const auto* a : seats_of[s.id]) {
      auto m = member_by_id.find(a->member_id);
      if (m != member_by_id.end() && m->second->level == *out.top_level) visited.insert(*s.cell_id);
    }
  }
  std::unordered_map<id_t, const domain::unit*> unit_by_id;
  for (const auto& u : in.units) unit_by_id[u.id] = &u;
  std::map<id_t, unit_coverage> areas;
  for (const auto& c : in.cells) {
    id_t area = top_area_of(c.unit_id, unit_by_id);
    auto& entry = areas[area];
    if (auto u = unit_by_id.find(area); u != unit_by_id.end()) entry.unit = *u->second;
    ++entry.cells;
    ++out.cells;
    if (visited.count(c.id)) {
      ++entry.visited;
      ++out.cells_visited;
    } else {
      entry.not_visited.push_back(c);
    }
  }
  for (auto& [id, entry] : areas) {
    core::sort_vi(entry.not_visited, [](const domain::cell& c) { return c.name; });
    out.coverage.push_back(std::move(entry));
  }
  core::sort_vi(out.coverage, [](const unit_coverage& u) { return u.unit.name; });
  return out;
}

}  // namespace satdan::services
