// Dates and times as Vietnamese pages write them: "Thứ Ba, 05/01/2027" and 24-hour "19:30".
#pragma once
#include <chrono>
#include <string>

#include "pages/catalogue.hpp"

namespace satdan::pages {

// The weekday's name comes from the catalogue ("weekdays", Sunday first).
std::string format_vi_date(std::chrono::year_month_day date, const catalogue& words);
std::string format_vi_time(int hour, int minute);
// Numbers as Vietnamese write them: "1.234.567"; decimals with a comma: "3,5".
std::string format_vi_number(long long n);
std::string format_vi_decimal(double x, int decimals);

}  // namespace satdan::pages
