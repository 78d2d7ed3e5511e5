// /api/v1/units: the administrative tree (district → commune/town → village/street block).
#include "api/app.hpp"
#include "api/crud.hpp"

namespace satdan::api {

void add_unit_routes(http::router& r, app_context& app) {
  auto& d = app.directory;
  add_crud_routes<domain::unit, store::unit_filter>(
      r, {.collection = "units",
          .read_filter = [](query_reader& q) {
            return store::unit_filter{.within = q.id("within"), .parent_id = q.id("parent_id"), .kind = q.text("kind")};
          },
          .list = [&d](const auto& f, auto p) { return d.list_units(f, p); },
          .get = [&d](domain::id_t id) { return d.get_unit(id); },
          .create = [&d](domain::unit u, const store::actor& who) { return d.create_unit(std::move(u), who); },
          .update = [&d](const domain::unit& u, const store::actor& who) { return d.update_unit(u, who); },
          .remove = [&d](domain::id_t id, const store::actor& who) { d.delete_unit(id, who); },
          .decode = domain::unit_from_json});
}

}  // namespace satdan::api
