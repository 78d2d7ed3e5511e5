#include "core/clock.hpp"

#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace satdan::core {

namespace {

instant system_now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

#ifdef SATDAN_TEST_CLOCK
// The distance between the test's clock and the system's, in seconds, as the environment set it at the
// first use.
long long environment_offset() {
  static const long long offset = [] {
    const char* text = std::getenv(test_clock_variable);
    if (!text || !*text) return 0LL;
    auto at = parse_rfc3339(text);
    if (!at) throw std::runtime_error(std::string(test_clock_variable) + " is not an RFC 3339 instant: " + text);
    return static_cast<long long>((*at - system_now()).count());
  }();
  return offset;
}

std::atomic<long long>& offset_seconds() {
  static std::atomic<long long> offset{environment_offset()};
  return offset;
}
#endif

}  // namespace

bool test_clock_compiled_in() {
#ifdef SATDAN_TEST_CLOCK
  return true;
#else
  return false;
#endif
}

#ifdef SATDAN_TEST_CLOCK
instant now() { return system_now() + std::chrono::seconds(offset_seconds().load()); }

namespace test_clock {
void set(instant at) { offset_seconds().store((at - system_now()).count()); }
void advance(std::chrono::seconds by) { offset_seconds().fetch_add(by.count()); }
void reset() { offset_seconds().store(environment_offset()); }
}  // namespace test_clock
#else
instant now() { return system_now(); }
#endif

}  // namespace satdan::core
