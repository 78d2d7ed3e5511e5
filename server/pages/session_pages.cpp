// /buoi-hop/{id}: one session for the secretariat. When and where, the seats and who fills them, candidates
// to add with the hard rules' verdict for each (services/seating: the same check the store's assign runs),
// pins, moving, relocating, postponing and cancelling (services/session_changes: the API's PATCH path), and
// the session's history from the audit log. Staff may look; secretariat and admins may change.
#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "api/support.hpp"
#include "calendar/recurrence.hpp"
#include "core/error.hpp"
#include "core/json_reader.hpp"
#include "core/local_date.hpp"
#include "core/utf8.hpp"
#include "core/vi_text.hpp"
#include "pages/page_kit.hpp"
#include "pages/pages.hpp"
#include "pages/session_wording.hpp"
#include "pages/vi_format.hpp"
#include "services/seating.hpp"
#include "services/session_changes.hpp"

namespace satdan::pages {

namespace {

using domain::id_t;

constexpr std::size_t max_candidates = 30;
constexpr std::size_t max_place_chars = 200;
constexpr std::size_t max_reason_chars = 500;
constexpr int history_rows = 100;

const http::access viewers{.roles = {"admin", "secretariat", "staff"}};
const http::access changers{.roles = {"admin", "secretariat"}};

bool may_change(const http::request& req) {
  return req.who && (req.who->role == "admin" || req.who->role == "secretariat");
}

std::string path_of(id_t id) { return "/buoi-hop/" + std::to_string(id); }

// What a post leaves on the page it comes back to: field errors with the input kept, a message at the top, or
// the refusal beside the candidate that was refused.
struct post_state {
  field_messages errors;
  std::map<std::string, std::string> values;
  std::string alert;
  std::optional<id_t> refused_member;
  std::string refused_text;
  std::string query;
  bool has_query = false;
};

std::optional<id_t> id_field(const std::string& text) {
  id_t n = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), n);
  if (r.ec != std::errc{} || r.ptr != text.data() + text.size() || n < 1) return std::nullopt;
  return n;
}

// Dates as the form gives them: "2027-01-05" from a date picker, "05/01/2027" typed by hand.
std::optional<std::chrono::year_month_day> date_field(const std::string& text) {
  if (auto d = core::parse_date(text)) return d;
  unsigned day = 0, month = 0;
  int year = 0;
  char a = 0, b = 0;
  if (std::sscanf(text.c_str(), "%2u%c%2u%c%4d", &day, &a, &month, &b, &year) == 5 && a == '/' && b == '/' && year >= 1970) {
    std::chrono::year_month_day d{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
    if (d.ok()) return d;
  }
  return std::nullopt;
}

// "05/01/2027", as the date field shows and reads it.
std::string form_date(std::chrono::year_month_day d) {
  char out[16];
  std::snprintf(out, sizeof out, "%02u/%02u/%04d", static_cast<unsigned>(d.day()), static_cast<unsigned>(d.month()),
                static_cast<int>(d.year()));
  return out;
}

// A query value for a redirect's address: everything but unreserved ASCII percent-encoded.
std::string url_encode(const std::string& text) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// A form field: its value, its error beside it (field--error, aria-invalid, aria-describedby).
void put_field(view& page, const post_state& st, const std::string& id, const std::string& current) {
  auto kept = st.values.find(id);
  page.set(id + "_value", kept != st.values.end() ? kept->second : current);
  for (const auto& [field, message] : st.errors)
    if (field == id) page.set(id + "_error", message);
}

view seats_view(api::app_context& app, session_wording& w, const domain::session& s,
                const std::vector<domain::assignment>& seated, bool can_change) {
  const auto& words = assets().words();
  std::vector<std::string> needs;
  for (const auto& [need, n] : s.needs) if (n > 0) needs.push_back(need);
  for (const auto& [need, n] : s.optional) if (n > 0 && std::find(needs.begin(), needs.end(), need) == needs.end()) needs.push_back(need);
  // Seats the session no longer offers still show whoever sits in them.
  for (const auto& a : seated) if (std::find(needs.begin(), needs.end(), a.need) == needs.end()) needs.push_back(a.need);
  view rows{view::type::list};
  for (const auto& need : needs) {
    auto count = [&](const domain::seats& seats) { auto it = seats.find(need); return it == seats.end() ? 0 : it->second; };
    int required = count(s.needs), optional = count(s.optional);
    std::vector<const domain::assignment*> in_seat;
    for (const auto& a : seated) if (a.need == need) in_seat.push_back(&a);
    std::size_t total = std::max<std::size_t>(static_cast<std::size_t>(required + optional), in_seat.size());
    for (std::size_t i = 0; i < total; ++i) {
      view row;
      row.set("seat", w.seat(need));
      row.set("kind", words.get(static_cast<int>(i) < required ? "session.required" : "session.optional"));
      if (i < in_seat.size()) {
        const auto& a = *in_seat[i];
        std::string name = w.member_name(a.member_id);
        row.set("member", name);
        row.set("assignment_id", std::to_string(a.id));
        row.set("pinned", a.pinned);
        row.set("pin_state", words.get(a.pinned ? "session.pinned" : "session.not_pinned"));
        if (can_change) {
          row.set("can_change", true);
          row.set("pin_label", words.format(a.pinned ? "session.unpin_named" : "session.pin_named", {{"name", name}}));
          row.set("pin_text", words.get(a.pinned ? "session.unpin_button" : "session.pin_button"));
          row.set("pin_to", std::string(a.pinned ? "0" : "1"));
          row.set("remove_label", words.format("session.remove_named", {{"name", name}}));
        }
      } else {
        row.set("empty", true);
      }
      rows.push_back(row);
    }
  }
  (void)app;
  return rows;
}

// Members to offer: those whose name matches the search (without diacritics too), else those who fit one of
// the session's seats by level or role; active ones, in Vietnamese order, at most max_candidates.
std::vector<id_t> candidate_ids(api::app_context& app, const domain::session& s, const std::string& query,
                                std::optional<id_t> must_include, bool& more) {
  std::vector<domain::member> all;
  store::page_request p{.limit = 500};
  for (;;) {
    auto page = app.directory.list_members({.active = true}, p);
    for (auto& m : page.items) all.push_back(std::move(m));
    if (!page.next_after) break;
    p.after = *page.next_after;
  }
  std::set<std::string> offered;
  for (const auto& [need, n] : s.needs) if (n > 0) offered.insert(need);
  for (const auto& [need, n] : s.optional) if (n > 0) offered.insert(need);
  auto fits = [&](const domain::member& m) {
    if (offered.contains(m.level)) return true;
    return std::any_of(m.roles.begin(), m.roles.end(), [&](const std::string& r) { return offered.contains(r); });
  };
  std::vector<domain::member> chosen;
  for (auto& m : all)
    if (query.empty() ? fits(m) : core::search_matches(m.full_name, query)) chosen.push_back(std::move(m));
  core::sort_vi(chosen, [](const domain::member& m) { return m.full_name; });
  more = chosen.size() > max_candidates;
  std::vector<id_t> ids;
  for (const auto& m : chosen) {
    if (ids.size() >= max_candidates) break;
    ids.push_back(m.id);
  }
  if (must_include && std::find(ids.begin(), ids.end(), *must_include) == ids.end()) ids.insert(ids.begin(), *must_include);
  return ids;
}

view candidates_view(api::app_context& app, session_wording& w, const domain::session& s, const post_state& st,
                     bool& more, bool& any) {
  const auto& words = assets().words();
  auto ids = candidate_ids(app, s, st.query, st.refused_member, more);
  auto review = services::review_candidates(app.assignments, s.id, ids);
  view list{view::type::list};
  for (const auto& c : review.candidates) {
    view item;
    item.set("member_id", std::to_string(c.member.id));
    item.set("name", c.member.name);
    item.set("level", w.seat(c.member.level));
    item.set("home", w.unit_label(c.member.home_unit_id));
    view seats{view::type::list};
    std::vector<std::string> reasons;
    for (const auto& [need, v] : c.by_need) {
      if (v.allowed()) {
        view seat;
        seat.set("need", need);
        seat.set("seat", w.seat(need));
        seat.set("label", words.format("session.assign_named", {{"name", c.member.name}, {"seat", w.seat(need)}}));
        seat.set("text", words.format("session.assign_seat", {{"seat", w.seat(need)}}));
        seats.push_back(seat);
      } else if (v.why != services::refusal::not_fitting) {
        auto text = w.refusal(v, c.member, need, review.session);
        if (std::find(reasons.begin(), reasons.end(), text) == reasons.end()) reasons.push_back(text);
      }
    }
    bool allowed = !seats.is_empty_list();
    if (!allowed && reasons.empty()) reasons.push_back(words.get("rules.not_fitting"));
    item.set("allowed", allowed);
    item.set("seats", seats);
    view why{view::type::list};
    if (!allowed)
      for (const auto& r : reasons) why.push_back(view("text", r));
    item.set("reasons", why);
    if (st.refused_member && *st.refused_member == c.member.id) item.set("refused", st.refused_text);
    list.push_back(item);
  }
  any = !review.candidates.empty();
  return list;
}

view history_view(api::app_context& app, session_wording& w, id_t id) {
  const auto& words = assets().words();
  view list{view::type::list};
  for (const auto& e : app.assignments.history(id, history_rows)) {
    view row;
    auto at = calendar::to_local(e.at, app.config.timezone);
    row.set("iso", core::format_utc(e.at));
    row.set("when", format_vi_date(at.date, words) + ", " + format_vi_time(at.time.hour, at.time.minute));
    row.set("who", e.account_id ? w.account_name(*e.account_id) : words.get("session.system"));
    row.set("what", w.change(e));
    list.push_back(row);
  }
  return list;
}

http::response session_page(api::app_context& app, const http::request& req, id_t id, const post_state& st, int status) {
  const auto& words = assets().words();
  auto s = app.meetings.get_session(id);  // 404 page for an unknown session
  auto seated = app.assignments.for_session(id);
  session_wording w(app);
  w.know_assignments(seated);
  const bool can_change = may_change(req);
  view page;
  // Notices after this page's own posts: "?thong-bao=da-huy" → "session.notice_da_huy".
  if (auto name = query_value(req, "thong-bao"); !name.empty() && name.size() <= 32 && name.find('.') == std::string::npos) {
    std::replace(name.begin(), name.end(), '-', '_');
    if (auto text = words.find("session.notice_" + name)) page.set("flash", *text);
  }
  const std::string title = w.title(s);
  page.set("heading", title);
  page.set("id", std::to_string(id));
  page.set("when", w.when(s.start, s.end));
  page.set("iso", core::format_utc(s.start));
  page.set("kind", words.get("kinds." + s.kind));
  page.set("status", words.find("session.status_" + s.status).value_or(s.status));
  page.set("status_class", s.status);
  if (s.status_reason) page.set("status_reason", *s.status_reason);
  page.set("unit", w.unit_label(s.unit_id));
  if (s.cell_id) page.set("cell", w.cell_name(*s.cell_id));
  if (s.topic) page.set("topic", *s.topic);
  page.set("location", s.location && !s.location->empty() ? *s.location : words.get("session.no_location"));
  page.set("seats", seats_view(app, w, s, seated, can_change));
  page.set("can_change", can_change);
  page.set("sequence", std::to_string(s.sequence));
  if (!st.alert.empty()) page.set("alert", st.alert);
  put_errors(page, st.errors);

  const bool planned = s.status == "planned";
  if (can_change && planned) {
    page.set("can_assign", true);
    page.set("query", st.query);
    bool more = false, any = false;
    page.set("candidates", candidates_view(app, w, s, st, more, any));
    page.set("has_candidates", any);
    if (more) page.set("more", words.format("session.more_candidates", {{"max", std::to_string(max_candidates)}}));
    page.set("candidates_heading", st.query.empty() ? words.get("session.candidates_fitting")
                                                    : words.format("session.candidates_found", {{"query", st.query}}));
  } else if (can_change) {
    page.set("no_assign", words.format("session.no_assign", {{"status", words.find("session.status_" + s.status).value_or(s.status)}}));
  }
  // Held sessions are a record; cancelled ones are over. Planned and postponed ones may still change.
  if (can_change && (planned || s.status == "postponed")) {
    page.set("can_edit", true);
    auto start = calendar::to_local(s.start, app.config.timezone), end = calendar::to_local(s.end, app.config.timezone);
    put_field(page, st, "ngay", form_date(start.date));
    put_field(page, st, "bat_dau", format_vi_time(start.time.hour, start.time.minute));
    put_field(page, st, "ket_thuc", format_vi_time(end.time.hour, end.time.minute));
    put_field(page, st, "dia_diem", s.location.value_or(""));
    put_field(page, st, "ly_do_hoan", "");
    put_field(page, st, "ly_do_huy", "");
    page.set("can_postpone", planned);
  }
  view history = history_view(app, w, id);
  page.set("has_history", !history.is_empty_list());
  page.set("history", history);
  return render_page(app, req, "session", title, page, status);
}

// Field errors of a session change in Vietnamese, beside the form's own fields.
post_state change_refused(const core::error& e, const std::string& reason_field, const http::header_list& form,
                          const std::vector<std::string>& kept) {
  const auto& words = assets().words();
  post_state st;
  for (const auto& k : kept) st.values[k] = form_field(form, k);
  if (e.code() == core::errc::invalid_input) {
    for (const auto& f : e.fields()) {
      if (f.field == "end") st.errors.emplace_back("ket_thuc", words.get("session.end_before_start"));
      else if (f.field == "status_reason") st.errors.emplace_back(reason_field, words.get("session.reason_missing"));
      else st.alert = words.get("session.change_invalid");
    }
    if (st.errors.empty() && st.alert.empty()) st.alert = words.get("session.change_invalid");
  } else if (e.code() == core::errc::precondition_failed) {
    st.alert = words.get("session.stale");
    st.values.clear();
  } else if (e.code() == core::errc::conflict) {
    bool held = false;
    for (const auto& f : e.fields()) held = held || f.reason == "is held";
    st.alert = words.get(held ? "session.held" : "session.move_conflict");
  } else {
    throw e;
  }
  return st;
}

// Runs a change through the API's path; 303 back to the page with a notice, or the page with the problems.
http::response apply_change(api::app_context& app, const http::request& req, id_t id, const http::header_list& form,
                            const domain::session_patch& patch, const std::string& notice, const std::string& reason_field,
                            const std::vector<std::string>& kept) {
  auto sequence = id_field(form_field(form, "phien_ban"));
  try {
    if (!sequence && form_field(form, "phien_ban") != "0")
      throw core::error(core::errc::precondition_failed, "The form names no version.");
    services::change_session(app.meetings, id, patch, sequence.value_or(0), api::actor_of(req));
  } catch (const core::error& e) {
    if (e.code() == core::errc::not_found) throw;
    auto st = change_refused(e, reason_field, form, kept);
    return session_page(app, req, id, st, e.code() == core::errc::invalid_input ? 422 : 409);
  }
  return see_other(with_notice(path_of(id), notice));
}

http::response reason_change(api::app_context& app, const http::request& req, id_t id, const std::string& status,
                             const std::string& field, const std::string& notice) {
  const auto& words = assets().words();
  auto form = read_form(req);
  std::string reason = core::trim(form_field(form, field));
  post_state st;
  st.values[field] = form_field(form, field);
  if (reason.empty()) st.errors.emplace_back(field, words.get("session.reason_missing"));
  else if (core::utf8_length(reason) > max_reason_chars)
    st.errors.emplace_back(field, words.format("session.too_long", {{"max", std::to_string(max_reason_chars)}}));
  if (!st.errors.empty()) {
    app.meetings.get_session(id);  // an unknown session is a 404 before any form error
    return session_page(app, req, id, st, 422);
  }
  domain::session_patch patch;
  patch.status = status;
  patch.status_reason = std::optional<std::string>(reason);
  return apply_change(app, req, id, form, patch, notice, field, {field});
}

}  // namespace

std::vector<http::route_access> session_access() {
  return {
      {"GET", "/buoi-hop/{id}", viewers},
      {"POST", "/buoi-hop/{id}/phan-cong", changers},
      {"POST", "/buoi-hop/{id}/phan-cong/{assignment_id}/bo", changers},
      {"POST", "/buoi-hop/{id}/phan-cong/{assignment_id}/ghim", changers},
      {"POST", "/buoi-hop/{id}/doi-lich", changers},
      {"POST", "/buoi-hop/{id}/dia-diem", changers},
      {"POST", "/buoi-hop/{id}/hoan", changers},
      {"POST", "/buoi-hop/{id}/huy", changers},
  };
}

void add_session_pages(http::router& r, api::app_context& app) {
  r.add_page("GET", "/buoi-hop/{id}", [&app](const http::request& req, const http::path_params& params) {
    post_state st;
    st.query = core::trim(query_value(req, "tim"));
    if (core::utf8_length(st.query) > 100) st.query.clear();
    return session_page(app, req, api::path_id(params, "id"), st, 200);
  });

  r.add_page("POST", "/buoi-hop/{id}/phan-cong", [&app](const http::request& req, const http::path_params& params) {
    const auto& words = assets().words();
    auto id = api::path_id(params, "id");
    auto form = read_form(req);
    post_state st;
    st.query = core::trim(form_field(form, "tim"));
    auto member = id_field(form_field(form, "member_id"));
    std::string need = form_field(form, "need");
    if (!member || need.empty() || need.size() > 32) {
      app.meetings.get_session(id);
      st.alert = words.get("session.assign_unreadable");
      return session_page(app, req, id, st, 422);
    }
    try {
      app.assignments.assign(id, *member, need, true, api::actor_of(req));
    } catch (const core::error& e) {
      if (e.code() != core::errc::conflict && e.code() != core::errc::invalid_input) throw;
      // The page's own review (the same rules, read again) words the refusal beside the candidate.
      session_wording w(app);
      std::string text = words.get("session.assign_changed");
      if (e.code() == core::errc::invalid_input) {
        text = words.get("session.member_inactive");
      } else {
        auto review = services::review_candidates(app.assignments, id, {*member});
        if (review.session.status != "planned") text = words.get("session.assign_not_planned");
        else if (!review.candidates.empty()) {
          const auto& c = review.candidates.front();
          auto it = c.by_need.find(need);
          auto v = it != c.by_need.end() ? it->second : services::check_seat(review.session, c.member, need, app.assignments.rules());
          if (!v.allowed()) text = w.refusal(v, c.member, need, review.session);
        }
      }
      st.refused_member = *member;
      st.refused_text = words.format("session.assign_refused", {{"reason", text}});
      st.alert = words.format("session.assign_refused_named", {{"name", w.member_name(*member)}, {"reason", text}});
      return session_page(app, req, id, st, e.code() == core::errc::conflict ? 409 : 422);
    }
    std::string back = path_of(id);
    if (!st.query.empty()) back += "?tim=" + url_encode(st.query);
    return see_other(with_notice(back, "da-phan-cong"));
  });

  r.add_page("POST", "/buoi-hop/{id}/phan-cong/{assignment_id}/bo", [&app](const http::request& req, const http::path_params& params) {
    auto id = api::path_id(params, "id");
    app.assignments.unassign(id, api::path_id(params, "assignment_id"), api::actor_of(req));
    return see_other(with_notice(path_of(id), "da-bo-phan-cong"));
  });

  r.add_page("POST", "/buoi-hop/{id}/phan-cong/{assignment_id}/ghim", [&app](const http::request& req, const http::path_params& params) {
    auto id = api::path_id(params, "id");
    bool pin = form_field(read_form(req), "ghim") == "1";
    app.assignments.set_pinned(id, api::path_id(params, "assignment_id"), pin, api::actor_of(req));
    return see_other(with_notice(path_of(id), pin ? "da-ghim" : "da-bo-ghim"));
  });

  r.add_page("POST", "/buoi-hop/{id}/doi-lich", [&app](const http::request& req, const http::path_params& params) {
    const auto& words = assets().words();
    auto id = api::path_id(params, "id");
    auto form = read_form(req);
    post_state st;
    for (const char* k : {"ngay", "bat_dau", "ket_thuc"}) st.values[k] = form_field(form, k);
    auto date = date_field(core::trim(form_field(form, "ngay")));
    auto from = core::parse_clock(core::trim(form_field(form, "bat_dau")));
    auto to = core::parse_clock(core::trim(form_field(form, "ket_thuc")));
    if (!date) st.errors.emplace_back("ngay", words.get("session.date_invalid"));
    if (!from) st.errors.emplace_back("bat_dau", words.get("session.time_invalid"));
    if (!to) st.errors.emplace_back("ket_thuc", words.get("session.time_invalid"));
    else if (from && *to <= *from) st.errors.emplace_back("ket_thuc", words.get("session.end_before_start"));
    if (!st.errors.empty()) {
      app.meetings.get_session(id);
      return session_page(app, req, id, st, 422);
    }
    const auto& zone = app.config.timezone;
    domain::session_patch patch;
    patch.start = calendar::to_utc(*date, {*from / 60, *from % 60}, zone);
    patch.end = calendar::to_utc(*date, {*to / 60, *to % 60}, zone);
    return apply_change(app, req, id, form, patch, "da-doi-lich", "", {"ngay", "bat_dau", "ket_thuc"});
  });

  r.add_page("POST", "/buoi-hop/{id}/dia-diem", [&app](const http::request& req, const http::path_params& params) {
    const auto& words = assets().words();
    auto id = api::path_id(params, "id");
    auto form = read_form(req);
    std::string place = core::trim(form_field(form, "dia_diem"));
    if (core::utf8_length(place) > max_place_chars) {
      app.meetings.get_session(id);
      post_state st;
      st.values["dia_diem"] = form_field(form, "dia_diem");
      st.errors.emplace_back("dia_diem", words.format("session.too_long", {{"max", std::to_string(max_place_chars)}}));
      return session_page(app, req, id, st, 422);
    }
    domain::session_patch patch;
    patch.location = place.empty() ? std::optional<std::string>() : std::optional<std::string>(place);
    return apply_change(app, req, id, form, patch, "da-doi-dia-diem", "", {"dia_diem"});
  });

  r.add_page("POST", "/buoi-hop/{id}/hoan", [&app](const http::request& req, const http::path_params& params) {
    return reason_change(app, req, api::path_id(params, "id"), "postponed", "ly_do_hoan", "da-hoan");
  });
  r.add_page("POST", "/buoi-hop/{id}/huy", [&app](const http::request& req, const http::path_params& params) {
    return reason_change(app, req, api::path_id(params, "id"), "cancelled", "ly_do_huy", "da-huy");
  });
}

}  // namespace satdan::pages
