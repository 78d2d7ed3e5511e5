#include "store/range_check.hpp"

#include "core/error.hpp"
#include "core/log.hpp"

namespace satdan::store {

namespace {

// Every instant and date column of the migrations. `key` names the row in the log; nullptr where the key
// itself is private (a throttle key holds a user name or an address).
struct time_column {
  const char* table;
  const char* column;
  const char* key;
  bool is_date;
};

constexpr time_column time_columns[] = {
    {"schema_migrations", "applied_at", "version", false},
    {"unavailability", "start_at", "id", false},
    {"unavailability", "end_at", "id", false},
    {"accounts", "created_at", "id", false},
    {"tokens", "created_at", "id", false},
    {"tokens", "expires_at", "id", false},
    {"tokens", "revoked_at", "id", false},
    {"login_throttle", "window_start", nullptr, false},
    {"login_throttle", "locked_until", nullptr, false},
    {"audit_log", "at", "id", false},
    {"series", "first_date", "id", true},
    {"series", "until_date", "id", true},
    {"series", "created_at", "id", false},
    {"series", "updated_at", "id", false},
    {"series", "materialized_until", "id", false},
    {"sessions", "recurrence_id", "id", false},
    {"sessions", "start_at", "id", false},
    {"sessions", "end_at", "id", false},
    {"sessions", "created_at", "id", false},
    {"sessions", "updated_at", "id", false},
    {"assignments", "start_at", "id", false},
    {"assignments", "end_at", "id", false},
    {"assignments", "created_at", "id", false},
    {"schedule_proposals", "created_at", "id", false},
    {"schedule_proposals", "period_from", "id", false},
    {"schedule_proposals", "period_to", "id", false},
    {"schedule_proposals", "applied_at", "id", false},
    {"member_feeds", "token_created_at", "member_id", false},
    {"member_feeds", "updated_at", "member_id", false},
    {"feed_states", "last_modified", "feed", false},
    {"grievances", "received_on", "id", true},
    {"grievances", "due_on", "id", true},
    {"grievances", "answered_on", "id", true},
    {"grievances", "created_at", "id", false},
    {"grievances", "updated_at", "id", false},
    {"grievance_events", "at", "id", false},
    {"attendance", "recorded_at", "id", false},
    {"attendance_history", "recorded_at", "id", false},
    {"session_records", "recorded_at", "session_id", false},
};

// "Outside the range" per dialect, with @ for the column. SQLite keeps our text, so anything that does not
// start with a four-digit year (a negative or five-digit one) is outside too; PostgreSQL compares typed
// values, ±infinity included. NULL is never outside.
constexpr const char* sqlite_instant_outside =
    "NOT (@ GLOB '[0-9][0-9][0-9][0-9]-*' AND @ >= '1970-01-01T00:00:00Z' AND @ <= '9999-12-31T23:59:59Z')";
constexpr const char* sqlite_date_outside =
    "NOT (@ GLOB '[0-9][0-9][0-9][0-9]-*' AND @ >= '1970-01-01' AND @ <= '9999-12-31')";
constexpr const char* postgresql_instant_outside =
    "(@ < TIMESTAMPTZ '1970-01-01 00:00:00+00' OR @ > TIMESTAMPTZ '9999-12-31 23:59:59+00')";
constexpr const char* postgresql_date_outside = "(@ < DATE '1970-01-01' OR @ > DATE '9999-12-31')";

std::string condition(backend kind, const time_column& c) {
  std::string text = kind == backend::sqlite ? (c.is_date ? sqlite_date_outside : sqlite_instant_outside)
                                             : (c.is_date ? postgresql_date_outside : postgresql_instant_outside);
  std::string out;
  for (char ch : text) {
    if (ch == '@') out += c.column;
    else out += ch;
  }
  return out;
}

// The statements are built from the constant table above only, never from input.
out_of_range_column check(soci::session& s, backend kind, const time_column& c, std::size_t examples) {
  out_of_range_column found{c.table, c.column, 0, {}};
  const std::string where = " FROM " + std::string(c.table) + " WHERE " + condition(kind, c);
  long long n = 0;
  s << "SELECT COUNT(*)" + where, soci::into(n);
  found.rows = n;
  if (n == 0 || examples == 0) return found;
  // Without a key to show, the value stands alone (and orders the examples).
  const std::string column(c.column), key = c.key ? std::string(c.key) : column;
  int limit = static_cast<int>(examples);
  std::string key_text, value;
  soci::statement st = (s.prepare << "SELECT CAST(" + key + " AS TEXT), CAST(" + column + " AS TEXT)" + where +
                                         " ORDER BY " + key + " LIMIT :limit",
                        soci::use(limit), soci::into(key_text), soci::into(value));
  st.execute();
  while (st.fetch()) found.examples.push_back(c.key ? std::string(c.key) + " " + key_text + ": " + value : value);
  return found;
}

}  // namespace

std::vector<std::string> checked_time_columns() {
  std::vector<std::string> out;
  for (const auto& c : time_columns) out.push_back(std::string(c.table) + "." + c.column);
  return out;
}

std::vector<out_of_range_column> find_out_of_range(database& db, std::size_t examples_per_column) {
  return with_session(db, "", [&](soci::session& s) {
    std::vector<out_of_range_column> out;
    for (const auto& c : time_columns) {
      auto found = check(s, db.kind(), c, examples_per_column);
      if (found.rows > 0) out.push_back(std::move(found));
    }
    return out;
  });
}

void report_out_of_range(database& db) {
  try {
    auto found = find_out_of_range(db);
    for (const auto& f : found) {
      boost::json::array examples;
      for (const auto& e : f.examples) examples.emplace_back(e);
      core::log::warn("out_of_range_values", {{"table", f.table},
                                              {"column", f.column},
                                              {"rows", f.rows},
                                              {"examples", std::move(examples)},
                                              {"read_as", "clamped to 1970-01-01T00:00:00Z .. 9999-12-31T23:59:59Z"}});
    }
    if (found.empty()) core::log::info("time_values_in_range", {{"columns_checked", std::size(time_columns)}});
  } catch (const core::error& e) {
    core::log::error("out_of_range_check_failed", {{"reason", e.public_message()}, {"detail", e.internal_message()}});
  } catch (const std::exception& e) {
    core::log::error("out_of_range_check_failed", {{"reason", e.what()}});
  }
}

}  // namespace satdan::store
