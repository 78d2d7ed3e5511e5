// /static/NAME.HASH.EXT: the files of web/static under content-hashed names, cached for a year.
#include "core/error.hpp"
#include "pages/pages.hpp"
#include "pages/web_assets.hpp"

namespace satdan::pages {

namespace {

// If-None-Match holds a list of entity tags, or "*".
bool matches(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view tag = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);  // weak comparison, as RFC 9110 §13.1.2 asks here
    if (tag == "*" || tag == etag) return true;
  }
  return false;
}

}  // namespace

void add_static_routes(http::router& r) {
  r.add("GET", "/static/{name}", [](const http::request& req, const http::path_params& params) {
    const static_file* file = assets().by_hashed_name(params.get("name"));
    if (!file) throw core::error(core::errc::not_found, "No such static file.");
    http::response res;
    res.set_header("Cache-Control", "public, max-age=31536000, immutable");
    res.set_header("ETag", file->etag);
    if (matches(req.header("If-None-Match"), file->etag)) {
      res.status = 304;
      return res;
    }
    res.content_type = file->content_type;
    res.body = std::string(file->contents);
    return res;
  });
}

}  // namespace satdan::pages
