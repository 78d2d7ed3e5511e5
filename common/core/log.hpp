// Structured logs: one JSON object per line on stderr, safe to call from any thread.
#pragma once
#include <boost/json/object.hpp>

#include <string_view>

namespace satdan::core::log {

enum class level { debug, info, warn, error };

void write(level lv, std::string_view event, boost::json::object fields = {});
inline void info(std::string_view event, boost::json::object fields = {}) { write(level::info, event, std::move(fields)); }
inline void warn(std::string_view event, boost::json::object fields = {}) { write(level::warn, event, std::move(fields)); }
inline void error(std::string_view event, boost::json::object fields = {}) { write(level::error, event, std::move(fields)); }

// Drops lines below `lv` (tests and benchmarks quieten request logs this way).
void set_threshold(level lv);

}  // namespace satdan::core::log
