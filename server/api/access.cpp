// Who may call each route: the one table the router enforces. A route missing here admits nobody, and
// the authorisation tests fail on it.
#include "api/app.hpp"

namespace satdan::api {

namespace {

const http::access open{.open = true};
const http::access signed_in{.roles = {"admin", "secretariat", "staff", "member"}};
const http::access planners{.roles = {"admin", "secretariat"}};
const http::access office{.roles = {"admin", "secretariat", "staff"}};
// Members reach these only for their own records; the handlers narrow what they see to that.
const http::access office_and_own{.roles = {"admin", "secretariat", "staff", "member"}};
const http::access planners_and_own{.roles = {"admin", "secretariat", "member"}};
const http::access admins{.roles = {"admin"}};
// Member accounts only: their own calendar feed (an admin issues feeds for members without an account),
// their own attendance.
const http::access members_only{.roles = {"member"}};

void crud(std::vector<http::route_access>& t, const std::string& collection, const http::access& list,
          const http::access& read, const http::access& write) {
  const std::string base = "/api/v1/" + collection;
  t.push_back({"GET", base, list});
  t.push_back({"POST", base, write});
  t.push_back({"GET", base + "/{id}", read});
  t.push_back({"PATCH", base + "/{id}", write});
  t.push_back({"DELETE", base + "/{id}", write});
}

}  // namespace

std::vector<http::route_access> access_table() {
  std::vector<http::route_access> t = {
      {"GET", "/healthz", open},
      {"GET", "/readyz", open},
      {"GET", "/api/v1/openapi.json", open},
      {"POST", "/api/v1/auth/login", open},
      {"POST", "/api/v1/auth/logout", signed_in},
      {"GET", "/api/v1/auth/me", signed_in},
      {"POST", "/api/v1/auth/password", signed_in},
      {"GET", "/api/v1/accounts", admins},
      {"POST", "/api/v1/accounts", admins},
      {"GET", "/api/v1/accounts/{id}", admins},
      {"PATCH", "/api/v1/accounts/{id}", admins},
      {"GET", "/api/v1/audit", admins},
  };
  crud(t, "units", signed_in, signed_in, planners);
  crud(t, "cells", signed_in, signed_in, planners);
  crud(t, "responsibilities", signed_in, signed_in, planners);
  crud(t, "members", office, office_and_own, planners);
  crud(t, "unavailability", planners_and_own, planners_and_own, planners_and_own);
  crud(t, "series", signed_in, signed_in, planners);
  t.push_back({"POST", "/api/v1/series/{id}/split", planners});
  crud(t, "sessions", signed_in, signed_in, planners);  // ?member_id= is a member account's own, whatever it names
  t.push_back({"GET", "/api/v1/sessions/{id}/assignments", signed_in});
  t.push_back({"POST", "/api/v1/sessions/{id}/assignments", planners});
  t.push_back({"DELETE", "/api/v1/sessions/{id}/assignments/{assignment_id}", planners});
  t.push_back({"POST", "/api/v1/schedule/proposals", planners});
  t.push_back({"GET", "/api/v1/schedule/proposals/{id}", planners});
  t.push_back({"POST", "/api/v1/schedule/proposals/{id}/apply", planners});
  t.push_back({"GET", "/api/v1/schedule/jobs/{id}", planners});
  t.push_back({"DELETE", "/api/v1/schedule/jobs/{id}", planners});
  // Feeds: the private feed's token is its own credential; unit feeds are public.
  t.push_back({"GET", "/feeds/m/{token}.ics", open});
  t.push_back({"GET", "/feeds/u/{unit_id}.ics", open});
  t.push_back({"GET", "/api/v1/sessions/{id}.ics", signed_in});
  t.push_back({"POST", "/api/v1/me/feed-token", members_only});
  t.push_back({"DELETE", "/api/v1/me/feed-token", members_only});
  t.push_back({"GET", "/api/v1/me/feed", members_only});
  t.push_back({"PATCH", "/api/v1/me/feed", members_only});
  t.push_back({"POST", "/api/v1/members/{id}/feed-token", admins});
  t.push_back({"DELETE", "/api/v1/members/{id}/feed-token", admins});
  t.push_back({"PUT", "/api/v1/members/{id}/busy-times/{source}", planners_and_own});
  t.push_back({"DELETE", "/api/v1/members/{id}/busy-times/{source}", planners_and_own});
  t.push_back({"GET", "/api/v1/sessions/{id}/attendance", office_and_own});  // a member: own lines only
  t.push_back({"PUT", "/api/v1/sessions/{id}/attendance", office});
  t.push_back({"PUT", "/api/v1/sessions/{id}/attendance/me", members_only});
  // Grievances are the office's work; members do not see citizens' cases.
  t.push_back({"GET", "/api/v1/grievances", office});
  t.push_back({"POST", "/api/v1/grievances", office});
  t.push_back({"GET", "/api/v1/grievances/{id}", office});
  t.push_back({"POST", "/api/v1/grievances/{id}/transitions", office});
  t.push_back({"POST", "/api/v1/grievances/{id}/notes", office});
  t.push_back({"GET", "/public/grievances/{code}", open});
  t.push_back({"GET", "/api/v1/grievance-settings", office});
  t.push_back({"PATCH", "/api/v1/grievance-settings", admins});
  t.push_back({"GET", "/api/v1/reports/grievances", office});
  t.push_back({"GET", "/api/v1/reports/members", office});
  t.push_back({"GET", "/api/v1/reports/units", office});
  return t;
}

}  // namespace satdan::api
