#include "calendar/period_clock.hpp"

#include "calendar/recurrence.hpp"

namespace satdan::calendar {

scheduling::period_clock period_clock_for(const std::string& time_zone) {
  return {[time_zone](core::instant t) {
    auto d = to_local(t, time_zone).date;
    return static_cast<int>(d.year()) * 12 + static_cast<int>(static_cast<unsigned>(d.month())) - 1;
  }};
}

}  // namespace satdan::calendar
