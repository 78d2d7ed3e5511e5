#include "scheduling/generator.hpp"

#include <chrono>
#include <cmath>

#include "core/error.hpp"
#include "scheduling/prng.hpp"

namespace satdan::scheduling {

namespace {

using namespace std::chrono_literals;
using std::chrono::sys_days;


struct shape {
  int districts;
  int communes_per_district;
  int months;               // from January 2027
  int cells_per_commune_min, cells_per_commune_max;
  int dialogues_per_district;
  int district_members;     // per district
  int commune_members_min, commune_members_max;
};

shape shape_of(const std::string& size) {
  if (size == "commune-quarter") return {1, 1, 3, 8, 8, 3, 4, 12, 12};
  if (size == "district-year") return {1, 11, 12, 7, 11, 40, 40, 10, 14};
  if (size == "province-year") return {20, 11, 12, 7, 11, 40, 40, 10, 14};
  throw core::error(core::errc::invalid_input, "Unknown instance size.",
                    {{"size", "must be commune-quarter, district-year or province-year"}});
}

// Local time in Quảng Nam (UTC+7) as a UTC instant.
core::instant local(sys_days day, int hour, int minute) { return day + std::chrono::hours(hour - 7) + std::chrono::minutes(minute); }

std::string code(const char* prefix, int n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%04d", prefix, n);
  return buf;
}

}  // namespace

instance generate_instance(const std::string& size, std::uint64_t seed) {
  const shape sh = shape_of(size);
  prng rng(seed);
  instance in;
  in.timezone = "Asia/Ho_Chi_Minh";

  struct place {
    std::string id;
    double x, y;  // km
    int district;
  };
  std::vector<place> communes;
  for (int d = 0; d < sh.districts; ++d) {
    // Districts lie on a grid 40 km apart; communes scatter within 12 km of their district's centre.
    double cx = (d % 5) * 40.0, cy = (d / 5) * 40.0;
    for (int c = 0; c < sh.communes_per_district; ++c) {
      place p{code("u", static_cast<int>(communes.size()) + 1), cx + rng.below(2400) / 100.0 - 12, cy + rng.below(2400) / 100.0 - 12, d};
      communes.push_back(p);
      in.units.push_back({p.id, "Xã " + std::to_string(communes.size())});
    }
  }
  // Travel on rural roads: 10 minutes plus 2 minutes a kilometre. District members fit sessions anywhere,
  // so the spec needs every pair.
  for (std::size_t a = 0; a < communes.size(); ++a)
    for (std::size_t b = a + 1; b < communes.size(); ++b) {
      double km = std::hypot(communes[a].x - communes[b].x, communes[a].y - communes[b].y);
      int minutes = 10 + static_cast<int>(std::lround(2 * km));
      in.travel_minutes[{communes[a].id, communes[b].id}] = minutes;
      in.travel_minutes[{communes[b].id, communes[a].id}] = minutes;
    }

  const sys_days first_day = sys_days{2027y / 1 / 1};
  int cell_count = 0, session_count = 0, member_count = 0;
  for (int d = 0; d < sh.districts; ++d) {
    std::vector<const place*> mine;
    for (const auto& p : communes)
      if (p.district == d) mine.push_back(&p);
    // Cells: each meets monthly on one of a few popular days, in the evening.
    static constexpr int popular_days[] = {5, 5, 10, 15, 20, 5, 10, 25};
    std::vector<std::vector<std::string>> cells_of(mine.size());
    for (std::size_t c = 0; c < mine.size(); ++c) {
      int n = sh.cells_per_commune_min + rng.below(sh.cells_per_commune_max - sh.cells_per_commune_min + 1);
      for (int k = 0; k < n; ++k) {
        std::string cell = code("cell", ++cell_count);
        cells_of[c].push_back(cell);
        int day = popular_days[rng.below(static_cast<int>(std::size(popular_days)))];
        int start_minute = 19 * 60 + 30 * rng.below(2);  // 19:00 or 19:30
        for (int m = 0; m < sh.months; ++m) {
          auto ymd = 2027y / std::chrono::month(static_cast<unsigned>(m + 1)) / std::chrono::day(static_cast<unsigned>(day));
          core::instant start = local(sys_days{ymd}, start_minute / 60, start_minute % 60);
          in.sessions.push_back({code("s", ++session_count), "cell_meeting", mine[c]->id, cell,
                                 {start, start + 2h}, {{"commune", 1}}, {{"district", 1}}});
        }
      }
    }
    // Dialogues: mornings on working days, spread over the months.
    for (int k = 0; k < sh.dialogues_per_district; ++k) {
      const place& where = *mine[static_cast<std::size_t>(rng.below(static_cast<int>(mine.size())))];
      sys_days day = first_day + std::chrono::days(rng.below(sh.months * 30));
      std::chrono::weekday wd{day};
      if (wd == std::chrono::Saturday) day += std::chrono::days(2);
      if (wd == std::chrono::Sunday) day += std::chrono::days(1);
      core::instant start = local(day, 8, 0);
      in.sessions.push_back({code("s", ++session_count), "dialogue", where.id, std::nullopt, {start, start + 3h},
                             {{"chair", 1}, {"district", 2}}, {}});
    }
    // District members: six may chair; each answers for one or two communes of the district.
    for (int k = 0; k < sh.district_members; ++k) {
      member m;
      m.id = code("m", ++member_count);
      m.name = "Huyện ủy viên " + std::to_string(member_count);
      m.level = "district";
      if (k < 6) m.roles = {"chair"};
      std::size_t home = static_cast<std::size_t>(rng.below(static_cast<int>(mine.size())));
      m.home = mine[home]->id;
      m.responsible.push_back(mine[static_cast<std::size_t>(k) % mine.size()]->id);
      if (k % 2 == 0) m.responsible.push_back(mine[(static_cast<std::size_t>(k) + 5) % mine.size()]->id);
      m.max_per_month = k < 3 ? 3 : 4;
      in.members.push_back(std::move(m));
    }
    // Commune members: 10–14 per commune, each in charge of a few of its cells.
    for (std::size_t c = 0; c < mine.size(); ++c) {
      int n = sh.commune_members_min + rng.below(sh.commune_members_max - sh.commune_members_min + 1);
      for (int k = 0; k < n; ++k) {
        member m;
        m.id = code("m", ++member_count);
        m.name = "Đảng ủy viên " + std::to_string(member_count);
        m.level = "commune";
        m.home = mine[c]->id;
        const auto& cells = cells_of[c];
        for (int t = 0; t < 3 && !cells.empty(); ++t)
          m.responsible.push_back(cells[(static_cast<std::size_t>(k) * 2 + static_cast<std::size_t>(t)) % cells.size()]);
        in.members.push_back(std::move(m));
      }
    }
  }
  // Leave: about one member in eight is away for one to three weeks.
  for (auto& m : in.members) {
    if (rng.below(8) != 0) continue;
    sys_days from = first_day + std::chrono::days(rng.below(sh.months * 30));
    m.unavailable.push_back({local(from, 0, 0), local(from + std::chrono::days(7 * (1 + rng.below(3))), 0, 0)});
  }
  return in;
}

}  // namespace satdan::scheduling
