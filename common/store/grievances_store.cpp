#include "store/grievances_store.hpp"

#include "core/local_date.hpp"
#include "security/tracking_code.hpp"
#include "store/audit.hpp"
#include "store/sql_support.hpp"

namespace satdan::store {

using core::errc;
using core::error;
using domain::grievance;
using domain::grievance_event;
using namespace detail;

namespace {

constexpr const char* grievance_columns =
    "SELECT g.id, g.tracking_code, g.kind, g.category, c.label, g.unit_id, g.session_id, g.summary, g.details, "
    "g.citizen_name, g.citizen_address, g.citizen_contact, g.received_on, g.due_on, g.due_reason, g.status, "
    "g.handling_unit_id, g.officer_account_id, g.answer, g.answered_on, g.created_by, g.created_at, g.updated_at "
    "FROM grievances g JOIN grievance_categories c ON c.code = g.category ";
constexpr const char* list_where =
    "WHERE g.id > :after AND (:use_within = 0 OR g.unit_id IN (SELECT id FROM subtree)) "
    "AND (:use_handling = 0 OR g.handling_unit_id = :handling) AND (:use_session = 0 OR g.session_id = :session) "
    "AND (:use_officer = 0 OR g.officer_account_id = :officer) AND (:use_kind = 0 OR g.kind = :kind) "
    "AND (:use_category = 0 OR g.category = :category) AND (:use_status = 0 OR g.status = :status) "
    "AND (:use_overdue = 0 OR (g.status IN ('received', 'assigned', 'in_progress') AND g.due_on < :today)) "
    "ORDER BY g.id LIMIT :limit";
constexpr const char* period_where =
    "WHERE g.received_on >= :from_on AND g.received_on <= :to_on "
    "AND (:use_within = 0 OR g.unit_id IN (SELECT id FROM subtree)) ORDER BY g.id";
constexpr const char* insert_sql =
    "INSERT INTO grievances (tracking_code, kind, category, unit_id, session_id, summary, details, citizen_name, "
    "citizen_address, citizen_contact, received_on, due_on, due_reason, status, created_by, created_at, updated_at) "
    "VALUES (:code, :kind, :category, :unit, :session, :summary, :details, :name, :address, :contact, :received, "
    ":due, :due_reason, 'received', :created_by, :created_at, :updated_at) RETURNING id";
constexpr const char* update_sql =
    "UPDATE grievances SET status = :status, handling_unit_id = :handling, officer_account_id = :officer, "
    "answer = :answer, answered_on = :answered_on, updated_at = :updated_at WHERE id = :id";
constexpr const char* touch_sql = "UPDATE grievances SET updated_at = :updated_at WHERE id = :id";
constexpr const char* event_sql =
    "INSERT INTO grievance_events (grievance_id, at, account_id, action, from_status, to_status, text) "
    "VALUES (:grievance, :at, :account, :action, :from_status, :to_status, :text) RETURNING id";
constexpr const char* history_sql =
    "SELECT id, grievance_id, at, account_id, action, from_status, to_status, text FROM grievance_events "
    "WHERE grievance_id = :id ORDER BY id";
constexpr const char* code_taken_sql = "SELECT 1 FROM grievances WHERE tracking_code = :code";
constexpr const char* category_exists_sql = "SELECT 1 FROM grievance_categories WHERE code = :code";
constexpr const char* sla_sql = "SELECT days FROM grievance_slas WHERE kind = :kind";
constexpr const char* unit_exists_sql = "SELECT 1 FROM units WHERE id = :id";
constexpr const char* unit_name_sql = "SELECT name FROM units WHERE id = :id";
constexpr const char* session_unit_sql = "SELECT unit_id FROM sessions WHERE id = :id";
// The handling officer signs in to see a denouncer's identity: an active office account.
constexpr const char* officer_exists_sql =
    "SELECT 1 FROM accounts WHERE id = :id AND role IN ('admin', 'secretariat', 'staff') AND CAST(active AS INTEGER) = 1";
constexpr const char* conflict_message = "The case conflicts with another record.";

std::optional<domain::date> optional_date(const std::string& text, soci::indicator ind) {
  if (ind == soci::i_null) return std::nullopt;
  return parse_db_date_or_throw(text);
}

struct grievance_row {
  long long id = 0, unit = 0, session = 0, handling = 0, officer = 0, created_by = 0;
  std::string code, kind, category, category_label, summary, details, name, address, contact, received, due,
      due_reason, status, answer, answered_on, created_at, updated_at;
  soci::indicator session_ind = soci::i_null, details_ind = soci::i_null, name_ind = soci::i_null,
                  address_ind = soci::i_null, contact_ind = soci::i_null, due_reason_ind = soci::i_null,
                  handling_ind = soci::i_null, officer_ind = soci::i_null, answer_ind = soci::i_null,
                  answered_on_ind = soci::i_null, created_by_ind = soci::i_null;

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(code));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(category));
    st.exchange(soci::into(category_label));
    st.exchange(soci::into(unit));
    st.exchange(soci::into(session, session_ind));
    st.exchange(soci::into(summary));
    st.exchange(soci::into(details, details_ind));
    st.exchange(soci::into(name, name_ind));
    st.exchange(soci::into(address, address_ind));
    st.exchange(soci::into(contact, contact_ind));
    st.exchange(soci::into(received));
    st.exchange(soci::into(due));
    st.exchange(soci::into(due_reason, due_reason_ind));
    st.exchange(soci::into(status));
    st.exchange(soci::into(handling, handling_ind));
    st.exchange(soci::into(officer, officer_ind));
    st.exchange(soci::into(answer, answer_ind));
    st.exchange(soci::into(answered_on, answered_on_ind));
    st.exchange(soci::into(created_by, created_by_ind));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(updated_at));
  }

  grievance value() const {
    grievance g;
    g.id = id;
    g.tracking_code = code;
    g.kind = kind;
    g.category = category;
    g.category_label = category_label;
    g.unit_id = unit;
    g.session_id = optional_of<id_t>(session, session_ind);
    g.summary = summary;
    g.details = optional_of(details, details_ind);
    g.citizen_name = optional_of(name, name_ind);
    g.citizen_address = optional_of(address, address_ind);
    g.citizen_contact = optional_of(contact, contact_ind);
    g.received_on = parse_db_date_or_throw(received);
    g.due_on = parse_db_date_or_throw(due);
    g.due_reason = optional_of(due_reason, due_reason_ind);
    g.status = status;
    g.handling_unit_id = optional_of<id_t>(handling, handling_ind);
    g.officer_account_id = optional_of<id_t>(officer, officer_ind);
    g.answer = optional_of(answer, answer_ind);
    g.answered_on = optional_date(answered_on, answered_on_ind);
    g.created_by = optional_of<id_t>(created_by, created_by_ind);
    g.created_at = parse_db_instant_or_throw(created_at);
    g.updated_at = parse_db_instant_or_throw(updated_at);
    return g;
  }
};

struct event_row {
  long long id = 0, grievance = 0, account = 0;
  std::string at, action, from, to, text;
  soci::indicator account_ind = soci::i_null, from_ind = soci::i_null, to_ind = soci::i_null, text_ind = soci::i_null;

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(grievance));
    st.exchange(soci::into(at));
    st.exchange(soci::into(account, account_ind));
    st.exchange(soci::into(action));
    st.exchange(soci::into(from, from_ind));
    st.exchange(soci::into(to, to_ind));
    st.exchange(soci::into(text, text_ind));
  }

  grievance_event value() const {
    return {id,
            grievance,
            parse_db_instant_or_throw(at),
            optional_of<id_t>(account, account_ind),
            action,
            optional_of(from, from_ind),
            optional_of(to, to_ind),
            optional_of(text, text_ind)};
  }
};

std::optional<grievance> load(soci::session& s, id_t id, bool for_update, backend kind) {
  std::string sql = std::string(grievance_columns) + "WHERE g.id = :id";
  // PostgreSQL: lock the case so that concurrent moves queue; SQLite's BEGIN IMMEDIATE already serialises them.
  if (for_update && kind == backend::postgresql) sql += " FOR UPDATE OF g";
  auto rows = select_rows<grievance_row, grievance>(s, sql, [&](soci::statement& st) { st.exchange(soci::use(id)); });
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

bool text_exists(soci::session& s, const char* sql, const std::string& value) {
  int one = 0;
  soci::indicator ind = soci::i_null;
  s << sql, soci::use(value), soci::into(one, ind);
  return s.got_data();
}

void invalid(const std::string& field, const std::string& reason) {
  throw error(errc::invalid_input, "The request has invalid fields.", {{field, reason}});
}

grievance_event insert_event(soci::session& s, grievance_event e) {
  std::string at = core::format_utc(e.at);
  nullable<id_t> account(e.account_id);
  nullable<std::string> from(e.from_status), to(e.to_status), text(e.text);
  long long id = 0;
  s << event_sql, soci::use(e.grievance_id), soci::use(at), soci::use(account.value, account.ind), soci::use(e.action),
      soci::use(from.value, from.ind), soci::use(to.value, to.ind), soci::use(text.value, text.ind), soci::into(id);
  e.id = id;
  return e;
}

// Fills the unit from the session and checks every reference; the due date from the kind's SLA, or the
// caller's override with its reason.
void complete_draft(soci::session& s, domain::grievance_draft& d) {
  grievance& g = d.value;
  if (!text_exists(s, category_exists_sql, g.category)) invalid("category", "is not one of the configured categories");
  if (g.session_id) {
    long long unit = 0;
    s << session_unit_sql, soci::use(*g.session_id), soci::into(unit);
    if (!s.got_data()) invalid("session_id", "no session has this id");
    if (g.unit_id == 0) g.unit_id = unit;
  }
  if (!row_exists(s, unit_exists_sql, g.unit_id)) invalid("unit_id", "no unit has this id");
  int days = 0;
  s << sla_sql, soci::use(g.kind), soci::into(days);
  if (!s.got_data()) throw error(errc::internal, "Internal error.", {}, "no SLA for grievance kind " + g.kind);
  domain::date sla_due = domain::due_date(g.received_on, days);
  if (d.due_on && *d.due_on != sla_due) {
    if (!g.due_reason)
      invalid("due_reason", "is required when due_on departs from the SLA date " + core::format_date(sla_due));
    g.due_on = *d.due_on;
  } else {
    g.due_on = sla_due;
    g.due_reason.reset();  // nothing departs from the SLA, so there is nothing to explain
  }
}

// Naming a denunciation's officer decides who will see the denouncer, so only an admin may set or change it;
// any office account may otherwise have named itself and read the identity. Other kinds keep the office's rule.
void refuse_unless_may_name_officer(const grievance& before, const grievance& next, const actor& who) {
  if (!domain::identity_protected(before) || next.officer_account_id == before.officer_account_id) return;
  if (who.has_admin_rights()) return;
  throw error(errc::forbidden, "Only an admin may name the officer of a denunciation.",
              {{"officer_account_id", "only an admin may set or change it on a denunciation"}});
}

std::string unused_code(soci::session& s) {
  // 2^49 codes: a repeat is astronomically rare, but checking costs one indexed read.
  for (;;) {
    std::string code = security::new_tracking_code();
    if (!text_exists(s, code_taken_sql, code)) return code;
  }
}

}  // namespace

grievance grievances_store::create(domain::grievance_draft draft, const actor& who) {
  return with_session(*db_, conflict_message, [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    complete_draft(s, draft);
    grievance g = std::move(draft.value);
    g.tracking_code = unused_code(s);
    g.status = "received";
    g.created_by = who.account_id;
    g.created_at = g.updated_at = core::now();
    std::string received = core::format_date(g.received_on), due = core::format_date(g.due_on),
                created = core::format_utc(g.created_at);
    nullable<id_t> session(g.session_id), created_by(g.created_by);
    nullable<std::string> details(g.details), name(g.citizen_name), address(g.citizen_address),
        contact(g.citizen_contact), due_reason(g.due_reason);
    long long id = 0;
    s << insert_sql, soci::use(g.tracking_code), soci::use(g.kind), soci::use(g.category), soci::use(g.unit_id),
        soci::use(session.value, session.ind), soci::use(g.summary), soci::use(details.value, details.ind),
        soci::use(name.value, name.ind), soci::use(address.value, address.ind), soci::use(contact.value, contact.ind),
        soci::use(received), soci::use(due), soci::use(due_reason.value, due_reason.ind),
        soci::use(created_by.value, created_by.ind), soci::use(created), soci::use(created), soci::into(id);
    g.id = id;
    insert_event(s, {0, g.id, g.created_at, who.account_id, "received", std::nullopt, "received", std::nullopt});
    // The audit row is written from the withheld JSON: a denouncer's identity never enters the log.
    auto after = domain::to_json(g);
    record_audit(s, who, "create", "grievance", g.id, nullptr, &after);
    tx.commit();
    // Read back for the category label and the database's own forms.
    return *load(s, g.id, false, db_->kind());
  });
}

grievance grievances_store::get(id_t id) {
  return with_session(*db_, "", [&](soci::session& s) {
    auto g = load(s, id, false, db_->kind());
    if (!g) core::throw_not_found(noun("grievance", id));
    return *g;
  });
}

page<grievance> grievances_store::list(const grievance_filter& f, page_request p) {
  return with_session(*db_, "", [&](soci::session& s) {
    id_t root = f.within.value_or(0), after = p.after, handling = f.handling_unit_id.value_or(0),
         session = f.session_id.value_or(0), officer = f.officer_account_id.value_or(0);
    int use_within = f.within ? 1 : 0, use_handling = f.handling_unit_id ? 1 : 0, use_session = f.session_id ? 1 : 0,
        use_officer = f.officer_account_id ? 1 : 0, use_kind = f.kind ? 1 : 0, use_category = f.category ? 1 : 0,
        use_status = f.status ? 1 : 0, use_overdue = f.overdue_on ? 1 : 0, limit = p.limit + 1;
    std::string kind = f.kind.value_or(""), category = f.category.value_or(""), status = f.status.value_or(""),
                today = f.overdue_on ? core::format_date(*f.overdue_on) : "1970-01-01";
    auto rows = select_rows<grievance_row, grievance>(
        s, std::string(subtree_cte) + grievance_columns + list_where, [&](soci::statement& st) {
          st.exchange(soci::use(root));
          st.exchange(soci::use(after));
          st.exchange(soci::use(use_within));
          st.exchange(soci::use(use_handling));
          st.exchange(soci::use(handling));
          st.exchange(soci::use(use_session));
          st.exchange(soci::use(session));
          st.exchange(soci::use(use_officer));
          st.exchange(soci::use(officer));
          st.exchange(soci::use(use_kind));
          st.exchange(soci::use(kind));
          st.exchange(soci::use(use_category));
          st.exchange(soci::use(category));
          st.exchange(soci::use(use_status));
          st.exchange(soci::use(status));
          st.exchange(soci::use(use_overdue));
          st.exchange(soci::use(today));
          st.exchange(soci::use(limit));
        });
    return finish_page(std::move(rows), p.limit);
  });
}

std::vector<grievance_event> grievances_store::history(id_t id) {
  return with_session(*db_, "", [&](soci::session& s) {
    if (!row_exists(s, "SELECT 1 FROM grievances WHERE id = :id", id)) core::throw_not_found(noun("grievance", id));
    return select_rows<event_row, grievance_event>(s, history_sql,
                                                   [&](soci::statement& st) { st.exchange(soci::use(id)); });
  });
}

grievance grievances_store::transition(id_t id, const domain::grievance_transition& t, domain::date today,
                                       const actor& who) {
  return with_session(*db_, conflict_message, [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    auto before = load(s, id, true, db_->kind());
    if (!before) core::throw_not_found(noun("grievance", id));
    grievance next = domain::apply_transition(*before, t, today);
    refuse_unless_may_name_officer(*before, next, who);
    if (t.handling_unit_id && !row_exists(s, unit_exists_sql, *t.handling_unit_id))
      invalid("handling_unit_id", "no unit has this id");
    if (t.officer_account_id && !row_exists(s, officer_exists_sql, *t.officer_account_id))
      invalid("officer_account_id", "no active admin, secretariat or staff account has this id");
    next.updated_at = core::now();
    std::string updated = core::format_utc(next.updated_at);
    nullable<id_t> handling(next.handling_unit_id), officer(next.officer_account_id);
    nullable<std::string> answer(next.answer),
        answered_on(next.answered_on ? std::optional<std::string>(core::format_date(*next.answered_on)) : std::nullopt);
    s << update_sql, soci::use(next.status), soci::use(handling.value, handling.ind),
        soci::use(officer.value, officer.ind), soci::use(answer.value, answer.ind),
        soci::use(answered_on.value, answered_on.ind), soci::use(updated), soci::use(id);
    // The history keeps the answer with its date, and why a case was reopened.
    std::optional<std::string> text = t.answer ? t.answer : t.reason;
    insert_event(s, {0, id, next.updated_at, who.account_id, "transition", before->status, next.status, text});
    // Withheld forms: the row says who moved the case and, when an officer is named, whom (the
    // officer_account_id change), but never who the denouncer is.
    auto b = domain::to_json(*before), a = domain::to_json(next);
    record_audit(s, who, "transition", "grievance", id, &b, &a);
    tx.commit();
    return next;
  });
}

grievance_event grievances_store::add_note(id_t id, const std::string& text, const actor& who) {
  return with_session(*db_, conflict_message, [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    auto g = load(s, id, true, db_->kind());
    if (!g) core::throw_not_found(noun("grievance", id));
    core::instant now = core::now();
    std::string updated = core::format_utc(now);
    s << touch_sql, soci::use(updated), soci::use(id);
    auto e = insert_event(s, {0, id, now, who.account_id, "note", std::nullopt, std::nullopt, text});
    // The note's text may name people: the audit row records only that a note was added.
    boost::json::object after{{"note_id", e.id}};
    record_audit(s, who, "note", "grievance", id, nullptr, &after);
    tx.commit();
    return e;
  });
}

std::vector<grievance> grievances_store::received_between(std::optional<id_t> within, domain::date from,
                                                          domain::date to) {
  return with_session(*db_, "", [&](soci::session& s) {
    id_t root = within.value_or(0);
    int use_within = within ? 1 : 0;
    std::string from_text = core::format_date(from), to_text = core::format_date(to);
    return select_rows<grievance_row, grievance>(
        s, std::string(subtree_cte) + grievance_columns + period_where, [&](soci::statement& st) {
          st.exchange(soci::use(root));
          st.exchange(soci::use(from_text));
          st.exchange(soci::use(to_text));
          st.exchange(soci::use(use_within));
        });
  });
}

std::optional<domain::public_grievance> grievances_store::find_by_code(const std::string& code) {
  return with_session(*db_, "", [&](soci::session& s) -> std::optional<domain::public_grievance> {
    std::string c = code;
    auto rows = select_rows<grievance_row, grievance>(s, std::string(grievance_columns) + "WHERE g.tracking_code = :code",
                                                      [&](soci::statement& st) { st.exchange(soci::use(c)); });
    if (rows.empty()) return std::nullopt;
    domain::public_grievance p{rows.front(), std::nullopt};
    if (p.value.handling_unit_id) {
      std::string name;
      s << unit_name_sql, soci::use(*p.value.handling_unit_id), soci::into(name);
      if (s.got_data()) p.handling_unit_name = name;
    }
    return p;
  });
}

}  // namespace satdan::store
