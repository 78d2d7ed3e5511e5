#include "pages/web_assets.hpp"

#include "core/embedded.hpp"
#include "core/error.hpp"
#include "security/secrets.hpp"

namespace satdan::pages {

namespace {

constexpr std::string_view templates_dir = "web/templates/";
constexpr std::string_view static_dir = "web/static/";
constexpr std::string_view catalogue_path = "web/messages/vi.json";
// The style sheet and the script are each one file to the browser (one request on a weak signal) but many
// files in the repository, one per screen or concern: web/styles/*.css and web/scripts/*.js are joined in
// name order into app.css and app.js.
constexpr std::string_view styles_dir = "web/styles/";
constexpr std::string_view scripts_dir = "web/scripts/";

std::string_view catalogue_text() {
  for (const auto& f : embedded::web())
    if (f.path == catalogue_path) return f.contents;
  throw core::error(core::errc::internal, "Internal error.", {}, "web/messages/vi.json is not in the binary");
}

std::string type_of(std::string_view name) {
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".webmanifest")) return "application/manifest+json";
  if (name.ends_with(".svg")) return "image/svg+xml";
  if (name.ends_with(".png")) return "image/png";
  if (name.ends_with(".ico")) return "image/x-icon";
  return "application/octet-stream";
}

}  // namespace

web_assets::web_assets() : words_(catalogue_text()) {
  std::map<std::string, std::string_view> styles, scripts;  // ordered by path
  for (const auto& f : embedded::web()) {
    if (f.path.starts_with(styles_dir) && f.path.ends_with(".css")) styles.emplace(std::string(f.path), f.contents);
    if (f.path.starts_with(scripts_dir) && f.path.ends_with(".js")) scripts.emplace(std::string(f.path), f.contents);
  }
  auto join = [](const std::map<std::string, std::string_view>& parts, std::string& out) {
    for (const auto& [path, text] : parts) {
      out += text;
      if (!out.empty() && out.back() != '\n') out += '\n';
    }
  };
  join(styles, joined_css_);
  join(scripts, joined_js_);
  add_static("app.css", joined_css_);
  add_static("app.js", joined_js_);
  for (const auto& f : embedded::web()) {
    if (f.path.starts_with(templates_dir) && f.path.ends_with(".mustache")) {
      std::string_view name = f.path.substr(templates_dir.size());
      name.remove_suffix(std::string_view(".mustache").size());
      templates_.emplace(std::string(name), std::string(f.contents));
    } else if (f.path.starts_with(static_dir)) {
      add_static(std::string(f.path.substr(static_dir.size())), f.contents);
    }
  }
}

void web_assets::add_static(const std::string& name, std::string_view contents) {
  std::string digest = security::sha256_hex(contents);
  auto dot = name.find('.');
  std::string hashed = dot == std::string::npos ? name + "." + digest.substr(0, 8)
                                                : name.substr(0, dot) + "." + digest.substr(0, 8) + name.substr(dot);
  hashed_.emplace(hashed, name);
  by_name_.emplace(name, static_file{hashed, type_of(name), "\"" + digest + "\"", contents});
}

const std::string& web_assets::page_template(std::string_view name) const {
  auto it = templates_.find(name);
  if (it == templates_.end())
    throw core::error(core::errc::internal, "Internal error.", {}, "no template " + std::string(name));
  return it->second;
}

std::string web_assets::url_of(std::string_view name) const {
  auto it = by_name_.find(name);
  if (it == by_name_.end()) throw core::error(core::errc::internal, "Internal error.", {}, "no static file " + std::string(name));
  return "/static/" + it->second.hashed_name;
}

const static_file* web_assets::by_hashed_name(std::string_view hashed_name) const {
  auto it = hashed_.find(hashed_name);
  if (it == hashed_.end()) return nullptr;
  return &by_name_.find(it->second)->second;
}

const web_assets& assets() {
  static const web_assets built;
  return built;
}

}  // namespace satdan::pages
