// A year of history for the demo district, November 2025 to October 2026 (the twelve months before the
// demo's present; the planned schedule starts in 2027): a citizen dialogue per commune and a meeting per
// cell each quarter, held, with the members seated at them and their attendance (and minutes for dialogues),
// and about 300 grievances received at those dialogues or at walk-in receptions, handled through their
// lifecycle — most answered on time, some late, a few still open.
// Deterministic: the same database state results every time. Written through the stores, so every rule
// and the audit log apply as they would to the office's own entries.
#include <algorithm>
#include <array>
#include <functional>
#include <map>

#include "core/error.hpp"
#include "demo/seed_demo.hpp"

namespace satdan::demo {

using namespace std::chrono_literals;
using domain::date;
using domain::id_t;

namespace {

const date history_start = 2025y / 11 / 1;
const date history_end = 2026y / 10 / 31;

class history_rng {
 public:
  std::size_t below(std::size_t n) {
    state_ = state_ * 1664525u + 1013904223u;
    return (state_ >> 8) % n;
  }
  template <class T, std::size_t N>
  const T& pick(const std::array<T, N>& items) { return items[below(N)]; }
  // Index by weights that sum to 100.
  template <std::size_t N>
  std::size_t weighted(const std::array<int, N>& weights) {
    int roll = static_cast<int>(below(100));
    for (std::size_t i = 0; i < N; ++i) {
      if (roll < weights[i]) return i;
      roll -= weights[i];
    }
    return N - 1;
  }

 private:
  std::uint32_t state_ = 20251101u;
};

date plus_days(date d, int n) { return date{std::chrono::sys_days{d} + std::chrono::days{n}}; }

// Working days only: Saturdays and Sundays move to the Monday after.
date working_day(date d) {
  std::chrono::weekday wd{std::chrono::sys_days{d}};
  return plus_days(d, wd == std::chrono::Saturday ? 2 : wd == std::chrono::Sunday ? 1 : 0);
}

// 08:00 in Quảng Nam (UTC+7) is 01:00 UTC.
core::instant morning(date d) { return std::chrono::sys_days{d} + 1h; }

constexpr std::array<const char*, 4> kinds = {"recommendation", "report", "complaint", "denunciation"};
constexpr std::array<int, 4> kind_weights = {45, 30, 15, 10};
constexpr std::array<const char*, 7> categories = {"land_management", "land_use_certificate", "infrastructure",
                                                   "social_policy",   "production",           "new_rural",
                                                   "other"};
constexpr std::array<int, 7> category_weights = {25, 20, 20, 15, 10, 5, 5};
const std::map<std::string, std::array<const char*, 3>> summaries = {
    {"land_management", {"Lấn chiếm đất hành lang giao thông", "Tranh chấp ranh giới đất ở giữa hai hộ",
                         "Đề nghị kiểm tra việc san lấp đất nông nghiệp"}},
    {"land_use_certificate", {"Chậm cấp giấy chứng nhận sau dồn điền đổi thửa", "Sai diện tích trên giấy chứng nhận",
                              "Đề nghị cấp đổi giấy chứng nhận sau chỉnh lý"}},
    {"infrastructure", {"Đường liên thôn xuống cấp", "Mương thủy lợi bị bồi lấp", "Đề nghị lắp đèn chiếu sáng đường thôn"}},
    {"social_policy", {"Chậm chi trả trợ cấp người có công", "Đề nghị xét hộ cận nghèo",
                       "Hỗ trợ bảo hiểm y tế cho người cao tuổi"}},
    {"production", {"Hỗ trợ giống lúa sau lũ", "Đề nghị hướng dẫn kỹ thuật trồng keo", "Tiêu thụ nông sản cho bà con"}},
    {"new_rural", {"Tiêu chí môi trường nông thôn mới", "Xây dựng khu dân cư kiểu mẫu", "Nhà văn hóa thôn chưa đạt chuẩn"}},
    {"other", {"Tiếng ồn từ cơ sở sản xuất", "Đề nghị công khai các khoản thu", "Trật tự tại khu chợ"}},
};
constexpr std::array<const char*, 10> family = {"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Đặng", "Bùi", "Đỗ"};
constexpr std::array<const char*, 6> middle = {"Văn", "Thị", "Đình", "Ngọc", "Minh", "Hữu"};
constexpr std::array<const char*, 10> given = {"Hùng", "Lan", "Sơn", "Hoa", "Tâm", "Bình", "Mai", "Phúc", "Thu", "Dũng"};
constexpr std::array<const char*, 3> excuses = {"Đi công tác", "Ốm", "Họp tại tỉnh"};

template <class T>
std::vector<T> everything(const std::function<store::page<T>(store::page_request)>& list) {
  std::vector<T> out;
  store::page_request p{.limit = 500};
  for (;;) {
    auto page = list(p);
    out.insert(out.end(), page.items.begin(), page.items.end());
    if (!page.next_after) return out;
    p.after = *page.next_after;
  }
}

// Seats up to `want` of `candidates` (in order) for `need`, passing over anyone a hard rule refuses (booked
// elsewhere at that hour, at their monthly cap, already seated): the history holds only what the office could
// have assigned, and only the seated come to the session. Counts each seat in `seated_total`.
std::vector<id_t> seat(store::assignments_store& seats, id_t session, const std::string& need, std::size_t want,
                       const std::vector<id_t>& candidates, int& seated_total) {
  std::vector<id_t> seated;
  for (id_t member : candidates) {
    if (seated.size() == want) break;
    try {
      seats.assign(session, member, need, true, store::actor{});
      seated.push_back(member);
      ++seated_total;
    } catch (const core::error& e) {
      if (e.code() != core::errc::conflict) throw;
    }
  }
  return seated;
}

// `from`'s members in turn, starting at `first`: the first is the one the history means, the rest stand in.
std::vector<id_t> in_turn(const std::vector<id_t>& from, std::size_t first) {
  std::vector<id_t> out;
  for (std::size_t k = 0; k < from.size(); ++k) out.push_back(from[(first + k) % from.size()]);
  return out;
}

struct commune_facts {
  const domain::unit* unit = nullptr;
  std::vector<id_t> villages;
  std::vector<id_t> members;                 // commune committee members living there
  std::array<std::optional<id_t>, 4> dialogues;  // one per quarter
  std::array<date, 4> dialogue_days{};
};

}  // namespace

history_report seed_demo_history(store::directory_store& directory, store::meetings_store& meetings,
                                 store::assignments_store& seats, store::attendance_store& attendance,
                                 store::grievances_store& grievances, std::optional<id_t> officer_account_id) {
  history_report report;
  history_rng rng;
  const store::actor system{};
  auto units = everything<domain::unit>([&](store::page_request p) { return directory.list_units({}, p); });
  auto members = everything<domain::member>([&](store::page_request p) { return directory.list_members({}, p); });
  std::optional<id_t> district;
  std::map<id_t, commune_facts> communes;
  for (const auto& u : units) {
    if (!u.parent_id) district = u.id;
    if (u.kind == "commune" || u.kind == "town") communes[u.id].unit = &u;
  }
  for (const auto& u : units)
    if (u.parent_id && communes.contains(*u.parent_id)) communes[*u.parent_id].villages.push_back(u.id);
  std::vector<id_t> district_members;
  for (const auto& m : members) {
    if (m.level == "district") district_members.push_back(m.id);
    if (m.level == "commune" && communes.contains(m.home_unit_id)) communes[m.home_unit_id].members.push_back(m.id);
  }
  if (communes.empty() || district_members.empty()) return report;

  // Dialogues, one per commune per quarter, held: two district members and two of the commune's committee
  // seated, who came, and how many citizens.
  int index = 0;
  for (auto& [id, c] : communes) {
    for (int q = 0; q < 4; ++q) {
      date day = working_day(plus_days(history_start, q * 91 + 10 + (index * 7) % 60));
      domain::session s;
      s.kind = "dialogue";
      s.unit_id = id;
      s.topic = "Tiếp xúc, đối thoại với nhân dân quý " + std::to_string(q + 1);
      s.start = morning(day);
      s.end = s.start + 3h;
      s.location = "Hội trường UBND " + std::string(c.unit->kind == "town" ? "thị trấn " : "xã ") + c.unit->name;
      s.expected_citizens = 80;
      s.needs = {{"chair", 1}, {"district", 2}};
      s.optional = {{"commune", 2}};
      auto session = meetings.create_session(s, system);
      c.dialogues[static_cast<std::size_t>(q)] = session.id;
      c.dialogue_days[static_cast<std::size_t>(q)] = day;
      ++report.sessions;

      domain::session_attendance record;
      // District members index + q and index + q + 3 (in turn, when one of them cannot be seated).
      auto turn = static_cast<std::size_t>(index + q);
      std::vector<id_t> district_turn = {district_members[turn % district_members.size()],
                                         district_members[(turn + 3) % district_members.size()]};
      for (id_t m : in_turn(district_members, turn + 1))
        if (std::find(district_turn.begin(), district_turn.end(), m) == district_turn.end()) district_turn.push_back(m);
      std::vector<id_t> present = seat(seats, session.id, "district", 2, district_turn, report.seats);
      for (id_t m : seat(seats, session.id, "commune", 2, c.members, report.seats)) present.push_back(m);
      std::sort(present.begin(), present.end());
      for (id_t member : present) {
        domain::attendance_record line;
        line.member_id = member;
        switch (rng.weighted(std::array<int, 4>{75, 12, 8, 5})) {
          case 0: line.status = "on_time"; break;
          case 1:
            line.status = "late";
            line.late_minutes = 5 + static_cast<int>(rng.below(26));
            break;
          case 2:
            line.status = "absent_excused";
            line.reason = rng.pick(excuses);
            break;
          default: line.status = "absent_unexcused"; break;
        }
        record.records.push_back(line);
        ++report.attendance;
      }
      record.citizens_present = 40 + static_cast<int>(rng.below(120));
      record.minutes = "Biên bản tiếp xúc, đối thoại: bà con nêu " + std::to_string(3 + rng.below(8)) +
                       " ý kiến; lãnh đạo xã và huyện trả lời tại chỗ các ý kiến thuộc thẩm quyền.";
      attendance.record_session(session.id, record, s.end + 2h, system);
    }
    ++index;
  }

  // Cell meetings, one per cell each quarter, held: the commune's committee member is seated and comes, and
  // in three quarters out of five a district member too (always, for agency cells, which have no commune
  // member: their seat is a district one, as in the planned schedule). Coverage of cells, "sát cơ sở", is then
  // below full.
  auto cells = everything<domain::cell>([&](store::page_request p) { return directory.list_cells({}, p); });
  std::map<id_t, std::optional<id_t>> parent_of;
  for (const auto& u : units) parent_of[u.id] = u.parent_id;
  int cell_index = 0;
  for (const auto& cell : cells) {
    std::optional<id_t> commune = parent_of[cell.unit_id];
    const std::vector<id_t>* locals = nullptr;
    if (commune && communes.contains(*commune)) locals = &communes[*commune].members;
    else if (communes.contains(cell.unit_id)) locals = &communes[cell.unit_id].members;
    for (int q = 0; q < 4; ++q) {
      date day = plus_days(history_start, q * 91 + 35 + cell_index % 20);
      domain::session s;
      s.kind = "cell_meeting";
      s.unit_id = cell.unit_id;
      s.cell_id = cell.id;
      // 19:30 in Quảng Nam is 12:30 UTC.
      s.start = std::chrono::sys_days{day} + 12h + 30min;
      s.end = s.start + 2h;
      // Agency cells have no commune member: a district member always comes.
      const bool no_locals = !locals || locals->empty();
      s.needs = no_locals ? domain::seats{{"district", 1}} : domain::seats{{"commune", 1}};
      s.optional = no_locals ? domain::seats{} : domain::seats{{"district", 1}};
      auto session = meetings.create_session(s, system);
      ++report.sessions;
      domain::session_attendance record;
      auto add = [&](id_t member, bool usually_on_time) {
        domain::attendance_record line;
        line.member_id = member;
        line.status = usually_on_time && rng.below(10) < 8 ? "on_time" : rng.below(2) ? "late" : "absent_excused";
        if (line.status == "late") line.late_minutes = 5 + static_cast<int>(rng.below(20));
        if (line.status == "absent_excused") line.reason = rng.pick(excuses);
        record.records.push_back(line);
        ++report.attendance;
      };
      if (!no_locals)
        for (id_t m : seat(seats, session.id, "commune", 1, in_turn(*locals, static_cast<std::size_t>(cell_index + q)),
                           report.seats))
          add(m, true);
      if (no_locals || rng.below(5) < 3)
        for (id_t m : seat(seats, session.id, "district", 1,
                           in_turn(district_members, static_cast<std::size_t>(cell_index * 3 + q)), report.seats))
          add(m, true);
      if (!record.records.empty()) attendance.record_session(session.id, record, s.end, system);
    }
    ++cell_index;
  }

  // Grievances, spread over the year, most raised at a dialogue.
  std::vector<commune_facts*> order;
  for (auto& [id, c] : communes) order.push_back(&c);
  const int total = 300;
  const date last_day_seen = 2026y / 11 / 20;  // what the history knows: later answers have not happened yet
  for (int k = 0; k < total; ++k) {
    commune_facts& c = *order[rng.below(order.size())];
    domain::grievance_draft d;
    domain::grievance& g = d.value;
    g.kind = kinds[rng.weighted(kind_weights)];
    g.category = categories[rng.weighted(category_weights)];
    g.summary = rng.pick(summaries.at(g.category));
    date received = working_day(plus_days(history_start, k * 364 / total));
    if (received > history_end) received = history_end;
    auto quarter = static_cast<std::size_t>(std::min<long>(3, (std::chrono::sys_days{received} -
                                                                std::chrono::sys_days{history_start}).count() / 91));
    if (rng.below(10) < 6 && c.dialogues[quarter] && c.dialogue_days[quarter] <= received) {
      g.session_id = c.dialogues[quarter];
      received = c.dialogue_days[quarter];
    } else {
      g.unit_id = c.villages.empty() ? c.unit->id : c.villages[rng.below(c.villages.size())];
    }
    g.received_on = received;
    bool anonymous = g.kind != "complaint" && rng.below(5) == 0;
    if (!anonymous) {
      g.citizen_name = std::string(rng.pick(family)) + " " + rng.pick(middle) + " " + rng.pick(given);
      g.citizen_address = "Thôn " + std::to_string(1 + rng.below(9)) + ", " + c.unit->name;
      g.citizen_contact = "09" + std::to_string(10000000 + rng.below(89999999));
    }
    auto created = grievances.create(d, system);
    ++report.grievances;

    // Complaints and denunciations go to the district's own staff; the rest to the commune.
    bool district_level = (g.kind == "complaint" || g.kind == "denunciation") && district;
    domain::grievance_transition assign;
    assign.to = "assigned";
    assign.handling_unit_id = district_level ? *district : c.unit->id;
    if (g.kind == "denunciation") assign.officer_account_id = officer_account_id;
    date assigned_on = plus_days(received, 1 + static_cast<int>(rng.below(3)));
    if (assigned_on > last_day_seen) continue;
    grievances.transition(created.id, assign, assigned_on, system);
    grievances.transition(created.id, {.to = "in_progress"}, assigned_on, system);
    // One case in twenty is stuck with its handler: still open, and overdue by now.
    if (rng.below(20) == 0) continue;
    // Four in five are answered within the SLA; the rest late, by up to three weeks.
    int sla = static_cast<int>((std::chrono::sys_days{created.due_on} - std::chrono::sys_days{received}).count());
    int days = rng.below(5) < 4 ? 3 + static_cast<int>(rng.below(static_cast<std::size_t>(sla - 2)))
                                : sla + 1 + static_cast<int>(rng.below(21));
    date answered_on = plus_days(received, days);
    if (answered_on > last_day_seen) continue;
    domain::grievance_transition answer;
    answer.to = "answered";
    answer.answer = "Đơn vị đã kiểm tra, làm việc với công dân và trả lời bằng văn bản theo quy định.";
    grievances.transition(created.id, answer, answered_on, system);
    ++report.answered;
    if (days > sla) ++report.answered_late;
    if (rng.below(10) < 7) grievances.transition(created.id, {.to = "closed"}, plus_days(answered_on, 5), system);
  }
  return report;
}

}  // namespace satdan::demo
