#include "store/planning_store.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <map>
#include <set>

#include "security/secrets.hpp"
#include "store/sql_support.hpp"

namespace satdan::store {

using core::errc;
using core::error;
using namespace detail;
namespace json = boost::json;

namespace {

constexpr const char* units_sql = "SELECT id, parent_id FROM units ORDER BY id";
constexpr const char* sessions_sql =
    "SELECT id, kind, unit_id, cell_id, start_at, end_at, needs, optional_seats FROM sessions "
    "WHERE status = 'planned' AND unit_id IN (SELECT id FROM subtree) AND start_at >= :from_at AND start_at < :to_at "
    "ORDER BY id";
constexpr const char* members_sql =
    "SELECT id, full_name, level, home_unit_id, max_per_month FROM members WHERE CAST(active AS INTEGER) = 1 ORDER BY id";
constexpr const char* roles_sql = "SELECT member_id, role FROM member_roles ORDER BY member_id, role";
constexpr const char* responsibilities_sql = "SELECT member_id, unit_id, cell_id FROM responsibilities ORDER BY id";
constexpr const char* unavailability_sql =
    "SELECT member_id, start_at, end_at FROM unavailability WHERE end_at > :from_at AND start_at < :to_at ORDER BY id";
// Every assignment in the period, in scope or not: a member's other sessions bound what they can take here.
constexpr const char* assignments_sql =
    "SELECT a.session_id, a.member_id, a.need, CAST(a.pinned AS INTEGER), s.kind, s.unit_id, s.cell_id, s.start_at, "
    "s.end_at FROM assignments a JOIN sessions s ON s.id = a.session_id "
    "WHERE s.start_at >= :from_at AND s.start_at < :to_at ORDER BY a.id";
constexpr const char* insert_proposal_sql =
    "INSERT INTO schedule_proposals (created_at, account_id, within_unit_id, period_from, period_to, fingerprint, "
    "result, status) VALUES (:created, :account, :within, :from_at, :to_at, :fingerprint, :result, 'open') RETURNING id";
constexpr const char* proposal_sql =
    "SELECT within_unit_id, period_from, period_to, fingerprint, result, status FROM schedule_proposals WHERE id = :id";
constexpr const char* waiting_sql =
    "SELECT id, within_unit_id, period_from, period_to, created_at, result FROM schedule_proposals "
    "WHERE status = 'open' ORDER BY created_at DESC, id DESC LIMIT :limit";
constexpr const char* recent_sql =
    "SELECT id, created_at, within_unit_id, period_from, period_to, status FROM schedule_proposals ORDER BY id DESC "
    "LIMIT :limit";
constexpr const char* mark_applied_sql =
    "UPDATE schedule_proposals SET status = 'applied', applied_at = :now WHERE id = :id AND status = 'open'";
constexpr const char* remove_assignment_sql =
    "DELETE FROM assignments WHERE session_id = :s AND member_id = :m AND need = :n";
constexpr const char* add_assignment_sql =
    "INSERT INTO assignments (session_id, member_id, need, manual, pinned, start_at, end_at, created_at) "
    "SELECT id, :m, :n, FALSE, FALSE, start_at, end_at, :created FROM sessions WHERE id = :s";

std::string sid(long long id) { return "s" + std::to_string(id); }
std::string mid(long long id) { return "m" + std::to_string(id); }
std::string uid(long long id) { return "u" + std::to_string(id); }
std::string cid(long long id) { return "c" + std::to_string(id); }
id_t number_of(const std::string& text) { return std::stoll(text.substr(1)); }


}  // namespace

planning_input planning_store::build_in(soci::session& s, const planning_scope& scope) {
  scheduling::instance in;
  in.timezone = settings_.timezone;
  in.travel_within_minutes = settings_.travel_within_minutes;
  const std::string from = core::format_utc(scope.from), to = core::format_utc(scope.to);

  // Places are planned at the level just below the root (communes under a district; after a reform, the
  // communes under a province): a village's sessions happen in its commune.
  std::map<long long, long long> parent;
  {
    long long id = 0, p = 0;
    soci::indicator p_ind = soci::i_null;
    soci::statement st = (s.prepare << units_sql, soci::into(id), soci::into(p, p_ind));
    st.execute();
    while (st.fetch()) parent[id] = p_ind == soci::i_null ? 0 : p;
  }
  auto planning_unit = [&](long long u) {
    for (int guard = 0; guard < 64; ++guard) {
      long long p = parent.count(u) ? parent[u] : 0;
      if (p == 0 || (parent.count(p) && parent[p] == 0)) return u;
      u = p;
    }
    return u;
  };
  std::set<std::string> places;

  std::set<long long> in_scope;
  {
    long long id = 0, unit = 0, cell = 0;
    soci::indicator cell_ind = soci::i_null;
    std::string kind, start, end, needs, optional;
    id_t root = scope.within;
    soci::statement st = (s.prepare << std::string(subtree_cte) + sessions_sql, soci::use(root), soci::use(from),
                          soci::use(to), soci::into(id), soci::into(kind), soci::into(unit), soci::into(cell, cell_ind),
                          soci::into(start), soci::into(end), soci::into(needs), soci::into(optional));
    st.execute();
    while (st.fetch()) {
      scheduling::session x;
      x.id = sid(id);
      x.kind = kind;
      x.unit = uid(planning_unit(unit));
      if (cell_ind == soci::i_ok) x.cell = cid(cell);
      x.when = {parse_db_instant_or_throw(start), parse_db_instant_or_throw(end)};
      x.needs = seats_of(needs);
      x.optional = seats_of(optional);
      places.insert(x.unit);
      in.sessions.push_back(std::move(x));
      in_scope.insert(id);
    }
  }
  std::map<long long, std::size_t> member_index;
  {
    long long id = 0, home = 0;
    int cap = 0;
    std::string name, level;
    soci::statement st = (s.prepare << members_sql, soci::into(id), soci::into(name), soci::into(level), soci::into(home),
                          soci::into(cap));
    st.execute();
    while (st.fetch()) {
      if (level != "district" && level != "commune") continue;  // the problem knows these two levels
      scheduling::member m;
      m.id = mid(id);
      m.name = name;
      m.level = level;
      m.home = uid(planning_unit(home));
      m.max_per_month = cap;
      places.insert(m.home);
      member_index[id] = in.members.size();
      in.members.push_back(std::move(m));
    }
  }
  {
    long long member = 0;
    std::string role;
    soci::statement st = (s.prepare << roles_sql, soci::into(member), soci::into(role));
    st.execute();
    while (st.fetch())
      if (auto it = member_index.find(member); it != member_index.end()) in.members[it->second].roles.push_back(role);
  }
  {
    long long member = 0, unit = 0, cell = 0;
    soci::indicator unit_ind = soci::i_null, cell_ind = soci::i_null;
    soci::statement st = (s.prepare << responsibilities_sql, soci::into(member), soci::into(unit, unit_ind),
                          soci::into(cell, cell_ind));
    st.execute();
    while (st.fetch()) {
      auto it = member_index.find(member);
      if (it == member_index.end()) continue;
      in.members[it->second].responsible.push_back(unit_ind == soci::i_ok ? uid(unit) : cid(cell));
    }
  }
  {
    long long member = 0;
    std::string start, end;
    soci::statement st = (s.prepare << unavailability_sql, soci::use(from), soci::use(to), soci::into(member),
                          soci::into(start), soci::into(end));
    st.execute();
    while (st.fetch())
      if (auto it = member_index.find(member); it != member_index.end())
        in.members[it->second].unavailable.push_back({parse_db_instant_or_throw(start), parse_db_instant_or_throw(end)});
  }
  {
    long long session = 0, member = 0, unit = 0, cell = 0;
    int pinned = 0;
    soci::indicator cell_ind = soci::i_null;
    std::string need, kind, start, end;
    soci::statement st = (s.prepare << assignments_sql, soci::use(from), soci::use(to), soci::into(session),
                          soci::into(member), soci::into(need), soci::into(pinned), soci::into(kind), soci::into(unit),
                          soci::into(cell, cell_ind), soci::into(start), soci::into(end));
    st.execute();
    std::map<long long, std::size_t> outside;  // sessions outside the scope that hold a member's time
    while (st.fetch()) {
      if (!member_index.count(member)) continue;
      scheduling::assignment a{sid(session), mid(member), need};
      if (in_scope.count(session)) {
        in.previous.push_back(a);
        if (pinned) in.pinned.push_back(a);
        continue;
      }
      // Outside the scope: fixed, as a session with exactly the seats already taken.
      auto [it, fresh] = outside.emplace(session, in.sessions.size());
      if (fresh) {
        scheduling::session x;
        x.id = sid(session);
        x.kind = kind;
        x.unit = uid(planning_unit(unit));
        if (cell_ind == soci::i_ok) x.cell = cid(cell);
        x.when = {parse_db_instant_or_throw(start), parse_db_instant_or_throw(end)};
        places.insert(x.unit);
        in.sessions.push_back(std::move(x));
      }
      ++in.sessions[it->second].optional[need];
      in.pinned.push_back(a);
      in.previous.push_back(a);
    }
  }
  for (const auto& p : places) in.units.push_back({p, ""});
  for (auto a = places.begin(); a != places.end(); ++a)
    for (auto b = std::next(a); b != places.end(); ++b) {
      in.travel_minutes[{*a, *b}] = settings_.default_travel_minutes;
      in.travel_minutes[{*b, *a}] = settings_.default_travel_minutes;
    }
  std::string text = json::serialize(scheduling::to_json(in));
  return {std::move(in), security::sha256_hex(text)};
}

json::object proposal_result(const planning_input& input, const scheduling::solution& solution) {
  auto seat = [](const scheduling::assignment& a) {
    return json::object{{"session_id", number_of(a.session)}, {"member_id", number_of(a.member)}, {"need", a.need}};
  };
  std::set<scheduling::assignment> now(input.instance.previous.begin(), input.instance.previous.end());
  std::set<scheduling::assignment> next(solution.assignments.begin(), solution.assignments.end());
  json::array added, removed, unfilled;
  for (const auto& a : next)
    if (!now.count(a)) added.push_back(seat(a));
  for (const auto& a : now)
    if (!next.count(a)) removed.push_back(seat(a));
  for (const auto& u : solution.unfilled) {
    json::array candidates;
    for (const auto& c : u.candidates)
      candidates.push_back({{"member_id", number_of(c.member)}, {"rule", c.rule}, {"detail", c.detail}});
    unfilled.push_back({{"session_id", number_of(u.session)}, {"need", u.need}, {"candidates", std::move(candidates)}});
  }
  const auto& c = solution.c;
  return {{"cost", {{"total", c.total}, {"unfilled", c.unfilled}, {"uncovered", c.uncovered}, {"outside", c.outside},
                    {"travel", c.travel}, {"imbalance", c.imbalance}, {"moved", c.moved}}},
          {"sessions", input.instance.sessions.size()},
          {"members", input.instance.members.size()},
          {"added", std::move(added)},
          {"removed", std::move(removed)},
          {"unfilled", std::move(unfilled)}};
}

planning_input planning_store::build(const planning_scope& scope) {
  return with_session(*db_, "", [&](soci::session& s) { return build_in(s, scope); });
}

proposal planning_store::save(const planning_scope& scope, const std::string& fingerprint, const json::object& result,
                              const actor& who) {
  return with_session(*db_, "", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    std::string created = core::format_utc(core::now()), from = core::format_utc(scope.from),
                to = core::format_utc(scope.to), text = json::serialize(result);
    nullable<id_t> account(who.account_id);
    id_t within = scope.within;
    long long id = 0;
    s << insert_proposal_sql, soci::use(created), soci::use(account.value, account.ind), soci::use(within),
        soci::use(from), soci::use(to), soci::use(fingerprint), soci::use(text), soci::into(id);
    record_audit(s, who, "create", "proposal", id, nullptr, nullptr);
    tx.commit();
    return proposal{id, scope, fingerprint, result, "open"};
  });
}

proposal planning_store::get(id_t id) {
  return with_session(*db_, "", [&](soci::session& s) {
    long long within = 0;
    std::string from, to, fingerprint, result, status;
    s << proposal_sql, soci::use(id), soci::into(within), soci::into(from), soci::into(to), soci::into(fingerprint),
        soci::into(result), soci::into(status);
    if (!s.got_data()) core::throw_not_found(noun("proposal", id));
    return proposal{id, {within, parse_db_instant_or_throw(from), parse_db_instant_or_throw(to)}, fingerprint,
                    json::parse(result).as_object(), status};
  });
}

std::vector<proposal_summary> planning_store::recent(int limit) {
  return with_session(*db_, "", [&](soci::session& s) {
    std::vector<proposal_summary> out;
    long long id = 0, within = 0;
    std::string created, from, to, status;
    soci::statement st = (s.prepare << recent_sql, soci::use(limit), soci::into(id), soci::into(created),
                          soci::into(within), soci::into(from), soci::into(to), soci::into(status));
    st.execute();
    while (st.fetch())
      out.push_back({id, parse_db_instant_or_throw(created),
                     {within, parse_db_instant_or_throw(from), parse_db_instant_or_throw(to)}, status});
    return out;
  });
}

proposal planning_store::apply(id_t id, const actor& who) {
  proposal p = get(id);
  return with_session(*db_, "The proposal could not be applied: its assignments conflict with newer ones.",
                      [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    // What the proposal read must be what is there now; on PostgreSQL, serialisable so nobody slips in between.
    if (db_->kind() == backend::postgresql) s << "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE";
    if (p.status != "open") throw error(errc::conflict, "The proposal was applied already.", {{"status", p.status}});
    if (build_in(s, p.scope).fingerprint != p.fingerprint)
      throw error(errc::conflict, "Sessions, assignments or availability changed since the proposal was made; make a new one.",
                  {{"proposal", "is stale"}});
    std::string now = core::format_utc(core::now());
    for (const auto& r : p.result.at("removed").as_array()) {
      id_t session = r.at("session_id").as_int64(), member = r.at("member_id").as_int64();
      std::string need(r.at("need").as_string());
      s << remove_assignment_sql, soci::use(session), soci::use(member), soci::use(need);
    }
    for (const auto& a : p.result.at("added").as_array()) {
      id_t session = a.at("session_id").as_int64(), member = a.at("member_id").as_int64();
      std::string need(a.at("need").as_string());
      s << add_assignment_sql, soci::use(member), soci::use(need), soci::use(now), soci::use(session);
    }
    s << mark_applied_sql, soci::use(now), soci::use(id);
    record_audit(s, who, "apply", "proposal", id, nullptr, nullptr);
    tx.commit();
    p.status = "applied";
    return p;
  });
}

std::vector<waiting_proposal> planning_store::waiting_proposals(int limit) {
  return with_session(*db_, "", [&](soci::session& s) {
    std::vector<waiting_proposal> out;
    long long id = 0, within = 0;
    std::string from, to, created, result;
    soci::statement st = (s.prepare << waiting_sql, soci::use(limit), soci::into(id), soci::into(within),
                          soci::into(from), soci::into(to), soci::into(created), soci::into(result));
    st.execute();
    while (st.fetch()) {
      waiting_proposal p;
      p.id = id;
      p.scope = {within, parse_db_instant_or_throw(from), parse_db_instant_or_throw(to)};
      p.created_at = parse_db_instant_or_throw(created);
      // The result is the store's own JSON; a list only needs the size of its two changes.
      auto parsed = json::parse(result);
      if (const auto* o = parsed.if_object()) {
        if (const auto* a = o->if_contains("added"); a && a->is_array()) p.added = static_cast<int>(a->as_array().size());
        if (const auto* r = o->if_contains("removed"); r && r->is_array()) p.removed = static_cast<int>(r->as_array().size());
      }
      out.push_back(std::move(p));
    }
    return out;
  });
}

}  // namespace satdan::store
