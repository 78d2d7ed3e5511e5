// Strict reading of JSON request objects: every bad field is collected (name + reason), and keys the
// reader was not asked about are reported as unknown, so a typo never passes silently. Text is read in
// Unicode NFC (core/text_normalize.hpp): this is the one place text fields enter from JSON.
#pragma once
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/instant.hpp"

namespace satdan::core {

// Parses a request body; malformed JSON or invalid UTF-8 is a bad_request naming the position. A key given
// twice in one object (at any depth) is invalid_input naming it: readers disagree on which one counts.
boost::json::value parse_json_body(std::string_view body);

struct text_rules {
  std::size_t max_chars = 200;   // code points, not bytes
  bool single_line = true;       // no control characters at all (names, codes)
  bool allow_empty = false;
};

class json_reader {
 public:
  // `v` must be an object; otherwise the whole body is reported as one bad field.
  json_reader(const boost::json::value& v, field_errors& errors, std::string prefix = {});

  bool has(std::string_view key) const;
  // Each getter returns nullopt when the key is absent or null (and records an error when `required`),
  // or when the value is bad (and records why).
  std::optional<std::string> text(std::string_view key, bool required, text_rules rules = {});
  std::optional<std::int64_t> integer(std::string_view key, bool required, std::int64_t min, std::int64_t max);
  std::optional<bool> boolean(std::string_view key, bool required);
  std::optional<instant> time(std::string_view key, bool required);
  std::optional<std::vector<std::string>> text_list(std::string_view key, bool required, text_rules rules = {},
                                                    std::size_t max_items = 20);
  // The raw value (nullptr when absent or null) for shapes the getters do not cover; marks the key as read.
  const boost::json::value* raw(std::string_view key, bool required) { return find(key, required); }
  // Records every key that no getter asked for as "unknown field".
  void reject_unknown();

 private:
  const boost::json::value* find(std::string_view key, bool required);
  std::string name(std::string_view key) const { return prefix_ + std::string(key); }
  bool check_text(const std::string& field, std::string& value, const text_rules& rules);

  const boost::json::object* object_ = nullptr;
  field_errors& errors_;
  std::string prefix_;
  std::set<std::string, std::less<>> seen_;
};

// Trims ASCII spaces at both ends (names typed by hand often carry them).
std::string trim(std::string_view s);

}  // namespace satdan::core
