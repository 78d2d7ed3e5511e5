// Citizens' grievances (đơn thư): a case raised at a session or at a walk-in reception, handled by a unit
// and an officer by a due date, followed by the citizen through a tracking code. Plain values, their
// lifecycle rules and their JSON codec. A denouncer's identity is protected: the plain to_json leaves it out.
#pragma once
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/instant.hpp"
#include "domain/directory.hpp"

namespace satdan::domain {

using date = std::chrono::year_month_day;

// ASCII codes in the API, Vietnamese labels beside them for display.
struct labelled {
  std::string code;
  std::string label;
};
const std::vector<labelled>& grievance_kinds();     // recommendation, report, complaint, denunciation
const std::vector<labelled>& grievance_statuses();  // received → assigned → in_progress → answered → closed
// The label of a kind or status code; the code itself when unknown.
std::string label_of(const std::vector<labelled>& list, std::string_view code);

struct grievance {
  id_t id = 0;
  std::string tracking_code;                    // given to the citizen; see tracking_code.hpp
  std::string kind;
  std::string category;                         // a code of the configurable category list
  std::string category_label;                   // filled by the store from that list
  id_t unit_id = 0;                             // where the case arose (the session's unit, or the reception's)
  std::optional<id_t> session_id;               // none: a walk-in reception
  std::string summary;
  std::optional<std::string> details;
  std::optional<std::string> citizen_name;      // none: anonymous (not allowed for complaints)
  std::optional<std::string> citizen_address;   // the village
  std::optional<std::string> citizen_contact;
  date received_on{};
  date due_on{};
  std::optional<std::string> due_reason;        // why the due date departs from the kind's SLA
  std::string status = "received";
  std::optional<id_t> handling_unit_id;
  std::optional<id_t> officer_account_id;
  std::optional<std::string> answer;            // the published answer
  std::optional<date> answered_on;
  std::optional<id_t> created_by;
  core::instant created_at{};
  core::instant updated_at{};
};

// Denunciations (tố cáo): the citizen's identity is seen only by admins and the case's officer.
inline bool identity_protected(const grievance& g) { return g.kind == "denunciation"; }

// Overdue: not answered (nor closed) and the due date has passed. "On time": answered on or before it.
bool is_overdue(const grievance& g, date today);

// The kind's SLA added to the date received, in calendar days.
date due_date(date received_on, int sla_days);

// A create body. `due_on` is the caller's override of the SLA date (the store checks the reason).
struct grievance_draft {
  grievance value;
  std::optional<date> due_on;
};
// Checks shape and per-field rules; the category and references are checked by the store. `today` (local)
// fills received_on and bounds it: a case cannot be received in the future.
grievance_draft grievance_draft_from_json(const boost::json::value& v, date today);

// A move in the lifecycle, with what the target needs: assigned needs handling_unit_id (officer optional),
// answered needs the answer text, a reopen (from answered or closed back to in_progress) needs a reason.
struct grievance_transition {
  std::string to;
  std::optional<id_t> handling_unit_id;
  std::optional<id_t> officer_account_id;
  std::optional<std::string> answer;
  std::optional<std::string> reason;
};
grievance_transition grievance_transition_from_json(const boost::json::value& v);

// The statuses a case in `status` may move to.
const std::vector<std::string>& allowed_transitions(const std::string& status);
// Applies a move: conflict naming the allowed targets when it is not one of them, invalid_input when the
// target's needs are missing. Does not check that referenced rows exist (the store does).
grievance apply_transition(const grievance& current, const grievance_transition& t, date today);

// Who reads the case decides whether a denouncer's identity is shown.
enum class identity_view { withheld, shown };
boost::json::object to_json(const grievance& g, identity_view view);
// Withheld for denunciations: what lists, exports, reports and the audit log use.
inline boost::json::object to_json(const grievance& g) { return to_json(g, identity_view::withheld); }

// What the citizen sees by tracking code: no names, contacts or details text.
struct public_grievance {
  grievance value;
  std::optional<std::string> handling_unit_name;
};
boost::json::object to_public_json(const public_grievance& p, date today);

// One line of a case's history.
struct grievance_event {
  id_t id = 0;
  id_t grievance_id = 0;
  core::instant at{};
  std::optional<id_t> account_id;
  std::string action;                   // received, transition, note
  std::optional<std::string> from_status;
  std::optional<std::string> to_status;
  std::optional<std::string> text;      // a note, an answer, a reopen reason
};
boost::json::object to_json(const grievance_event& e);

// A note body: {"text": "..."}.
std::string grievance_note_from_json(const boost::json::value& v);

}  // namespace satdan::domain
