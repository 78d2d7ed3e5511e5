// Reports on what members and units did over a period ("4 đúng", "3 sát"): for each member, sessions
// assigned and attended, punctuality and absences, and for district members the cells they visited each
// quarter; for each unit, sessions planned against held and cancelled, the cells a district member visited
// each quarter (coverage), and dialogues held with the citizens they reached. Computed in memory from rows
// the store reads, so both databases give the same figures.
#pragma once
#include <boost/json/object.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/instant.hpp"
#include "domain/directory.hpp"

namespace satdan::domain {

// One session in the period, with what the store knows about it.
struct activity_session {
  id_t id = 0;
  std::string kind;                    // cell_meeting, dialogue
  std::string status;                  // planned, held, postponed, cancelled
  id_t unit_id = 0;
  std::optional<id_t> cell_id;
  core::instant start{}, end{};
  std::string quarter;                 // "2026-Q3", local (filled by the caller, who knows the zone)
  bool past = false;                   // ended before now
  std::optional<int> citizens_present;
};

struct activity_line {
  id_t session_id = 0;
  id_t member_id = 0;
  bool assigned = false;
  std::optional<std::string> attendance;  // on_time, late, absent_excused, absent_unexcused
};

// A member who came without a seat (a stand-in, a visit) did attend: on_time or late, attended and cells
// visited count it, and attended_without_seat shows how much of `attended` had no seat, so that
// attended - attended_without_seat <= assigned. An absence counts only against a seat: nobody expected a
// member who had none, so such a line is left out of the absences and the rate.
struct member_activity {
  id_t member_id = 0;
  std::string full_name, level;
  int assigned = 0, attended = 0, on_time = 0, late = 0, absent_excused = 0, absent_unexcused = 0;
  int attended_without_seat = 0;           // part of `attended`
  std::optional<double> attendance_rate;   // attended / (attended + absences)
  std::optional<double> punctuality_rate;  // on time / attended
  std::map<std::string, int> cells_visited;  // quarter → distinct cells whose meeting they attended (district members)
};

struct unit_activity {
  id_t unit_id = 0;
  std::string name;
  int sessions = 0, held = 0, cancelled = 0, postponed = 0, past_not_recorded = 0, upcoming = 0;
  std::optional<double> held_rate;          // held / sessions whose time has passed (not cancelled)
  int cells = 0;
  std::map<std::string, int> cells_visited;  // quarter → cells whose meeting a district member attended
  int dialogues_held = 0, citizens_reached = 0;
};

struct activity_inputs {
  std::vector<activity_session> sessions;
  std::vector<activity_line> lines;
  std::vector<member> members;                  // the members reported on
  std::map<id_t, std::string> member_levels;    // every member in the lines
  std::vector<unit> units;                      // the subtree, root(s) first
  std::vector<cell> cells;                      // cells of the subtree
  std::optional<id_t> root;                     // units roll up to the root's children (or the roots' children)
  std::vector<std::string> quarters;            // the quarters of the period, in order
};

std::vector<member_activity> member_report(const activity_inputs& in);
std::vector<unit_activity> unit_report(const activity_inputs& in);

boost::json::object to_json(const member_activity& m);
boost::json::object to_json(const unit_activity& u);
std::string members_csv(const std::vector<member_activity>& rows, const std::vector<std::string>& quarters);
std::string units_csv(const std::vector<unit_activity>& rows, const std::vector<std::string>& quarters);

}  // namespace satdan::domain
