#include <algorithm>
#include <set>

#include "core/json_reader.hpp"
#include "domain/attendance.hpp"
#include "domain/json_support.hpp"

namespace satdan::domain {

namespace json = boost::json;
using core::field_errors;
using core::json_reader;

namespace {

using namespace json_support;

// Reads status, late_minutes and reason, and checks that they fit together.
void read_status(json_reader& r, field_errors& errors, const std::string& prefix, attendance_record& a) {
  const auto& statuses = attendance_statuses();
  if (auto s = r.text("status", true, {.max_chars = 32})) {
    if (std::find(statuses.begin(), statuses.end(), *s) != statuses.end()) a.status = *s;
    else errors.add(prefix + "status", "must be one of: on_time, late, absent_excused, absent_unexcused");
  }
  if (auto m = r.integer("late_minutes", false, 1, 24 * 60)) a.late_minutes = static_cast<int>(*m);
  a.reason = r.text("reason", false, {.max_chars = 500, .single_line = false});
  if (a.status == "late" && !a.late_minutes) errors.add(prefix + "late_minutes", "is required when late");
  if (a.status != "late" && !a.status.empty() && a.late_minutes)
    errors.add(prefix + "late_minutes", "is only for a member who was late");
  if (a.status == "absent_excused" && !a.reason) errors.add(prefix + "reason", "is required for an excused absence");
}

}  // namespace

session_attendance session_attendance_from_json(const json::value& v) {
  field_errors errors;
  json_reader r(v, errors);
  session_attendance out;
  const json::value* list = r.raw("records", true);
  if (list && !list->is_array()) errors.add("records", "must be an array of member records");
  if (list && list->is_array()) {
    const json::array& items = list->as_array();
    if (items.empty()) errors.add("records", "must name at least one member");
    if (items.size() > 200) errors.add("records", "must have at most 200 members");
    std::set<id_t> seen;
    for (std::size_t i = 0; i < items.size() && i < 200; ++i) {
      std::string prefix = "records[" + std::to_string(i) + "].";
      json_reader item(items[i], errors, prefix);
      attendance_record a;
      if (auto m = item.integer("member_id", true, 1, max_id)) {
        a.member_id = *m;
        if (!seen.insert(*m).second) errors.add(prefix + "member_id", "is listed twice");
      }
      read_status(item, errors, prefix, a);
      item.reject_unknown();
      out.records.push_back(std::move(a));
    }
  }
  if (auto n = r.integer("citizens_present", false, 0, 100000)) out.citizens_present = static_cast<int>(*n);
  out.minutes = r.text("minutes", false, {.max_chars = 20000, .single_line = false});
  r.reject_unknown();
  errors.throw_if_any();
  return out;
}

attendance_record own_attendance_from_json(const json::value& v) {
  field_errors errors;
  json_reader r(v, errors);
  attendance_record a;
  read_status(r, errors, "", a);
  r.reject_unknown();
  errors.throw_if_any();
  return a;
}

json::object to_json(const attendance_record& r) {
  json::value late = nullptr, reason = nullptr, by = nullptr;
  if (r.late_minutes) late = *r.late_minutes;
  if (r.reason) reason = *r.reason;
  if (r.recorded_by) by = *r.recorded_by;
  return {{"member_id", r.member_id}, {"status", r.status},        {"late_minutes", late},
          {"reason", reason},         {"recorded_by", by},         {"recorded_at", core::format_utc(r.recorded_at)}};
}

}  // namespace satdan::domain
