// The directory as people browse it: every unit, cell and member read in full (a district holds about a
// hundred units and two hundred members, a province a few thousand), the units as a tree with what each
// subtree holds, and members found by a search typed with or without marks, in Vietnamese order.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/directory.hpp"
#include "store/directory_store.hpp"

namespace satdan::services {

using domain::id_t;

// Every row the filter admits, all pages read, in id order.
std::vector<domain::unit> all_units(store::directory_store& d, const store::unit_filter& f = {});
std::vector<domain::cell> all_cells(store::directory_store& d, const store::cell_filter& f = {});
std::vector<domain::member> all_members(store::directory_store& d, const store::member_filter& f = {});
std::vector<domain::responsibility> all_responsibilities(store::directory_store& d, const store::responsibility_filter& f);
std::vector<domain::unavailability> all_unavailability(store::directory_store& d, const store::unavailability_filter& f);

// A unit with the cells and members of its whole subtree counted (a commune's cells hang under its villages).
struct unit_node {
  domain::unit unit;
  std::int64_t cells = 0;
  std::int64_t members = 0;
  std::vector<unit_node> children;  // in Vietnamese order of their names
};

// Roots are the units without a parent (the district, or the province after a reform). Pure: the rows in,
// the tree out.
std::vector<unit_node> build_unit_tree(const std::vector<domain::unit>& units, const std::vector<domain::cell>& cells,
                                       const std::vector<domain::member>& members);
std::vector<unit_node> unit_tree(store::directory_store& d);

struct member_search {
  std::string text;                  // every word must appear in the name, marks and case ignored
  std::optional<id_t> within;        // home unit in this subtree
  std::optional<std::string> level;  // "district", "commune", "province"
};

// The members a search finds, sorted by full name the Vietnamese way.
std::vector<domain::member> find_members(store::directory_store& d, const member_search& s);
// The same over rows already read.
std::vector<domain::member> filter_members(std::vector<domain::member> members, const std::string& text);

}  // namespace satdan::services
