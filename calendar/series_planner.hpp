// From a series to its sessions: which occurrences libical gives in a window, how far ahead they are kept
// (the rolling horizon), and how a changed series' future sessions follow it.
#pragma once
#include <vector>

#include "domain/meeting.hpp"
#include "store/meetings_store.hpp"

namespace satdan::calendar {

// The end of the rolling horizon: `months` calendar months after `now` (default 13).
core::instant horizon_end(core::instant now, int months);

// Occurrences of `s` starting in [from, to), with their end (start + duration).
std::vector<store::occurrence> occurrences(const domain::series& s, core::instant from, core::instant to);

// How the sessions that may be redone (planned, unmoved, from `from` on) follow the series `next`: an
// occurrence on the same local day updates the session in place (its id, and so its calendar UID, stay),
// days no longer in the rule are removed, new days are added. A day whose original occurrence was changed
// by hand (`exceptions`: moved, cancelled, held...) is left to that session: nothing is added for it.
store::regeneration plan_regeneration(const domain::series& next, const std::vector<domain::session>& regenerable,
                                      const std::vector<domain::session>& exceptions, core::instant from,
                                      core::instant to);

// Materialises every series up to the horizon. Idempotent: a second run adds nothing. Returns how many
// occurrences were offered (those already stored are skipped by the database).
int extend_horizon(store::meetings_store& meetings, core::instant now, int months);

}  // namespace satdan::calendar
