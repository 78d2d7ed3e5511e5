// The five routes every directory resource has: list (filters + pages), create, read, merge-patch update
// and delete. A resource file states only what differs: its filters, which store calls to make, and for
// member accounts, which records are theirs.
#pragma once
#include <functional>
#include <string>

#include "api/support.hpp"

namespace satdan::api {

template <class T, class Filter>
struct crud_resource {
  std::string collection;  // path segment: "units"
  std::function<Filter(query_reader&)> read_filter;
  std::function<store::page<T>(const Filter&, store::page_request)> list;
  std::function<T(domain::id_t)> get;
  std::function<T(T, const store::actor&)> create;
  std::function<T(const T&, const store::actor&)> update;
  std::function<void(domain::id_t, const store::actor&)> remove;
  std::function<T(const boost::json::value&)> decode;
  // For member accounts: the member id a record belongs to. Unset: the records belong to nobody, and
  // the access table decides alone. Set: a member sees and writes only records whose owner is theirs
  // (others' are 404 to read, 403 to write), and lists are narrowed to their own.
  std::function<domain::id_t(const T&)> owner;
  std::function<void(Filter&, domain::id_t)> narrow_to_owner;
};

template <class T, class Filter>
void add_crud_routes(http::router& r, crud_resource<T, Filter> res) {
  const std::string base = "/api/v1/" + res.collection;
  auto shared = std::make_shared<crud_resource<T, Filter>>(std::move(res));
  // The record as the caller may see it: another member's is "not found", not "forbidden" (no probing).
  auto visible = [shared](const http::request& req, domain::id_t id) {
    T item = shared->get(id);
    auto own = own_member_scope(req);
    if (own && shared->owner && shared->owner(item) != *own) throw core::error(core::errc::not_found, "No resource at this path.");
    return item;
  };
  auto check_owner = [shared](const http::request& req, const T& item) {
    auto own = own_member_scope(req);
    if (own && shared->owner && shared->owner(item) != *own)
      throw core::error(core::errc::forbidden, "Members may change only their own records.");
  };

  r.add("GET", base, [shared](const http::request& req, const http::path_params&) {
    query_reader q(req);
    Filter f = shared->read_filter(q);
    store::page_request p = read_page(q);
    q.finish();
    if (auto own = own_member_scope(req); own && shared->narrow_to_owner) shared->narrow_to_owner(f, *own);
    return page_response(shared->list(f, p));
  });
  r.add("POST", base, [shared, base, check_owner](const http::request& req, const http::path_params&) {
    T value = shared->decode(read_json_body(req));
    check_owner(req, value);
    T created = shared->create(std::move(value), actor_of(req));
    http::response out = json_response(201, domain::to_json(created));
    out.set_header("Location", base + "/" + std::to_string(created.id));
    return out;
  });
  r.add("GET", base + "/{id}", [visible](const http::request& req, const http::path_params& params) {
    return json_response(200, domain::to_json(visible(req, path_id(params))));
  });
  r.add("PATCH", base + "/{id}", [shared, visible, check_owner](const http::request& req, const http::path_params& params) {
    domain::id_t id = path_id(params);
    boost::json::value patch = read_json_body(req, true);
    T current = visible(req, id);
    T next = shared->decode(merge_patch(domain::to_json(current), patch));
    next.id = id;
    check_owner(req, next);  // a member cannot hand their record to someone else
    return json_response(200, domain::to_json(shared->update(next, actor_of(req))));
  });
  r.add("DELETE", base + "/{id}", [shared, visible](const http::request& req, const http::path_params& params) {
    domain::id_t id = path_id(params);
    visible(req, id);
    shared->remove(id, actor_of(req));
    http::response out;
    out.status = 204;
    return out;
  });
}

}  // namespace satdan::api
