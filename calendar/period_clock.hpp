// The scheduling problem's calendar periods in a real time zone (libical's zone data).
#pragma once
#include <string>

#include "scheduling/instance.hpp"

namespace satdan::calendar {

// month(t) = year * 12 + (month − 1) of t's local date in `time_zone`.
scheduling::period_clock period_clock_for(const std::string& time_zone);

}  // namespace satdan::calendar
