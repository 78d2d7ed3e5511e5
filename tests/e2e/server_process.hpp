// The real `satdan serve` as a child process on an ephemeral loopback port, for end-to-end tests.
#pragma once
#include <sys/types.h>

#include <string>
#include <vector>

namespace satdan::testkit {

class server_process {
 public:
  // Starts `satdan serve --listen 127.0.0.1:0 --database URL ARGS...` and waits (bounded) until it listens.
  // Its clock starts at this process's core::now() (core/clock.hpp), so both agree on the date.
  explicit server_process(const std::string& database_url, const std::vector<std::string>& args = {});
  ~server_process();  // SIGTERM, then SIGKILL if it has not exited in time
  server_process(const server_process&) = delete;
  server_process& operator=(const server_process&) = delete;

  unsigned short port() const { return port_; }
  void signal_terminate();
  // SIGKILL and reap: a crash, with no chance to finish or flush anything.
  void kill_now();
  // Waits up to `seconds` for the exit; returns the exit status, or -1 on timeout or a death by signal.
  int wait_exit(int seconds);
  std::string log() const;  // everything the server wrote to stderr

 private:
  pid_t pid_ = -1;
  unsigned short port_ = 0;
  std::string log_path_;
};

}  // namespace satdan::testkit
