#include "services/availability.hpp"

#include <boost/json/object.hpp>

#include "core/error.hpp"
#include "core/json_reader.hpp"
#include "core/local_date.hpp"

namespace satdan::services {

using core::errc;
using core::error;

namespace {

std::optional<std::chrono::year_month_day> read_day(const std::string& text, const std::string& field, core::field_errors& errors) {
  std::string typed = core::trim(text);
  if (typed.empty()) {
    errors.add(field, "is required");
    return std::nullopt;
  }
  auto day = core::parse_date(typed);
  if (!day) errors.add(field, "must be a date YYYY-MM-DD");
  return day;
}

}  // namespace

domain::unavailability add_own_leave(store::directory_store& directory, domain::id_t member_id, const leave_form& in,
                                     const day_start_fn& day_start, const store::actor& who) {
  core::field_errors errors;
  auto first = read_day(in.first_day, "start", errors);
  auto last = read_day(in.last_day, "end", errors);
  errors.throw_if_any();
  core::instant start = day_start(*first);
  core::instant end = day_start(std::chrono::sys_days{*last} + std::chrono::days{1});
  // The API's own decoder checks the order, the length and the reason.
  boost::json::object body{{"member_id", member_id}, {"start", core::format_utc(start)}, {"end", core::format_utc(end)}};
  std::string reason = core::trim(in.reason);
  if (!reason.empty()) body["reason"] = reason;
  return directory.create_unavailability(domain::unavailability_from_json(body), who);
}

void remove_own_period(store::directory_store& directory, domain::id_t member_id, domain::id_t id, const store::actor& who) {
  auto found = directory.get_unavailability(id);
  if (found.member_id != member_id) throw error(errc::not_found, "No resource at this path.");
  directory.delete_unavailability(id, who);
}

}  // namespace satdan::services
