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

// A "YYYY-MM-DD" field in the years the service accepts, not before `earliest` where the field means a
// later start; a bad value is recorded in `errors` under `key` with the reason.
inline std::optional<std::chrono::year_month_day> read_date(core::json_reader& r, core::field_errors& errors,
                                                            const char* key, bool required,
                                                            std::chrono::year_month_day earliest = core::min_date) {
  // Longer than a date may be, so that a five-digit year is told it is not one rather than too long.
  auto text = r.text(key, required, {.max_chars = 32});
  if (!text) return std::nullopt;
  auto d = core::read_date(*text, earliest);
  if (!d.value) errors.add(key, std::move(d.problem));
  return d.value;
}

}  // namespace satdan::domain::json_support
