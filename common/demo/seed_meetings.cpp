// The demo's meetings: a monthly series for every party cell and about forty citizen dialogues across 2027.
// Village cells meet in the evening and many on the same days, as they do, so the scheduler meets real
// conflicts; agency cells meet in office hours. Series are stored without sessions: the server's horizon
// extension (calendar/) turns them into sessions with libical.
#include <functional>
#include <string>
#include <vector>

#include "demo/seed_demo.hpp"

namespace satdan::demo {

namespace {

using namespace std::chrono_literals;

struct pattern {
  const char* rrule;
  int start_minute;
};

// The patterns cells really use: a fixed day, a weekday of the first or last week.
constexpr pattern village_patterns[] = {
    {"FREQ=MONTHLY;BYMONTHDAY=5", 19 * 60 + 30},  {"FREQ=MONTHLY;BYDAY=1TU", 19 * 60 + 30},
    {"FREQ=MONTHLY;BYDAY=-1SU", 19 * 60},          {"FREQ=MONTHLY;BYMONTHDAY=10", 19 * 60 + 30},
    {"FREQ=MONTHLY;BYMONTHDAY=5", 20 * 60},        {"FREQ=MONTHLY;BYDAY=2WE", 19 * 60 + 30},
    {"FREQ=MONTHLY;BYMONTHDAY=15", 19 * 60 + 30},
};
constexpr pattern agency_patterns[] = {
    {"FREQ=MONTHLY;BYDAY=1MO", 14 * 60}, {"FREQ=MONTHLY;BYMONTHDAY=3", 7 * 60 + 30}, {"FREQ=MONTHLY;BYDAY=-1FR", 14 * 60},
};

constexpr const char* dialogue_topics[] = {
    "Quản lý, sử dụng đất đai",
    "Cấp giấy chứng nhận quyền sử dụng đất sau dồn điền đổi thửa",
    "Phát triển sản xuất nông nghiệp",
    "Giải quyết đơn thư, khiếu nại, tố cáo",
    "Xây dựng tiêu chí nông thôn mới",
    "Chính sách an sinh xã hội",
    "Đầu tư hạ tầng giao thông nông thôn",
};

template <class T>
std::vector<T> everything(const std::function<store::page<T>(store::page_request)>& list) {
  std::vector<T> out;
  store::page_request p{.limit = 500, .after = 0};
  for (;;) {
    auto page = list(p);
    out.insert(out.end(), page.items.begin(), page.items.end());
    if (!page.next_after) return out;
    p.after = *page.next_after;
  }
}

}  // namespace

meetings_report seed_demo_meetings(store::directory_store& directory, store::meetings_store& meetings,
                                   const std::string& time_zone) {
  meetings_report report;
  const store::actor system{};
  auto cells = everything<domain::cell>([&](store::page_request p) { return directory.list_cells({}, p); });
  auto units = everything<domain::unit>([&](store::page_request p) { return directory.list_units({}, p); });
  // "thôn Phú Lâm" for a village, "khối phố Tam Cẩm" for a street block.
  auto place_name = [&](domain::id_t id) {
    for (const auto& u : units)
      if (u.id == id) return (u.kind == "street_block" ? "khối phố " : "thôn ") + u.name;
    return std::string();
  };

  int village = 0, agency = 0;
  for (const auto& c : cells) {
    bool is_agency = c.kind == "agency";
    const pattern& p = is_agency ? agency_patterns[agency++ % std::size(agency_patterns)]
                                 : village_patterns[village++ % std::size(village_patterns)];
    domain::series s;
    s.cell_id = c.id;
    s.rrule = p.rrule;
    s.first_date = 2027y / 1 / 1;
    s.start_minute = p.start_minute;
    s.duration_minutes = 120;
    s.time_zone = time_zone;
    s.location = is_agency ? "Phòng họp " + c.name.substr(c.name.find(' ', 7) + 1) : "Nhà văn hóa " + place_name(c.unit_id);
    // Village cells need a commune committee member (and welcome a district one); agency cells are the
    // district's own and need a district committee member.
    s.needs = is_agency ? domain::seats{{"district", 1}} : domain::seats{{"commune", 1}};
    s.optional = is_agency ? domain::seats{} : domain::seats{{"district", 1}};
    // No sessions yet: the horizon extension that follows the seed makes them.
    meetings.create_series(s, {}, core::instant{}, system);
    ++report.series;
  }

  // Dialogues: about three or four a month, rotating over the communes, mornings on working days.
  std::vector<const domain::unit*> communes;
  for (const auto& u : units)
    if (u.kind == "commune" || u.kind == "town") communes.push_back(&u);
  for (int i = 0; i < 40 && !communes.empty(); ++i) {
    const domain::unit& where = *communes[static_cast<std::size_t>(i) % communes.size()];
    std::chrono::year_month_day day = 2027y / std::chrono::month(1 + static_cast<unsigned>(i * 12 / 40)) /
                                      std::chrono::day(8 + static_cast<unsigned>((i * 5) % 17));
    // Saturdays and Sundays move to the Monday after: citizens come on working days.
    std::chrono::weekday wd{std::chrono::sys_days{day}};
    std::chrono::sys_days date = std::chrono::sys_days{day} + (wd == std::chrono::Saturday ? std::chrono::days{2}
                                                              : wd == std::chrono::Sunday ? std::chrono::days{1}
                                                                                          : std::chrono::days{0});
    domain::session s;
    s.kind = "dialogue";
    s.unit_id = where.id;
    s.topic = dialogue_topics[i % std::size(dialogue_topics)];
    // 08:00 in Quảng Nam (UTC+7, no daylight saving) is 01:00 UTC.
    s.start = date + 1h;
    s.end = date + 4h;
    s.location = "Hội trường UBND " + std::string(where.kind == "town" ? "thị trấn " : "xã ") + where.name;
    s.expected_citizens = 60 + (i * 37) % 120;
    s.needs = {{"chair", 1}, {"district", 2}};
    meetings.create_session(s, system);
    ++report.dialogues;
  }
  return report;
}

}  // namespace satdan::demo
