// libical keeps global state (icalerrno, the built-in zone cache, lazily expanded zone changes) and is not
// reliably thread-safe: every call into it, from any file of calendar/, holds this one lock.
#pragma once
#include <mutex>

namespace satdan::calendar {

std::mutex& libical_mutex();

}  // namespace satdan::calendar
