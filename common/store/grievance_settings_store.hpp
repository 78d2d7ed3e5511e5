// The configurable lists of grievances: SLA days per kind and the categories with their labels. Kept in
// the database so that every server process uses the same values; changed by admins, audited.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "domain/grievance.hpp"
#include "store/actor.hpp"
#include "store/database.hpp"

namespace satdan::store {

struct grievance_settings {
  std::map<std::string, int> sla_days;       // kind → days
  std::vector<domain::labelled> categories;  // in display order
};

// A change: new SLA days for some kinds; categories added or relabelled (code → label). Nothing is removed:
// cases keep the category they were given.
struct grievance_settings_change {
  std::map<std::string, int> sla_days;
  std::map<std::string, std::string> categories;
};

class grievance_settings_store {
 public:
  explicit grievance_settings_store(std::shared_ptr<database> db) : db_(std::move(db)) {}
  grievance_settings get();
  // One transaction; a new SLA applies to cases created afterwards.
  grievance_settings change(const grievance_settings_change& c, const actor& who);

 private:
  std::shared_ptr<database> db_;
};

// {"sla_days": {"report": 20}, "categories": {"fishing": "Thủy sản"}}: kinds must be known, days 1-365,
// category codes lowercase identifiers, labels single lines of 1 to 200 characters.
grievance_settings_change grievance_settings_change_from_json(const boost::json::value& v);
boost::json::object to_json(const grievance_settings& s);

}  // namespace satdan::store
