// Small pieces every JSON codec of the domain shares: id bounds, optional values, dates, rates.
#pragma once
#include <boost/json/value.hpp>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <optional>

#include "core/json_reader.hpp"
#include "core/local_date.hpp"

namespace satdan::domain::json_support {

// 2^53 - 1: every JSON client can hold it exactly.
inline constexpr std::int64_t max_id = 9'007'199'254'740'991;

template <class T>
boost::json::value opt(const std::optional<T>& v) {
  if (!v) return nullptr;
  return boost::json::value(*v);
}

// A rate or a mean to three decimals, or null when there is nothing to divide.
inline boost::json::value opt_rate(const std::optional<double>& v) {
  if (!v) return nullptr;
  return boost::json::value(std::round(*v * 1000.0) / 1000.0);
}

// A "YYYY-MM-DD" field; a bad value is recorded in `errors` under `key`.
inline std::optional<std::chrono::year_month_day> read_date(core::json_reader& r, core::field_errors& errors,
                                                            const char* key, bool required) {
  auto text = r.text(key, required, {.max_chars = 10});
  if (!text) return std::nullopt;
  auto d = core::parse_date(*text);
  if (!d) errors.add(key, "must be a date YYYY-MM-DD");
  return d;
}

}  // namespace satdan::domain::json_support
