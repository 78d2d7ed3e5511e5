#include "domain/grievance_report.hpp"
#include "domain/json_support.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/csv.hpp"
#include "core/local_date.hpp"

namespace satdan::domain {

using json_support::opt_rate;

namespace json = boost::json;

namespace {

int days_between(date a, date b) { return static_cast<int>((std::chrono::sys_days{b} - std::chrono::sys_days{a}).count()); }

bool answered(const grievance& g) { return g.answered_on.has_value(); }
bool on_time(const grievance& g) { return g.answered_on && *g.answered_on <= g.due_on; }

std::optional<double> rate(int part, int whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<double>(part) / whole;
}

std::string name_of(const std::map<id_t, std::string>& names, id_t id) {
  auto it = names.find(id);
  return it == names.end() ? "" : it->second;
}

// Counts by key in the order keys first appear in `order` (then any others, sorted).
std::vector<grievance_count> counts(const std::map<std::string, int>& tally,
                                    const std::vector<std::pair<std::string, std::string>>& order) {
  std::vector<grievance_count> out;
  for (const auto& [code, label] : order) {
    auto it = tally.find(code);
    out.push_back({code, label, it == tally.end() ? 0 : it->second});
  }
  for (const auto& [code, n] : tally) {
    bool listed = std::any_of(order.begin(), order.end(), [&](const auto& o) { return o.first == code; });
    if (!listed) out.push_back({code, code, n});
  }
  return out;
}


json::array counts_json(const std::vector<grievance_count>& list) {
  json::array out;
  for (const auto& c : list) out.push_back({{"code", c.code}, {"label", c.label}, {"count", c.count}});
  return out;
}

std::string number(const std::optional<double>& v, bool percent) {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", percent ? *v * 100.0 : *v);
  return buf;
}

}  // namespace

std::optional<double> percentile(std::vector<int> values, double p) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

grievance_report build_grievance_report(const std::vector<grievance>& cases, date from, date to, date today,
                                        const std::map<id_t, std::string>& unit_names) {
  grievance_report r;
  r.from = from;
  r.to = to;
  r.today = today;
  std::map<std::string, int> kinds, categories, units;
  std::vector<std::pair<std::string, std::string>> category_order, unit_order;
  std::vector<int> days;
  std::map<std::optional<id_t>, handling_unit_row> by_unit;
  std::map<std::optional<id_t>, std::vector<int>> unit_days;
  for (const auto& g : cases) {
    ++r.received;
    ++kinds[g.kind];
    if (categories[g.category]++ == 0) category_order.emplace_back(g.category, g.category_label);
    std::string unit = std::to_string(g.unit_id);
    if (units[unit]++ == 0) unit_order.emplace_back(unit, name_of(unit_names, g.unit_id));
    auto& row = by_unit[g.handling_unit_id];
    ++row.received;
    if (answered(g)) {
      int d = days_between(g.received_on, *g.answered_on);
      ++r.answered;
      ++row.answered;
      days.push_back(d);
      unit_days[g.handling_unit_id].push_back(d);
      if (on_time(g)) {
        ++r.answered_on_time;
        ++row.answered_on_time;
      } else {
        ++row.answered_late;
      }
    } else if (g.status != "closed") {
      ++row.open;
    }
    if (is_overdue(g, today)) {
      ++r.overdue;
      ++row.overdue;
      std::string unit_name = g.handling_unit_id ? name_of(unit_names, *g.handling_unit_id) : "";
      r.overdue_cases.push_back({g.id, g.tracking_code, g.kind, g.category, g.status, g.handling_unit_id, unit_name,
                                 g.received_on, g.due_on, days_between(g.due_on, today)});
    }
  }
  r.on_time_rate = rate(r.answered_on_time, r.answered);
  r.median_days = percentile(days, 50);
  r.p90_days = percentile(days, 90);
  std::vector<std::pair<std::string, std::string>> kind_order;
  for (const auto& k : grievance_kinds()) kind_order.emplace_back(k.code, k.label);
  r.by_kind = counts(kinds, kind_order);
  std::sort(category_order.begin(), category_order.end());
  r.by_category = counts(categories, category_order);
  r.by_unit = counts(units, unit_order);
  for (auto& [id, row] : by_unit) {
    row.handling_unit_id = id;
    row.name = id ? name_of(unit_names, *id) : "";
    row.on_time_rate = rate(row.answered_on_time, row.answered);
    row.median_days = percentile(unit_days[id], 50);
    r.by_handling_unit.push_back(row);
  }
  // Most overdue first: the review starts with the worst.
  std::stable_sort(r.overdue_cases.begin(), r.overdue_cases.end(),
                   [](const overdue_case& a, const overdue_case& b) { return a.days_overdue > b.days_overdue; });
  return r;
}

json::object to_json(const grievance_report& r) {
  json::array overdue, units;
  for (const auto& o : r.overdue_cases) {
    json::value unit = nullptr;
    if (o.handling_unit_id) unit = *o.handling_unit_id;
    overdue.push_back({{"id", o.id},
                       {"tracking_code", o.tracking_code},
                       {"kind", o.kind},
                       {"category", o.category},
                       {"status", o.status},
                       {"handling_unit_id", unit},
                       {"handling_unit_name", o.handling_unit_name},
                       {"received_on", core::format_date(o.received_on)},
                       {"due_on", core::format_date(o.due_on)},
                       {"days_overdue", o.days_overdue}});
  }
  for (const auto& u : r.by_handling_unit) {
    json::value id = nullptr;
    if (u.handling_unit_id) id = *u.handling_unit_id;
    units.push_back({{"handling_unit_id", id},
                     {"name", u.name},
                     {"received", u.received},
                     {"answered", u.answered},
                     {"answered_on_time", u.answered_on_time},
                     {"answered_late", u.answered_late},
                     {"open", u.open},
                     {"overdue", u.overdue},
                     {"on_time_rate", opt_rate(u.on_time_rate)},
                     {"median_days", opt_rate(u.median_days)}});
  }
  return {{"from", core::format_date(r.from)},
          {"to", core::format_date(r.to)},
          {"as_of", core::format_date(r.today)},
          {"received", r.received},
          {"answered", r.answered},
          {"answered_on_time", r.answered_on_time},
          {"on_time_rate", opt_rate(r.on_time_rate)},
          {"overdue", r.overdue},
          {"median_days", opt_rate(r.median_days)},
          {"p90_days", opt_rate(r.p90_days)},
          {"by_kind", counts_json(r.by_kind)},
          {"by_category", counts_json(r.by_category)},
          {"by_unit", counts_json(r.by_unit)},
          {"overdue_cases", std::move(overdue)},
          {"by_handling_unit", std::move(units)}};
}

std::string to_csv(const grievance_report& r, const std::string& table) {
  core::csv_writer w;
  if (table == "handling_units") {
    w.row({"Đơn vị xử lý", "Mã đơn vị", "Tiếp nhận", "Đã trả lời", "Đúng hạn", "Trễ hạn", "Đang xử lý", "Quá hạn",
           "Tỷ lệ đúng hạn (%)", "Số ngày xử lý (trung vị)"});
    for (const auto& u : r.by_handling_unit)
      w.row({u.handling_unit_id ? u.name : "(chưa giao)", u.handling_unit_id ? std::to_string(*u.handling_unit_id) : "",
             std::to_string(u.received), std::to_string(u.answered), std::to_string(u.answered_on_time),
             std::to_string(u.answered_late), std::to_string(u.open), std::to_string(u.overdue),
             number(u.on_time_rate, true), number(u.median_days, false)});
  } else if (table == "overdue") {
    w.row({"Mã theo dõi", "Loại", "Lĩnh vực", "Trạng thái", "Đơn vị xử lý", "Ngày tiếp nhận", "Hạn xử lý", "Số ngày quá hạn"});
    for (const auto& o : r.overdue_cases)
      w.row({o.tracking_code, label_of(grievance_kinds(), o.kind), o.category, label_of(grievance_statuses(), o.status),
             o.handling_unit_name, core::format_date(o.received_on), core::format_date(o.due_on),
             std::to_string(o.days_overdue)});
  } else if (table == "by_kind" || table == "by_category" || table == "by_unit") {
    const auto& list = table == "by_kind" ? r.by_kind : table == "by_category" ? r.by_category : r.by_unit;
    w.row({"Mã", "Tên", "Số đơn"});
    for (const auto& c : list) w.row({c.code, c.label, std::to_string(c.count)});
  } else {
    return {};
  }
  return w.text();
}

}  // namespace satdan::domain
