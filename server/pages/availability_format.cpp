#include "pages/availability_format.hpp"

#include "calendar/recurrence.hpp"
#include "pages/vi_format.hpp"

namespace satdan::pages {

std::string format_vi_period(core::instant start, core::instant end, const std::string& time_zone, const catalogue& words) {
  auto from = calendar::to_local(start, time_zone);
  auto to = calendar::to_local(end, time_zone);
  bool whole_days = from.time.hour == 0 && from.time.minute == 0 && to.time.hour == 0 && to.time.minute == 0;
  if (whole_days) {
    auto last = std::chrono::year_month_day{std::chrono::sys_days{to.date} - std::chrono::days{1}};
    if (last == from.date) return format_vi_date(from.date, words);
    return format_vi_date(from.date, words) + " – " + format_vi_date(last, words);
  }
  std::string head = format_vi_date(from.date, words) + " " + format_vi_time(from.time.hour, from.time.minute);
  if (to.date == from.date) return head + "–" + format_vi_time(to.time.hour, to.time.minute);
  return head + " – " + format_vi_date(to.date, words) + " " + format_vi_time(to.time.hour, to.time.minute);
}

}  // namespace satdan::pages
