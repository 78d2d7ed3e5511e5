// Meetings: monthly cell-meeting series (an RFC 5545 rule in local time) and the sessions that are their
// occurrences, plus one-off sessions (citizen dialogues, extraordinary cell meetings). Sessions are what
// members attend; a series only generates them.
#pragma once
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/instant.hpp"
#include "domain/directory.hpp"

namespace satdan::domain {

// Seats by requirement: a level ("district", "commune") or a role ("chair") → how many.
using seats = std::map<std::string, int>;

struct series {
  id_t id = 0;
  id_t cell_id = 0;
  std::string rrule;                              // "FREQ=MONTHLY;BYDAY=1TU"
  std::chrono::year_month_day first_date{};       // DTSTART's local date
  int start_minute = 0;                           // DTSTART's local time, minutes after midnight
  int duration_minutes = 120;
  std::string time_zone;                          // IANA, default the deployment's
  std::optional<std::string> location;
  std::vector<std::chrono::year_month_day> exdates;
  std::optional<std::chrono::year_month_day> until;  // last local date (set when the series is ended or split)
  seats needs;                                    // default {"commune": 1}
  seats optional;                                 // default {"district": 1}
  std::int64_t version = 1;                       // the ETag: bumped by every change
  core::instant created_at{};
  core::instant updated_at{};
};

inline const std::vector<std::string>& session_kinds() {
  static const std::vector<std::string> kinds = {"cell_meeting", "dialogue"};
  return kinds;
}
inline const std::vector<std::string>& session_statuses() {
  static const std::vector<std::string> statuses = {"planned", "held", "postponed", "cancelled"};
  return statuses;
}

struct session {
  id_t id = 0;
  std::optional<id_t> series_id;
  std::string kind;                               // cell_meeting, dialogue
  id_t unit_id = 0;
  std::optional<id_t> cell_id;                    // cell meetings
  std::optional<core::instant> recurrence_id;     // the occurrence's original start, for series sessions
  core::instant start{};
  core::instant end{};
  std::optional<std::string> location;
  std::optional<std::string> topic;               // dialogues
  std::optional<int> expected_citizens;           // dialogues
  seats needs;
  seats optional;
  std::string status = "planned";
  std::optional<std::string> status_reason;       // required for cancelled and postponed
  bool moved = false;                             // an occurrence changed on its own: the series leaves it be
  std::int64_t sequence = 0;                      // bumped by every change (iCalendar SEQUENCE, the ETag)
  core::instant created_at{};
  core::instant updated_at{};
};

// A member in a seat of a session. Assignments made by hand are pinned (the solver keeps them) unless unpinned.
struct assignment {
  id_t id = 0;
  id_t session_id = 0;
  id_t member_id = 0;
  std::string need;          // the seat's requirement: a level or a role
  bool manual = true;
  bool pinned = true;
  core::instant created_at{};
};
boost::json::object to_json(const assignment& a);

// Series from a create body or a merged patch. `default_zone` fills time_zone when absent.
series series_from_json(const boost::json::value& v, const std::string& default_zone);
boost::json::object to_json(const series& s);

// A one-off session from a create body: a dialogue (unit_id, topic) or a cell meeting (cell_id; the unit
// is the cell's, filled by the store). Needs default by kind.
session session_from_json(const boost::json::value& v);
boost::json::object to_json(const session& s);

// The fields a PATCH may change on a session; each absent field stays as it is.
struct session_patch {
  std::optional<core::instant> start, end;
  std::optional<std::optional<std::string>> location, topic, status_reason;
  std::optional<std::optional<int>> expected_citizens;
  std::optional<seats> needs, optional;
  std::optional<std::string> status;
};
session_patch session_patch_from_json(const boost::json::value& v);
// Applies a patch, checking the result (end after start, a reason for cancelled/postponed, status moves).
// Throws invalid_input or conflict (a held session is final).
session apply_patch(const session& current, const session_patch& p);

}  // namespace satdan::domain
