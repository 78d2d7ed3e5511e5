#include "core/json_reader.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>

#include <algorithm>
#include <deque>
#include <memory>
#include <unordered_set>

#include "core/text_normalize.hpp"
#include "core/utf8.hpp"

namespace satdan::core {

namespace json = boost::json;

namespace {

// Builds the value as Boost.JSON's own parser does (a value_stack), and also remembers the keys of every
// object being read: Boost.JSON keeps the last of two equal keys, while other readers (proxies, filters,
// log tools) keep the first, so a body naming a key twice would mean different requests to each of them.
class checking_handler {
 public:
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = json::string::max_size();
  static constexpr std::size_t max_string_size = json::string::max_size();

  json::value_stack st;
  std::optional<std::string> duplicate;  // where the first repeated key is, as a field name ("items[2].k")

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_object_begin(json::error_code&) {
    open_.push_back({.object = true, .first_key = keys_.size()});
    return true;
  }
  bool on_object_end(std::size_t n, json::error_code&) {
    keys_.resize(open_.back().first_key);
    open_.pop_back();
    st.push_object(n);
    return done();
  }
  bool on_array_begin(json::error_code&) {
    open_.push_back({.object = false, .first_key = keys_.size()});
    return true;
  }
  bool on_array_end(std::size_t n, json::error_code&) {
    open_.pop_back();
    st.push_array(n);
    return done();
  }
  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    st.push_chars(s);
    key_.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code& ec) {
    st.push_key(s);
    key_.append(s.data(), s.size());
    if (seen_in_this_object(key_)) {
      duplicate = path() + (open_.size() > 1 ? "." : "") + key_;
      ec = json::error::syntax;  // stops the parser; parse_json_body reports `duplicate`
      return false;
    }
    container& object = open_.back();
    object.key = keys_.size();
    keys_.push_back(std::move(key_));
    if (object.many) object.many->insert(keys_.back());
    key_.clear();
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
    st.push_chars(s);
    return true;
  }
  bool on_string(json::string_view s, std::size_t, json::error_code&) {
    st.push_string(s);
    return done();
  }
  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(std::int64_t i, json::string_view, json::error_code&) {
    st.push_int64(i);
    return done();
  }
  bool on_uint64(std::uint64_t u, json::string_view, json::error_code&) {
    st.push_uint64(u);
    return done();
  }
  bool on_double(double d, json::string_view, json::error_code&) {
    st.push_double(d);
    return done();
  }
  bool on_bool(bool b, json::error_code&) {
    st.push_bool(b);
    return done();
  }
  bool on_null(json::error_code&) {
    st.push_null();
    return done();
  }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }

 private:
  struct container {
    bool object;
    std::size_t first_key = 0;  // objects: where their keys start in keys_
    std::size_t key = 0;        // objects: the key whose value is being read, in keys_
    std::size_t index = 0;      // arrays: the index of the element being read
    // Objects with many keys: an index of them, so that a hostile body costs linear time, not quadratic.
    std::unique_ptr<std::unordered_set<std::string_view>> many;
  };

  // Most objects have a few keys: a scan beats hashing them.
  bool seen_in_this_object(const std::string& key) {
    container& object = open_.back();
    auto first = keys_.begin() + static_cast<std::ptrdiff_t>(object.first_key);
    if (!object.many && keys_.end() - first < 16) return std::find(first, keys_.end(), key) != keys_.end();
    if (!object.many) object.many = std::make_unique<std::unordered_set<std::string_view>>(first, keys_.end());
    return object.many->contains(key);
  }

  // A value is complete: an array moves on to its next element.
  bool done() {
    if (!open_.empty() && !open_.back().object) ++open_.back().index;
    return true;
  }
  // The name of the object being read, as field errors name fields: "b", "items[2]", "[1].x[1]".
  std::string path() const {
    std::string out;
    for (std::size_t i = 0; i + 1 < open_.size(); ++i) {
      if (open_[i].object) {
        if (!out.empty()) out += '.';
        out += keys_[open_[i].key];
      } else {
        out += '[';
        out += std::to_string(open_[i].index);
        out += ']';
      }
    }
    return out;
  }

  std::vector<container> open_;
  // The keys of every open object, outermost first; a deque, so that the views in `many` stay valid.
  std::deque<std::string> keys_;
  std::string key_;  // a key arriving in parts
};

}  // namespace

json::value parse_json_body(std::string_view body) {
  json::parse_options opts;  // strict JSON: no comments, no trailing commas, UTF-8 validated
  opts.max_depth = 32;
  json::basic_parser<checking_handler> p(opts);
  p.handler().st.reset();
  json::error_code ec;
  std::size_t n = p.write_some(false, body.data(), body.size(), ec);
  if (const auto& where = p.handler().duplicate)
    throw error(errc::invalid_input, "The request body names a field more than once.",
                {{*where, "is given more than once"}});
  if (!ec && n < body.size()) ec = json::error::extra_data;
  if (ec) {
    throw error(errc::bad_request, "The request body is not valid JSON: " + ec.message() + ".",
                {{"body", ec.message()}});
  }
  return p.handler().st.release();
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
  auto t = read_rfc3339(v->is_string() ? std::string_view(v->get_string()) : std::string_view{});
  if (!t.value) errors_.add(name(key), std::move(t.problem));
  return t.value;
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
