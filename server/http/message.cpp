#include "http/message.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>

#include "core/error.hpp"
#include "core/utf8.hpp"

namespace satdan::http {

std::string_view find_header(const header_list& headers, std::string_view name) {
  for (const auto& [k, v] : headers) {
    if (k.size() == name.size() &&
        std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
      return v;
  }
  return {};
}

void parse_target(request& req) {
  auto parsed = boost::urls::parse_origin_form(req.target);
  if (!parsed) throw core::error(core::errc::bad_request, "The request target is not a valid path.");
  req.segments.clear();
  req.query.clear();
  for (auto seg : parsed->segments()) {
    std::string s(seg);
    if (!core::is_valid_utf8(s)) throw core::error(core::errc::bad_request, "The path is not valid UTF-8.");
    req.segments.push_back(std::move(s));
  }
  for (auto param : parsed->params()) {
    std::string key(param.key), value(param.has_value ? std::string(param.value) : std::string());
    if (!core::is_valid_utf8(key) || !core::is_valid_utf8(value))
      throw core::error(core::errc::bad_request, "A query parameter is not valid UTF-8.", {{"query." + key, "is not valid UTF-8"}});
    req.query.emplace_back(std::move(key), std::move(value));
  }
}

std::string printable_path(std::string_view target) {
  constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : target.substr(0, target.find('?'))) {
    auto c = static_cast<unsigned char>(ch);
    if (c > 0x20 && c < 0x7F) {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
  return out;
}

}  // namespace satdan::http
