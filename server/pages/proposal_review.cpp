// GET /de-xuat/{id}: a proposal's review — its cost broken down, the changes per member and per session,
// why each required seat stays empty, and the monthly load per member — with "Áp dụng" while it is open.
#include <boost/json/value.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "api/support.hpp"
#include "calendar/period_clock.hpp"
#include "calendar/recurrence.hpp"
#include "core/vi_text.hpp"
#include "pages/proposal_kit.hpp"
#include "pages/vi_format.hpp"

namespace satdan::pages::proposal_kit {

namespace {

namespace json = boost::json;
using domain::id_t;

struct seat_change {
  id_t session = 0, member = 0;
  std::string need;
};

std::vector<seat_change> changes_of(const json::object& result, std::string_view key) {
  std::vector<seat_change> out;
  if (const auto* list = result.if_contains(key); list && list->is_array())
    for (const auto& a : list->as_array())
      out.push_back({a.at("session_id").to_number<id_t>(), a.at("member_id").to_number<id_t>(),
                     std::string(a.at("need").as_string())});
  return out;
}

std::int64_t number_at(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_number() ? v->to_number<std::int64_t>() : 0;
}

// What the review needs to name sessions and members: read once per page.
struct names {
  api::app_context& app;
  std::map<id_t, domain::session> sessions;
  std::map<id_t, std::string> members, cells, units;

  names(api::app_context& a, const store::planning_scope& scope) : app(a) {
    store::session_filter f;
    f.within = scope.within;
    f.from = scope.from;
    f.to = scope.to;
    store::session_page_request p{.limit = 500};
    for (;;) {
      auto page = app.meetings.list_sessions(f, p);
      for (auto& s : page.items) sessions[s.id] = s;
      if (!page.next) break;
      p.after = page.next;
    }
    store::page_request mp{.limit = 500};
    for (;;) {
      auto page = app.directory.list_members({}, mp);
      for (auto& m : page.items) members[m.id] = m.full_name;
      if (!page.next_after) break;
      mp.after = *page.next_after;
    }
    store::page_request cp{.limit = 500};
    for (;;) {
      auto page = app.directory.list_cells({}, cp);
      for (auto& c : page.items) cells[c.id] = c.name;
      if (!page.next_after) break;
      cp.after = *page.next_after;
    }
  }

  std::string member(id_t id) {
    auto it = members.find(id);
    return it != members.end() ? it->second : assets().words().format("proposal.member_number", {{"id", std::to_string(id)}});
  }
  const domain::session* session(id_t id) {
    if (auto it = sessions.find(id); it != sessions.end()) return &it->second;
    try {
      return &(sessions[id] = app.meetings.get_session(id));  // outside the period's list: a member's other session
    } catch (const core::error&) {
      sessions.erase(id);
      return nullptr;
    }
  }
  std::string place(const domain::session& s) {
    if (s.cell_id)
      if (auto it = cells.find(*s.cell_id); it != cells.end()) return it->second;
    auto it = units.find(s.unit_id);
    if (it == units.end()) it = units.emplace(s.unit_id, unit_label(app, s.unit_id)).first;
    return it->second;
  }
  // "Thứ Ba, 05/01/2027 19:30 · Sinh hoạt chi bộ · Chi bộ thôn Phú Lâm"
  std::string session_label(id_t id) {
    const auto& words = assets().words();
    const auto* s = session(id);
    if (!s) return words.format("proposal.session_number", {{"id", std::to_string(id)}});
    auto at = calendar::to_local(s->start, app.config.timezone);
    return format_vi_date(at.date, words) + " " + format_vi_time(at.time.hour, at.time.minute) + " · " +
           words.get("kinds." + s->kind) + " · " + place(*s);
  }
  std::pair<core::instant, id_t> order_of(id_t id) {
    const auto* s = session(id);
    return {s ? s->start : core::instant{}, id};
  }
};

// The seat's requirement in words: a role from the catalogue, else a level ("Ủy viên cấp huyện").
std::string need_text(api::app_context& app, const std::string& need) {
  const auto& words = assets().words();
  if (auto role = words.find("proposal.role_" + need)) return *role;
  std::string level = level_name(app, need);
  if (!level.empty() && level[0] >= 'A' && level[0] <= 'Z') level[0] = static_cast<char>(level[0] - 'A' + 'a');
  return words.format("proposal.seat_level", {{"level", level}});
}

// The digits after `prefix` in `text` ("cannot also reach s12 in time" → 12), or 0.
id_t number_after(const std::string& text, std::string_view prefix) {
  auto at = text.find(prefix);
  if (at == std::string::npos) return 0;
  id_t n = 0;
  for (std::size_t i = at + prefix.size(); i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) n = n * 10 + (text[i] - '0');
  return n;
}

// Why a member could not take an empty required seat, in Vietnamese: the solver names the rule (H1–H6)
// and, in English, its particulars; the page says it in words, naming the other session where there is one.
std::string reason_text(names& n, id_t member, const std::string& rule, const std::string& detail) {
  const auto& words = assets().words();
  std::string who = n.member(member);
  if (rule == "H1") return words.format("proposal.why_h1", {{"name", who}});
  if (rule == "H2") return words.format("proposal.why_h2", {{"name", who}});
  if (rule == "H4") return words.format("proposal.why_h4", {{"name", who}});
  if (rule == "H5") {
    id_t other = number_after(detail, "reach s");
    if (other > 0) return words.format("proposal.why_h5", {{"name", who}, {"other", n.session_label(other)}});
    return words.format("proposal.why_h5_plain", {{"name", who}});
  }
  if (rule == "H6") {
    std::string count = std::to_string(number_after(detail, "already "));
    auto in = detail.rfind(" in ");
    std::string month = in == std::string::npos ? std::string() : detail.substr(in + 4);
    if (month.size() == 7) month = month.substr(5, 2) + "/" + month.substr(0, 4);
    return words.format("proposal.why_h6", {{"name", who}, {"count", count}, {"month", month}});
  }
  if (rule == "cost") return words.format("proposal.why_cost", {{"name", who}});
  return who + ": " + detail;
}

view cost_rows(const json::object& cost) {
  const auto& words = assets().words();
  const scheduling::weights w;
  const std::vector<std::pair<std::string, std::int64_t>> terms = {
      {"uncovered", w.uncovered}, {"unfilled", w.unfilled},   {"travel", w.travel},
      {"outside", w.outside},     {"imbalance", w.imbalance}, {"moved", w.moved}};
  view rows{view::type::list};
  for (const auto& [term, weight] : terms) {
    std::int64_t count = number_at(cost, term);
    view row;
    row.set("term", term);
    row.set("label", words.get("proposal.cost_" + term));
    row.set("count", format_vi_number(count));
    row.set("weight", format_vi_number(weight));
    row.set("points", format_vi_number(count * weight));
    rows.push_back(row);
  }
  return rows;
}

// A list of sessions or members as items with a label, in a stable, readable order.
view label_list(const std::vector<std::string>& labels) {
  view list{view::type::list};
  for (const auto& l : labels) list.push_back(view("label", l));
  return list;
}

view by_member(names& n, const std::vector<seat_change>& added, const std::vector<seat_change>& removed) {
  struct row {
    id_t member;
    std::string name;
    std::vector<id_t> plus, minus;
  };
  std::map<id_t, row> rows;
  for (const auto& a : added) rows[a.member].plus.push_back(a.session);
  for (const auto& r : removed) rows[r.member].minus.push_back(r.session);
  std::vector<row> list;
  for (auto& [id, r] : rows) {
    r.member = id;
    r.name = n.member(id);
    list.push_back(r);
  }
  core::sort_vi(list, [](const row& r) { return r.name; });
  view out{view::type::list};
  for (auto& r : list) {
    auto labels = [&n](std::vector<id_t> ids) {
      std::sort(ids.begin(), ids.end(), [&n](id_t a, id_t b) { return n.order_of(a) < n.order_of(b); });
      std::vector<std::string> text;
      for (id_t id : ids) text.push_back(n.session_label(id));
      return label_list(text);
    };
    view item;
    item.set("name", r.name);
    item.set("plus_count", format_vi_number(static_cast<long long>(r.plus.size())));
    item.set("minus_count", format_vi_number(static_cast<long long>(r.minus.size())));
    item.set("plus", labels(r.plus));
    item.set("minus", labels(r.minus));
    item.set("has_plus", !r.plus.empty());
    item.set("has_minus", !r.minus.empty());
    out.push_back(item);
  }
  return out;
}

view by_session(names& n, const std::vector<seat_change>& added, const std::vector<seat_change>& removed) {
  std::map<id_t, std::pair<std::vector<std::string>, std::vector<std::string>>> rows;
  for (const auto& a : added) rows[a.session].first.push_back(n.member(a.member));
  for (const auto& r : removed) rows[r.session].second.push_back(n.member(r.member));
  std::vector<id_t> order;
  for (const auto& [id, r] : rows) order.push_back(id);
  std::sort(order.begin(), order.end(), [&n](id_t a, id_t b) { return n.order_of(a) < n.order_of(b); });
  view out{view::type::list};
  for (id_t id : order) {
    auto& [plus, minus] = rows[id];
    core::sort_vi(plus, [](const std::string& s) { return s; });
    core::sort_vi(minus, [](const std::string& s) { return s; });
    view item;
    item.set("session", n.session_label(id));
    item.set("plus", label_list(plus));
    item.set("minus", label_list(minus));
    out.push_back(item);
  }
  return out;
}

view unfilled_list(api::app_context& app, names& n, const json::object& result) {
  view out{view::type::list};
  const auto* list = result.if_contains("unfilled");
  if (!list || !list->is_array()) return out;
  std::vector<std::pair<std::pair<core::instant, id_t>, view>> items;  // in the order of the sessions
  for (const auto& u : list->as_array()) {
    const auto& seat = u.as_object();
    view item;
    id_t session = seat.at("session_id").to_number<id_t>();
    item.set("session", n.session_label(session));
    item.set("need", need_text(app, std::string(seat.at("need").as_string())));
    std::vector<std::string> reasons;
    long long elsewhere = 0;  // members of other units (H1): counted, not listed — they are most of a district
    if (const auto* c = seat.if_contains("candidates"); c && c->is_array())
      for (const auto& r : c->as_array()) {
        std::string rule(r.at("rule").as_string());
        if (rule == "H1") {
          ++elsewhere;
          continue;
        }
        reasons.push_back(reason_text(n, r.at("member_id").to_number<id_t>(), rule, std::string(r.at("detail").as_string())));
      }
    core::sort_vi(reasons, [](const std::string& s) { return s; });
    if (elsewhere > 0)
      reasons.push_back(assets().words().format("proposal.why_h1_many", {{"count", format_vi_number(elsewhere)}}));
    item.set("reasons", label_list(reasons));
    item.set("no_candidates", reasons.empty());
    items.emplace_back(n.order_of(session), std::move(item));
  }
  std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [key, item] : items) out.push_back(item);
  return out;
}

// Sessions a member would attend per local month once the proposal holds: today's assignments in the
// period (the instance's `previous`, which also counts sessions outside the unit), with the proposal's
// changes when it is still open (an applied one is already part of them).
void put_load(api::app_context& app, view& page, const store::proposal& p, const std::vector<seat_change>& added,
              const std::vector<seat_change>& removed) {
  const auto& words = assets().words();
  auto input = app.planning.build(p.scope);
  const auto& in = input.instance;
  auto clock = calendar::period_clock_for(in.timezone);
  std::map<std::string, int> month_of_session;
  for (const auto& s : in.sessions) month_of_session[s.id] = clock.month(s.when.start);
  std::set<std::tuple<std::string, std::string, std::string>> seats;  // (session, member, need)
  for (const auto& a : in.previous) seats.insert({a.session, a.member, a.need});
  if (p.status == "open") {
    for (const auto& r : removed) seats.erase({"s" + std::to_string(r.session), "m" + std::to_string(r.member), r.need});
    for (const auto& a : added) seats.insert({"s" + std::to_string(a.session), "m" + std::to_string(a.member), a.need});
  }
  std::map<std::string, std::map<int, int>> load;  // member → month → sessions
  for (const auto& [session, member, need] : seats)
    if (auto it = month_of_session.find(session); it != month_of_session.end()) ++load[member][it->second];
  int first = clock.month(p.scope.from), last = clock.month(p.scope.to - std::chrono::seconds(1));
  if (last - first > 24) last = first + 24;
  view months{view::type::list};
  for (int m = first; m <= last; ++m) {
    char text[16];
    std::snprintf(text, sizeof text, "%02d/%04d", m % 12 + 1, m / 12);
    months.push_back(view("label", std::string(text)));
  }
  struct row {
    std::string name;
    int cap;
    std::map<int, int> months;
  };
  std::vector<row> rows;
  for (const auto& m : in.members)
    if (auto it = load.find(m.id); it != load.end()) rows.push_back({m.name, m.max_per_month, it->second});
  core::sort_vi(rows, [](const row& r) { return r.name; });
  view list{view::type::list};
  for (const auto& r : rows) {
    view item;
    item.set("name", r.name);
    item.set("cap", format_vi_number(r.cap));
    view cells{view::type::list};
    for (int m = first; m <= last; ++m) {
      int count = r.months.count(m) ? r.months.at(m) : 0;
      view cell;
      cell.set("count", format_vi_number(count));
      // The bar's length against the member's monthly cap (the full width), never past it.
      int cap = std::max(1, r.cap);
      cell.set("width", std::to_string(std::min(40, 40 * count / cap)));
      if (count > r.cap) cell.set("over", true);
      cells.push_back(cell);
    }
    item.set("months", cells);
    list.push_back(item);
  }
  page.set("load_months", months);
  page.set("load_rows", list);
  page.set("has_load", !rows.empty());
  page.set("load_caption", words.get("proposal.load_caption"));
}

}  // namespace

http::response review_page(api::app_context& app, const http::request& req, id_t id, const std::string& apply_problem,
                           int status) {
  const auto& words = assets().words();
  auto p = app.planning.get(id);
  auto added = changes_of(p.result, "added"), removed = changes_of(p.result, "removed");
  names n(app, p.scope);
  view page;
  page.set("id", std::to_string(p.id));
  page.set("heading", words.format("proposal.review_title", {{"id", std::to_string(p.id)}}));
  page.set("unit", unit_label(app, p.scope.within));
  page.set("period", period_text(app, p.scope.from, p.scope.to));
  page.set("status", words.get("proposal.status_" + p.status));
  page.set("status_class", p.status);
  page.set("open", p.status == "open");
  page.set("apply_action", "/de-xuat/" + std::to_string(p.id) + "/ap-dung");
  page.set("rerun_action", "/de-xuat/" + std::to_string(p.id) + "/chay-lai");
  if (!apply_problem.empty()) page.set("apply_problem", apply_problem);
  const auto* cost_value = p.result.if_contains("cost");
  json::object cost = cost_value && cost_value->is_object() ? cost_value->as_object() : json::object{};
  page.set("cost_rows", cost_rows(cost));
  page.set("cost_total", format_vi_number(number_at(cost, "total")));
  page.set("sessions", format_vi_number(number_at(p.result, "sessions")));
  page.set("members", format_vi_number(number_at(p.result, "members")));
  page.set("added_count", format_vi_number(static_cast<long long>(added.size())));
  page.set("removed_count", format_vi_number(static_cast<long long>(removed.size())));
  page.set("has_changes", !added.empty() || !removed.empty());
  page.set("by_member", by_member(n, added, removed));
  page.set("by_session", by_session(n, added, removed));
  auto unfilled = unfilled_list(app, n, p.result);
  page.set("has_unfilled", !unfilled.is_empty_list());
  page.set("unfilled", unfilled);
  put_load(app, page, p, added, removed);
  if (query_value(req, "thong-bao") == "da-ap-dung") page.set("flash", words.get("proposal.notice_applied"));
  return render_page(app, req, "proposal_review", page.get("heading")->string_value(), page, status);
}

// The small helpers the proposal screens share.
std::string short_date(std::chrono::year_month_day d) {
  char text[16];
  std::snprintf(text, sizeof text, "%02u/%02u/%04d", static_cast<unsigned>(d.day()), static_cast<unsigned>(d.month()),
                static_cast<int>(d.year()));
  return text;
}

std::chrono::year_month_day first_day(api::app_context& app, core::instant from) {
  return calendar::to_local(from, app.config.timezone).date;
}

std::chrono::year_month_day last_day(api::app_context& app, core::instant to) {
  return calendar::to_local(to - std::chrono::seconds(1), app.config.timezone).date;
}

std::string period_text(api::app_context& app, core::instant from, core::instant to) {
  return short_date(first_day(app, from)) + " – " + short_date(last_day(app, to));
}

std::string level_word(api::app_context& app, const std::string& kind) {
  std::string word = level_name(app, kind);
  if (word != kind) return word;
  if (auto own = assets().words().find("proposal.level_" + kind)) return *own;
  return word;
}

std::string unit_label(api::app_context& app, id_t unit_id) {
  try {
    auto u = app.directory.get_unit(unit_id);
    return level_word(app, u.kind) + " " + u.name;
  } catch (const core::error& e) {
    if (e.code() != core::errc::not_found) throw;
    return assets().words().format("proposal.unit_number", {{"id", std::to_string(unit_id)}});
  }
}

}  // namespace satdan::pages::proposal_kit
