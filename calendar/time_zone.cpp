#include "calendar/time_zone.hpp"

#include <libical/ical.h>

#include "calendar/libical_lock.hpp"

namespace satdan::calendar {

std::mutex& libical_mutex() {
  static std::mutex m;
  return m;
}

bool is_known_time_zone(const std::string& iana_name) {
  if (iana_name.empty()) return false;
  std::lock_guard lock(libical_mutex());
  return icaltimezone_get_builtin_timezone(iana_name.c_str()) != nullptr;
}

void release_time_zones() {
  std::lock_guard lock(libical_mutex());
  icaltimezone_free_builtin_timezones();
}

}  // namespace satdan::calendar
