// Rows holding an instant or a date outside the years 1970–9999 (core/instant.hpp): stored before the API
// refused such values, or written by hand. The server looks for them at start and names them in the log so
// that someone can correct them; it never stops for them, and reads clamp them into the range
// (store/sql_support.hpp), so they cannot turn reads into 500s.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace satdan::store {

struct out_of_range_column {
  std::string table, column;
  std::int64_t rows = 0;              // how many rows hold a value outside the range
  std::vector<std::string> examples;  // "id 7: -001-12-31T23:59:00Z"; only the value where the key is private
};

// Checks every instant and date column of the schema; returns those with rows out of range.
std::vector<out_of_range_column> find_out_of_range(database& db, std::size_t examples_per_column = 5);

// find_out_of_range, written to the log: a warning per column with rows out of range, or one line saying all
// is in range. A failure of the check itself is logged, never thrown: it must not keep the server from starting.
void report_out_of_range(database& db);

// The columns checked, as "table.column" (a test compares them with the schema).
std::vector<std::string> checked_time_columns();

}  // namespace satdan::store
