#include "services/seating.hpp"

#include <chrono>

#include "store/assignments_store.hpp"

namespace satdan::services {

namespace {

int offered_seats(const seat_session& s, const std::string& need) {
  int n = 0;
  if (auto it = s.needs.find(need); it != s.needs.end()) n += it->second;
  if (auto it = s.optional.find(need); it != s.optional.end()) n += it->second;
  return n;
}

verdict refused(refusal why, const char* rule, const char* field) {
  verdict v;
  v.why = why;
  v.rule = rule;
  v.field = field;
  return v;
}

}  // namespace

verdict check_seat(const seat_session& session, const seat_member& member, const std::string& need,
                   const seating_rules& rules) {
  // H1: the member fits the seat; a commune member sits only in their own commune.
  if (member.level != need && !member.roles.contains(need)) return refused(refusal::not_fitting, "H1", "need");
  if (member.level == "commune" && !session.unit_and_ancestors.contains(member.home_unit_id))
    return refused(refusal::other_commune, "H1", "member_id");
  // H2: one seat per member per session.
  if (session.seated.contains(member.id)) return refused(refusal::already_seated, "H2", "member_id");
  // H3: no more members in a requirement than the session offers.
  const int offered = offered_seats(session, need);
  auto taken_it = session.taken.find(need);
  const int taken = taken_it == session.taken.end() ? 0 : taken_it->second;
  if (taken >= offered) {
    verdict v = refused(offered == 0 ? refusal::no_such_seat : refusal::seats_full, "H3", "need");
    v.count = taken;
    v.limit = offered;
    return v;
  }
  // H4: not during the member's unavailability.
  for (const auto& p : member.away)
    if (p.start < session.end && p.end > session.start) {
      verdict v = refused(refusal::away, "H4", "member_id");
      v.period = p;
      return v;
    }
  // H5: time to travel between this session and each other one of the member's.
  for (const auto& b : member.booked) {
    auto gap = std::chrono::minutes(b.unit_id == session.unit_id ? rules.travel_within_minutes : rules.default_travel_minutes);
    bool clash = b.start <= session.start ? b.end + gap > session.start : session.end + gap > b.start;
    if (clash) {
      verdict v = refused(refusal::travel, "H5", "member_id");
      v.other = b;
      v.gap_minutes = static_cast<int>(gap.count());
      return v;
    }
  }
  // H6: the monthly cap, counted in the month of the session's start.
  const int month = rules.month(session.start);
  int in_month = 0;
  for (const auto& b : member.booked)
    if (rules.month(b.start) == month) ++in_month;
  if (in_month >= member.max_per_month) {
    verdict v = refused(refusal::monthly_cap, "H6", "member_id");
    v.count = in_month;
    v.limit = member.max_per_month;
    return v;
  }
  return {};
}

std::string api_detail(const verdict& v, const seat_member& m, const std::string& need) {
  switch (v.why) {
    case refusal::none: return "";
    case refusal::not_fitting: return m.name + " is neither a " + need + " member nor holds that role";
    case refusal::other_commune: return m.name + " is a commune member of another commune";
    case refusal::already_seated: return m.name + " already has a seat at this session";
    case refusal::no_such_seat: return "the session has no " + need + " seat";
    case refusal::seats_full: return "all " + std::to_string(v.limit) + " " + need + " seats are taken";
    case refusal::away:
      return m.name + " is unavailable from " + core::format_utc(v.period->start) + " to " +
             core::format_utc(v.period->end) + (v.period->reason ? " (" + *v.period->reason + ")" : "");
    case refusal::travel:
      return m.name + " is at session " + std::to_string(v.other->session_id) + " (" + core::format_utc(v.other->start) +
             " to " + core::format_utc(v.other->end) + ") without " + std::to_string(v.gap_minutes) +
             " minutes to travel between";
    case refusal::monthly_cap:
      return m.name + " already has " + std::to_string(v.count) + " sessions that month (cap " + std::to_string(v.limit) + ")";
  }
  return "";
}

std::vector<std::string> offered_requirements(const seat_session& session) {
  std::vector<std::string> out;
  for (const auto& [need, n] : session.needs)
    if (n > 0) out.push_back(need);
  for (const auto& [need, n] : session.optional)
    if (n > 0 && !session.needs.contains(need)) out.push_back(need);
  return out;
}

seating_review review_candidates(store::assignments_store& store, id_t session_id, const std::vector<id_t>& member_ids) {
  auto facts = store.seating_facts(session_id, member_ids);
  seating_review out;
  const auto needs = offered_requirements(facts.session);
  for (id_t id : member_ids) {
    auto it = facts.members.find(id);
    if (it == facts.members.end()) continue;
    candidate_verdicts c{it->second, {}};
    for (const auto& need : needs) c.by_need[need] = check_seat(facts.session, c.member, need, store.rules());
    out.candidates.push_back(std::move(c));
  }
  out.session = std::move(facts.session);
  return out;
}

}  // namespace satdan::services
