#include "e2e/server_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <thread>

#include "core/clock.hpp"

namespace satdan::testkit {

server_process::server_process(const std::string& database_url, const std::vector<std::string>& args) {
  static int counter = 0;
  log_path_ = (std::filesystem::temp_directory_path() /
               ("satdan-e2e-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".log"))
                  .string();
  std::vector<std::string> argv_strings = {SATDAN_BINARY, "serve", "--listen", "127.0.0.1:0", "--database",
                                           database_url, "--threads", "2", "--db-pool", "2"};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);

  // The server's clock starts where this process's clock is now, so both agree on "now" and "today"
  // (built before fork: a child of a threaded process must not allocate).
  std::vector<std::string> env_strings;
  const std::string clock_prefix = std::string(core::test_clock_variable) + "=";
  for (char** e = environ; *e; ++e)
    if (std::string_view(*e).substr(0, clock_prefix.size()) != clock_prefix) env_strings.emplace_back(*e);
  env_strings.push_back(clock_prefix + core::format_utc(core::now()));
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);

  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    int fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(fd, STDERR_FILENO);
    ::dup2(fd, STDOUT_FILENO);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  static const std::regex listening(R"re("event":"listening".*"port":(\d+))re");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch m;
    std::string text = log();
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      if (std::regex_search(line, m, listening)) {
        port_ = static_cast<unsigned short>(std::stoi(m[1]));
        return;
      }
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("satdan serve exited before listening:\n" + text);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("satdan serve did not listen within 60 s:\n" + log());
}

server_process::~server_process() {
  if (pid_ > 0) {
    signal_terminate();
    if (wait_exit(20) == -1 && pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  std::error_code ec;
  std::filesystem::remove(log_path_, ec);
}

void server_process::signal_terminate() {
  if (pid_ > 0) ::kill(pid_, SIGTERM);
}

void server_process::kill_now() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

int server_process::wait_exit(int seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (pid_ > 0 && std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

std::string server_process::log() const {
  std::ifstream in(log_path_);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace satdan::testkit
