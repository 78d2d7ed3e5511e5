// The committee's reports as use cases: a period of local days checked and turned into the activity of its
// sessions (members and units), and the grievances received in it. Plain values in and out; the JSON API
// renders them (and their CSV), a report page may too.
#pragma once
#include <optional>
#include <string>

#include "core/error.hpp"
#include "domain/activity_report.hpp"
#include "domain/grievance_report.hpp"
#include "store/activity_store.hpp"
#include "store/directory_store.hpp"
#include "store/grievances_store.hpp"

namespace satdan::services {

struct report_period {
  std::optional<domain::id_t> within;  // a unit's subtree; everything when empty
  domain::date from{}, to{};           // local days, both included
};

// The default periods: the activity reports cover the current year up to today, the grievance report the
// current month up to today.
domain::date year_start(domain::date today);
domain::date month_start(domain::date today);

// Adds "query.to" problems of a period to `errors`: the end before the start, or (when `at_most_three_years`)
// more than three years after it.
void check_period(const report_period& p, bool at_most_three_years, core::field_errors& errors);

// "2026-Q3" for a local date.
std::string quarter_of(domain::date d);

// Sessions starting on the period's local days in `time_zone`, each with its quarter and whether it is
// over, and the quarters the period covers.
domain::activity_inputs activity_in(store::activity_store& activity, const std::string& time_zone, const report_period& p);

// The grievances received in the period, with the names of the units they name. 404 for an unknown `within`.
domain::grievance_report grievances_in(store::grievances_store& grievances, store::directory_store& directory,
                                       const report_period& p, domain::date today);

}  // namespace satdan::services
