// The demo district, modelled on Phú Ninh (Quảng Nam): one town and ten communes, their villages and
// street blocks with a party cell each, agency cells, district and commune committee members with their
// responsibilities. Deterministic: the same database state results every time.
#pragma once
#include <optional>
#include <string>

#include "store/accounts_store.hpp"
#include "store/assignments_store.hpp"
#include "store/attendance_store.hpp"
#include "store/directory_store.hpp"
#include "store/grievances_store.hpp"
#include "store/meetings_store.hpp"

namespace satdan::demo {

struct seed_report {
  int units = 0;
  int cells = 0;
  int members = 0;
  int responsibilities = 0;
  int unavailability = 0;
  int accounts = 0;
};

// Seeds into an empty directory, with the demo accounts demo-admin, demo-secretariat, demo-staff and
// demo-member (all with `password`). Throws core::error(conflict) when units already exist.
seed_report seed_demo(store::directory_store& directory, store::accounts_store& accounts, const std::string& password);

struct meetings_report {
  int series = 0;
  int dialogues = 0;
};

// A monthly series for every cell of the directory (without sessions: the horizon extension makes them)
// and about forty citizen dialogues across 2027.
meetings_report seed_demo_meetings(store::directory_store& directory, store::meetings_store& meetings,
                                   const std::string& time_zone);

struct history_report {
  int sessions = 0;
  int seats = 0;       // assignments of the held sessions
  int attendance = 0;
  int grievances = 0;
  int answered = 0;
  int answered_late = 0;
};

// A year of history before the planned schedule (November 2025 to October 2026): a held dialogue per commune
// and a held meeting per cell each quarter, with its members seated through `seats` (so every hard rule
// applies) and the attendance of those seated, and about 300 grievances through their lifecycle, denunciations
// handled by `officer_account_id`. Run after seed_demo and seed_demo_meetings.
history_report seed_demo_history(store::directory_store& directory, store::meetings_store& meetings,
                                 store::assignments_store& seats, store::attendance_store& attendance,
                                 store::grievances_store& grievances, std::optional<domain::id_t> officer_account_id);

}  // namespace satdan::demo
