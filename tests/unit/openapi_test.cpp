// The OpenAPI document and the router describe the same API: every route answered is documented, and
// every documented operation is answered.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "api/app.hpp"
#include "pages/pages.hpp"
#include "core/embedded.hpp"

using namespace satdan;

namespace {
boost::json::object openapi() {
  for (const auto& f : embedded::documents())
    if (f.path == "docs/openapi.json") return boost::json::parse(f.contents).as_object();
  ADD_FAILURE() << "docs/openapi.json is not embedded";
  return {};
}
std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}
}  // namespace

TEST(OpenApi, DocumentAndRouterAgree) {
  auto doc = openapi();
  EXPECT_EQ(std::string_view(doc.at("openapi").as_string()).substr(0, 3), "3.1");
  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, item] : doc.at("paths").as_object()) {
    for (const auto& [method, op] : item.as_object()) {
      static const std::set<std::string> verbs = {"get", "put", "post", "delete", "patch", "head", "options"};
      if (verbs.contains(std::string(method))) documented.emplace(upper(std::string(method)), std::string(path));
    }
  }
  // Registering routes runs no handler; the database (a scratch SQLite file) is never queried.
  auto path = std::filesystem::temp_directory_path() / ("satdan-openapi-" + std::to_string(::getpid()) + ".db");
  std::set<std::pair<std::string, std::string>> routed;
  {
    api::app_context app(core::config{}, std::make_shared<store::database>("sqlite:" + path.string(), 1));
    // The web pages (server/pages) answer HTML to browsers: they are not part of the JSON API's document.
    std::set<std::pair<std::string, std::string>> pages;
    for (const auto& p : pages::access_table()) pages.emplace(p.method, p.pattern);
    for (const auto& route : api::make_router(app).routes())
      if (!pages.contains({route.method, route.pattern})) routed.emplace(route.method, route.pattern);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  for (const auto& r : routed) EXPECT_TRUE(documented.contains(r)) << "undocumented: " << r.first << " " << r.second;
  for (const auto& d : documented) EXPECT_TRUE(routed.contains(d)) << "not routed: " << d.first << " " << d.second;
}
