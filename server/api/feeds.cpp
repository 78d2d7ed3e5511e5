// Calendar feeds: a member's private feed (/feeds/m/{token}.ics), public unit feeds (/feeds/u/{id}.ics), one
// session as a download (/api/v1/sessions/{id}.ics), and the member's feed token and reminder settings.
// Feeds are rendered on the blocking pool (handlers never run on I/O threads), cached per data version and
// day, and answered 304 when the client's validators are current.
#include <boost/json/array.hpp>

#include <algorithm>
#include <set>

#include "api/app.hpp"
#include "api/feed_address.hpp"
#include "api/support.hpp"
#include "calendar/feed_content.hpp"
#include "calendar/recurrence.hpp"
#include "calendar/series_planner.hpp"
#include "core/json_reader.hpp"
#include "core/local_date.hpp"
#include "http/http_date.hpp"
#include "security/secrets.hpp"
#include "services/member_feed.hpp"

namespace satdan::api {

namespace json = boost::json;
using namespace std::chrono;
using core::errc;
using core::error;

namespace {

constexpr int max_reminders = services::max_feed_reminders;
constexpr int max_reminder_minutes = services::max_feed_reminder_minutes;

// What feeds show today: from 90 days back to the end of the planning horizon; cancelled sessions for
// 30 days after they were cancelled. Computed per local day, so a feed's content only changes with its
// data or at midnight.
feed_day compute_day(const core::config& c, core::instant now) {
  auto local = calendar::to_local(now, c.timezone);
  sys_days d{local.date};
  auto midnight = [&](sys_days x) { return calendar::to_utc(year_month_day{x}, {0, 0}, c.timezone); };
  feed_day out;
  out.day = core::format_date(local.date);
  out.window.from = midnight(d - days{90});
  out.window.to = calendar::horizon_end(midnight(d + days{1}), c.horizon_months);
  out.window.cancelled_since = midnight(d - days{30});
  out.until = midnight(d + days{1});
  return out;
}

// Computed once per local day: time zone conversions go through libical under its one lock, which every
// feed request would otherwise queue on.
feed_day today(app_context& app) {
  core::instant now = core::now();
  if (auto cached = app.feed_renders.day(now)) return *cached;
  feed_day d = compute_day(app.config, now);
  app.feed_renders.set_day(d);
  return d;
}

std::string base_url(const core::config& c) {
  std::string base = c.public_base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

// The host of the public URL: UIDs are "session-{id}@host", stable as long as the deployment's address.
std::string uid_domain(const core::config& c) {
  std::string_view rest = c.public_base_url;
  if (auto scheme = rest.find("://"); scheme != std::string_view::npos) rest.remove_prefix(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/:"));
  return rest.empty() ? "satdan" : std::string(rest);
}

calendar::feed_links links_of(const core::config& c) { return {base_url(c), uid_domain(c)}; }

// Appended, not "\"" + ...: GCC 12 warns falsely (-Wrestrict) on a literal plus a temporary string.
std::string strong_etag(const std::string& hash) { return std::string("\"").append(hash, 0, 32).append("\""); }

// RFC 9110 §13.1.2/§13.1.3: If-None-Match wins over If-Modified-Since; GET compares entity tags weakly.
bool not_modified(const http::request& req, const std::string& etag, std::optional<core::instant> last_modified) {
  std::string_view inm = req.header("If-None-Match");
  if (!inm.empty()) {
    while (!inm.empty()) {
      auto comma = inm.find(',');
      std::string_view tag = inm.substr(0, comma);
      while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
      while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
      if (tag.starts_with("W/")) tag.remove_prefix(2);
      if (tag == "*" || tag == etag) return true;
      inm = comma == std::string_view::npos ? std::string_view{} : inm.substr(comma + 1);
    }
    return false;
  }
  if (!last_modified) return false;
  auto since = http::parse_http_date(req.header("If-Modified-Since"));
  return since && *last_modified <= *since;
}

http::response calendar_response(const http::request& req, const rendered_feed& f, const char* cache_control) {
  http::response res;
  res.set_header("ETag", f.etag);
  res.set_header("Last-Modified", http::format_http_date(f.last_modified));
  res.set_header("Cache-Control", cache_control);
  if (not_modified(req, f.etag, f.last_modified)) {
    res.status = 304;
    return res;
  }
  res.content_type = "text/calendar; charset=utf-8";
  res.shared_body = f.bytes;
  return res;
}

// The cached rendering of feed `key` for this data version and day, or a fresh one (published so that every
// process answers the same validators).
template <class Render>
rendered_feed feed_for(app_context& app, const std::string& key, std::int64_t version, const std::string& day,
                       Render render) {
  if (auto hit = app.feed_renders.find(key, version, day)) return *hit;
  auto bytes = std::make_shared<const std::string>(render());
  std::string hash = security::sha256_hex(*bytes);
  auto published = app.feeds.publish(key, hash, version, core::now());
  rendered_feed f{bytes, strong_etag(hash), published.last_modified, version, day};
  app.feed_renders.put(key, f);
  return f;
}

json::object token_answer(const core::config& c, const std::string& token) {
  auto address = feed_address_of(c, token);
  return json::object{{"token", token}, {"https_url", address.https_url}, {"webcal_url", address.webcal_url}};
}

json::object settings_json(const store::feed_settings& s) {
  json::array reminders;
  for (int m : s.reminders) reminders.push_back(m);
  json::value created = nullptr;
  if (s.token_created_at) created = core::format_utc(*s.token_created_at);
  return json::object{{"has_token", s.has_token}, {"token_created_at", created}, {"reminders_minutes", reminders}};
}

std::vector<int> reminders_from_json(const json::value& body) {
  core::field_errors errors;
  core::json_reader r(body, errors);
  std::vector<int> out;
  if (const json::value* list = r.raw("reminders_minutes", true)) {
    if (!list->is_array()) {
      errors.add("reminders_minutes", "must be an array of minutes before the start");
    } else if (list->as_array().size() > max_reminders) {
      errors.add("reminders_minutes", "must hold at most " + std::to_string(max_reminders) + " reminders");
    } else {
      const json::array& items = list->as_array();
      for (std::size_t i = 0; i < items.size(); ++i) {
        const json::value& item = items[i];
        std::string field = "reminders_minutes[" + std::to_string(i) + "]";
        if (!item.is_int64() || item.as_int64() < 0 || item.as_int64() > max_reminder_minutes)
          errors.add(field, "must be a whole number of minutes from 0 to " + std::to_string(max_reminder_minutes));
        else if (std::find(out.begin(), out.end(), static_cast<int>(item.as_int64())) != out.end())
          errors.add(field, "repeats an earlier reminder");
        else
          out.push_back(static_cast<int>(item.as_int64()));
      }
    }
  }
  r.reject_unknown();
  errors.throw_if_any();
  std::sort(out.begin(), out.end(), std::greater<>());
  return out;
}

domain::id_t own_member(const http::request& req) {
  if (!req.who || !req.who->member_id)
    throw error(errc::forbidden, "Only an account linked to a committee member has a calendar feed.");
  return *req.who->member_id;
}

http::response no_content() {
  http::response out;
  out.status = 204;
  return out;
}

}  // namespace

feed_address feed_address_of(const core::config& c, const std::string& token) {
  std::string url = base_url(c) + "/feeds/m/" + token + ".ics";
  auto scheme = url.find("://");
  return {url, "webcal://" + url.substr(scheme == std::string::npos ? 0 : scheme + 3)};
}

void add_feed_routes(http::router& r, app_context& app) {
  r.add("GET", "/feeds/m/{token}.ics", [&app](const http::request& req, const http::path_params& params) {
    const std::string& token = params.get("token");
    auto owner = app.feeds.owner_of(security::token_digest(token));
    // Unknown and revoked tokens look the same: there is no feed here.
    if (!owner) throw error(errc::not_found, "There is no calendar feed at this address.");
    auto day = today(app);
    auto feed = feed_for(app, "m:" + std::to_string(owner->member_id), owner->data_version, day.day, [&] {
      calendar::feed_document doc{calendar::member_feed_name(owner->full_name), app.config.timezone, minutes{60}, {}};
      auto links = links_of(app.config);
      for (const auto& s : app.feeds.member_sessions(owner->member_id, day.window))
        doc.events.push_back(calendar::member_event(s, owner->reminders, links));
      return calendar::render_ics(doc);
    });
    return calendar_response(req, feed, "private, max-age=300");
  });

  r.add("GET", "/feeds/u/{unit_id}.ics", [&app](const http::request& req, const http::path_params& params) {
    domain::id_t unit_id = path_id(params, "unit_id");
    std::int64_t version = app.feeds.data_version();
    auto day = today(app);
    auto feed = feed_for(app, "u:" + std::to_string(unit_id), version, day.day, [&] {
      auto unit = app.feeds.unit(unit_id);
      if (!unit) core::throw_not_found("unit " + std::to_string(unit_id));
      calendar::feed_document doc{calendar::unit_feed_name(unit->kind, unit->name), app.config.timezone, minutes{60}, {}};
      auto links = links_of(app.config);
      for (const auto& s : app.feeds.unit_sessions(unit_id, day.window)) doc.events.push_back(calendar::public_event(s, links));
      return calendar::render_ics(doc);
    });
    return calendar_response(req, feed, "public, max-age=300");
  });

  r.add("GET", "/api/v1/sessions/{id}.ics", [&app](const http::request& req, const http::path_params& params) {
    domain::id_t id = path_id(params);
    auto session = app.feeds.session(id);
    if (!session) core::throw_not_found("session " + std::to_string(id));
    auto event = calendar::public_event(*session, links_of(app.config));
    calendar::feed_document doc{event.summary, app.config.timezone, minutes{60}, {event}};
    std::string bytes = calendar::render_ics(doc);
    std::string tag = strong_etag(security::sha256_hex(bytes));
    http::response res;
    res.set_header("ETag", tag);
    if (not_modified(req, tag, std::nullopt)) {
      res.status = 304;
      return res;
    }
    res.content_type = "text/calendar; charset=utf-8";
    res.set_header("Content-Disposition", "attachment; filename=\"session-" + std::to_string(id) + ".ics\"");
    res.body = std::move(bytes);
    return res;
  });

  r.add("POST", "/api/v1/me/feed-token", [&app](const http::request& req, const http::path_params&) {
    std::string token = services::issue_feed_token(app.feeds, own_member(req), actor_of(req));
    return json_response(200, token_answer(app.config, token));
  });

  r.add("DELETE", "/api/v1/me/feed-token", [&app](const http::request& req, const http::path_params&) {
    app.feeds.revoke_token(own_member(req), actor_of(req));
    return no_content();
  });

  r.add("GET", "/api/v1/me/feed", [&app](const http::request& req, const http::path_params&) {
    return json_response(200, settings_json(app.feeds.settings(own_member(req))));
  });

  r.add("PATCH", "/api/v1/me/feed", [&app](const http::request& req, const http::path_params&) {
    domain::id_t member = own_member(req);
    app.feeds.set_reminders(member, reminders_from_json(read_json_body(req, true)), actor_of(req));
    return json_response(200, settings_json(app.feeds.settings(member)));
  });

  r.add("POST", "/api/v1/members/{id}/feed-token", [&app](const http::request& req, const http::path_params& params) {
    std::string token = security::new_token();
    app.feeds.set_token(path_id(params), security::token_digest(token), actor_of(req));
    return json_response(200, token_answer(app.config, token));
  });

  r.add("DELETE", "/api/v1/members/{id}/feed-token", [&app](const http::request& req, const http::path_params& params) {
    app.feeds.revoke_token(path_id(params), actor_of(req));
    return no_content();
  });
}

}  // namespace satdan::api
