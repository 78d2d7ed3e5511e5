// The five routes every directory resource has: list (filters + pages), create, read, merge-patch update
// and delete. A resource file states only what differs: its filters and which store calls to make.
#pragma once
#include <functional>
#include <string>

#include "api/support.hpp"

namespace satdan::api {

template <class T, class Filter>
struct crud_resource {
  std::string collection;  // path segment and noun: "units"
  std::function<Filter(query_reader&)> read_filter;
  std::function<store::page<T>(const Filter&, store::page_request)> list;
  std::function<T(domain::id_t)> get;
  std::function<T(T)> create;
  std::function<T(const T&)> update;
  std::function<void(domain::id_t)> remove;
  std::function<T(const boost::json::value&)> decode;
};

template <class T, class Filter>
void add_crud_routes(http::router& r, crud_resource<T, Filter> res) {
  const std::string base = "/api/v1/" + res.collection;
  auto shared = std::make_shared<crud_resource<T, Filter>>(std::move(res));

  r.add("GET", base, [shared](const http::request& req, const http::path_params&) {
    query_reader q(req);
    Filter f = shared->read_filter(q);
    store::page_request p = read_page(q);
    q.finish();
    return page_response(shared->list(f, p));
  });
  r.add("POST", base, [shared, base](const http::request& req, const http::path_params&) {
    T created = shared->create(shared->decode(read_json_body(req)));
    http::response out = json_response(201, domain::to_json(created));
    out.set_header("Location", base + "/" + std::to_string(created.id));
    return out;
  });
  r.add("GET", base + "/{id}", [shared](const http::request&, const http::path_params& params) {
    return json_response(200, domain::to_json(shared->get(path_id(params))));
  });
  r.add("PATCH", base + "/{id}", [shared](const http::request& req, const http::path_params& params) {
    domain::id_t id = path_id(params);
    boost::json::value patch = read_json_body(req, true);
    T current = shared->get(id);
    T next = shared->decode(merge_patch(domain::to_json(current), patch));
    next.id = id;
    return json_response(200, domain::to_json(shared->update(next)));
  });
  r.add("DELETE", base + "/{id}", [shared](const http::request&, const http::path_params& params) {
    shared->remove(path_id(params));
    http::response out;
    out.status = 204;
    return out;
  });
}

}  // namespace satdan::api
