// Importing a member's busy times from an iCalendar file: the one code path behind
// PUT /api/v1/members/{id}/busy-times/{source} and the member's upload page.
#pragma once
#include <string>
#include <string_view>

#include "api/app.hpp"

namespace satdan::api {

struct busy_import_result {
  int periods = 0;     // how many were stored
  core::instant from;  // the window read from the file: now to the end of the planning horizon
  core::instant to;
};

// Replaces the periods of (member, source) with the busy times of `ics` over the planning horizon. Throws
// core::error(invalid_input) for a source that is not a token ({"source", ...}) or a file that cannot be
// read or goes over a limit ({"body", "line N: ..."}, see calendar::busy_periods); changes nothing then.
busy_import_result import_busy_times(app_context& app, domain::id_t member, const std::string& source, std::string_view ics,
                                     const store::actor& who);

// Throws core::error(invalid_input) {"source", ...} unless `source` names a source (domain::is_token).
void check_busy_source(const std::string& source);

}  // namespace satdan::api
