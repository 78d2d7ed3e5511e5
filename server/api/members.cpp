// /api/v1/members: committee members (huyện ủy viên, đảng ủy viên) who are sent to sessions.
#include "api/app.hpp"
#include "api/crud.hpp"

namespace satdan::api {

void add_member_routes(http::router& r, app_context& app) {
  auto& d = app.directory;
  add_crud_routes<domain::member, store::member_filter>(
      r, {.collection = "members",
          .read_filter = [](query_reader& q) {
            return store::member_filter{.within = q.id("within"), .level = q.text("level"), .role = q.text("role"),
                                        .active = q.boolean("active")};
          },
          .list = [&d](const auto& f, auto p) { return d.list_members(f, p); },
          .get = [&d](domain::id_t id) { return d.get_member(id); },
          .create = [&d](domain::member m) { return d.create_member(std::move(m)); },
          .update = [&d](const domain::member& m) { return d.update_member(m); },
          .remove = [&d](domain::id_t id) { d.delete_member(id); },
          .decode = domain::member_from_json});
}

}  // namespace satdan::api
