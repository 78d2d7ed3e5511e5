#include <algorithm>

#include "core/error.hpp"
#include "core/json_reader.hpp"
#include "core/local_date.hpp"
#include "domain/grievance.hpp"
#include "domain/json_support.hpp"

namespace satdan::domain {

namespace json = boost::json;
using core::errc;
using core::error;
using core::field_errors;
using core::json_reader;

const std::vector<labelled>& grievance_kinds() {
  static const std::vector<labelled> kinds = {{"recommendation", "Kiến nghị"},
                                              {"report", "Phản ánh"},
                                              {"complaint", "Khiếu nại"},
                                              {"denunciation", "Tố cáo"}};
  return kinds;
}

const std::vector<labelled>& grievance_statuses() {
  static const std::vector<labelled> statuses = {{"received", "Đã tiếp nhận"},
                                                 {"assigned", "Đã giao xử lý"},
                                                 {"in_progress", "Đang xử lý"},
                                                 {"answered", "Đã trả lời"},
                                                 {"closed", "Đã kết thúc"}};
  return statuses;
}

std::string label_of(const std::vector<labelled>& list, std::string_view code) {
  for (const auto& l : list)
    if (l.code == code) return l.label;
  return std::string(code);
}

bool is_overdue(const grievance& g, date today) {
  bool open = g.status != "answered" && g.status != "closed";
  return open && today > g.due_on;
}

date due_date(date received_on, int sla_days) {
  return date{std::chrono::sys_days{received_on} + std::chrono::days{sla_days}};
}

namespace {

using namespace json_support;

std::string codes_of(const std::vector<labelled>& list) {
  std::string out;
  for (const auto& l : list) out += (out.empty() ? "" : ", ") + l.code;
  return out;
}

bool listed(const std::vector<labelled>& list, const std::string& code) {
  return std::any_of(list.begin(), list.end(), [&](const labelled& l) { return l.code == code; });
}


json::value opt_date(const std::optional<date>& d) {
  if (!d) return nullptr;
  return json::value(core::format_date(*d));
}

}  // namespace

grievance_draft grievance_draft_from_json(const json::value& v, date today) {
  field_errors errors;
  json_reader r(v, errors);
  grievance_draft d;
  grievance& g = d.value;
  if (auto k = r.text("kind", true, {.max_chars = 32})) {
    if (listed(grievance_kinds(), *k)) g.kind = *k;
    else errors.add("kind", "must be one of: " + codes_of(grievance_kinds()));
  }
  if (auto c = r.text("category", true, {.max_chars = 32})) {
    if (is_token(*c)) g.category = *c;
    else errors.add("category", "must be a category code (a-z, 0-9, _)");
  }
  g.session_id = r.integer("session_id", false, 1, max_id);
  // The unit comes from the session when one is named; a walk-in reception names its unit.
  if (auto u = r.integer("unit_id", !g.session_id, 1, max_id)) g.unit_id = *u;
  if (auto s = r.text("summary", true, {.max_chars = 300})) g.summary = *s;
  g.details = r.text("details", false, {.max_chars = 5000, .single_line = false});
  g.citizen_name = r.text("citizen_name", false, {.max_chars = 120});
  g.citizen_address = r.text("citizen_address", false, {.max_chars = 200});
  g.citizen_contact = r.text("citizen_contact", false, {.max_chars = 120});
  if (g.kind == "complaint" && !g.citizen_name)
    errors.add("citizen_name", "is required for a complaint (complaints cannot be anonymous)");
  // Nothing the office handles today was received before 2000; an older date is a typing slip.
  if (auto received = read_date(r, errors, "received_on", false, std::chrono::year{2000} / 1 / 1)) {
    if (*received > today) errors.add("received_on", "must not be in the future");
    g.received_on = *received;
  } else if (!r.has("received_on")) {
    g.received_on = today;
  }
  d.due_on = read_date(r, errors, "due_on", false);
  g.due_reason = r.text("due_reason", false, {.max_chars = 500, .single_line = false});
  if (d.due_on && *d.due_on < g.received_on) errors.add("due_on", "must not be before received_on");
  // A due date that was given but refused has its own error: the reason is not blamed for it too.
  const bool due_on_given = r.raw("due_on", false) != nullptr;
  if (g.due_reason && !due_on_given) errors.add("due_reason", "is only for a due date that overrides the SLA");
  r.reject_unknown();
  errors.throw_if_any();
  return d;
}

grievance_transition grievance_transition_from_json(const json::value& v) {
  field_errors errors;
  json_reader r(v, errors);
  grievance_transition t;
  if (auto to = r.text("to", true, {.max_chars = 32})) {
    if (listed(grievance_statuses(), *to)) t.to = *to;
    else errors.add("to", "must be one of: " + codes_of(grievance_statuses()));
  }
  t.handling_unit_id = r.integer("handling_unit_id", false, 1, max_id);
  t.officer_account_id = r.integer("officer_account_id", false, 1, max_id);
  t.answer = r.text("answer", false, {.max_chars = 10000, .single_line = false});
  t.reason = r.text("reason", false, {.max_chars = 1000, .single_line = false});
  r.reject_unknown();
  errors.throw_if_any();
  return t;
}

const std::vector<std::string>& allowed_transitions(const std::string& status) {
  static const std::vector<std::string> from_received = {"assigned"};
  static const std::vector<std::string> from_assigned = {"in_progress"};
  static const std::vector<std::string> from_in_progress = {"answered"};
  static const std::vector<std::string> from_answered = {"closed", "in_progress"};  // in_progress: reopen
  static const std::vector<std::string> from_closed = {"in_progress"};              // reopen
  static const std::vector<std::string> none;
  if (status == "received") return from_received;
  if (status == "assigned") return from_assigned;
  if (status == "in_progress") return from_in_progress;
  if (status == "answered") return from_answered;
  if (status == "closed") return from_closed;
  return none;
}

grievance apply_transition(const grievance& current, const grievance_transition& t, date today) {
  const auto& allowed = allowed_transitions(current.status);
  if (std::find(allowed.begin(), allowed.end(), t.to) == allowed.end()) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    throw error(errc::conflict, "A case that is " + current.status + " can move only to: " + list + ".",
                {{"to", "allowed: " + list}});
  }
  const bool reopen = current.status == "answered" || current.status == "closed";
  grievance next = current;
  next.status = t.to;
  field_errors errors;
  if (t.to == "assigned") {
    if (!t.handling_unit_id) errors.add("handling_unit_id", "is required to assign a case");
    next.handling_unit_id = t.handling_unit_id;
    next.officer_account_id = t.officer_account_id;
  } else {
    if (t.handling_unit_id) errors.add("handling_unit_id", "is set only when a case is assigned");
    if (t.officer_account_id) errors.add("officer_account_id", "is set only when a case is assigned");
  }
  if (t.to == "answered") {
    if (!t.answer) errors.add("answer", "is required to answer a case");
    next.answer = t.answer;
    next.answered_on = today;
  } else if (t.answer) {
    errors.add("answer", "is given only when a case is answered");
  }
  if (reopen && t.to == "in_progress") {
    if (!t.reason) errors.add("reason", "is required to reopen a case");
    // The case is open again: the earlier answer stays in the history, not on the case.
    next.answer.reset();
    next.answered_on.reset();
  }
  errors.throw_if_any();
  return next;
}

json::object to_json(const grievance& g, identity_view view) {
  const bool withheld = identity_protected(g) && view == identity_view::withheld;
  json::object o{{"id", g.id},
                 {"tracking_code", g.tracking_code},
                 {"kind", g.kind},
                 {"kind_label", label_of(grievance_kinds(), g.kind)},
                 {"category", g.category},
                 {"category_label", g.category_label},
                 {"unit_id", g.unit_id},
                 {"session_id", opt(g.session_id)},
                 {"summary", g.summary},
                 {"details", opt(g.details)},
                 {"anonymous", !g.citizen_name.has_value()},
                 {"identity_withheld", withheld},
                 {"citizen_name", withheld ? json::value(nullptr) : opt(g.citizen_name)},
                 {"citizen_address", withheld ? json::value(nullptr) : opt(g.citizen_address)},
                 {"citizen_contact", withheld ? json::value(nullptr) : opt(g.citizen_contact)},
                 {"received_on", core::format_date(g.received_on)},
                 {"due_on", core::format_date(g.due_on)},
                 {"due_reason", opt(g.due_reason)},
                 {"status", g.status},
                 {"status_label", label_of(grievance_statuses(), g.status)},
                 {"handling_unit_id", opt(g.handling_unit_id)},
                 {"officer_account_id", opt(g.officer_account_id)},
                 {"answer", opt(g.answer)},
                 {"answered_on", opt_date(g.answered_on)},
                 {"created_by", opt(g.created_by)},
                 {"created_at", core::format_utc(g.created_at)},
                 {"updated_at", core::format_utc(g.updated_at)}};
  // Whether the case was anonymous says nothing about who a denouncer is, but hide it too for symmetry.
  if (withheld) o["anonymous"] = nullptr;
  return o;
}

json::object to_public_json(const public_grievance& p, date today) {
  const grievance& g = p.value;
  return {{"tracking_code", g.tracking_code},
          {"kind", g.kind},
          {"kind_label", label_of(grievance_kinds(), g.kind)},
          {"category", g.category},
          {"category_label", g.category_label},
          {"received_on", core::format_date(g.received_on)},
          {"due_on", core::format_date(g.due_on)},
          {"status", g.status},
          {"status_label", label_of(grievance_statuses(), g.status)},
          {"overdue", is_overdue(g, today)},
          {"handling_unit", opt(p.handling_unit_name)},
          {"answer", opt(g.answer)},
          {"answered_on", opt_date(g.answered_on)}};
}

json::object to_json(const grievance_event& e) {
  return {{"id", e.id},
          {"at", core::format_utc(e.at)},
          {"account_id", opt(e.account_id)},
          {"action", e.action},
          {"from_status", opt(e.from_status)},
          {"to_status", opt(e.to_status)},
          {"text", opt(e.text)}};
}

std::string grievance_note_from_json(const json::value& v) {
  field_errors errors;
  json_reader r(v, errors);
  auto text = r.text("text", true, {.max_chars = 5000, .single_line = false});
  r.reject_unknown();
  errors.throw_if_any();
  return *text;
}

}  // namespace satdan::domain
