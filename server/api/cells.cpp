// /api/v1/cells: party cells (chi bộ) of villages, street blocks and agencies.
#include "api/app.hpp"
#include "api/crud.hpp"

namespace satdan::api {

void add_cell_routes(http::router& r, app_context& app) {
  auto& d = app.directory;
  add_crud_routes<domain::cell, store::cell_filter>(
      r, {.collection = "cells",
          .read_filter = [](query_reader& q) {
            return store::cell_filter{.within = q.id("within"), .unit_id = q.id("unit_id"), .kind = q.text("kind")};
          },
          .list = [&d](const auto& f, auto p) { return d.list_cells(f, p); },
          .get = [&d](domain::id_t id) { return d.get_cell(id); },
          .create = [&d](domain::cell c, const store::actor& who) { return d.create_cell(std::move(c), who); },
          .update = [&d](const domain::cell& c, const store::actor& who) { return d.update_cell(c, who); },
          .remove = [&d](domain::id_t id, const store::actor& who) { d.delete_cell(id, who); },
          .decode = domain::cell_from_json});
}

}  // namespace satdan::api
