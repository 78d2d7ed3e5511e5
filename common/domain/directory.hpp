// The directory: units (a tree whose kinds are data), party cells, committee members, the areas each
// member is responsible for, and the periods they cannot attend. Plain values plus their one JSON codec.
#pragma once
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/instant.hpp"

namespace satdan::domain {

using id_t = std::int64_t;

struct unit {
  id_t id = 0;
  std::optional<id_t> parent_id;      // none for the root (the district, or a province after a reform)
  std::string kind;                   // data, not code: "district", "commune", "town", "village", "street_block"
  std::string name;                   // with diacritics: "Tam Thành"
  std::optional<std::string> code;    // administrative code, unique when present
};

struct cell {
  id_t id = 0;
  id_t unit_id = 0;                   // the village / street block, or the unit hosting an agency
  std::string name;                   // "Chi bộ thôn Phú Lâm"
  std::string kind;                   // "village" (residential) or "agency"
};

struct member {
  id_t id = 0;
  std::string full_name;
  std::string level;                  // "district" (huyện ủy viên), "commune" (đảng ủy viên), "province"
  std::vector<std::string> roles;     // e.g. "chair": may chair a citizen dialogue
  id_t home_unit_id = 0;
  int max_per_month = 4;
  std::optional<std::string> position;
  std::optional<std::string> phone;
  std::optional<std::string> email;
  bool active = true;
};

struct responsibility {
  id_t id = 0;
  id_t member_id = 0;
  std::optional<id_t> unit_id;        // exactly one of unit_id and cell_id
  std::optional<id_t> cell_id;
};

struct unavailability {
  id_t id = 0;
  id_t member_id = 0;
  core::instant start;                // half-open [start, end)
  core::instant end;
  std::optional<std::string> reason;
};

// Decoders validate shape and per-field rules and throw core::error(invalid_input) listing every bad
// field; "id" is read-only and rejected like any unknown key. References to other rows are checked by the store.
unit unit_from_json(const boost::json::value& v);
cell cell_from_json(const boost::json::value& v);
member member_from_json(const boost::json::value& v);
responsibility responsibility_from_json(const boost::json::value& v);
unavailability unavailability_from_json(const boost::json::value& v);

boost::json::object to_json(const unit& u);
boost::json::object to_json(const cell& c);
boost::json::object to_json(const member& m);
boost::json::object to_json(const responsibility& r);
boost::json::object to_json(const unavailability& u);

// A lowercase ASCII identifier: [a-z][a-z0-9_]{0,31}. Used for kinds and roles.
bool is_token(std::string_view s);

inline const std::vector<std::string>& member_levels() {
  static const std::vector<std::string> levels = {"province", "district", "commune"};
  return levels;
}
inline const std::vector<std::string>& cell_kinds() {
  static const std::vector<std::string> kinds = {"village", "agency"};
  return kinds;
}

}  // namespace satdan::domain
