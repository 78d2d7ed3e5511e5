// Routes a request to its handler by method and path template ("/api/v1/units/{id}"). Unknown paths are
// 404, known paths with another method 405 with Allow. Errors thrown by handlers become problem+json here.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace satdan::http {

class path_params {
 public:
  void add(std::string name, std::string value) { values_.emplace_back(std::move(name), std::move(value)); }
  // The decoded value of {name}; throws core::error(internal) when the route has no such parameter.
  const std::string& get(std::string_view name) const;

 private:
  header_list values_;
};

using handler = std::function<response(const request&, const path_params&)>;

struct route_info {
  std::string method;
  std::string pattern;
};

class router {
 public:
  void add(std::string method, std::string pattern, handler fn);

  // Never throws: handler errors are answered as problem+json, unexpected ones as 500 (and logged).
  response dispatch(const request& req) const;

  std::vector<route_info> routes() const;

 private:
  struct route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;  // "units", "{id}"
    handler fn;
  };
  static bool match(const route& r, const std::vector<std::string>& segments, path_params& params);
  std::vector<route> routes_;
};

}  // namespace satdan::http
