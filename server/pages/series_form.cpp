#include "pages/series_form.hpp"

#include <charconv>

#include "core/error.hpp"
#include "core/local_date.hpp"
#include "core/utf8.hpp"
#include "pages/series_words.hpp"
#include "services/series_rule.hpp"

namespace satdan::pages {

namespace {

std::optional<int> whole(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  int n = 0;
  if (text.empty()) return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return n;
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return std::string(text);
}

std::string msg(std::string_view key) { return assets().words().get("series." + std::string(key)); }

view option(const std::string& value, const std::string& label, const std::string& chosen) {
  view o;
  o.set("value", value);
  o.set("label", label);
  o.set("selected", value == chosen);
  return o;
}

}  // namespace

std::optional<std::chrono::year_month_day> read_form_date(std::string_view text) {
  std::string t = trimmed(text);
  if (t.find('/') == std::string::npos) {
    auto r = core::read_date(t);
    if (r.value) return *r.value;
    return std::nullopt;
  }
  // dd/mm/yyyy, as a Vietnamese writes a date where the browser has no date picker.
  auto a = t.find('/'), b = t.find('/', a + 1);
  if (b == std::string::npos) return std::nullopt;
  auto d = whole(std::string_view(t).substr(0, a)), m = whole(std::string_view(t).substr(a + 1, b - a - 1)),
       y = whole(std::string_view(t).substr(b + 1));
  if (!d || !m || !y || *d < 1 || *m < 1 || *y < 1900 || *y > 2200) return std::nullopt;
  std::chrono::year_month_day day{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*m)},
                                  std::chrono::day{static_cast<unsigned>(*d)}};
  if (!day.ok()) return std::nullopt;
  return day;
}

rule_input rule_input_from(const http::header_list& form) {
  rule_input in;
  in.pattern = form_field(form, "pattern");
  in.day = form_field(form, "day");
  in.weekday = form_field(form, "weekday");
  in.week = form_field(form, "week");
  in.every = form_field(form, "every");
  in.first_date = form_field(form, "first_date");
  in.ends = form_field(form, "ends");
  in.until = form_field(form, "until");
  in.count = form_field(form, "count");
  in.start_time = form_field(form, "start_time");
  in.end_time = form_field(form, "end_time");
  in.location = form_field(form, "location");
  in.skip_dates = form_field(form, "skip_dates");
  return in;
}

rule_input rule_input_from(const domain::series& s) {
  rule_input in;
  if (auto r = services::read_monthly_rule(s.rrule)) {
    in.pattern = r->pattern == services::monthly_rule::by::day_of_month ? "ngay" : "thu";
    in.day = r->day == -1 ? "cuoi" : std::to_string(r->day);
    in.weekday = std::to_string(r->weekday);
    in.week = r->week == -1 ? "cuoi" : std::to_string(r->week);
    in.every = std::to_string(r->every_months);
    if (r->until) {
      in.ends = "ngay";
      in.until = short_vi_date(*r->until);
    } else if (r->count) {
      in.ends = "so-lan";
      in.count = std::to_string(*r->count);
    }
  }
  in.first_date = short_vi_date(s.first_date);
  in.start_time = core::format_clock(s.start_minute);
  in.end_time = core::format_clock((s.start_minute + s.duration_minutes) % (24 * 60));
  in.location = s.location.value_or("");
  for (const auto& d : s.exdates) in.skip_dates += (in.skip_dates.empty() ? "" : "\n") + short_vi_date(d);
  return in;
}

rule_reading read_rule_input(const rule_input& in, domain::id_t cell_id, const std::string& time_zone,
                             const domain::series* seats_from) {
  rule_reading out;
  auto& errors = out.errors;
  services::monthly_rule rule;
  if (in.pattern == "thu") {
    rule.pattern = services::monthly_rule::by::weekday;
    auto wd = whole(in.weekday);
    if (!wd || *wd < 0 || *wd > 6) errors.emplace_back("weekday", msg("err_weekday"));
    else rule.weekday = *wd;
    auto wk = in.week == "cuoi" ? std::optional<int>(-1) : whole(in.week);
    if (!wk || !((*wk >= 1 && *wk <= 4) || *wk == -1)) errors.emplace_back("week", msg("err_week"));
    else rule.week = *wk;
  } else {
    auto d = in.day == "cuoi" ? std::optional<int>(-1) : whole(in.day);
    if (!d || !((*d >= 1 && *d <= 31) || *d == -1)) errors.emplace_back("day", msg("err_day"));
    else rule.day = *d;
  }
  auto every = whole(in.every);
  if (!every || *every < 1 || *every > 12) errors.emplace_back("every", msg("err_every"));
  else rule.every_months = *every;

  auto first = read_form_date(in.first_date);
  if (!first) errors.emplace_back("first_date", msg("err_date"));
  else out.series.first_date = *first;
  if (in.ends == "ngay") {
    auto until = read_form_date(in.until);
    if (!until) errors.emplace_back("until", msg("err_date"));
    else if (first && *until < *first) errors.emplace_back("until", msg("err_until_before"));
    else rule.until = *until;
  } else if (in.ends == "so-lan") {
    auto count = whole(in.count);
    if (!count || *count < 1 || *count > 500) errors.emplace_back("count", msg("err_count"));
    else rule.count = *count;
  }

  auto start = core::parse_clock(trimmed(in.start_time));
  auto end = core::parse_clock(trimmed(in.end_time));
  if (!start) errors.emplace_back("start_time", msg("err_time"));
  if (!end) errors.emplace_back("end_time", msg("err_time"));
  else if (start && *end <= *start) errors.emplace_back("end_time", msg("err_end_time"));
  else if (start && *end - *start < 15) errors.emplace_back("end_time", msg("err_duration"));
  if (start && end && *end > *start) {
    out.series.start_minute = *start;
    out.series.duration_minutes = *end - *start;
  }

  std::string place = trimmed(in.location);
  if (core::utf8_length(place) > 200) errors.emplace_back("location", msg("err_location"));
  else if (!place.empty()) out.series.location = place;

  std::string_view rest = in.skip_dates;
  while (!rest.empty()) {
    auto cut = rest.find_first_of(",;\n");
    std::string one = trimmed(rest.substr(0, cut));
    rest = cut == std::string_view::npos ? std::string_view{} : rest.substr(cut + 1);
    if (one.empty()) continue;
    auto d = read_form_date(one);
    if (!d) {
      errors.emplace_back("skip_dates", assets().words().format("series.err_skip", {{"text", one}}));
      break;
    }
    out.series.exdates.push_back(*d);
  }
  std::sort(out.series.exdates.begin(), out.series.exdates.end());
  out.series.exdates.erase(std::unique(out.series.exdates.begin(), out.series.exdates.end()), out.series.exdates.end());

  out.series.rrule = services::to_rrule(rule);
  out.series.cell_id = cell_id;
  out.series.time_zone = time_zone;
  if (seats_from) {
    out.series.needs = seats_from->needs;
    out.series.optional = seats_from->optional;
  } else {
    // The API's defaults for a cell meeting (domain::series_from_json).
    out.series.needs = {{"commune", 1}};
    out.series.optional = {{"district", 1}};
  }
  return out;
}

void put_rule_fields(view& page, const rule_input& in, const field_messages& errors) {
  const auto& words = assets().words();
  view f;
  f.set("pattern_day", in.pattern != "thu");
  f.set("pattern_weekday", in.pattern == "thu");
  view days{view::type::list};
  for (int d = 1; d <= 31; ++d) days.push_back(option(std::to_string(d), words.format("series.day_n", {{"n", std::to_string(d)}}), in.day));
  days.push_back(option("cuoi", msg("day_last"), in.day));
  f.set("days", days);
  view weekdays{view::type::list};
  // Monday first, as a Vietnamese week is written; Sunday last.
  for (int w : {1, 2, 3, 4, 5, 6, 0}) weekdays.push_back(option(std::to_string(w), words.item("weekdays", static_cast<std::size_t>(w)), in.weekday));
  f.set("weekdays", weekdays);
  view weeks{view::type::list};
  for (int w = 1; w <= 4; ++w) weeks.push_back(option(std::to_string(w), msg("week_opt_" + std::to_string(w)), in.week));
  weeks.push_back(option("cuoi", msg("week_opt_last"), in.week));
  f.set("weeks", weeks);
  f.set("every", in.every);
  f.set("first_date", in.first_date);
  f.set("ends_none", in.ends != "ngay" && in.ends != "so-lan");
  f.set("ends_until", in.ends == "ngay");
  f.set("ends_count", in.ends == "so-lan");
  f.set("until", in.until);
  f.set("count", in.count);
  f.set("start_time", in.start_time);
  f.set("end_time", in.end_time);
  f.set("location", in.location);
  f.set("skip_dates", in.skip_dates);
  for (const auto& [field, message] : errors) f.set(field + "_error", message);
  page.set("f", f);
}

field_messages messages_for(const core::error& e) {
  field_messages out;
  for (const auto& fe : e.fields()) {
    if (fe.field == "from") out.emplace_back("first_date", msg("err_from"));
    else out.emplace_back("pattern", msg("err_rule"));
  }
  if (out.empty()) out.emplace_back("pattern", msg("err_rule"));
  return out;
}

}  // namespace satdan::pages
