// What handlers share: configuration and the stores. Built once by `satdan serve` (and by tests).
#pragma once
#include <memory>

#include "core/config.hpp"
#include "http/router.hpp"
#include "store/database.hpp"
#include "store/directory_store.hpp"

namespace satdan::api {

struct app_context {
  app_context(core::config c, std::shared_ptr<store::database> database)
      : config(std::move(c)), db(std::move(database)), directory(db) {}
  core::config config;
  std::shared_ptr<store::database> db;
  store::directory_store directory;
};

// Every route the server answers, in one table.
http::router make_router(app_context& app);

void add_health_routes(http::router& r, app_context& app);
void add_unit_routes(http::router& r, app_context& app);
void add_cell_routes(http::router& r, app_context& app);
void add_member_routes(http::router& r, app_context& app);
void add_responsibility_routes(http::router& r, app_context& app);
void add_unavailability_routes(http::router& r, app_context& app);

}  // namespace satdan::api
