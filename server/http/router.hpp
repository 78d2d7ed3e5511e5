// Routes a request to its handler by method and path template ("/api/v1/units/{id}"), after checking
// who may call it. Unknown paths are 404, known paths with another method 405 with Allow. Errors thrown
// by handlers become problem+json here.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
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

// Who may call a route: anyone (`open`), or a signed-in account whose role is listed. A route with no
// declaration admits nobody.
struct access {
  bool open = false;
  std::vector<std::string> roles;
  bool admits(const std::string& role) const;
};

// The declared access of every route: (method, path template) → access.
struct route_access {
  std::string method;
  std::string pattern;
  access rule;
};

// Finds the account behind a bearer token; empty for an unknown, expired or revoked one.
using authenticator = std::function<std::optional<principal>(std::string_view token)>;

// How routes added with add_page differ from the API's: the token comes from a session cookie, an unsafe
// method must pass check_form (the form's anti-forgery token), and every error is answered by error_page
// (a sign-in redirect, an HTML page) instead of problem+json. The pages layer supplies these; the API's
// bearer routes never use them.
struct page_support {
  std::string session_cookie;
  std::function<void(const request&)> check_form;  // throws core::error(forbidden) to refuse
  std::function<response(const request&, const core::error&)> error_page;
};

// The value of cookie `name` in the request's Cookie headers; empty when absent.
std::string_view cookie_value(const request& req, std::string_view name);

struct route_info {
  std::string method;
  std::string pattern;
  access rule;
  bool declared;
};

class router {
 public:
  router(std::vector<route_access> table, authenticator authenticate);

  void add(std::string method, std::string pattern, handler fn);
  // A web page: authenticated by the session cookie, forms checked, errors answered as pages (page_support).
  void add_page(std::string method, std::string pattern, handler fn);
  void set_page_support(page_support support) { pages_ = std::move(support); }

  // Never throws: handler errors are answered as problem+json, unexpected ones as 500 (and logged).
  response dispatch(request req) const;

  // The path of `target` as the request log shows it. Paths are matched after percent-decoding (RFC 3986
  // §6.2.2.2: "%6D" and "m" are the same path), so the route is found the same way here and a credential
  // parameter ({token}, {code}) is logged by its name, however the client encoded it. The rest is logged as
  // received; a path no route matches is logged by printable_path.
  std::string path_for_log(std::string_view target) const;

  std::vector<route_info> routes() const;
  // Declarations in the table with no route behind them (a typo in the table, or a removed route).
  std::vector<route_access> unused_declarations() const;

 private:
  struct route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;  // "units", "{id}"
    handler fn;
    access rule;
    bool declared;
    bool page = false;
  };
  static bool match(const route& r, const std::vector<std::string>& segments, path_params& params);
  response call(const route& r, request& req, const path_params& params) const;
  response call_page(const route& r, request& req, const path_params& params) const;

  std::map<std::pair<std::string, std::string>, access> table_;
  authenticator authenticate_;
  std::vector<route> routes_;
  page_support pages_;
};

}  // namespace satdan::http
