// Instants are UTC seconds everywhere inside; text forms appear only at the edges (JSON, database).
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace satdan::core {

using instant = std::chrono::sys_seconds;

// RFC 3339 with a mandatory offset ("2027-02-01T07:30:00+07:00", "...Z"). Fractions of a second are
// accepted and dropped. Returns nullopt for anything else, including impossible dates.
std::optional<instant> parse_rfc3339(std::string_view text);

// What the databases give back: SQLite keeps our own RFC 3339 text; PostgreSQL, with the session time
// zone set to UTC, prints "2027-02-01 00:00:00+00".
std::optional<instant> parse_db_instant(std::string_view text);

// "2027-02-01T00:00:00Z": the form we write to JSON and to SQLite (it sorts as text).
std::string format_utc(instant t);

// The process's clock: see core/clock.hpp.
instant now();

}  // namespace satdan::core
