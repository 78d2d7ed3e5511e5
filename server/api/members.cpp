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
          .create = [&d](domain::member m, const store::actor& who) { return d.create_member(std::move(m), who); },
          .update = [&d](const domain::member& m, const store::actor& who) { return d.update_member(m, who); },
          .remove = [&d](domain::id_t id, const store::actor& who) { d.delete_member(id, who); },
          .decode = domain::member_from_json,
          .owner = [](const domain::member& m) { return m.id; }});
}

}  // namespace satdan::api
