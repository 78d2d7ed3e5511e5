// The monthly rules a cell's meetings follow, as a person says them ("the 5th of each month", "the first
// Tuesday of every second month", "the last Sunday"), and their RFC 5545 form. Only these shapes are read
// back from a stored RRULE; any other rule is left as it is (nullopt), never rewritten.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace satdan::services {

struct monthly_rule {
  enum class by { day_of_month, weekday };
  by pattern = by::day_of_month;
  int day = 5;            // by day_of_month: 1..31, or -1 for the last day of the month
  int weekday = 2;        // by weekday: 0 Sunday .. 6 Saturday
  int week = 1;           // by weekday: the 1st..4th such weekday of the month, or -1 for the last
  int every_months = 1;   // 1..12
  std::optional<std::chrono::year_month_day> until;  // the last day a session may fall on
  std::optional<int> count;                          // or how many sessions in all

  bool operator==(const monthly_rule&) const = default;
};

// "FREQ=MONTHLY;BYDAY=1TU" → {weekday, 2, 1}. Nothing for a rule outside the shapes above.
std::optional<monthly_rule> read_monthly_rule(std::string_view rrule);
// The RRULE value (without "RRULE:"); fields outside their ranges are the caller's to check first.
std::string to_rrule(const monthly_rule& r);

}  // namespace satdan::services
