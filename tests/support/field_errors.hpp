// For tests of validation: the fields an invalid_input error names.
#pragma once
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace satdan::testkit {

// Runs f, which must throw core::error(invalid_input); returns the fields it named.
inline std::vector<core::field_error> fields_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const core::error& e) {
    EXPECT_EQ(e.code(), core::errc::invalid_input);
    return e.fields();
  }
  ADD_FAILURE() << "no error";
  return {};
}

inline bool names(const std::vector<core::field_error>& fields, const std::string& field) {
  for (const auto& f : fields)
    if (f.field == field) return true;
  return false;
}

}  // namespace satdan::testkit
