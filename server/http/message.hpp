// Requests and responses as plain values: handlers and the router use these, never Beast types, so they
// compile fast and are tested without a socket.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace satdan::http {

using header_list = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive header lookup; empty when absent.
std::string_view find_header(const header_list& headers, std::string_view name);

// The signed-in account making a request, as the router found it from the bearer token.
struct principal {
  std::int64_t account_id = 0;
  std::string username;
  std::string role;                        // admin, secretariat, staff, member
  std::optional<std::int64_t> member_id;   // for member accounts
  std::string token;                       // the bearer token itself, for logout and password changes
};

struct request {
  std::string method;                  // "GET", "POST", ...
  std::string target;                  // as received: "/api/v1/units?limit=10"
  std::vector<std::string> segments;   // decoded path segments: {"api", "v1", "units"}
  header_list query;                   // decoded query parameters, in order
  header_list headers;
  std::string body;
  std::string remote;                  // client address, for logs and throttling
  std::optional<principal> who;        // set by the router on routes that need a signed-in account

  std::string_view header(std::string_view name) const { return find_header(headers, name); }
};

struct response {
  int status = 200;
  std::string content_type;
  header_list headers;
  std::string body;
  // A body shared with a cache, written without a copy; used instead of `body` when set.
  std::shared_ptr<const std::string> shared_body;

  void set_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

// Splits and decodes an origin-form target ("/a/b?x=1"). Throws core::error(bad_request) for a target
// that is not origin-form or decodes to invalid UTF-8.
void parse_target(request& req);

// The target's path without the query, as a log shows a path no route matched: every byte that may not stand
// in a URL as it is (controls, space, anything not ASCII) percent-encoded, so a hostile byte is neither hidden
// nor passed on to the log.
std::string printable_path(std::string_view target);

}  // namespace satdan::http
