#include "pages/series_words.hpp"

#include "pages/vi_format.hpp"

namespace satdan::pages {

namespace {

std::string two(unsigned n) { return (n < 10 ? "0" : "") + std::to_string(n); }

}  // namespace

std::string short_vi_date(std::chrono::year_month_day d) {
  return two(static_cast<unsigned>(d.day())) + "/" + two(static_cast<unsigned>(d.month())) + "/" +
         std::to_string(static_cast<int>(d.year()));
}

std::string pattern_in_words(const services::monthly_rule& r, const catalogue& words) {
  std::string when;
  if (r.pattern == services::monthly_rule::by::day_of_month) {
    when = r.day == -1 ? words.get("series.rule_last_day")
                       : words.format("series.rule_day", {{"day", std::to_string(r.day)}});
  } else {
    std::string week = r.week == -1 ? words.get("series.week_last") : words.get("series.week_" + std::to_string(r.week));
    when = words.format("series.rule_weekday",
                        {{"weekday", words.item("weekdays", static_cast<std::size_t>(r.weekday))}, {"week", week}});
  }
  std::string every = r.every_months == 1 ? words.get("series.every_month")
                                          : words.format("series.every_months", {{"n", std::to_string(r.every_months)}});
  return words.format("series.rule_pattern", {{"when", when}, {"every", every}});
}

std::string rule_in_words(const domain::series& s, const catalogue& words) {
  auto rule = services::read_monthly_rule(s.rrule);
  if (!rule) return words.get("series.rule_other");
  std::string out = words.format("series.rule_at", {{"pattern", pattern_in_words(*rule, words)},
                                                    {"time", format_vi_time(s.start_minute / 60, s.start_minute % 60)}});
  if (rule->until)
    out += words.format("series.rule_until", {{"date", short_vi_date(*rule->until)}});
  else if (rule->count)
    out += words.format("series.rule_count", {{"n", format_vi_number(*rule->count)}});
  return out;
}

}  // namespace satdan::pages
