// Time zones come from libical's built-in zone data, the same data the feeds will publish, so a zone the
// server accepts is always one it can render.
#pragma once
#include <string>

namespace satdan::calendar {

// True when `iana_name` ("Asia/Ho_Chi_Minh") is a zone libical knows.
bool is_known_time_zone(const std::string& iana_name);

// Frees libical's cached zone data (call once at exit; keeps leak checkers quiet).
void release_time_zones();

}  // namespace satdan::calendar
