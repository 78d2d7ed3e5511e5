// /api/v1/sessions: every meeting members attend — series occurrences and one-offs (dialogues, extra cell
// meetings). Lists are in (start, id) order with a cursor; writes need If-Match with the session's ETag.
#include "api/app.hpp"
#include "api/support.hpp"
#include "services/session_changes.hpp"

#include <charconv>

namespace satdan::api {

namespace json = boost::json;
using core::errc;
using core::error;

namespace {

std::string encode_session_cursor(const store::session_cursor& c) {
  // Appended, not "t" + ...: GCC 12 warns falsely (-Wrestrict) on a literal plus a temporary string.
  return std::string("t")
      .append(std::to_string(c.start.time_since_epoch().count()))
      .append(".")
      .append(std::to_string(c.id));
}

std::optional<store::session_cursor> decode_session_cursor(const std::string& text) {
  auto dot = text.find('.');
  if (text.size() < 4 || text[0] != 't' || dot == std::string::npos) return std::nullopt;
  long long seconds = 0, id = 0;
  auto a = std::from_chars(text.data() + 1, text.data() + dot, seconds);
  auto b = std::from_chars(text.data() + dot + 1, text.data() + text.size(), id);
  if (a.ec != std::errc{} || a.ptr != text.data() + dot || b.ec != std::errc{} || b.ptr != text.data() + text.size())
    return std::nullopt;
  return store::session_cursor{core::instant{std::chrono::seconds{seconds}}, id};
}

http::response session_response(int status, const domain::session& s, app_context& app) {
  json::object body = domain::to_json(s);
  // The series the session comes from, so a reader sees the rule and whether this occurrence departs from it.
  if (s.series_id) body["series"] = domain::to_json(app.meetings.get_series(*s.series_id));
  http::response out = json_response(status, body);
  out.set_header("ETag", etag(s.sequence));
  return out;
}

}  // namespace

void add_session_routes(http::router& r, app_context& app) {
  auto& meetings = app.meetings;
  r.add("GET", "/api/v1/sessions", [&meetings](const http::request& req, const http::path_params&) {
    query_reader q(req);
    store::session_filter f{.within = q.id("within"),
                            .cell_id = q.id("cell_id"),
                            .series_id = q.id("series_id"),
                            .kind = q.text("kind"),
                            .status = q.text("status"),
                            .member_id = q.id("member_id"),
                            .from = q.time("from"),
                            .to = q.time("to")};
    store::session_page_request p;
    p.limit = static_cast<int>(q.integer("limit", 1, 500).value_or(50));
    if (auto cursor = q.text("cursor")) {
      p.after = decode_session_cursor(*cursor);
      if (!p.after) throw error(errc::bad_request, "The cursor is not one this server gave.", {{"query.cursor", "is not valid"}});
    }
    q.finish();
    // A member account's schedule is its own: another member's id answers their own list, as the
    // unavailability list does, so that no member reads another's.
    if (auto own = own_member_scope(req); own && f.member_id) f.member_id = *own;
    auto page = meetings.list_sessions(f, p);
    json::array items;
    for (const auto& s : page.items) items.push_back(domain::to_json(s));
    json::value next = nullptr;
    if (page.next) next = encode_session_cursor(*page.next);
    return json_response(200, json::object{{"items", std::move(items)}, {"next_cursor", next}});
  });

  r.add("POST", "/api/v1/sessions", [&app](const http::request& req, const http::path_params&) {
    auto created = app.meetings.create_session(domain::session_from_json(read_json_body(req)), actor_of(req));
    auto out = session_response(201, created, app);
    out.set_header("Location", "/api/v1/sessions/" + std::to_string(created.id));
    return out;
  });

  r.add("GET", "/api/v1/sessions/{id}", [&app](const http::request&, const http::path_params& params) {
    return session_response(200, app.meetings.get_session(path_id(params)), app);
  });

  r.add("PATCH", "/api/v1/sessions/{id}", [&app](const http::request& req, const http::path_params& params) {
    auto id = path_id(params);
    auto expected = required_if_match(req);
    auto patch = domain::session_patch_from_json(read_json_body(req, true));
    return session_response(200, services::change_session(app.meetings, id, patch, expected, actor_of(req)), app);
  });

  r.add("DELETE", "/api/v1/sessions/{id}", [&meetings](const http::request& req, const http::path_params& params) {
    meetings.delete_session(path_id(params), required_if_match(req), actor_of(req));
    http::response out;
    out.status = 204;
    return out;
  });
}

}  // namespace satdan::api
