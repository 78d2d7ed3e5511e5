// The process's one clock: every "now" and "today" (handlers, stores, the horizon keeper, feeds, grievance
// due dates, throttles) comes from core::now(). Production reads the system clock. Builds configured with
// SATDAN_TEST_CLOCK let tests place it: the clock then runs at the real rate from the instant they chose, so
// timeouts and expiries behave as in production while dates are those the test asked for.
#pragma once
#include <chrono>

#include "core/instant.hpp"

namespace satdan::core {

// True when this binary was built with the test clock (never in a release build of the server).
bool test_clock_compiled_in();

#ifdef SATDAN_TEST_CLOCK
// The environment variable a test build reads once, at the first now(): an RFC 3339 instant (say
// "2031-01-01T00:00:00Z") where the clock starts. Children inherit it, so one setting moves a test process
// and every server it starts.
inline constexpr const char* test_clock_variable = "SATDAN_TEST_NOW";

namespace test_clock {
void set(instant at);                    // now() is `at` from here on, and runs on from it
void advance(std::chrono::seconds by);  // moves the clock forward (or back, with a negative amount)
void reset();                           // back to where the environment put it
}  // namespace test_clock
#endif

}  // namespace satdan::core
