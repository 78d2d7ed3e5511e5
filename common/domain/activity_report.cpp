#include "domain/activity_report.hpp"
#include "domain/json_support.hpp"

#include <cstdio>
#include <set>

#include "core/csv.hpp"

namespace satdan::domain {

using json_support::opt_rate;

namespace json = boost::json;

namespace {

bool attended(const std::optional<std::string>& a) { return a && (*a == "on_time" || *a == "late"); }

std::optional<double> rate(int part, int whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<double>(part) / whole;
}


std::string percent(const std::optional<double>& v) {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", *v * 100.0);
  return buf;
}

json::object quarters_json(const std::map<std::string, int>& m) {
  json::object o;
  for (const auto& [q, n] : m) o[q] = n;
  return o;
}

int count_in(const std::map<std::string, int>& m, const std::string& q) {
  auto it = m.find(q);
  return it == m.end() ? 0 : it->second;
}

}  // namespace

std::vector<member_activity> member_report(const activity_inputs& in) {
  std::map<id_t, const activity_session*> sessions;
  for (const auto& s : in.sessions) sessions[s.id] = &s;
  std::map<id_t, member_activity> rows;
  std::map<id_t, std::map<std::string, std::set<id_t>>> visits;
  for (const auto& m : in.members) {
    auto& r = rows[m.id];
    r.member_id = m.id;
    r.full_name = m.full_name;
    r.level = m.level;
    for (const auto& q : in.quarters) r.cells_visited[q] = 0;
  }
  for (const auto& l : in.lines) {
    auto row = rows.find(l.member_id);
    auto session = sessions.find(l.session_id);
    if (row == rows.end() || session == sessions.end()) continue;
    auto& r = row->second;
    if (l.assigned && session->second->status != "cancelled") ++r.assigned;
    if (!l.attendance) continue;
    if (attended(l.attendance)) {
      ++(*l.attendance == "on_time" ? r.on_time : r.late);
      if (!l.assigned) ++r.attended_without_seat;
      if (r.level == "district" && session->second->cell_id)
        visits[l.member_id][session->second->quarter].insert(*session->second->cell_id);
    } else if (l.assigned) {  // an absence from a seat; without one, nobody expected them
      ++(*l.attendance == "absent_excused" ? r.absent_excused : r.absent_unexcused);
    }
  }
  std::vector<member_activity> out;
  for (auto& [id, r] : rows) {
    r.attended = r.on_time + r.late;
    r.attendance_rate = rate(r.attended, r.attended + r.absent_excused + r.absent_unexcused);
    r.punctuality_rate = rate(r.on_time, r.attended);
    for (const auto& [q, cells] : visits[id]) r.cells_visited[q] = static_cast<int>(cells.size());
    out.push_back(r);
  }
  return out;
}

std::vector<unit_activity> unit_report(const activity_inputs& in) {
  // Each unit rolls up to the unit just below the root (a commune, when the root is the district).
  std::map<id_t, std::optional<id_t>> parent;
  for (const auto& u : in.units) parent[u.id] = u.parent_id;
  // The root keeps a row of its own for what happens at it (a commune's dialogues when `within` is a commune).
  auto top_of = [&](id_t id) -> std::optional<id_t> {
    for (int guard = 0; guard < 64; ++guard) {
      if (in.root && id == *in.root) return id;
      auto p = parent.find(id);
      if (p == parent.end()) return std::nullopt;
      if (!p->second) return id;  // a root of the whole tree
      if (in.root && *p->second == *in.root) return id;
      if (!in.root) {
        auto grand = parent.find(*p->second);
        if (grand != parent.end() && !grand->second) return id;  // just below a root of the tree
      }
      id = *p->second;
    }
    return std::nullopt;
  };
  std::map<id_t, unit_activity> rows;
  for (const auto& u : in.units) {
    if (top_of(u.id) != u.id) continue;
    auto& r = rows[u.id];
    r.unit_id = u.id;
    r.name = u.name;
    for (const auto& q : in.quarters) r.cells_visited[q] = 0;
  }
  std::map<id_t, id_t> cell_unit;
  for (const auto& c : in.cells) {
    cell_unit[c.id] = c.unit_id;
    if (auto top = top_of(c.unit_id); top && rows.contains(*top)) ++rows[*top].cells;
  }
  std::set<id_t> district_attended;
  for (const auto& l : in.lines) {
    auto level = in.member_levels.find(l.member_id);
    if (attended(l.attendance) && level != in.member_levels.end() && level->second == "district")
      district_attended.insert(l.session_id);
  }
  std::map<id_t, std::map<std::string, std::set<id_t>>> visited;
  for (const auto& s : in.sessions) {
    auto top = top_of(s.unit_id);
    if (!top || !rows.contains(*top)) continue;
    auto& r = rows[*top];
    ++r.sessions;
    if (s.status == "held") ++r.held;
    if (s.status == "cancelled") ++r.cancelled;
    if (s.status == "postponed") ++r.postponed;
    if (s.status == "planned" && s.past) ++r.past_not_recorded;
    if (s.status == "planned" && !s.past) ++r.upcoming;
    if (s.kind == "dialogue" && s.status == "held") {
      ++r.dialogues_held;
      r.citizens_reached += s.citizens_present.value_or(0);
    }
    if (s.cell_id && district_attended.contains(s.id)) visited[*top][s.quarter].insert(*s.cell_id);
  }
  std::vector<unit_activity> out;
  for (auto& [id, r] : rows) {
    r.held_rate = rate(r.held, r.held + r.postponed + r.past_not_recorded);
    for (const auto& [q, cells] : visited[id]) r.cells_visited[q] = static_cast<int>(cells.size());
    out.push_back(r);
  }
  return out;
}

json::object to_json(const member_activity& m) {
  return {{"member_id", m.member_id},
          {"full_name", m.full_name},
          {"level", m.level},
          {"assigned", m.assigned},
          {"attended", m.attended},
          {"attended_without_seat", m.attended_without_seat},
          {"on_time", m.on_time},
          {"late", m.late},
          {"absent_excused", m.absent_excused},
          {"absent_unexcused", m.absent_unexcused},
          {"attendance_rate", opt_rate(m.attendance_rate)},
          {"punctuality_rate", opt_rate(m.punctuality_rate)},
          {"cells_visited", quarters_json(m.cells_visited)}};
}

json::object to_json(const unit_activity& u) {
  return {{"unit_id", u.unit_id},
          {"name", u.name},
          {"sessions", u.sessions},
          {"held", u.held},
          {"cancelled", u.cancelled},
          {"postponed", u.postponed},
          {"past_not_recorded", u.past_not_recorded},
          {"upcoming", u.upcoming},
          {"held_rate", opt_rate(u.held_rate)},
          {"cells", u.cells},
          {"cells_visited", quarters_json(u.cells_visited)},
          {"dialogues_held", u.dialogues_held},
          {"citizens_reached", u.citizens_reached}};
}

std::string members_csv(const std::vector<member_activity>& rows, const std::vector<std::string>& quarters) {
  core::csv_writer w;
  std::vector<std::string> head = {"Mã", "Họ và tên", "Cấp", "Được phân công", "Tham dự",
                                   "Tham dự không được phân công", "Đúng giờ", "Đi muộn",
                                   "Vắng có lý do", "Vắng không lý do", "Tỷ lệ tham dự (%)", "Tỷ lệ đúng giờ (%)"};
  for (const auto& q : quarters) head.push_back("Chi bộ đã dự " + q);
  w.row(head);
  for (const auto& m : rows) {
    std::vector<std::string> row = {std::to_string(m.member_id), m.full_name, m.level, std::to_string(m.assigned),
                                    std::to_string(m.attended), std::to_string(m.attended_without_seat),
                                    std::to_string(m.on_time), std::to_string(m.late),
                                    std::to_string(m.absent_excused), std::to_string(m.absent_unexcused),
                                    percent(m.attendance_rate), percent(m.punctuality_rate)};
    for (const auto& q : quarters) row.push_back(std::to_string(count_in(m.cells_visited, q)));
    w.row(row);
  }
  return w.text();
}

std::string units_csv(const std::vector<unit_activity>& rows, const std::vector<std::string>& quarters) {
  core::csv_writer w;
  std::vector<std::string> head = {"Mã", "Đơn vị", "Buổi theo kế hoạch", "Đã tổ chức", "Hủy", "Hoãn", "Quá ngày chưa ghi nhận",
                                   "Sắp tới", "Tỷ lệ đúng kế hoạch (%)", "Số chi bộ"};
  for (const auto& q : quarters) head.push_back("Chi bộ có huyện ủy viên dự " + q);
  head.push_back("Buổi đối thoại");
  head.push_back("Lượt công dân");
  w.row(head);
  for (const auto& u : rows) {
    std::vector<std::string> row = {std::to_string(u.unit_id), u.name, std::to_string(u.sessions), std::to_string(u.held),
                                    std::to_string(u.cancelled), std::to_string(u.postponed),
                                    std::to_string(u.past_not_recorded), std::to_string(u.upcoming),
                                    percent(u.held_rate), std::to_string(u.cells)};
    for (const auto& q : quarters) row.push_back(std::to_string(count_in(u.cells_visited, q)));
    row.push_back(std::to_string(u.dialogues_held));
    row.push_back(std::to_string(u.citizens_reached));
    w.row(row);
  }
  return w.text();
}

}  // namespace satdan::domain
