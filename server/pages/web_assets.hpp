// What web/ compiled into the binary becomes at start: templates by name, the catalogue, and static files
// under content-hashed names ("app.css" → "app.3f2a1c9e.css"), so a changed file is a new address and the
// old one can be cached for ever.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "pages/catalogue.hpp"

namespace satdan::pages {

struct static_file {
  std::string hashed_name;   // "app.3f2a1c9e.css"
  std::string content_type;
  std::string etag;          // strong: the full SHA-256 of the contents, quoted
  std::string_view contents;
};

class web_assets {
 public:
  web_assets();  // reads the embedded web/ files; throws core::error(internal) when one is malformed

  // The template web/templates/NAME.mustache; throws core::error(internal) for an unknown one.
  const std::string& page_template(std::string_view name) const;
  const catalogue& words() const { return words_; }
  // "/static/app.3f2a1c9e.css" for "app.css".
  std::string url_of(std::string_view name) const;
  const static_file* by_hashed_name(std::string_view hashed_name) const;

  web_assets(const web_assets&) = delete;  // static files point into joined_css_ and joined_js_
  web_assets& operator=(const web_assets&) = delete;

 private:
  void add_static(const std::string& name, std::string_view contents);
  std::string joined_css_, joined_js_;
  std::map<std::string, std::string, std::less<>> templates_;
  std::map<std::string, static_file, std::less<>> by_name_;    // "app.css" →
  std::map<std::string, std::string, std::less<>> hashed_;     // "app.3f2a1c9e.css" → "app.css"
  catalogue words_;
};

// The assets of this binary, built once.
const web_assets& assets();

}  // namespace satdan::pages
