// The demo district. Phú Ninh's real shape (one town, ten communes) so users recognise it; village names are
// real where we know them (khối phố Tam Cẩm) and otherwise plausible Quảng Nam names, all distinct so a demo
// never shows two "thôn An Thọ". People are generated from a fixed LCG, not <random>, whose distributions
// differ between standard libraries: two empty databases must end up with identical rows.
#include "demo/seed_demo.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "security/secrets.hpp"

namespace satdan::demo {
namespace {

using namespace std::chrono_literals;
using domain::id_t;

// ---- Places ----------------------------------------------------------------------------------------------

constexpr std::string_view phu_thinh[] = {"Tam Cẩm", "Phú Mỹ", "Phú Xuân", "Thạnh Bình", "Trung Phú",
                                          "Tân Thịnh", "Tân Phú", "Bình An", "Cẩm Thịnh"};
constexpr std::string_view tam_thanh[] = {"Phú Lâm", "Thạnh Mỹ", "Vân Tây", "Ngọc Sơn",
                                          "Cẩm Phô", "Hòa Thạnh", "Trung Thành", "Tân Lập"};
constexpr std::string_view tam_an[] = {"An Thọ", "An Mỹ", "An Hòa", "Phú Quý",
                                       "Mỹ Thạch", "Tân An", "Hội Phước", "Đông Yên"};
constexpr std::string_view tam_ddan[] = {"Đàn Thượng", "Đàn Trung", "Đàn Hạ", "Khương Đông",
                                         "Phước Thạnh", "Mỹ Hòa", "Ngọc Giáp", "Vĩnh Quý"};
constexpr std::string_view tam_dan[] = {"Khánh Thọ", "Tịch Yên", "Đại Phú", "Phú Hòa",
                                        "Thạnh Hòa", "Trung Đông", "Dân Phước", "Xuân Thái"};
constexpr std::string_view tam_dai[] = {"Đại Đồng", "Đại An", "Mỹ Thạnh", "Phước Lợi",
                                        "Bình Trung", "Long Sơn", "Hòa Mỹ"};
constexpr std::string_view tam_loc[] = {"Cẩm Khê", "Phước Lộc", "Tiên Xuân", "Xuân Quý",
                                        "Lộc Yên", "Thạch Tân", "Hòa Đông", "An Lộc"};
constexpr std::string_view tam_phuoc[] = {"Phước Mỹ", "Phước An", "Vĩnh Phước", "Khánh An",
                                          "Lạc Sơn", "Thuận An", "Phú Thạnh", "Tân Phước"};
constexpr std::string_view tam_thai[] = {"Thái Xuân", "Thái Đông", "Bình Hòa", "Phú Hưng",
                                         "Tứ Mỹ", "Hưng Mỹ", "Thái Bình"};
constexpr std::string_view tam_lanh[] = {"Bồng Miêu", "Lãnh Thượng", "Lãnh Trung", "Suối Đá",
                                         "Hòa Lãnh", "Đồng Tranh", "Ngọc Phú"};
constexpr std::string_view tam_vinh[] = {"Vinh Bình", "Vinh Quang", "Vinh Hòa", "Tân Mỹ",
                                         "Trường Xuân", "Phú Vinh", "Thạnh Vinh"};

struct commune_data {
  std::string_view name;
  bool town;                                 // the town has street blocks (khối phố), communes villages (thôn)
  std::span<const std::string_view> places;
  int committee;                             // commune committee members seeded (10-14)
};

// Arrays are named in plain ASCII; "dd" marks Đ (as typed in Telex) where Tam Đàn and Tam Dân would clash.
constexpr commune_data communes[] = {
    {"Phú Thịnh", true, phu_thinh, 13},
    {"Tam Thành", false, tam_thanh, 12},
    {"Tam An", false, tam_an, 11},
    {"Tam Đàn", false, tam_ddan, 12},
    {"Tam Dân", false, tam_dan, 14},
    {"Tam Đại", false, tam_dai, 10},
    {"Tam Lộc", false, tam_loc, 12},
    {"Tam Phước", false, tam_phuoc, 11},
    {"Tam Thái", false, tam_thai, 10},
    {"Tam Lãnh", false, tam_lanh, 11},
    {"Tam Vinh", false, tam_vinh, 10},
};

// Agency cells of the district's own bodies, all hosted by the district unit.
constexpr std::string_view agency_cells[] = {
    "Chi bộ Văn phòng Huyện ủy",
    "Chi bộ Ủy ban Kiểm tra Huyện ủy",
    "Chi bộ Ban Tổ chức Huyện ủy",
    "Chi bộ Ban Tuyên giáo Huyện ủy",
    "Chi bộ Ban Dân vận Huyện ủy",
    "Chi bộ Văn phòng HĐND và UBND huyện",
    "Chi bộ Phòng Tài nguyên và Môi trường",
    "Chi bộ Phòng Nông nghiệp và Phát triển nông thôn",
    "Chi bộ Phòng Tài chính - Kế hoạch",
    "Chi bộ Phòng Giáo dục và Đào tạo",
    "Chi bộ Phòng Lao động - Thương binh và Xã hội",
    "Chi bộ Công an huyện",
    "Chi bộ Ban Chỉ huy Quân sự huyện",
    "Chi bộ Trung tâm Y tế huyện",
    "Chi bộ Ủy ban MTTQ Việt Nam và các đoàn thể huyện",
};

// ---- People ----------------------------------------------------------------------------------------------

constexpr int district_committee = 40;

struct post {
  std::string_view position;
  bool chair;         // standing committee: may chair a dialogue
  int max_per_month;  // the busiest leaders are asked for fewer sessions
};

// The first district members, in this order; the rest have no position on file.
constexpr post district_posts[] = {
    {"Bí thư Huyện ủy", true, 3},
    {"Phó Bí thư Thường trực Huyện ủy, Chủ tịch HĐND huyện", true, 3},
    {"Phó Bí thư Huyện ủy, Chủ tịch UBND huyện", true, 3},
    {"Chủ nhiệm Ủy ban Kiểm tra Huyện ủy", true, 4},
    {"Trưởng Ban Dân vận Huyện ủy", true, 4},
    {"Phó Chủ tịch Thường trực UBND huyện", true, 4},
    {"Trưởng Ban Tổ chức Huyện ủy", false, 4},
    {"Trưởng Ban Tuyên giáo Huyện ủy", false, 4},
    {"Chánh Văn phòng Huyện ủy", false, 4},
    {"Chủ tịch Ủy ban MTTQ Việt Nam huyện", false, 4},
    {"Trưởng Công an huyện", false, 4},
    {"Chỉ huy trưởng Ban Chỉ huy Quân sự huyện", false, 4},
    {"Phó Chủ tịch UBND huyện", false, 4},
    {"Trưởng phòng Tài nguyên và Môi trường", false, 4},
    {"Trưởng phòng Nông nghiệp và Phát triển nông thôn", false, 4},
    {"Giám đốc Trung tâm Y tế huyện", false, 4},
};

// The first commune members; " xã Tam An" or " thị trấn Phú Thịnh" is appended.
constexpr std::string_view commune_posts[] = {"Bí thư Đảng ủy", "Phó Bí thư Thường trực Đảng ủy", "Chủ tịch UBND",
                                              "Chủ tịch Ủy ban MTTQ Việt Nam"};

// Repeats weight the family names roughly as they occur in Quảng Nam.
constexpr std::string_view family_names[] = {"Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê",
                                             "Phạm", "Huỳnh", "Huỳnh", "Hoàng", "Phan", "Võ", "Võ",
                                             "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"};
constexpr std::string_view male_middle[] = {"Văn", "Văn", "Văn", "Đức", "Minh", "Hữu", "Quang",
                                            "Ngọc", "Thanh", "Công", "Tấn", "Xuân"};
constexpr std::string_view female_middle[] = {"Thị", "Thị", "Thị", "Ngọc", "Thanh", "Thu", "Minh"};
constexpr std::string_view male_given[] = {"Hùng", "Dũng", "Tuấn", "Hải", "Sơn", "Long", "Phúc", "Thắng", "Tâm",
                                           "Nam", "Bình", "Cường", "Hòa", "Trung", "Tín", "Lộc", "Vinh", "Quý",
                                           "Khoa", "Thành", "Hiếu", "Toàn", "Kiên", "Nghĩa", "Định", "Phong"};
constexpr std::string_view female_given[] = {"Lan", "Hoa", "Hương", "Mai", "Hạnh", "Thủy", "Hằng", "Trang", "Nga",
                                             "Thảo", "Liên", "Dung", "Vân", "Nhung", "Loan", "Phượng", "Yến",
                                             "Hiền"};
constexpr std::string_view phone_prefixes[] = {"0905", "0935", "0914", "0983", "0962", "0336", "0347", "0378"};

// ---- Unavailability ----------------------------------------------------------------------------------------

struct leave {
  int commune;  // index into `communes`, or -1 for a district member
  int member;   // index among that group's members, in creation order
  std::chrono::year_month_day from, until;  // local dates, half-open
  std::string_view reason;
};

constexpr leave leaves[] = {
    {-1, 3, 2027y / 1 / 11, 2027y / 1 / 16, "Công tác tỉnh"},
    {-1, 8, 2027y / 1 / 18, 2027y / 1 / 25, "Nghỉ phép"},
    {-1, 22, 2027y / 2 / 15, 2027y / 2 / 22, "Nghỉ phép"},
    {-1, 15, 2027y / 3 / 1, 2027y / 3 / 27, "Đi học tập trung"},
    {4, 5, 2027y / 1 / 25, 2027y / 2 / 1, "Nghỉ phép"},
    {0, 2, 2027y / 3 / 8, 2027y / 3 / 13, "Công tác tỉnh"},
};

// Midnight in Quảng Nam (UTC+7) as a UTC instant.
core::instant local_midnight(std::chrono::year_month_day day) {
  return std::chrono::sys_days{day} - std::chrono::hours{7};
}

// A fixed linear congruential generator (Numerical Recipes constants); the high bits are the better ones.
class lcg {
 public:
  std::size_t below(std::size_t n) {
    state_ = state_ * 1664525u + 1013904223u;
    return (state_ >> 8) % n;
  }
  template <class T, std::size_t N>
  const T& pick(const T (&items)[N]) { return items[below(N)]; }

 private:
  std::uint32_t state_ = 20270101u;
};

std::string formatted(const char* format, int a, int b = 0) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, format, a, b);
  return buffer;
}

class seeder {
 public:
  explicit seeder(store::directory_store& directory) : directory_(directory) {}

  id_t unit(std::optional<id_t> parent, std::string kind, std::string_view name, std::string unit_code) {
    ++report_.units;
    return directory_.create_unit({.parent_id = parent, .kind = std::move(kind), .name = std::string(name),
                                   .code = std::move(unit_code)}, system).id;
  }

  id_t cell(id_t unit_id, std::string name, std::string kind) {
    ++report_.cells;
    return directory_.create_cell({.unit_id = unit_id, .name = std::move(name), .kind = std::move(kind)}, system).id;
  }

  id_t member(std::string level, id_t home, std::optional<std::string> position, bool chair, int max_per_month) {
    ++report_.members;
    domain::member m;
    m.full_name = unique_name();
    m.level = std::move(level);
    if (chair) m.roles.push_back("chair");
    m.home_unit_id = home;
    m.max_per_month = max_per_month;
    m.position = std::move(position);
    m.phone = phone();
    return directory_.create_member(std::move(m), system).id;
  }

  void responsible(id_t member_id, std::optional<id_t> unit_id, std::optional<id_t> cell_id) {
    ++report_.responsibilities;
    directory_.create_responsibility({.member_id = member_id, .unit_id = unit_id, .cell_id = cell_id}, system);
  }

  void unavailable(id_t member_id, core::instant start, core::instant end, std::string_view reason) {
    ++report_.unavailability;
    directory_.create_unavailability(
        {.member_id = member_id, .start = start, .end = end, .reason = std::string(reason)}, system);
  }

  lcg& rng() { return rng_; }
  const seed_report& report() const { return report_; }

 private:
  // About a third women; a repeated name is drawn again so the demo never shows two identical people.
  std::string unique_name() {
    for (;;) {
      bool woman = rng_.below(3) == 0;
      std::string name(rng_.pick(family_names));
      name += ' ';
      name += woman ? rng_.pick(female_middle) : rng_.pick(male_middle);
      name += ' ';
      name += woman ? rng_.pick(female_given) : rng_.pick(male_given);
      if (used_names_.insert(name).second) return name;
    }
  }

  // "0905 123 456"; one member in eight has no phone on file.
  std::optional<std::string> phone() {
    if (rng_.below(8) == 0) return std::nullopt;
    std::string number(rng_.pick(phone_prefixes));
    int rest = static_cast<int>(rng_.below(1000000));
    return number + formatted(" %03d %03d", rest / 1000, rest % 1000);
  }

  const store::actor system{};  // the seed writes as the system, not as an account
  store::directory_store& directory_;
  seed_report report_;
  lcg rng_;
  std::set<std::string> used_names_;
};

}  // namespace

seed_report seed_demo(store::directory_store& directory, store::accounts_store& accounts,
                       const std::string& password) {
  if (directory.count_units() > 0)
    throw core::error(core::errc::conflict,
                      "The database already holds units; the demo district is only seeded into an empty database.");
  seeder seed(directory);

  // Units and cells: the district, then each commune followed by its villages and their cells.
  id_t district = seed.unit(std::nullopt, "district", "Phú Ninh", "PN");
  std::vector<id_t> commune_ids;
  std::vector<std::vector<id_t>> village_cells;
  for (int i = 0; i < std::ssize(communes); ++i) {
    const auto& c = communes[i];
    id_t commune = seed.unit(district, c.town ? "town" : "commune", c.name, formatted("PN-%02d", i + 1));
    commune_ids.push_back(commune);
    auto& cells = village_cells.emplace_back();
    for (int j = 0; j < std::ssize(c.places); ++j) {
      id_t place = seed.unit(commune, c.town ? "street_block" : "village", c.places[j],
                             formatted("PN-%02d-%02d", i + 1, j + 1));
      cells.push_back(seed.cell(place, std::string(c.town ? "Chi bộ khối phố " : "Chi bộ thôn ") +
                                           std::string(c.places[j]), "village"));
    }
  }
  for (auto name : agency_cells) seed.cell(district, std::string(name), "agency");

  // District members: member i answers for commune i mod 11, the first 20 also for commune (i + 6) mod 11.
  // Those 60 slots fall 5 or 6 on every commune, and the six standing members alone cover all eleven.
  // Their home, (i + 5) mod 11, is never a commune they answer for.
  const int n = static_cast<int>(commune_ids.size());
  std::vector<id_t> district_ids;
  for (int i = 0; i < district_committee; ++i) {
    std::optional<std::string> position;
    bool chair = false;
    int max_per_month = 4;
    if (i < std::ssize(district_posts)) {
      position = std::string(district_posts[i].position);
      chair = district_posts[i].chair;
      max_per_month = district_posts[i].max_per_month;
    }
    id_t m = seed.member("district", commune_ids[(i + 5) % n], position, chair, max_per_month);
    district_ids.push_back(m);
    seed.responsible(m, commune_ids[i % n], std::nullopt);
    if (i < 20) seed.responsible(m, commune_ids[(i + 6) % n], std::nullopt);
  }

  // Commune members take 2-4 consecutive village cells each, wrapping around the commune's list; ten
  // members take at least 20 slots, more than the 9 cells of the largest commune, so every cell is covered.
  std::vector<std::vector<id_t>> commune_member_ids(commune_ids.size());
  for (int i = 0; i < n; ++i) {
    const auto& c = communes[i];
    const auto& cells = village_cells[i];
    std::string where = std::string(c.town ? " thị trấn " : " xã ") + std::string(c.name);
    std::size_t slot = 0;
    for (int k = 0; k < c.committee; ++k) {
      std::optional<std::string> position;
      if (k < std::ssize(commune_posts)) position = std::string(commune_posts[k]) + where;
      id_t m = seed.member("commune", commune_ids[i], position, false, 4);
      commune_member_ids[i].push_back(m);
      for (std::size_t take = 2 + seed.rng().below(3); take > 0; --take, ++slot)
        seed.responsible(m, std::nullopt, cells[slot % cells.size()]);
    }
  }

  for (const auto& l : leaves) {
    id_t m = l.commune < 0 ? district_ids[l.member] : commune_member_ids[l.commune][l.member];
    seed.unavailable(m, local_midnight(l.from), local_midnight(l.until), l.reason);
  }

  // One account per role; demo-member is the Bí thư Huyện ủy's own, so a member's view has real sessions.
  seed_report report = seed.report();
  const std::string hash = security::hash_password(password);
  struct demo_account {
    const char* username;
    const char* display_name;
    const char* role;
  };
  constexpr demo_account demo_accounts[] = {
      {"demo-admin", "Quản trị hệ thống", "admin"},
      {"demo-secretariat", "Văn phòng Huyện ủy", "secretariat"},
      {"demo-staff", "Cán bộ tiếp dân", "staff"},
      {"demo-member", nullptr, "member"},
  };
  for (const auto& d : demo_accounts) {
    domain::account a;
    a.username = d.username;
    if (d.display_name) a.display_name = d.display_name;
    a.role = d.role;
    if (a.role == "member") a.member_id = district_ids.front();
    accounts.create(a, hash, store::actor{});
    ++report.accounts;
  }
  return report;
}

}  // namespace satdan::demo
