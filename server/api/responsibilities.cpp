// /api/v1/responsibilities: which units and cells each member is in charge of (phân công phụ trách).
#include "api/app.hpp"
#include "api/crud.hpp"

namespace satdan::api {

void add_responsibility_routes(http::router& r, app_context& app) {
  auto& d = app.directory;
  add_crud_routes<domain::responsibility, store::responsibility_filter>(
      r, {.collection = "responsibilities",
          .read_filter = [](query_reader& q) {
            return store::responsibility_filter{.member_id = q.id("member_id"), .unit_id = q.id("unit_id"),
                                                .cell_id = q.id("cell_id")};
          },
          .list = [&d](const auto& f, auto p) { return d.list_responsibilities(f, p); },
          .get = [&d](domain::id_t id) { return d.get_responsibility(id); },
          .create = [&d](domain::responsibility x, const store::actor& who) { return d.create_responsibility(std::move(x), who); },
          .update = [&d](const domain::responsibility& x, const store::actor& who) { return d.update_responsibility(x, who); },
          .remove = [&d](domain::id_t id, const store::actor& who) { d.delete_responsibility(id, who); },
          .decode = domain::responsibility_from_json});
}

}  // namespace satdan::api
