#include <gtest/gtest.h>

#include <chrono>

#include "core/clock.hpp"

namespace satdan::core {
namespace {

instant at(const char* text) { return *parse_rfc3339(text); }

class TestClock : public ::testing::Test {
 protected:
  void TearDown() override { test_clock::reset(); }
};

TEST_F(TestClock, StartsWhereATestPutsItAndRunsOn) {
  test_clock::set(at("2031-01-01T00:00:00Z"));
  auto first = now();
  EXPECT_GE(first, at("2031-01-01T00:00:00Z"));
  EXPECT_LT(first, at("2031-01-01T00:01:00Z"));  // it runs at the real rate, not faster
  EXPECT_GE(now(), first);                        // and never backwards on its own
}

TEST_F(TestClock, AdvancesByWhatATestAsks) {
  test_clock::set(at("2027-06-01T00:00:00Z"));
  test_clock::advance(std::chrono::hours(24 * 7));
  EXPECT_GE(now(), at("2027-06-08T00:00:00Z"));
  EXPECT_LT(now(), at("2027-06-08T00:01:00Z"));
}

TEST_F(TestClock, ResetGoesBackToTheSuitesClock) {
  auto before = now();
  test_clock::set(at("2040-01-01T00:00:00Z"));
  test_clock::reset();
  auto after = now();
  EXPECT_GE(after, before);
  EXPECT_LT(after - before, std::chrono::minutes(1));
}

TEST(Clock, ATestBuildSaysSo) { EXPECT_TRUE(test_clock_compiled_in()); }

}  // namespace
}  // namespace satdan::core
