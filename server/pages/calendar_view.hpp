// What the calendar and the planning home both show of a session: its title (the cell, or the dialogue's
// topic or place), the unit it belongs to, and the words for a seat's requirement.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "api/app.hpp"
#include "domain/directory.hpp"
#include "domain/meeting.hpp"
#include "pages/catalogue.hpp"

namespace satdan::pages {

struct directory_snapshot {
  std::map<domain::id_t, domain::unit> units;
  std::map<domain::id_t, domain::cell> cells;
  std::map<domain::id_t, domain::member> members;
};

directory_snapshot snapshot_of(const std::vector<domain::unit>& units, const std::vector<domain::cell>& cells,
                               const std::vector<domain::member>& members);
// The whole directory in a few reads (a district holds a few hundred rows).
directory_snapshot load_directory(api::app_context& app);

// `section` is the catalogue section holding the words ("calendar" or "dashboard").
std::string session_title(const domain::session& s, const directory_snapshot& d, const catalogue& words,
                          std::string_view section);
std::string unit_name(domain::id_t id, const directory_snapshot& d);
// "Huyện" → "huyện": a level word inside a sentence.
std::string lower_first(std::string word);
// A requirement as words: a level ("cấp Xã") or a role ("chủ trì").
std::string need_words(api::app_context& app, const std::string& need, const catalogue& words, std::string_view section);

}  // namespace satdan::pages
