// Reading requests and writing responses the same way in every handler: JSON bodies, strict query
// parameters, pagination cursors, merge patches.
#pragma once
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <optional>
#include <set>
#include <string>

#include "core/config.hpp"
#include "core/error.hpp"
#include "core/instant.hpp"
#include "domain/directory.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "store/actor.hpp"
#include "store/directory_store.hpp"

namespace satdan::api {

// The body as JSON. 415 unless Content-Type is application/json (or application/merge-patch+json when
// `merge_patch`), 400 when it does not parse.
boost::json::value read_json_body(const http::request& req, bool merge_patch = false);

// 415 naming Content-Type unless the request's media type (lowercase, without parameters) is `expected`.
void require_media_type(const http::request& req, std::string_view expected, const std::string& message);

http::response json_response(int status, const boost::json::value& body);

// Query parameters, strictly: a bad value or a parameter no handler asked for is a 400 naming it.
class query_reader {
 public:
  explicit query_reader(const http::request& req);
  std::optional<std::string> text(std::string_view name);
  std::optional<std::int64_t> integer(std::string_view name, std::int64_t min, std::int64_t max);
  std::optional<bool> boolean(std::string_view name);
  std::optional<core::instant> time(std::string_view name);
  std::optional<std::chrono::year_month_day> date(std::string_view name);
  std::optional<domain::id_t> id(std::string_view name) { return integer(name, 1, INT64_MAX); }
  // Throws bad_request listing every bad or unknown parameter.
  void finish();

 private:
  const std::string* find(std::string_view name);
  const http::request& req_;
  std::set<std::string, std::less<>> seen_;
  core::field_errors errors_;
};

// limit (1..500, default 50) and cursor (opaque; the id after which the page starts).
store::page_request read_page(query_reader& q);
std::string encode_cursor(domain::id_t after);

template <class T>
http::response page_response(const store::page<T>& p) {
  boost::json::array items;
  for (const auto& item : p.items) items.push_back(domain::to_json(item));
  boost::json::value next = nullptr;
  if (p.next_after) next = encode_cursor(*p.next_after);
  return json_response(200, boost::json::object{{"items", std::move(items)}, {"next_cursor", next}});
}

// The {id} (or another named) path parameter; a value that is not a positive integer cannot name anything: 404.
domain::id_t path_id(const http::path_params& params, std::string_view name = "id");

// RFC 7396 on a flat object: keys in `patch` replace those in `current` (null clears). `id` is read-only.
boost::json::object merge_patch(boost::json::object current, const boost::json::value& patch);

// Versions for optimistic concurrency: ETag "N" on reads, If-Match "N" required on writes (428 without it;
// the store answers 412 when N is no longer current).
std::string etag(std::int64_t version);
std::int64_t required_if_match(const http::request& req);

// Today's date in the deployment's time zone (due dates, report periods).
std::chrono::year_month_day local_today(const core::config& c);

// The account making the request (with its role), for the audit log.
store::actor actor_of(const http::request& req);

// Member accounts see only their own records: the member id when the caller is one, else nothing.
std::optional<domain::id_t> own_member_scope(const http::request& req);

}  // namespace satdan::api
