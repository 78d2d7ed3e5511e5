// The message catalogue (web/messages/vi.json): every word a page shows, looked up by a dotted key
// ("sign_in.wrong"), so wording is corrected in one file without touching C++.
#pragma once
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace satdan::pages {

class catalogue {
 public:
  // Throws core::error(internal) when the text is not a JSON object.
  explicit catalogue(std::string_view json_text);

  // The message at a dotted key; a missing key is a bug: core::error(internal) naming it.
  std::string get(std::string_view key) const;
  // The message at a dotted key, or nothing when there is none (for keys built from input, like notices).
  std::optional<std::string> find(std::string_view key) const;
  // The message with each "{name}" replaced by its value.
  std::string format(std::string_view key, const std::vector<std::pair<std::string, std::string>>& values) const;
  // The element `index` of the list at `key` (weekday names).
  std::string item(std::string_view key, std::size_t index) const;
  const boost::json::value& all() const { return root_; }

 private:
  const boost::json::value& at(std::string_view key) const;
  boost::json::value root_;
};

}  // namespace satdan::pages
