// What handlers share: configuration, the stores and the sign-in service. Built once by `satdan serve`
// (and by tests).
#pragma once
#include <memory>

#include "api/feed_cache.hpp"
#include "auth/auth_service.hpp"
#include "calendar/period_clock.hpp"
#include "core/config.hpp"
#include "http/router.hpp"
#include "store/activity_store.hpp"
#include "store/assignments_store.hpp"
#include "store/attendance_store.hpp"
#include "store/audit.hpp"
#include "store/database.hpp"
#include "store/directory_store.hpp"
#include "store/busy_times_store.hpp"
#include "store/feeds_store.hpp"
#include "store/grievance_settings_store.hpp"
#include "store/grievances_store.hpp"
#include "store/meetings_store.hpp"
#include "store/planning_store.hpp"
#include "services/proposals.hpp"

namespace satdan::api {

auth::auth_settings auth_settings_of(const core::config& c);
store::assignment_rules assignment_rules_of(const core::config& c);

struct app_context {
  app_context(core::config c, std::shared_ptr<store::database> database)
      : config(std::move(c)),
        db(std::move(database)),
        directory(db),
        meetings(db),
        assignments(db, assignment_rules_of(config)),
        planning(db, {.timezone = config.timezone}),
        attendance(db),
        grievances(db),
        audit(db),
        auth(db, auth_settings_of(config)),
        feeds(db, config.timezone),
        busy_times(db),
        activity(db),
        grievance_settings(db),
        proposal_jobs(directory, planning, calendar::period_clock_for(config.timezone), config.solver_threads) {}
  core::config config;
  std::shared_ptr<store::database> db;
  store::directory_store directory;
  store::meetings_store meetings;
  store::assignments_store assignments;
  store::planning_store planning;
  store::attendance_store attendance;
  store::grievances_store grievances;
  store::audit_store audit;
  auth::auth_service auth;
  store::feeds_store feeds;
  feed_cache feed_renders;
  store::busy_times_store busy_times;
  store::activity_store activity;
  store::grievance_settings_store grievance_settings;
  // Proposals run as jobs on their own threads, so a long one never holds a database pool thread. Declared
  // last: destroyed first, its threads joined before the stores they use go away.
  services::proposal_jobs proposal_jobs;
};

// Every route the server answers, with the access table applied.
http::router make_router(app_context& app);

// Who may call what: (method, path template) → roles. See access.cpp.
std::vector<http::route_access> access_table();

void add_health_routes(http::router& r, app_context& app);
void add_auth_routes(http::router& r, app_context& app);
void add_account_routes(http::router& r, app_context& app);
void add_audit_routes(http::router& r, app_context& app);
void add_unit_routes(http::router& r, app_context& app);
void add_cell_routes(http::router& r, app_context& app);
void add_member_routes(http::router& r, app_context& app);
void add_responsibility_routes(http::router& r, app_context& app);
void add_unavailability_routes(http::router& r, app_context& app);
void add_series_routes(http::router& r, app_context& app);
void add_session_routes(http::router& r, app_context& app);
void add_assignment_routes(http::router& r, app_context& app);
void add_schedule_routes(http::router& r, app_context& app);
void add_feed_routes(http::router& r, app_context& app);
void add_busy_time_routes(http::router& r, app_context& app);
void add_attendance_routes(http::router& r, app_context& app);
void add_grievance_routes(http::router& r, app_context& app);
void add_report_routes(http::router& r, app_context& app);
void add_public_grievance_routes(http::router& r, app_context& app);

}  // namespace satdan::api
