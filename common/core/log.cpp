#include "core/log.hpp"

#include <boost/json/serialize.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>

#include "core/instant.hpp"

namespace satdan::core::log {
namespace {
std::mutex out_mutex;
std::atomic<level> threshold{level::info};

const char* name(level lv) {
  switch (lv) {
    case level::debug: return "debug";
    case level::info: return "info";
    case level::warn: return "warn";
    case level::error: return "error";
  }
  return "info";
}
}  // namespace

void set_threshold(level lv) { threshold = lv; }

void write(level lv, std::string_view event, boost::json::object fields) {
  if (lv < threshold.load()) return;
  boost::json::object line;
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::system_clock::now().time_since_epoch()).count() % 1000;
  char frac[8];
  std::snprintf(frac, sizeof frac, ".%03lldZ", static_cast<long long>(ms));
  std::string ts = format_utc(now());
  ts.pop_back();
  line["ts"] = ts + frac;
  line["level"] = name(lv);
  line["event"] = event;
  for (auto& kv : fields) line[kv.key()] = std::move(kv.value());
  std::string text = boost::json::serialize(line);
  text.push_back('\n');
  std::lock_guard lock(out_mutex);
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

}  // namespace satdan::core::log
