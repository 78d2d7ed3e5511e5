#include "services/directory_overview.hpp"

#include <map>

#include "core/vi_text.hpp"

namespace satdan::services {

namespace {

// Large pages: the store's own keyset paging, read to the end.
constexpr int page_size = 500;

template <class T, class Filter, class List>
std::vector<T> read_all(const Filter& f, List list) {
  std::vector<T> out;
  store::page_request p{.limit = page_size};
  for (;;) {
    auto page = list(f, p);
    for (auto& item : page.items) out.push_back(std::move(item));
    if (!page.next_after) return out;
    p.after = *page.next_after;
  }
}

unit_node node_for(const domain::unit& u, const std::multimap<id_t, const domain::unit*>& children,
                   const std::map<id_t, std::int64_t>& cells, const std::map<id_t, std::int64_t>& members) {
  unit_node n{.unit = u};
  if (auto it = cells.find(u.id); it != cells.end()) n.cells = it->second;
  if (auto it = members.find(u.id); it != members.end()) n.members = it->second;
  auto [first, last] = children.equal_range(u.id);
  for (auto it = first; it != last; ++it) {
    n.children.push_back(node_for(*it->second, children, cells, members));
    n.cells += n.children.back().cells;
    n.members += n.children.back().members;
  }
  core::sort_vi(n.children, [](const unit_node& c) { return c.unit.name; });
  return n;
}

}  // namespace

std::vector<domain::unit> all_units(store::directory_store& d, const store::unit_filter& f) {
  return read_all<domain::unit>(f, [&d](const auto& filter, auto p) { return d.list_units(filter, p); });
}

std::vector<domain::cell> all_cells(store::directory_store& d, const store::cell_filter& f) {
  return read_all<domain::cell>(f, [&d](const auto& filter, auto p) { return d.list_cells(filter, p); });
}

std::vector<domain::member> all_members(store::directory_store& d, const store::member_filter& f) {
  return read_all<domain::member>(f, [&d](const auto& filter, auto p) { return d.list_members(filter, p); });
}

std::vector<domain::responsibility> all_responsibilities(store::directory_store& d, const store::responsibility_filter& f) {
  return read_all<domain::responsibility>(f, [&d](const auto& filter, auto p) { return d.list_responsibilities(filter, p); });
}

std::vector<domain::unavailability> all_unavailability(store::directory_store& d, const store::unavailability_filter& f) {
  return read_all<domain::unavailability>(f, [&d](const auto& filter, auto p) { return d.list_unavailability(filter, p); });
}

std::vector<unit_node> build_unit_tree(const std::vector<domain::unit>& units, const std::vector<domain::cell>& cells,
                                       const std::vector<domain::member>& members) {
  std::map<id_t, std::int64_t> cell_count, member_count;
  for (const auto& c : cells) ++cell_count[c.unit_id];
  for (const auto& m : members) ++member_count[m.home_unit_id];
  std::multimap<id_t, const domain::unit*> children;
  for (const auto& u : units)
    if (u.parent_id) children.emplace(*u.parent_id, &u);
  std::vector<unit_node> roots;
  for (const auto& u : units)
    if (!u.parent_id) roots.push_back(node_for(u, children, cell_count, member_count));
  core::sort_vi(roots, [](const unit_node& n) { return n.unit.name; });
  return roots;
}

std::vector<unit_node> unit_tree(store::directory_store& d) {
  return build_unit_tree(all_units(d), all_cells(d), all_members(d));
}

std::vector<domain::member> filter_members(std::vector<domain::member> members, const std::string& text) {
  std::vector<domain::member> found;
  for (auto& m : members)
    if (core::search_matches(m.full_name, text)) found.push_back(std::move(m));
  core::sort_vi(found, [](const domain::member& m) { return m.full_name; });
  return found;
}

std::vector<domain::member> find_members(store::directory_store& d, const member_search& s) {
  return filter_members(all_members(d, {.within = s.within, .level = s.level}), s.text);
}

}  // namespace satdan::services
