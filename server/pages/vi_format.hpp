// Dates and times as Vietnamese pages write them: "Thứ Ba, 05/01/2027" and 24-hour "19:30".
#pragma once
#include <chrono>
#include <string>

#include "pages/catalogue.hpp"

namespace satdan::pages {

// The weekday's name comes from the catalogue ("weekdays", Sunday first).
std::string format_vi_date(std::chrono::year_month_day date, const catalogue& words);
std::string format_vi_time(int hour, int minute);

}  // namespace satdan::pages
