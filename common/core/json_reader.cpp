#include "core/json_reader.hpp"

#include <boost/json/parse.hpp>

#include "core/text_normalize.hpp"
#include "core/utf8.hpp"

namespace satdan::core {

namespace json = boost::json;

json::value parse_json_body(std::string_view body) {
  boost::system::error_code ec;
  json::parse_options opts;  // strict JSON: no comments, no trailing commas, UTF-8 validated
  opts.max_depth = 32;
  json::value v = json::parse(body, ec, {}, opts);
  if (ec) {
    throw error(errc::bad_request, "The request body is not valid JSON: " + ec.message() + ".",
                {{"body", ec.message()}});
  }
  return v;
}

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

json_reader::json_reader(const json::value& v, field_errors& errors, std::string prefix)
    : errors_(errors), prefix_(std::move(prefix)) {
  object_ = v.if_object();
  if (!object_) errors_.add(prefix_.empty() ? "body" : prefix_, "must be a JSON object");
}

bool json_reader::has(std::string_view key) const {
  return object_ && object_->find(key) != object_->end();
}

const json::value* json_reader::find(std::string_view key, bool required) {
  seen_.emplace(key);
  if (!object_) return nullptr;
  auto it = object_->find(key);
  if (it == object_->end() || it->value().is_null()) {
    if (required) errors_.add(name(key), "is required");
    return nullptr;
  }
  return &it->value();
}

bool json_reader::check_text(const std::string& field, std::string& value, const text_rules& rules) {
  // One form for one text, whatever keyboard typed it; lengths are counted on that form.
  value = to_nfc(value);
  if (rules.single_line) value = trim(value);
  if (value.empty() && !rules.allow_empty) {
    errors_.add(field, "must not be empty");
    return false;
  }
  if (utf8_length(value) > rules.max_chars) {
    errors_.add(field, "must be at most " + std::to_string(rules.max_chars) + " characters");
    return false;
  }
  for (unsigned char c : value) {
    bool control = c < 0x20 || c == 0x7F;
    if (control && (rules.single_line || (c != '\n' && c != '\r' && c != '\t'))) {
      errors_.add(field, rules.single_line ? "must be a single line without control characters"
                                           : "must not contain control characters");
      return false;
    }
  }
  return true;
}

std::optional<std::string> json_reader::text(std::string_view key, bool required, text_rules rules) {
  const json::value* v = find(key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    errors_.add(name(key), "must be a string");
    return std::nullopt;
  }
  std::string s(v->get_string());
  if (!check_text(name(key), s, rules)) return std::nullopt;
  return s;
}

std::optional<std::int64_t> json_reader::integer(std::string_view key, bool required, std::int64_t min,
                                                 std::int64_t max) {
  const json::value* v = find(key, required);
  if (!v) return std::nullopt;
  std::int64_t n;
  if (v->is_int64()) {
    n = v->get_int64();
  } else if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(max)) {
    n = static_cast<std::int64_t>(v->get_uint64());
  } else {
    errors_.add(name(key), v->is_uint64() ? "is too large" : "must be an integer");
    return std::nullopt;
  }
  if (n < min || n > max) {
    errors_.add(name(key), "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<bool> json_reader::boolean(std::string_view key, bool required) {
  const json::value* v = find(key, required);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    errors_.add(name(key), "must be true or false");
    return std::nullopt;
  }
  return v->get_bool();
}

std::optional<instant> json_reader::time(std::string_view key, bool required) {
  const json::value* v = find(key, required);
  if (!v) return std::nullopt;
  std::optional<instant> t;
  if (v->is_string()) t = parse_rfc3339(v->get_string());
  if (!t) errors_.add(name(key), "must be an RFC 3339 date-time with an offset, e.g. 2027-02-01T07:30:00+07:00");
  return t;
}

std::optional<std::vector<std::string>> json_reader::text_list(std::string_view key, bool required,
                                                               text_rules rules, std::size_t max_items) {
  const json::value* v = find(key, required);
  if (!v) return std::nullopt;
  const json::array* arr = v->if_array();
  if (!arr) {
    errors_.add(name(key), "must be an array of strings");
    return std::nullopt;
  }
  if (arr->size() > max_items) {
    errors_.add(name(key), "must have at most " + std::to_string(max_items) + " items");
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    std::string field = name(key) + "[" + std::to_string(i) + "]";
    if (!(*arr)[i].is_string()) {
      errors_.add(field, "must be a string");
      ok = false;
      continue;
    }
    std::string s((*arr)[i].get_string());
    if (check_text(field, s, rules)) out.push_back(std::move(s));
    else ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

void json_reader::reject_unknown() {
  if (!object_) return;
  for (const auto& kv : *object_) {
    if (!seen_.contains(std::string_view(kv.key()))) errors_.add(name(kv.key()), "is not a known field");
  }
}

}  // namespace satdan::core
