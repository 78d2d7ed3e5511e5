#include "pages/catalogue.hpp"

#include <boost/json/parse.hpp>

#include "core/error.hpp"

namespace satdan::pages {

namespace {

core::error missing(std::string_view key) {
  return core::error(core::errc::internal, "Internal error.", {}, "message catalogue has no " + std::string(key));
}

}  // namespace

catalogue::catalogue(std::string_view json_text) {
  boost::system::error_code ec;
  root_ = boost::json::parse(json_text, ec);
  if (ec || !root_.is_object())
    throw core::error(core::errc::internal, "Internal error.", {}, "the message catalogue is not a JSON object");
}

const boost::json::value& catalogue::at(std::string_view key) const {
  const boost::json::value* v = &root_;
  while (!key.empty()) {
    auto dot = key.find('.');
    std::string_view part = key.substr(0, dot);
    const auto* obj = v->if_object();
    const boost::json::value* next = obj ? obj->if_contains(part) : nullptr;
    if (!next) throw missing(key);
    v = next;
    key = dot == std::string_view::npos ? std::string_view{} : key.substr(dot + 1);
  }
  return *v;
}

std::string catalogue::get(std::string_view key) const {
  const auto& v = at(key);
  if (!v.is_string()) throw missing(key);
  return std::string(v.as_string());
}

std::optional<std::string> catalogue::find(std::string_view key) const {
  const boost::json::value* v = &root_;
  while (!key.empty()) {
    auto dot = key.find('.');
    const auto* obj = v->if_object();
    v = obj ? obj->if_contains(key.substr(0, dot)) : nullptr;
    if (!v) return std::nullopt;
    key = dot == std::string_view::npos ? std::string_view{} : key.substr(dot + 1);
  }
  if (!v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

std::string catalogue::format(std::string_view key, const std::vector<std::pair<std::string, std::string>>& values) const {
  std::string text = get(key);
  for (const auto& [name, value] : values) {
    const std::string mark = "{" + name + "}";
    for (auto at = text.find(mark); at != std::string::npos; at = text.find(mark, at + value.size()))
      text.replace(at, mark.size(), value);
  }
  return text;
}

std::string catalogue::item(std::string_view key, std::size_t index) const {
  const auto& v = at(key);
  const auto* list = v.if_array();
  if (!list || index >= list->size() || !(*list)[index].is_string()) throw missing(std::string(key) + "." + std::to_string(index));
  return std::string((*list)[index].as_string());
}

}  // namespace satdan::pages
