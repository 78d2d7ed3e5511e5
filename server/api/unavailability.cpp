// /api/v1/unavailability: periods when a member cannot be sent to sessions (leave, training, illness).
#include "api/app.hpp"
#include "api/crud.hpp"

namespace satdan::api {

void add_unavailability_routes(http::router& r, app_context& app) {
  auto& d = app.directory;
  add_crud_routes<domain::unavailability, store::unavailability_filter>(
      r, {.collection = "unavailability",
          .read_filter = [](query_reader& q) {
            return store::unavailability_filter{.member_id = q.id("member_id"), .from = q.time("from"),
                                                .to = q.time("to")};
          },
          .list = [&d](const auto& f, auto p) { return d.list_unavailability(f, p); },
          .get = [&d](domain::id_t id) { return d.get_unavailability(id); },
          .create = [&d](domain::unavailability u, const store::actor& who) { return d.create_unavailability(std::move(u), who); },
          .update = [&d](const domain::unavailability& u, const store::actor& who) { return d.update_unavailability(u, who); },
          .remove = [&d](domain::id_t id, const store::actor& who) { d.delete_unavailability(id, who); },
          .decode = domain::unavailability_from_json,
          .owner = [](const domain::unavailability& u) { return u.member_id; },
          .narrow_to_owner = [](store::unavailability_filter& f, domain::id_t own) { f.member_id = own; }});
}

}  // namespace satdan::api
