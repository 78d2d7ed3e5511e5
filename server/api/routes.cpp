// The route table: every route the server answers is added here, and nowhere else.
#include "api/app.hpp"

namespace satdan::api {

http::router make_router(app_context& app) {
  http::router r;
  add_health_routes(r, app);
  add_unit_routes(r, app);
  add_cell_routes(r, app);
  add_member_routes(r, app);
  add_responsibility_routes(r, app);
  add_unavailability_routes(r, app);
  return r;
}

}  // namespace satdan::api
