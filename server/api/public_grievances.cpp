// /public/grievances/{code}: a citizen follows a case by its tracking code, without signing in. The answer
// shows kind, category, dates, status, handling unit and the published answer, never names, contacts or the
// details text. Failed lookups are counted per client address in the database (all server processes share
// the count): too many in a window answer 429 with Retry-After, so codes cannot be guessed by trying.
#include "api/app.hpp"
#include "api/support.hpp"
#include "calendar/recurrence.hpp"
#include "security/tracking_code.hpp"

namespace satdan::api {

namespace {

// Ten failures in 15 minutes lock the address for 15 minutes: a citizen who mistypes a code a few times is
// never locked out, while a guesser gets through about one code in 10^13 per day.
constexpr int failure_limit = 10;
constexpr std::chrono::seconds window = std::chrono::minutes(15);
constexpr std::chrono::seconds lock = std::chrono::minutes(15);

}  // namespace

void add_public_grievance_routes(http::router& r, app_context& app) {
  r.add("GET", "/public/grievances/{code}", [&app](const http::request& req, const http::path_params& params) {
    auto& throttle = app.auth.accounts();
    const core::instant now = core::now();
    const std::string key = "track:" + req.remote;
    if (auto left = throttle.locked_for(key, now))
      throw core::error(core::errc::too_many_requests, "Too many unknown tracking codes; try again later.")
          .with_retry_after(*left);
    auto code = security::normalise_tracking_code(params.get("code"));
    auto found = code ? app.grievances.find_by_code(*code) : std::nullopt;
    if (!found) {
      throttle.record_failure(key, now, failure_limit, window, lock);
      core::throw_not_found("A case with this tracking code");
    }
    auto today = calendar::to_local(now, app.config.timezone).date;
    auto out = json_response(200, domain::to_public_json(*found, today));
    out.set_header("Cache-Control", "no-store");
    return out;
  });
}

}  // namespace satdan::api
