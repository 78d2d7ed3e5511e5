// Instants are UTC seconds everywhere inside; text forms appear only at the edges (JSON, database).
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace satdan::core {

using instant = std::chrono::sys_seconds;

// Every instant the service accepts lies in the years 1970–9999 of UTC, once the offset is applied. Outside
// them the text forms stop round-tripping (year 0 at +00:01 prints as "-001-12-31T23:59:00Z", which nothing
// reads back), SQLite's text stops sorting, and libical's time_t conversions end.
inline constexpr instant min_instant{std::chrono::sys_days{std::chrono::year{1970} / 1 / 1}};
inline constexpr instant max_instant{std::chrono::sys_days{std::chrono::year{9999} / 12 / 31} + std::chrono::seconds{86'399}};

// A value read from a client's text, or why it is not one, in words for the client ("must not be before
// 1970-01-01T00:00:00Z"). `problem` is empty exactly when `value` is set.
template <class T>
struct reading {
  std::optional<T> value;
  std::string problem;
};

// RFC 3339 with a mandatory offset ("2027-02-01T07:30:00+07:00", "...Z"), within [min_instant, max_instant].
// Fractions of a second are accepted and dropped. Every instant the API reads comes through here.
reading<instant> read_rfc3339(std::string_view text);
// The same without the reason: nullopt for anything else, including impossible dates and the out of range.
std::optional<instant> parse_rfc3339(std::string_view text);

// What the databases give back: SQLite keeps our own RFC 3339 text; PostgreSQL, with the session time
// zone set to UTC, prints "2027-02-01 00:00:00+00". A row written before the range was enforced, or by hand
// ("-001-12-31T23:59:00Z", "0001-12-31 23:59:00+00 BC", "27332-01-01 00:00:00+00", "infinity"), comes back
// clamped to the nearer end of the range with `clamped` set, so that one bad row cannot break every read.
// nullopt only for text that is no instant at all.
struct db_instant {
  instant value;
  bool clamped = false;
};
std::optional<db_instant> parse_db_instant(std::string_view text);

// "2027-02-01T00:00:00Z": the form we write to JSON and to SQLite (it sorts as text).
std::string format_utc(instant t);

// The process's clock: see core/clock.hpp.
instant now();

}  // namespace satdan::core
