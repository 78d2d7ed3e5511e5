// A series' rule in Vietnamese words, as the secretariat says it: "Ngày 5 hằng tháng, lúc 19:30",
// "Thứ Ba tuần đầu tiên mỗi 2 tháng, lúc 19:30". The words come from the catalogue (series.*).
#pragma once
#include <string>

#include "domain/meeting.hpp"
#include "pages/catalogue.hpp"
#include "services/series_rule.hpp"

namespace satdan::pages {

// "Thứ Ba tuần đầu tiên hằng tháng" (no time, no bounds).
std::string pattern_in_words(const services::monthly_rule& r, const catalogue& words);
// The whole rule with its time and its end when it has one ("…, lúc 19:30, đến hết ngày 31/12/2027"); a rule
// not said in one phrase reads as the catalogue's series.rule_other.
std::string rule_in_words(const domain::series& s, const catalogue& words);
// "05/01/2027"
std::string short_vi_date(std::chrono::year_month_day d);

}  // namespace satdan::pages
