// /api/v1/grievances: citizens' cases, for the office (admin, secretariat, staff). A case is created with
// its due date and tracking code, moved through its lifecycle by transitions, and annotated with notes.
// A denouncer's identity is shown only to admins and the case's officer (whom only an admin names: the
// store refuses anyone else), and never in lists. The SLA days and categories are read by the office and
// changed by admins at /api/v1/grievance-settings.
#include "api/app.hpp"
#include "api/support.hpp"
#include "calendar/recurrence.hpp"
#include "store/grievance_settings_store.hpp"

namespace satdan::api {

namespace json = boost::json;

namespace {


domain::identity_view view_for(const http::request& req, const domain::grievance& g) {
  if (!req.who) return domain::identity_view::withheld;
  bool officer = g.officer_account_id && *g.officer_account_id == req.who->account_id;
  return req.who->role == "admin" || officer ? domain::identity_view::shown : domain::identity_view::withheld;
}

json::object case_json(const http::request& req, const domain::grievance& g, domain::date today) {
  json::object o = domain::to_json(g, view_for(req, g));
  o["overdue"] = domain::is_overdue(g, today);
  return o;
}

http::response case_response(int status, const http::request& req, app_context& app, const domain::grievance& g) {
  json::object body = case_json(req, g, local_today(app.config));
  json::array history;
  for (const auto& e : app.grievances.history(g.id)) history.push_back(domain::to_json(e));
  body["history"] = std::move(history);
  return json_response(status, body);
}

}  // namespace

void add_grievance_routes(http::router& r, app_context& app) {
  r.add("GET", "/api/v1/grievances", [&app](const http::request& req, const http::path_params&) {
    query_reader q(req);
    store::grievance_filter f{.within = q.id("within"),
                              .handling_unit_id = q.id("handling_unit_id"),
                              .session_id = q.id("session_id"),
                              .officer_account_id = q.id("officer_account_id"),
                              .kind = q.text("kind"),
                              .category = q.text("category"),
                              .status = q.text("status")};
    const domain::date today = local_today(app.config);
    if (q.boolean("overdue").value_or(false)) f.overdue_on = today;
    auto p = read_page(q);
    q.finish();
    auto page = app.grievances.list(f, p);
    json::array items;
    // Lists never show a denouncer's identity, whoever asks: only the case itself, to its officer or an admin.
    for (const auto& g : page.items) {
      json::object o = domain::to_json(g);
      o["overdue"] = domain::is_overdue(g, today);
      items.push_back(std::move(o));
    }
    json::value next = nullptr;
    if (page.next_after) next = encode_cursor(*page.next_after);
    return json_response(200, json::object{{"items", std::move(items)}, {"next_cursor", next}});
  });

  r.add("POST", "/api/v1/grievances", [&app](const http::request& req, const http::path_params&) {
    auto draft = domain::grievance_draft_from_json(read_json_body(req), local_today(app.config));
    auto created = app.grievances.create(std::move(draft), actor_of(req));
    auto out = case_response(201, req, app, created);
    out.set_header("Location", "/api/v1/grievances/" + std::to_string(created.id));
    return out;
  });

  r.add("GET", "/api/v1/grievances/{id}", [&app](const http::request& req, const http::path_params& params) {
    return case_response(200, req, app, app.grievances.get(path_id(params)));
  });

  r.add("POST", "/api/v1/grievances/{id}/transitions", [&app](const http::request& req, const http::path_params& params) {
    auto t = domain::grievance_transition_from_json(read_json_body(req));
    auto moved = app.grievances.transition(path_id(params), t, local_today(app.config), actor_of(req));
    return case_response(200, req, app, moved);
  });

  // The configurable lists: the office reads them, admins change them.
  r.add("GET", "/api/v1/grievance-settings", [&app](const http::request&, const http::path_params&) {
    return json_response(200, store::to_json(app.grievance_settings.get()));
  });
  r.add("PATCH", "/api/v1/grievance-settings", [&app](const http::request& req, const http::path_params&) {
    auto change = store::grievance_settings_change_from_json(read_json_body(req, true));
    return json_response(200, store::to_json(app.grievance_settings.change(change, actor_of(req))));
  });

  r.add("POST", "/api/v1/grievances/{id}/notes", [&app](const http::request& req, const http::path_params& params) {
    auto text = domain::grievance_note_from_json(read_json_body(req));
    auto note = app.grievances.add_note(path_id(params), text, actor_of(req));
    return json_response(201, domain::to_json(note));
  });
}

}  // namespace satdan::api
