// The independent checker, written from ../shared/spec/scheduling.md alone (no code shared with the solver), so
// that it can judge it. Assignments naming an unknown session or member are H1 and are skipped by the other rules.
#include "scheduling/checker.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "core/error.hpp"

namespace satdan::scheduling {
namespace {

bool fits(const member& m, const std::string& r) {
  return m.level == r || std::find(m.roles.begin(), m.roles.end(), r) != m.roles.end();
}

bool listed(const std::vector<std::string>& list, const std::string& id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

// Floor division: month indexes before year 0 are negative, and a quarter must not straddle zero.
int floor_div(int a, int b) { return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0); }

std::string month_name(int index) {
  int year = floor_div(index, 12);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, index - year * 12 + 1);
  return buf;
}

std::string span(const interval& i) {
  // Appended, not "[" + ...: GCC 12 warns falsely (-Wrestrict) on a literal plus a temporary string.
  return std::string("[").append(core::format_utc(i.start)).append(", ").append(core::format_utc(i.end)).append(")");
}

std::string seat(const assignment& a) { return "(" + a.session + ", " + a.member + ", " + a.need + ")"; }

// Lookup by id; with repeated ids the first wins (decoding rejects repeats).
struct lookup {
  std::map<std::string, const session*> sessions;
  std::map<std::string, const member*> members;

  explicit lookup(const instance& in) {
    for (const auto& s : in.sessions) sessions.emplace(s.id, &s);
    for (const auto& m : in.members) members.emplace(m.id, &m);
  }
  const session* session_of(const std::string& id) const {
    auto it = sessions.find(id);
    return it == sessions.end() ? nullptr : it->second;
  }
  const member* member_of(const std::string& id) const {
    auto it = members.find(id);
    return it == members.end() ? nullptr : it->second;
  }
};

// The coverage period holding `t`: with month index = year * 12 + (month - 1), a quarter is index / 3 and a
// year index / 12.
int coverage_period(const instance& in, const period_clock& clock, core::instant t) {
  int month = clock.month(t);
  if (in.coverage.period == "month") return month;
  if (in.coverage.period == "quarter") return floor_div(month, 3);
  if (in.coverage.period == "year") return floor_div(month, 12);
  throw core::error(core::errc::invalid_input, "coverage.period must be month, quarter or year.",
                    {{"coverage.period", "must be one of: month, quarter, year"}});
}

// H5 for one order: `a` ends, the member travels, `b` starts. Empty when the order holds.
std::optional<std::string> travel_gap(const instance& in, const member& m, const session& a, const session& b) {
  auto t = in.travel(a.unit, b.unit);
  if (!t) {
    return "no travel time between units " + a.unit + " and " + b.unit + " (sessions " + a.id + " and " + b.id +
           " of member " + m.id + ")";
  }
  if (a.when.end + std::chrono::minutes(*t) <= b.when.start) return std::nullopt;
  return "member " + m.id + " cannot go from session " + a.id + " (unit " + a.unit + ", " + span(a.when) +
         ") to session " + b.id + " (unit " + b.unit + ", " + span(b.when) + "): travel takes " +
         std::to_string(*t) + " minutes";
}

}  // namespace

std::vector<violation> check_hard_rules(const instance& in, const std::vector<assignment>& assignments,
                                        const period_clock& clock) {
  lookup at(in);
  std::vector<violation> out;
  auto add = [&](const char* rule, std::string detail) { out.push_back({rule, std::move(detail)}); };

  // H1 fit. Both causes are reported when both hold.
  for (const auto& a : assignments) {
    const session* s = at.session_of(a.session);
    const member* m = at.member_of(a.member);
    if (!s) add("H1", "assignment " + seat(a) + " names no session of the instance");
    if (!m) add("H1", "assignment " + seat(a) + " names no member of the instance");
    if (!s || !m) continue;
    if (!fits(*m, a.need)) {
      add("H1", "member " + m->id + " (level " + m->level + ") does not fit " + a.need + " at session " + s->id);
    }
    if (m->level == "commune" && s->unit != m->home) {
      add("H1", "commune member " + m->id + " (home " + m->home + ") is seated at session " + s->id + " in unit " +
                    s->unit);
    }
  }

  // H2 one seat per (session, member).
  std::map<std::pair<std::string, std::string>, int> seats;
  for (const auto& a : assignments) ++seats[{a.session, a.member}];
  for (const auto& [key, n] : seats) {
    if (n > 1) add("H2", "member " + key.second + " holds " + std::to_string(n) + " seats at session " + key.first);
  }

  // H3 slot counts, per requirement.
  std::map<std::pair<std::string, std::string>, int> taken;
  for (const auto& a : assignments) ++taken[{a.session, a.need}];
  for (const auto& [key, n] : taken) {
    const session* s = at.session_of(key.first);
    if (!s) continue;
    auto seats_of = [](const std::map<std::string, int>& m, const std::string& r) {
      auto it = m.find(r);
      return it == m.end() ? 0 : it->second;
    };
    int need = seats_of(s->needs, key.second), optional = seats_of(s->optional, key.second);
    if (n <= need + optional) continue;
    add("H3", "session " + s->id + " offers " + std::to_string(need + optional) + " seat(s) for " + key.second +
                  " (needs " + std::to_string(need) + " + optional " + std::to_string(optional) + ") but " +
                  std::to_string(n) + " assignment(s) take one");
  }

  // H4 availability; intervals are half-open, so touching ends do not overlap.
  for (const auto& a : assignments) {
    const session* s = at.session_of(a.session);
    const member* m = at.member_of(a.member);
    if (!s || !m) continue;
    for (const auto& u : m->unavailable) {
      if (u.start < s->when.end && s->when.start < u.end) {
        add("H4", "member " + m->id + " is unavailable " + span(u) + ", which overlaps session " + s->id + " " +
                      span(s->when));
      }
    }
  }

  // Each member's distinct sessions (for H5) and assignments per local month (for H6).
  std::map<std::string, std::set<const session*>> sessions_of;
  std::map<std::string, std::map<int, int>> per_month;
  for (const auto& a : assignments) {
    const session* s = at.session_of(a.session);
    if (!s || !at.member_of(a.member)) continue;
    sessions_of[a.member].insert(s);
    ++per_month[a.member][clock.month(s->when.start)];
  }

  // H5 travel, member by member (by id).
  for (const auto& [id, mp] : at.members) {
    auto it = sessions_of.find(id);
    if (it == sessions_of.end()) continue;
    const member& m = *mp;
    std::vector<const session*> list(it->second.begin(), it->second.end());
    std::sort(list.begin(), list.end(), [](const session* x, const session* y) {
      return std::tie(x->when.start, x->id) < std::tie(y->when.start, y->id);
    });
    // The cost needs travel(home, unit) too; the spec promises the pair, so its absence is reported here.
    for (const session* s : list) {
      if (!in.travel(m.home, s->unit)) {
        add("H5", "no travel time between member " + m.id + "'s home " + m.home + " and unit " + s->unit +
                      " of session " + s->id);
      }
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      for (std::size_t j = i + 1; j < list.size(); ++j) {
        const session& a = *list[i];
        const session& b = *list[j];
        auto gap = travel_gap(in, m, a, b);
        // Equal starts: both orders are checked (and, with end > start, neither can hold).
        if (!gap && a.when.start == b.when.start) gap = travel_gap(in, m, b, a);
        if (gap) add("H5", *gap);
      }
    }
  }

  // H6 monthly cap, in local calendar months.
  for (const auto& [id, mp] : at.members) {
    auto it = per_month.find(id);
    if (it == per_month.end()) continue;
    for (const auto& [month, n] : it->second) {
      if (n > mp->max_per_month) {
        add("H6", "member " + id + " holds " + std::to_string(n) + " assignments in month " + month_name(month) +
                      ", more than max_per_month " + std::to_string(mp->max_per_month));
      }
    }
  }

  // H7 pins.
  std::set<assignment> present(assignments.begin(), assignments.end());
  std::set<assignment> reported;
  for (const auto& p : in.pinned) {
    if (!present.contains(p) && reported.insert(p).second) {
      add("H7", "pinned assignment " + seat(p) + " is not in the solution");
    }
  }
  return out;
}

cost evaluate(const instance& in, const std::vector<assignment>& assignments, const period_clock& clock) {
  lookup at(in);
  cost c;

  // unfilled: required seats left empty, floored at 0 per (session, requirement).
  std::map<std::pair<std::string, std::string>, std::int64_t> filled;
  for (const auto& a : assignments) ++filled[{a.session, a.need}];
  for (const auto& s : in.sessions) {
    for (const auto& [r, n] : s.needs) {
      auto it = filled.find({s.id, r});
      std::int64_t f = it == filled.end() ? 0 : it->second;
      c.unfilled += std::max<std::int64_t>(0, n - f);
    }
  }

  // uncovered: (cell, period) pairs with a cell meeting and no member of coverage.level at any of them.
  std::set<std::pair<std::string, int>> meetings, covered;
  for (const auto& s : in.sessions) {
    if (s.kind == "cell_meeting" && s.cell) meetings.insert({*s.cell, coverage_period(in, clock, s.when.start)});
  }
  for (const auto& a : assignments) {
    const session* s = at.session_of(a.session);
    const member* m = at.member_of(a.member);
    if (!s || !m || s->kind != "cell_meeting" || !s->cell || m->level != in.coverage.level) continue;
    covered.insert({*s->cell, coverage_period(in, clock, s->when.start)});
  }
  for (const auto& p : meetings) {
    if (!covered.contains(p)) ++c.uncovered;
  }

  // outside and travel, per assignment.
  for (const auto& a : assignments) {
    const session* s = at.session_of(a.session);
    const member* m = at.member_of(a.member);
    if (!s || !m) continue;
    bool inside = listed(m->responsible, s->unit) || (s->cell && listed(m->responsible, *s->cell));
    if (!inside) ++c.outside;
    // A missing pair adds nothing here; check_hard_rules reports it as H5.
    if (auto t = in.travel(m->home, s->unit)) c.travel += *t;
  }

  // imbalance: per level present among members, max load - min load, zero loads included.
  std::map<std::string, std::int64_t> load;
  for (const auto& a : assignments) ++load[a.member];
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> range;  // level → (min, max)
  for (const auto& [id, m] : at.members) {
    auto it = load.find(id);
    std::int64_t l = it == load.end() ? 0 : it->second;
    auto [r, fresh] = range.emplace(m->level, std::pair{l, l});
    if (!fresh) r->second = {std::min(r->second.first, l), std::max(r->second.second, l)};
  }
  for (const auto& [level, r] : range) c.imbalance += r.second - r.first;

  // moved: `previous` as a set, entries naming absent sessions or members included.
  std::set<assignment> now(assignments.begin(), assignments.end());
  std::set<assignment> before(in.previous.begin(), in.previous.end());
  for (const auto& p : before) {
    if (!now.contains(p)) ++c.moved;
  }

  c.total = c.unfilled * in.w.unfilled + c.uncovered * in.w.uncovered + c.outside * in.w.outside +
            c.travel * in.w.travel + c.imbalance * in.w.imbalance + c.moved * in.w.moved;
  return c;
}

}  // namespace satdan::scheduling
