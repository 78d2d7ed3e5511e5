#include "calendar/time_zone.hpp"

#include <libical/ical.h>

namespace satdan::calendar {

bool is_known_time_zone(const std::string& iana_name) {
  if (iana_name.empty()) return false;
  return icaltimezone_get_builtin_timezone(iana_name.c_str()) != nullptr;
}

void release_time_zones() { icaltimezone_free_builtin_timezones(); }

}  // namespace satdan::calendar
