#include "store/meetings_store.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/local_date.hpp"
#include "store/sql_support.hpp"

namespace satdan::store {

using core::errc;
using core::error;
using domain::series;
using domain::session;
using namespace detail;

namespace {

constexpr const char* series_columns =
    "SELECT id, cell_id, rrule, first_date, start_minute, duration_minutes, time_zone, location, exdates, until_date, "
    "needs, optional_seats, version, created_at, updated_at FROM series ";
constexpr const char* series_list_where =
    "WHERE id > :after AND (:use_cell = 0 OR cell_id = :cell) "
    "AND (:use_within = 0 OR cell_id IN (SELECT c.id FROM cells c WHERE c.unit_id IN (SELECT id FROM subtree))) "
    "ORDER BY id LIMIT :limit";
constexpr const char* insert_series_sql =
    "INSERT INTO series (cell_id, rrule, first_date, start_minute, duration_minutes, time_zone, location, exdates, "
    "until_date, needs, optional_seats, version, created_at, updated_at, materialized_until) VALUES (:cell, :rrule, "
    ":first, :start, :duration, :zone, :location, :exdates, :until, :needs, :optional, 1, :created, :updated, :mat) "
    "RETURNING id";
constexpr const char* update_series_sql =
    "UPDATE series SET cell_id = :cell, rrule = :rrule, first_date = :first, start_minute = :start, "
    "duration_minutes = :duration, time_zone = :zone, location = :location, exdates = :exdates, until_date = :until, "
    "needs = :needs, optional_seats = :optional, version = version + 1, updated_at = :updated "
    "WHERE id = :id AND version = :expected";
constexpr const char* series_version_sql = "SELECT version FROM series WHERE id = :id";
constexpr const char* set_materialized_sql = "UPDATE series SET materialized_until = :until WHERE id = :id";
constexpr const char* materialized_sql = "SELECT materialized_until FROM series WHERE id = :id";
constexpr const char* cell_unit_sql = "SELECT unit_id FROM cells WHERE id = :id";
constexpr const char* unit_exists_sql = "SELECT 1 FROM units WHERE id = :id";
constexpr const char* held_in_series_sql = "SELECT COUNT(*) FROM sessions WHERE series_id = :id AND status = 'held'";
constexpr const char* assigned_in_series_sql =
    "SELECT COUNT(*) FROM assignments a JOIN sessions s ON s.id = a.session_id WHERE s.series_id = :id";
constexpr const char* assigned_in_session_sql = "SELECT COUNT(*) FROM assignments WHERE session_id = :id";
constexpr const char* delete_series_sessions_sql = "DELETE FROM sessions WHERE series_id = :id";
constexpr const char* delete_series_sql = "DELETE FROM series WHERE id = :id";

constexpr const char* session_columns =
    "SELECT id, series_id, kind, unit_id, cell_id, recurrence_id, start_at, end_at, location, topic, "
    "expected_citizens, needs, optional_seats, status, status_reason, CAST(moved AS INTEGER), sequence, created_at, "
    "updated_at FROM sessions ";
constexpr const char* session_list_where =
    "WHERE (:use_after = 0 OR start_at > :after_start OR (start_at = :after_start_again AND id > :after_id)) "
    "AND (:use_within = 0 OR unit_id IN (SELECT id FROM subtree)) AND (:use_cell = 0 OR cell_id = :cell) "
    "AND (:use_series = 0 OR series_id = :series) AND (:use_kind = 0 OR kind = :kind) "
    "AND (:use_status = 0 OR status = :status) "
    "AND (:use_member = 0 OR id IN (SELECT session_id FROM assignments WHERE member_id = :member)) "
    "AND (:use_from = 0 OR end_at > :from_at) "
    "AND (:use_to = 0 OR start_at < :to_at) ORDER BY start_at, id LIMIT :limit";
// Sessions members are assigned to are left alone by series changes too: nobody is moved or dropped
// without the secretariat touching that session.
constexpr const char* regenerable_where =
    "WHERE series_id = :series AND start_at >= :from_at AND status = 'planned' AND CAST(moved AS INTEGER) = 0 "
    "AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.session_id = sessions.id) ORDER BY start_at, id";
constexpr const char* exceptions_where =
    "WHERE series_id = :series AND start_at >= :from_at AND (status <> 'planned' OR CAST(moved AS INTEGER) = 1 "
    "OR EXISTS (SELECT 1 FROM assignments a WHERE a.session_id = sessions.id)) ORDER BY start_at, id";
constexpr const char* move_assignments_sql =
    "UPDATE assignments SET start_at = :start_at, end_at = :end_at WHERE session_id = :id";
// After a move, two sessions of one member may overlap: PostgreSQL's exclusion constraint refuses that by
// itself; this finds it on SQLite.
constexpr const char* overlap_after_move_sql =
    "SELECT COUNT(*) FROM assignments a JOIN assignments b ON a.member_id = b.member_id AND a.id <> b.id "
    "WHERE a.session_id = :id AND b.start_at < a.end_at AND a.start_at < b.end_at";
constexpr const char* insert_session_sql =
    "INSERT INTO sessions (series_id, kind, unit_id, cell_id, recurrence_id, start_at, end_at, location, topic, "
    "expected_citizens, needs, optional_seats, status, status_reason, moved, sequence, created_at, updated_at) "
    "VALUES (:series, :kind, :unit, :cell, :recurrence, :start_at, :end_at, :location, :topic, :citizens, :needs, "
    ":optional, :status, :reason, :moved, 0, :created, :updated) RETURNING id";
// Series occurrences: a second materialisation of the same day is a no-op (the unique key).
constexpr const char* insert_occurrence_sql =
    "INSERT INTO sessions (series_id, kind, unit_id, cell_id, recurrence_id, start_at, end_at, location, needs, "
    "optional_seats, status, moved, sequence, created_at, updated_at) "
    "SELECT s.id, 'cell_meeting', c.unit_id, c.id, :recurrence, :start_at, :end_at, s.location, s.needs, "
    "s.optional_seats, 'planned', FALSE, 0, :created, :updated FROM series s JOIN cells c ON c.id = s.cell_id "
    "WHERE s.id = :series ON CONFLICT (series_id, recurrence_id) DO NOTHING";
constexpr const char* update_session_sql =
    "UPDATE sessions SET recurrence_id = :recurrence, start_at = :start_at, end_at = :end_at, location = :location, "
    "topic = :topic, expected_citizens = :citizens, needs = :needs, optional_seats = :optional, status = :status, "
    "status_reason = :reason, moved = :moved, sequence = sequence + 1, updated_at = :updated "
    "WHERE id = :id AND sequence = :expected";
// A regenerated occurrence follows its series; it is only touched if nobody changed it since it was read.
constexpr const char* regenerate_session_sql =
    "UPDATE sessions SET recurrence_id = :recurrence, start_at = :start_at, end_at = :end_at, location = :location, "
    "needs = :needs, optional_seats = :optional, sequence = sequence + 1, updated_at = :updated "
    "WHERE id = :id AND sequence = :expected AND status = 'planned' AND CAST(moved AS INTEGER) = 0";
constexpr const char* remove_session_sql =
    "DELETE FROM sessions WHERE id = :id AND sequence = :expected AND status = 'planned' AND CAST(moved AS INTEGER) = 0";
constexpr const char* session_sequence_sql = "SELECT sequence FROM sessions WHERE id = :id";
constexpr const char* delete_session_sql = "DELETE FROM sessions WHERE id = :id";

std::string dates_text(const std::vector<std::chrono::year_month_day>& dates) {
  std::string out;
  for (const auto& d : dates) {
    if (!out.empty()) out += ',';
    out += core::format_date(d);
  }
  return out;
}

std::vector<std::chrono::year_month_day> dates_of(const std::string& text) {
  std::vector<std::chrono::year_month_day> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto comma = text.find(',', start);
    if (auto d = core::parse_date(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start)))
      out.push_back(*d);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

struct series_row {
  long long id = 0, cell = 0, version = 0;
  int start = 0, duration = 0;
  std::string rrule, first, zone, location, exdates, until, needs, optional, created, updated;
  soci::indicator location_ind = soci::i_null, until_ind = soci::i_null;

  template <class Statement>
  void bind(Statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(cell));
    st.exchange(soci::into(rrule));
    st.exchange(soci::into(first));
    st.exchange(soci::into(start));
    st.exchange(soci::into(duration));
    st.exchange(soci::into(zone));
    st.exchange(soci::into(location, location_ind));
    st.exchange(soci::into(exdates));
    st.exchange(soci::into(until, until_ind));
    st.exchange(soci::into(needs));
    st.exchange(soci::into(optional));
    st.exchange(soci::into(version));
    st.exchange(soci::into(created));
    st.exchange(soci::into(updated));
  }

  series value() const {
    series s;
    s.id = id;
    s.cell_id = cell;
    s.rrule = rrule;
    s.first_date = parse_db_date_or_throw(first);
    s.start_minute = start;
    s.duration_minutes = duration;
    s.time_zone = zone;
    s.location = optional_of(location, location_ind);
    s.exdates = dates_of(exdates);
    if (until_ind != soci::i_null) s.until = parse_db_date_or_throw(until);
    s.needs = seats_of(needs);
    s.optional = seats_of(optional);
    s.version = version;
    s.created_at = parse_db_instant_or_throw(created);
    s.updated_at = parse_db_instant_or_throw(updated);
    return s;
  }
};

struct session_row {
  long long id = 0, series = 0, unit = 0, cell = 0, sequence = 0;
  int citizens = 0, moved = 0;
  std::string kind, recurrence, start, end, location, topic, needs, optional, status, reason, created, updated;
  soci::indicator series_ind = soci::i_null, cell_ind = soci::i_null, recurrence_ind = soci::i_null,
                  location_ind = soci::i_null, topic_ind = soci::i_null, citizens_ind = soci::i_null,
                  reason_ind = soci::i_null;

  template <class Statement>
  void bind(Statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(series, series_ind));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(unit));
    st.exchange(soci::into(cell, cell_ind));
    st.exchange(soci::into(recurrence, recurrence_ind));
    st.exchange(soci::into(start));
    st.exchange(soci::into(end));
    st.exchange(soci::into(location, location_ind));
    st.exchange(soci::into(topic, topic_ind));
    st.exchange(soci::into(citizens, citizens_ind));
    st.exchange(soci::into(needs));
    st.exchange(soci::into(optional));
    st.exchange(soci::into(status));
    st.exchange(soci::into(reason, reason_ind));
    st.exchange(soci::into(moved));
    st.exchange(soci::into(sequence));
    st.exchange(soci::into(created));
    st.exchange(soci::into(updated));
  }

  session value() const {
    session s;
    s.id = id;
    s.series_id = optional_of<id_t>(series, series_ind);
    s.kind = kind;
    s.unit_id = unit;
    s.cell_id = optional_of<id_t>(cell, cell_ind);
    if (recurrence_ind != soci::i_null) s.recurrence_id = parse_db_instant_or_throw(recurrence);
    s.start = parse_db_instant_or_throw(start);
    s.end = parse_db_instant_or_throw(end);
    s.location = optional_of(location, location_ind);
    s.topic = optional_of(topic, topic_ind);
    s.expected_citizens = optional_of(citizens, citizens_ind);
    s.needs = seats_of(needs);
    s.optional = seats_of(optional);
    s.status = status;
    s.status_reason = optional_of(reason, reason_ind);
    s.moved = moved != 0;
    s.sequence = sequence;
    s.created_at = parse_db_instant_or_throw(created);
    s.updated_at = parse_db_instant_or_throw(updated);
    return s;
  }
};

std::optional<series> load_series(soci::session& s, id_t id) {
  auto rows = select_rows<series_row, series>(s, std::string(series_columns) + "WHERE id = :id",
                                              [&](soci::statement& st) { st.exchange(soci::use(id)); });
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<session> load_session(soci::session& s, id_t id) {
  auto rows = select_rows<session_row, session>(s, std::string(session_columns) + "WHERE id = :id",
                                                [&](soci::statement& st) { st.exchange(soci::use(id)); });
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

void check_cell(soci::session& s, id_t cell_id, const char* field) {
  long long unit = 0;
  s << cell_unit_sql, soci::use(cell_id), soci::into(unit);
  if (!s.got_data()) throw error(errc::invalid_input, "The request has invalid fields.", {{field, "no cell has this id"}});
}

// 412 when the row moved on since the client read it; 404 when it is gone.
[[noreturn]] void stale(std::string_view entity, id_t id, bool exists) {
  if (!exists) core::throw_not_found(noun(entity, id));
  throw error(errc::precondition_failed,
              "The " + std::string(entity) + " has changed since you read it; read it again and reapply your change.");
}

void insert_occurrences(soci::session& s, id_t series_id, const std::vector<occurrence>& list) {
  if (list.empty()) return;
  std::string now = core::format_utc(core::now()), recurrence, start, end;
  // Prepared once, executed per occurrence (a series adds about 13 at a time, the demo seed 1,200).
  soci::statement insert = (s.prepare << insert_occurrence_sql, soci::use(recurrence), soci::use(start), soci::use(end),
                            soci::use(now), soci::use(now), soci::use(series_id));
  for (const auto& o : list) {
    recurrence = core::format_utc(o.recurrence_id);
    start = core::format_utc(o.start);
    end = core::format_utc(o.end);
    insert.execute(true);
  }
}

// Applies a regeneration plan: every session it names must still be as it was read, else 409.
void apply_plan(soci::session& s, const series& owner, const regeneration& plan) {
  std::string now = core::format_utc(core::now());
  std::string needs = seats_text(owner.needs), optional = seats_text(owner.optional);
  nullable<std::string> location(owner.location);
  auto changed_meanwhile = [] {
    throw error(errc::conflict, "Some of the series' sessions changed while this change was prepared; try again.");
  };
  for (const auto& [old, o] : plan.updates) {
    std::string recurrence = core::format_utc(o.recurrence_id), start = core::format_utc(o.start),
                end = core::format_utc(o.end);
    soci::statement st = (s.prepare << regenerate_session_sql, soci::use(recurrence), soci::use(start), soci::use(end),
                          soci::use(location.value, location.ind), soci::use(needs), soci::use(optional),
                          soci::use(now), soci::use(old.id), soci::use(old.sequence));
    st.execute(true);
    if (st.get_affected_rows() != 1) changed_meanwhile();
  }
  for (const auto& old : plan.removals) {
    soci::statement st = (s.prepare << remove_session_sql, soci::use(old.id), soci::use(old.sequence));
    st.execute(true);
    if (st.get_affected_rows() != 1) changed_meanwhile();
  }
  insert_occurrences(s, owner.id, plan.additions);
}

// Inserts a new series (version 1, now as its creation time) and sets its id.
void insert_series(soci::session& s, series& v, core::instant materialized_until) {
  check_cell(s, v.cell_id, "cell_id");
  v.created_at = v.updated_at = core::now();
  v.version = 1;
  std::string first_date = core::format_date(v.first_date), exdates = dates_text(v.exdates), needs = seats_text(v.needs),
              optional = seats_text(v.optional), created = core::format_utc(v.created_at),
              mat = core::format_utc(materialized_until);
  nullable<std::string> location(v.location),
      until(v.until ? std::optional<std::string>(core::format_date(*v.until)) : std::nullopt);
  long long id = 0;
  s << insert_series_sql, soci::use(v.cell_id), soci::use(v.rrule), soci::use(first_date), soci::use(v.start_minute),
      soci::use(v.duration_minutes), soci::use(v.time_zone), soci::use(location.value, location.ind), soci::use(exdates),
      soci::use(until.value, until.ind), soci::use(needs), soci::use(optional), soci::use(created), soci::use(created),
      soci::use(mat), soci::into(id);
  v.id = id;
}

void write_series(soci::session& s, const series& v, std::int64_t expected_version) {
  std::string first = core::format_date(v.first_date), exdates = dates_text(v.exdates), needs = seats_text(v.needs),
              optional = seats_text(v.optional), updated = core::format_utc(core::now());
  nullable<std::string> location(v.location),
      until(v.until ? std::optional<std::string>(core::format_date(*v.until)) : std::nullopt);
  soci::statement st = (s.prepare << update_series_sql, soci::use(v.cell_id), soci::use(v.rrule), soci::use(first),
                        soci::use(v.start_minute), soci::use(v.duration_minutes), soci::use(v.time_zone),
                        soci::use(location.value, location.ind), soci::use(exdates), soci::use(until.value, until.ind),
                        soci::use(needs), soci::use(optional), soci::use(updated), soci::use(v.id),
                        soci::use(expected_version));
  st.execute(true);
  if (st.get_affected_rows() != 1) stale("series", v.id, load_series(s, v.id).has_value());
}

}  // namespace

page<series> meetings_store::list_series(const series_filter& f, page_request p) {
  return with_session(*db_, "", [&](soci::session& s) {
    id_t root = f.within.value_or(0), after = p.after, cell = f.cell_id.value_or(0);
    int use_cell = f.cell_id ? 1 : 0, use_within = f.within ? 1 : 0, limit = p.limit + 1;
    auto rows = select_rows<series_row, series>(
        s, std::string(subtree_cte) + series_columns + series_list_where, [&](soci::statement& st) {
          st.exchange(soci::use(root));
          st.exchange(soci::use(after));
          st.exchange(soci::use(use_cell));
          st.exchange(soci::use(cell));
          st.exchange(soci::use(use_within));
          st.exchange(soci::use(limit));
        });
    return finish_page(std::move(rows), p.limit);
  });
}

series meetings_store::get_series(id_t id) {
  return with_session(*db_, "", [&](soci::session& s) {
    auto v = load_series(s, id);
    if (!v) core::throw_not_found(noun("series", id));
    return *v;
  });
}

std::vector<series> meetings_store::all_series() {
  return with_session(*db_, "", [&](soci::session& s) {
    return select_rows<series_row, series>(s, std::string(series_columns) + "ORDER BY id", [](soci::statement&) {});
  });
}

series meetings_store::create_series(series v, const std::vector<occurrence>& first, core::instant materialized_until,
                                     const actor& who) {
  return with_session(*db_, "The series conflicts with another.", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    insert_series(s, v, materialized_until);
    insert_occurrences(s, v.id, first);
    audit_write<series>(s, who, "create", "series", v.id, nullptr, &v);
    tx.commit();
    return v;
  });
}

series meetings_store::update_series(const series& v, std::int64_t expected_version, const regeneration& plan,
                                     const actor& who) {
  return with_session(*db_, "The series conflicts with another.", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    auto before = load_series(s, v.id);
    if (!before) core::throw_not_found(noun("series", v.id));
    check_cell(s, v.cell_id, "cell_id");
    write_series(s, v, expected_version);
    auto after = load_series(s, v.id);
    apply_plan(s, *after, plan);
    audit_write<series>(s, who, "update", "series", v.id, &*before, &*after);
    tx.commit();
    return *after;
  });
}

series meetings_store::split_series(const series& old_series, std::int64_t expected_version, series next,
                                    const regeneration& plan, core::instant materialized_until, const actor& who) {
  return with_session(*db_, "The series conflicts with another.", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    auto before = load_series(s, old_series.id);
    if (!before) core::throw_not_found(noun("series", old_series.id));
    write_series(s, old_series, expected_version);
    auto ended = load_series(s, old_series.id);
    apply_plan(s, *ended, {.updates = {}, .removals = plan.removals, .additions = {}});
    audit_write<series>(s, who, "update", "series", old_series.id, &*before, &*ended);

    insert_series(s, next, materialized_until);
    insert_occurrences(s, next.id, plan.additions);
    audit_write<series>(s, who, "create", "series", next.id, nullptr, &next);
    tx.commit();
    return next;
  });
}

void meetings_store::delete_series(id_t id, std::int64_t expected_version, const actor& who) {
  with_session(*db_, "Other records still refer to the series.", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    auto before = load_series(s, id);
    if (!before) core::throw_not_found(noun("series", id));
    if (before->version != expected_version) stale("series", id, true);
    refuse_if_dependents(noun("series", id), {{"held sessions", count_of(s, held_in_series_sql, id)},
                                              {"assignments", count_of(s, assigned_in_series_sql, id)}});
    s << delete_series_sessions_sql, soci::use(id);
    s << delete_series_sql, soci::use(id);
    audit_write<series>(s, who, "delete", "series", id, &*before, nullptr);
    tx.commit();
  });
}

int meetings_store::add_occurrences(id_t series_id, const std::vector<occurrence>& list, core::instant materialized_until) {
  return with_session(*db_, "", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    insert_occurrences(s, series_id, list);
    std::string until = core::format_utc(materialized_until);
    s << set_materialized_sql, soci::use(until), soci::use(series_id);
    tx.commit();
    return static_cast<int>(list.size());
  });
}

std::optional<core::instant> meetings_store::materialized_until(id_t series_id) {
  return with_session(*db_, "", [&](soci::session& s) -> std::optional<core::instant> {
    std::string until;
    soci::indicator ind = soci::i_null;
    s << materialized_sql, soci::use(series_id), soci::into(until, ind);
    if (!s.got_data() || ind == soci::i_null) return std::nullopt;
    return parse_db_instant_or_throw(until);
  });
}

session_page meetings_store::list_sessions(const session_filter& f, session_page_request p) {
  return with_session(*db_, "", [&](soci::session& s) {
    id_t root = f.within.value_or(0), cell = f.cell_id.value_or(0), series_id = f.series_id.value_or(0),
         member = f.member_id.value_or(0);
    id_t after_id = p.after ? p.after->id : 0;
    std::string after_start = p.after ? core::format_utc(p.after->start) : unused_instant;
    std::string kind = f.kind.value_or(""), status = f.status.value_or("");
    std::string from = f.from ? core::format_utc(*f.from) : unused_instant, to = f.to ? core::format_utc(*f.to) : unused_instant;
    int use_after = p.after ? 1 : 0, use_within = f.within ? 1 : 0, use_cell = f.cell_id ? 1 : 0,
        use_series = f.series_id ? 1 : 0, use_kind = f.kind ? 1 : 0, use_status = f.status ? 1 : 0,
        use_member = f.member_id ? 1 : 0, use_from = f.from ? 1 : 0, use_to = f.to ? 1 : 0, limit = p.limit + 1;
    auto rows = select_rows<session_row, session>(
        s, std::string(subtree_cte) + session_columns + session_list_where, [&](soci::statement& st) {
          st.exchange(soci::use(root));
          st.exchange(soci::use(use_after));
          st.exchange(soci::use(after_start));
          st.exchange(soci::use(after_start));
          st.exchange(soci::use(after_id));
          st.exchange(soci::use(use_within));
          st.exchange(soci::use(use_cell));
          st.exchange(soci::use(cell));
          st.exchange(soci::use(use_series));
          st.exchange(soci::use(series_id));
          st.exchange(soci::use(use_kind));
          st.exchange(soci::use(kind));
          st.exchange(soci::use(use_status));
          st.exchange(soci::use(status));
          st.exchange(soci::use(use_member));
          st.exchange(soci::use(member));
          st.exchange(soci::use(use_from));
          st.exchange(soci::use(from));
          st.exchange(soci::use(use_to));
          st.exchange(soci::use(to));
          st.exchange(soci::use(limit));
        });
    session_page out;
    if (static_cast<int>(rows.size()) > p.limit) {
      rows.resize(static_cast<std::size_t>(p.limit));
      out.next = session_cursor{rows.back().start, rows.back().id};
    }
    out.items = std::move(rows);
    return out;
  });
}

session meetings_store::get_session(id_t id) {
  return with_session(*db_, "", [&](soci::session& s) {
    auto v = load_session(s, id);
    if (!v) core::throw_not_found(noun("session", id));
    return *v;
  });
}

std::vector<session> meetings_store::regenerable_sessions(id_t series_id, core::instant from) {
  return with_session(*db_, "", [&](soci::session& s) {
    std::string from_text = core::format_utc(from);
    return select_rows<session_row, session>(s, std::string(session_columns) + regenerable_where, [&](soci::statement& st) {
      st.exchange(soci::use(series_id));
      st.exchange(soci::use(from_text));
    });
  });
}

std::vector<session> meetings_store::exceptions_after(id_t series_id, core::instant from) {
  return with_session(*db_, "", [&](soci::session& s) {
    std::string from_text = core::format_utc(from);
    return select_rows<session_row, session>(s, std::string(session_columns) + exceptions_where, [&](soci::statement& st) {
      st.exchange(soci::use(series_id));
      st.exchange(soci::use(from_text));
    });
  });
}

session meetings_store::create_session(session v, const actor& who) {
  return with_session(*db_, "The session conflicts with another.", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    if (v.cell_id) {
      long long unit = 0;
      id_t cell = *v.cell_id;
      s << cell_unit_sql, soci::use(cell), soci::into(unit);
      if (!s.got_data()) throw error(errc::invalid_input, "The request has invalid fields.", {{"cell_id", "no cell has this id"}});
      v.unit_id = unit;
    } else if (!row_exists(s, unit_exists_sql, v.unit_id)) {
      throw error(errc::invalid_input, "The request has invalid fields.", {{"unit_id", "no unit has this id"}});
    }
    v.series_id.reset();
    v.recurrence_id.reset();
    v.status = "planned";
    v.sequence = 0;
    v.moved = false;
    v.created_at = v.updated_at = core::now();
    std::string start = core::format_utc(v.start), end = core::format_utc(v.end), needs = seats_text(v.needs),
                optional = seats_text(v.optional), created = core::format_utc(v.created_at);
    nullable<id_t> no_series(std::nullopt), cell(v.cell_id);
    nullable<std::string> recurrence(std::nullopt), location(v.location), topic(v.topic), reason(v.status_reason);
    nullable<int> citizens(v.expected_citizens);
    int moved = 0;
    long long id = 0;
    s << insert_session_sql, soci::use(no_series.value, no_series.ind), soci::use(v.kind), soci::use(v.unit_id),
        soci::use(cell.value, cell.ind), soci::use(recurrence.value, recurrence.ind), soci::use(start), soci::use(end),
        soci::use(location.value, location.ind), soci::use(topic.value, topic.ind),
        soci::use(citizens.value, citizens.ind), soci::use(needs), soci::use(optional), soci::use(v.status),
        soci::use(reason.value, reason.ind), soci::use(moved), soci::use(created), soci::use(created), soci::into(id);
    v.id = id;
    audit_write<session>(s, who, "create", "session", v.id, nullptr, &v);
    tx.commit();
    return v;
  });
}

session meetings_store::update_session(session v, std::int64_t expected_sequence, const actor& who) {
  return with_session(*db_, "The session conflicts with another.", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    auto before = load_session(s, v.id);
    if (!before) core::throw_not_found(noun("session", v.id));
    std::string updated = core::format_utc(core::now()), start = core::format_utc(v.start), end = core::format_utc(v.end),
                needs = seats_text(v.needs), optional = seats_text(v.optional);
    nullable<std::string> recurrence(v.recurrence_id ? std::optional<std::string>(core::format_utc(*v.recurrence_id))
                                                     : std::nullopt),
        location(v.location), topic(v.topic), reason(v.status_reason);
    nullable<int> citizens(v.expected_citizens);
    int moved = v.moved ? 1 : 0;
    soci::statement st = (s.prepare << update_session_sql, soci::use(recurrence.value, recurrence.ind), soci::use(start),
                          soci::use(end), soci::use(location.value, location.ind), soci::use(topic.value, topic.ind),
                          soci::use(citizens.value, citizens.ind), soci::use(needs), soci::use(optional),
                          soci::use(v.status), soci::use(reason.value, reason.ind), soci::use(moved), soci::use(updated),
                          soci::use(v.id), soci::use(expected_sequence));
    st.execute(true);
    if (st.get_affected_rows() != 1) stale("session", v.id, true);
    if (v.start != before->start || v.end != before->end) {
      s << move_assignments_sql, soci::use(start), soci::use(end), soci::use(v.id);
      if (count_of(s, overlap_after_move_sql, v.id) > 0)
        throw error(errc::conflict, "A member assigned to this session is at another session at the new time.",
                    {{"start", "overlaps another session of an assigned member"}});
    }
    auto after = load_session(s, v.id);
    audit_write<session>(s, who, "update", "session", v.id, &*before, &*after);
    tx.commit();
    return *after;
  });
}

void meetings_store::delete_session(id_t id, std::int64_t expected_sequence, const actor& who) {
  with_session(*db_, "Other records still refer to the session.", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    auto before = load_session(s, id);
    if (!before) core::throw_not_found(noun("session", id));
    if (before->sequence != expected_sequence) stale("session", id, true);
    if (before->series_id || before->status != "planned")
      throw error(errc::conflict,
                  "Only a planned one-off session can be deleted; cancel a series occurrence or a held session instead.",
                  {{"status", before->series_id ? "belongs to a series" : "is " + before->status}});
    refuse_if_dependents(noun("session", id), {{"assignments", count_of(s, assigned_in_session_sql, id)}});
    s << delete_session_sql, soci::use(id);
    audit_write<session>(s, who, "delete", "session", id, &*before, nullptr);
    tx.commit();
  });
}

}  // namespace satdan::store
