// The HTTP/1.1 server: a listener and one coroutine per connection on N I/O threads. Handlers run on a
// separate pool of blocking threads (they talk to the database), so a slow query never stalls I/O.
#pragma once
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace satdan::http {

struct server_options {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  int io_threads = 2;
  int blocking_threads = 4;
  std::size_t body_limit = 1024 * 1024;
  std::chrono::seconds header_timeout{10};
  std::chrono::seconds body_timeout{30};
  std::chrono::seconds shutdown_timeout{10};
  std::vector<std::string> cors_origins;  // browser origins allowed to call; empty: none
  // The path of a request target as the request log shows it (the router's, which hides credentials);
  // empty: printable_path.
  std::function<std::string(std::string_view target)> path_for_log;
};

using request_handler = std::function<response(const request&)>;

class server {
 public:
  server(server_options options, request_handler handler);
  ~server();

  // Binds and listens; throws core::error(unavailable) when the address cannot be bound. Returns the port
  // (useful with port 0).
  unsigned short bind();

  // Serves until SIGINT/SIGTERM or stop(): then stops accepting, lets requests in flight finish within
  // shutdown_timeout, closes idle connections, and returns.
  void run();

  // Begins the same graceful shutdown from any thread.
  void stop();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace satdan::http
