// The attendance-assignment problem of ../shared/spec/scheduling.md (format version 1): the instance, a
// solution, its cost terms. Pure values; no I/O, no database, no clock.
#pragma once
#include <boost/json/value.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/instant.hpp"

namespace satdan::scheduling {

struct interval {
  core::instant start;  // half-open [start, end)
  core::instant end;
};

struct weights {
  std::int64_t unfilled = 1000, uncovered = 200, outside = 10, travel = 1, imbalance = 50, moved = 5;
};

struct coverage_rule {
  std::string level = "district";
  std::string period = "quarter";  // month, quarter, year
};

struct unit {
  std::string id;
  std::string name;
};

struct member {
  std::string id;
  std::string name;
  std::string level;                       // district, commune (a requirement name)
  std::vector<std::string> roles;          // e.g. chair
  std::string home;                        // unit id
  std::vector<std::string> responsible;    // unit and cell ids
  int max_per_month = 4;
  std::vector<interval> unavailable;
};

struct session {
  std::string id;
  std::string kind;                        // cell_meeting, dialogue
  std::string unit;
  std::optional<std::string> cell;
  interval when;
  std::map<std::string, int> needs;        // requirement → required seats
  std::map<std::string, int> optional;     // requirement → optional seats
};

struct assignment {
  std::string session;
  std::string member;
  std::string need;                        // the requirement of the seat
  auto operator<=>(const assignment&) const = default;
};

// Local calendar periods of an instant in the instance's time zone, as numbers that only need to compare
// equal within a period: months since year 0, quarters, years. Supplied by the caller (calendar/ uses
// libical's zone data; tests may use a fixed offset), so this code stays free of time-zone data.
struct period_clock {
  std::function<int(core::instant)> month;  // e.g. year * 12 + (month - 1), in local time
};

struct instance {
  int version = 1;
  std::string timezone = "Asia/Ho_Chi_Minh";
  weights w;
  coverage_rule coverage;
  int travel_within_minutes = 10;
  std::vector<unit> units;
  std::map<std::pair<std::string, std::string>, int> travel_minutes;  // both orders stored
  std::vector<member> members;
  std::vector<session> sessions;
  std::vector<assignment> pinned;
  std::vector<assignment> previous;

  // travel(a, b); travel(u, u) is travel_within_minutes; nullopt when the instance does not give the pair.
  std::optional<int> travel(const std::string& a, const std::string& b) const;
};

struct cost {
  std::int64_t total = 0, unfilled = 0, uncovered = 0, outside = 0, travel = 0, imbalance = 0, moved = 0;
  auto operator<=>(const cost&) const = default;
};

// Why a required seat stayed empty: for each member of the right level or role, the rule that kept them out.
struct candidate_reason {
  std::string member;
  std::string rule;    // H1, H2, H4, H5, H6, or "cost"
  std::string detail;
};
struct unfilled_seat {
  std::string session;
  std::string need;
  std::vector<candidate_reason> candidates;
};

struct solution {
  std::vector<assignment> assignments;
  cost c;
  std::vector<unfilled_seat> unfilled;
};

// A pin that cannot hold, with the rule it breaks.
struct infeasible_pin {
  assignment pin;
  std::string rule;
  std::string detail;
};

// JSON exactly as the spec writes it. Decoding checks shape and references and throws
// core::error(invalid_input) naming every bad field ("sessions[3].start").
instance instance_from_json(const boost::json::value& v);
boost::json::value to_json(const instance& in);
solution solution_from_json(const boost::json::value& v);
boost::json::value to_json(const solution& s);
boost::json::value to_json(const std::vector<infeasible_pin>& pins);

}  // namespace satdan::scheduling
