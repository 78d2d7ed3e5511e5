// The demo district, modelled on Phú Ninh (Quảng Nam): one town and ten communes, their villages and
// street blocks with a party cell each, agency cells, district and commune committee members with their
// responsibilities. Deterministic: the same database state results every time.
#pragma once
#include <string>

#include "store/accounts_store.hpp"
#include "store/directory_store.hpp"
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

}  // namespace satdan::demo
