#include "core/log.hpp"

#include <boost/json/serialize.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>

#include "core/instant.hpp"
#include "core/utf8.hpp"

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

// A log line stays one valid JSON document whatever a field holds: Boost.JSON writes a string's bytes as
// they are, so a byte that is not UTF-8 (a raw byte in a request path, a library's message quoting input)
// would make the line unreadable. Each such byte becomes U+FFFD, as a UTF-8 decoder shows it.
std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto lead = static_cast<unsigned char>(text[i]);
    std::size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;  // as the lead byte claims
    if (i + len <= text.size() && is_valid_utf8(text.substr(i, len))) {
      out.append(text.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

void make_valid_utf8(boost::json::value& v) {
  if (auto* s = v.if_string()) {
    if (!is_valid_utf8(*s)) *s = valid_utf8(*s);
  } else if (auto* a = v.if_array()) {
    for (auto& e : *a) make_valid_utf8(e);
  } else if (auto* o = v.if_object()) {
    bool keys_valid = true;
    for (auto& kv : *o) {
      make_valid_utf8(kv.value());
      keys_valid = keys_valid && is_valid_utf8(kv.key());
    }
    if (keys_valid) return;
    boost::json::object fixed;
    for (auto& kv : *o) fixed[valid_utf8(kv.key())] = std::move(kv.value());
    *o = std::move(fixed);
  }
}

}  // namespace

void set_threshold(level lv) { threshold = lv; }

void write(level lv, std::string_view event, boost::json::object fields) {
  if (lv < threshold.load()) return;
  boost::json::object line;
  // The wall clock, not core::now(): an operator reads log lines against real time, even in a test build
  // whose clock a test has moved.
  auto wall = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  auto ms = wall.time_since_epoch().count() % 1000;
  char frac[8];
  std::snprintf(frac, sizeof frac, ".%03lldZ", static_cast<long long>(ms));
  std::string ts = format_utc(std::chrono::time_point_cast<std::chrono::seconds>(wall));
  ts.pop_back();
  line["ts"] = ts + frac;
  line["level"] = name(lv);
  line["event"] = event;
  for (auto& kv : fields) line[kv.key()] = std::move(kv.value());
  boost::json::value whole(std::move(line));
  make_valid_utf8(whole);
  std::string text = boost::json::serialize(whole);
  text.push_back('\n');
  std::lock_guard lock(out_mutex);
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

}  // namespace satdan::core::log
