// Server and command-line configuration: defaults, then SATDAN_* environment variables, then flags.
#pragma once
#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

namespace satdan::core {

struct config {
  std::string database = "sqlite:data/satdan.db";  // "sqlite:PATH" or a postgresql:// URL
  std::string listen_host = "127.0.0.1";
  unsigned short listen_port = 8080;                // 0 picks a free port (tests)
  int io_threads = 2;
  int db_pool = 4;                                  // connections, and threads doing blocking work
  int solver_threads = 1;                           // threads running proposals, apart from the db_pool's
  std::string timezone = "Asia/Ho_Chi_Minh";
  std::size_t body_limit = 1024 * 1024;
  std::chrono::seconds header_timeout{10};          // to read a request's headers (and wait for the next one)
  std::chrono::seconds body_timeout{30};            // to read a request's body
  std::chrono::seconds shutdown_timeout{10};        // requests in flight may finish within this
  bool migrate = true;                              // apply migrations at start
  // Links handed out (feed addresses) start with this. Unless --public-url sets it, load_config derives it
  // from the listen address, and `serve` from the port actually bound (so port 0 gives working links too).
  std::string public_base_url = "http://127.0.0.1:8080";
  bool public_url_from_listen = true;               // not set by --public-url / SATDAN_PUBLIC_URL
  std::chrono::seconds token_ttl = std::chrono::hours(12);  // how long a sign-in lasts
  int horizon_months = 13;                          // sessions are kept materialised this far ahead
  std::chrono::seconds attendance_window = std::chrono::days(7);  // members record their own attendance this long after a session
  std::vector<std::string> cors_origins;            // empty: no cross-origin access
  // The committee the deployment serves, shown in every page's header ("Huyện ủy Phú Ninh", "Tỉnh ủy ...");
  // empty: the product's name stands in. Levels differ since the 2025 reform, so no page assumes one.
  std::string committee_name;
  // The deployment's words for unit levels, overriding the catalogue's ("commune=Xã,village=Thôn, khối phố"
  // after a reform gives provinces and communes only): (level, word).
  std::vector<std::pair<std::string, std::string>> level_names;
};

// Parses `args` (without the program and subcommand names) over the environment. Unknown flags and bad
// values throw core::error(bad_request) naming the flag. Positional arguments are returned in `rest`.
config load_config(const std::vector<std::string>& args, std::vector<std::string>* rest = nullptr);

// The --help text: every flag with its environment variable and default.
std::string config_help();

// "http://HOST:PORT" for a listen address: what --public-url defaults to. A wildcard address (0.0.0.0, ::)
// names no host a client could use; the loopback address stands in for it, and `serve` warns.
std::string url_of_listen_address(const std::string& host, unsigned short port);

// 127.0.0.0/8, ::1 and localhost: a host that reaches only the machine it is written on.
bool is_loopback_host(std::string_view host);

// True when the links handed out work only on the server's own machine while the server listens for
// others (a non-loopback or wildcard address): most likely --public-url was forgotten.
bool public_url_only_reaches_this_machine(const config& c);

}  // namespace satdan::core
