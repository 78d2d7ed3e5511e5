#include "store/activity_store.hpp"

#include "store/sql_support.hpp"

namespace satdan::store {

using namespace detail;

namespace {

constexpr const char* in_period =
    "s.start_at >= :from_at AND s.start_at < :to_at AND (:use_within = 0 OR s.unit_id IN (SELECT id FROM subtree)) ";
constexpr const char* sessions_sql =
    "SELECT s.id, s.kind, s.status, s.unit_id, s.cell_id, s.start_at, s.end_at, r.citizens_present "
    "FROM sessions s LEFT JOIN session_records r ON r.session_id = s.id WHERE ";
constexpr const char* assigned_sql =
    "SELECT a.session_id, a.member_id FROM assignments a JOIN sessions s ON s.id = a.session_id WHERE ";
constexpr const char* attended_sql =
    "SELECT t.session_id, t.member_id, t.status FROM attendance t JOIN sessions s ON s.id = t.session_id WHERE ";
constexpr const char* members_sql =
    "SELECT id, full_name, level, home_unit_id FROM members "
    "WHERE (:use_within = 0 OR home_unit_id IN (SELECT id FROM subtree)) ORDER BY id";
constexpr const char* levels_sql = "SELECT id, level FROM members";
constexpr const char* units_sql =
    "SELECT id, parent_id, kind, name FROM units WHERE (:use_within = 0 OR id IN (SELECT id FROM subtree)) ORDER BY id";
constexpr const char* cells_sql =
    "SELECT id, unit_id, name, kind FROM cells WHERE (:use_within = 0 OR unit_id IN (SELECT id FROM subtree)) "
    "ORDER BY id";

}  // namespace

domain::activity_inputs activity_store::read(std::optional<id_t> within, core::instant from, core::instant to) {
  return with_session(*db_, "", [&](soci::session& s) {
    domain::activity_inputs in;
    in.root = within;
    id_t root = within.value_or(0);
    int use_within = within ? 1 : 0;
    std::string from_at = core::format_utc(from), to_at = core::format_utc(to);
    const std::string cte(subtree_cte);

    {
      long long id = 0, unit = 0, cell = 0;
      int citizens = 0;
      std::string kind, status, start, end;
      soci::indicator cell_ind = soci::i_null, citizens_ind = soci::i_null;
      soci::statement st = (s.prepare << cte + sessions_sql + in_period + "ORDER BY s.id", soci::use(root),
                            soci::use(from_at), soci::use(to_at), soci::use(use_within), soci::into(id),
                            soci::into(kind), soci::into(status), soci::into(unit), soci::into(cell, cell_ind),
                            soci::into(start), soci::into(end), soci::into(citizens, citizens_ind));
      st.execute();
      while (st.fetch()) {
        domain::activity_session a;
        a.id = id;
        a.kind = kind;
        a.status = status;
        a.unit_id = unit;
        a.cell_id = optional_of<id_t>(cell, cell_ind);
        a.start = parse_db_instant_or_throw(start);
        a.end = parse_db_instant_or_throw(end);
        a.citizens_present = optional_of(citizens, citizens_ind);
        in.sessions.push_back(a);
      }
    }
    // Assignments and attendance merge into one line per (session, member).
    std::map<std::pair<id_t, id_t>, domain::activity_line> lines;
    {
      long long session = 0, member = 0;
      soci::statement st = (s.prepare << cte + assigned_sql + in_period, soci::use(root), soci::use(from_at),
                            soci::use(to_at), soci::use(use_within), soci::into(session), soci::into(member));
      st.execute();
      while (st.fetch()) {
        auto& l = lines[{session, member}];
        l.session_id = session;
        l.member_id = member;
        l.assigned = true;
      }
    }
    {
      long long session = 0, member = 0;
      std::string status;
      soci::statement st = (s.prepare << cte + attended_sql + in_period, soci::use(root), soci::use(from_at),
                            soci::use(to_at), soci::use(use_within), soci::into(session), soci::into(member),
                            soci::into(status));
      st.execute();
      while (st.fetch()) {
        auto& l = lines[{session, member}];
        l.session_id = session;
        l.member_id = member;
        l.attendance = status;
      }
    }
    for (auto& [key, l] : lines) in.lines.push_back(l);
    {
      long long id = 0, home = 0;
      std::string name, level;
      soci::statement st = (s.prepare << cte + members_sql, soci::use(root), soci::use(use_within), soci::into(id),
                            soci::into(name), soci::into(level), soci::into(home));
      st.execute();
      while (st.fetch()) {
        domain::member m;
        m.id = id;
        m.full_name = name;
        m.level = level;
        m.home_unit_id = home;
        in.members.push_back(m);
      }
    }
    {
      long long id = 0;
      std::string level;
      soci::statement st = (s.prepare << levels_sql, soci::into(id), soci::into(level));
      st.execute();
      while (st.fetch()) in.member_levels[id] = level;
    }
    {
      long long id = 0, parent = 0;
      std::string kind, name;
      soci::indicator parent_ind = soci::i_null;
      soci::statement st = (s.prepare << cte + units_sql, soci::use(root), soci::use(use_within), soci::into(id),
                            soci::into(parent, parent_ind), soci::into(kind), soci::into(name));
      st.execute();
      while (st.fetch()) in.units.push_back({id, optional_of<id_t>(parent, parent_ind), kind, name, std::nullopt});
    }
    {
      long long id = 0, unit = 0;
      std::string name, kind;
      soci::statement st = (s.prepare << cte + cells_sql, soci::use(root), soci::use(use_within), soci::into(id),
                            soci::into(unit), soci::into(name), soci::into(kind));
      st.execute();
      while (st.fetch()) in.cells.push_back({id, unit, name, kind});
    }
    return in;
  });
}

}  // namespace satdan::store
