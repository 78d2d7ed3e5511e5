#include "pages/calendar_time.hpp"

#include "calendar/recurrence.hpp"

namespace satdan::pages {

using namespace std::chrono;

local_day local_today(const std::string& time_zone) { return local_day_of(core::now(), time_zone); }

local_day local_day_of(core::instant t, const std::string& time_zone) { return calendar::to_local(t, time_zone).date; }

core::instant local_midnight(local_day day, const std::string& time_zone) {
  return calendar::to_utc(day, {0, 0}, time_zone);
}

local_day monday_of(local_day day) {
  sys_days d{day};
  return local_day{d - (weekday{d} - Monday)};
}

local_day add_days(local_day day, int days) { return local_day{sys_days{day} + std::chrono::days{days}}; }

local_day first_of_month(local_day day) { return day.year() / day.month() / 1; }

local_day add_months(local_day day, int n) {
  year_month ym = year_month{day.year(), day.month()} + months{n};
  auto last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
  return ym.year() / ym.month() / (day.day() > last ? last : day.day());
}

local_day first_of_quarter(local_day day) {
  unsigned m = static_cast<unsigned>(day.month());
  return day.year() / month{(m - 1) / 3 * 3 + 1} / 1;
}

int month_index(local_day day) {
  return static_cast<int>(day.year()) * 12 + static_cast<int>(static_cast<unsigned>(day.month())) - 1;
}

}  // namespace satdan::pages
