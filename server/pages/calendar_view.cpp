#include "pages/calendar_view.hpp"

#include <algorithm>

#include "pages/page_kit.hpp"

namespace satdan::pages {

directory_snapshot snapshot_of(const std::vector<domain::unit>& units, const std::vector<domain::cell>& cells,
                               const std::vector<domain::member>& members) {
  directory_snapshot d;
  for (const auto& u : units) d.units[u.id] = u;
  for (const auto& c : cells) d.cells[c.id] = c;
  for (const auto& m : members) d.members[m.id] = m;
  return d;
}

directory_snapshot load_directory(api::app_context& app) {
  std::vector<domain::unit> units;
  std::vector<domain::cell> cells;
  std::vector<domain::member> members;
  for (store::page_request p{.limit = 500};;) {
    auto got = app.directory.list_units({}, p);
    units.insert(units.end(), got.items.begin(), got.items.end());
    if (!got.next_after) break;
    p.after = *got.next_after;
  }
  for (store::page_request p{.limit = 500};;) {
    auto got = app.directory.list_cells({}, p);
    cells.insert(cells.end(), got.items.begin(), got.items.end());
    if (!got.next_after) break;
    p.after = *got.next_after;
  }
  for (store::page_request p{.limit = 500};;) {
    auto got = app.directory.list_members({}, p);
    members.insert(members.end(), got.items.begin(), got.items.end());
    if (!got.next_after) break;
    p.after = *got.next_after;
  }
  return snapshot_of(units, cells, members);
}

std::string lower_first(std::string word) {
  if (!word.empty() && word[0] >= 'A' && word[0] <= 'Z') word[0] = static_cast<char>(word[0] - 'A' + 'a');
  else if (word.starts_with("\xC4\x90")) word[1] = '\x91';  // Đ → đ
  return word;
}

std::string unit_name(domain::id_t id, const directory_snapshot& d) {
  auto it = d.units.find(id);
  return it == d.units.end() ? std::string() : it->second.name;
}

std::string session_title(const domain::session& s, const directory_snapshot& d, const catalogue& words,
                          std::string_view section) {
  if (s.cell_id)
    if (auto it = d.cells.find(*s.cell_id); it != d.cells.end()) return it->second.name;
  if (s.topic && !s.topic->empty()) return *s.topic;
  return words.format(std::string(section) + ".dialogue_at", {{"unit", unit_name(s.unit_id, d)}});
}

std::string need_words(api::app_context& app, const std::string& need, const catalogue& words, std::string_view section) {
  const auto& levels = domain::member_levels();
  if (std::find(levels.begin(), levels.end(), need) != levels.end())
    return words.format(std::string(section) + ".need_level", {{"level", lower_first(level_name(app, need))}});
  if (auto role = words.find(std::string(section) + ".need_" + need)) return *role;
  return need;
}

}  // namespace satdan::pages
