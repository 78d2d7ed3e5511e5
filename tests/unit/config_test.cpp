#include <gtest/gtest.h>

#include <cstdlib>

#include "core/config.hpp"
#include "core/error.hpp"

using namespace satdan::core;

TEST(Config, DefaultsServeSqliteOnLoopback) {
  unsetenv("SATDAN_LISTEN");
  unsetenv("SATDAN_DATABASE");
  auto c = load_config({});
  EXPECT_EQ(c.listen_host, "127.0.0.1");
  EXPECT_EQ(c.listen_port, 8080);
  EXPECT_EQ(c.database, "sqlite:data/satdan.db");
  EXPECT_EQ(c.timezone, "Asia/Ho_Chi_Minh");
}

TEST(Config, FlagsOverrideEnvironment) {
  setenv("SATDAN_LISTEN", "0.0.0.0:9000", 1);
  setenv("SATDAN_THREADS", "3", 1);
  auto env_only = load_config({});
  EXPECT_EQ(env_only.listen_host, "0.0.0.0");
  EXPECT_EQ(env_only.listen_port, 9000);
  EXPECT_EQ(env_only.io_threads, 3);
  auto flags = load_config({"--listen", "[::1]:0", "--threads=5"});
  EXPECT_EQ(flags.listen_host, "::1");
  EXPECT_EQ(flags.listen_port, 0);
  EXPECT_EQ(flags.io_threads, 5);
  unsetenv("SATDAN_LISTEN");
  unsetenv("SATDAN_THREADS");
}

TEST(Config, BadValuesNameTheFlag) {
  try {
    load_config({"--threads", "zero"});
    FAIL();
  } catch (const error& e) {
    ASSERT_EQ(e.fields().size(), 1u);
    EXPECT_EQ(e.fields()[0].field, "--threads");
  }
  EXPECT_THROW(load_config({"--no-such-flag", "1"}), error);
  EXPECT_THROW(load_config({"--database", "mysql://x"}), error);
  EXPECT_THROW(load_config({"--listen", "127.0.0.1:70000"}), error);
}

TEST(Config, SolverThreadsAreTheirOwnAndFew) {
  unsetenv("SATDAN_SOLVER_THREADS");
  EXPECT_EQ(load_config({}).solver_threads, 1);
  setenv("SATDAN_SOLVER_THREADS", "2", 1);
  EXPECT_EQ(load_config({}).solver_threads, 2);
  EXPECT_EQ(load_config({"--solver-threads", "1"}).solver_threads, 1);
  unsetenv("SATDAN_SOLVER_THREADS");
  EXPECT_THROW(load_config({"--solver-threads", "0"}), error);
  EXPECT_THROW(load_config({"--solver-threads", "9"}), error);
}

TEST(Config, HelpListsEveryEnvironmentVariable) {
  std::string help = config_help();
  for (const char* env : {"SATDAN_DATABASE", "SATDAN_LISTEN", "SATDAN_THREADS", "SATDAN_TIMEZONE"})
    EXPECT_NE(help.find(env), std::string::npos) << env;
}

TEST(Config, PublicUrlDefaultsToTheListenAddress) {
  unsetenv("SATDAN_LISTEN");
  unsetenv("SATDAN_PUBLIC_URL");
  EXPECT_EQ(load_config({}).public_base_url, "http://127.0.0.1:8080");
  auto other_port = load_config({"--listen", "127.0.0.1:9090"});
  EXPECT_EQ(other_port.public_base_url, "http://127.0.0.1:9090");
  EXPECT_TRUE(other_port.public_url_from_listen);
  EXPECT_EQ(load_config({"--listen", "10.0.0.5:8000"}).public_base_url, "http://10.0.0.5:8000");
  EXPECT_EQ(load_config({"--listen", "[::1]:8443"}).public_base_url, "http://[::1]:8443");
  // A wildcard address is no host to link to: the loopback address stands in (and serve warns).
  EXPECT_EQ(load_config({"--listen", "0.0.0.0:8000"}).public_base_url, "http://127.0.0.1:8000");
  EXPECT_EQ(load_config({"--listen", "[::]:8000"}).public_base_url, "http://[::1]:8000");
  // Given, it is kept whatever the listen address; the environment counts as given.
  auto given = load_config({"--listen", "0.0.0.0:8000", "--public-url", "https://lich.example.vn"});
  EXPECT_EQ(given.public_base_url, "https://lich.example.vn");
  EXPECT_FALSE(given.public_url_from_listen);
  setenv("SATDAN_PUBLIC_URL", "https://lich.example.vn", 1);
  EXPECT_EQ(load_config({"--listen", "127.0.0.1:9090"}).public_base_url, "https://lich.example.vn");
  unsetenv("SATDAN_PUBLIC_URL");
}

TEST(Config, LoopbackPublicUrlWhileListeningForOthersIsFlagged) {
  unsetenv("SATDAN_PUBLIC_URL");
  EXPECT_FALSE(public_url_only_reaches_this_machine(load_config({})));
  EXPECT_FALSE(public_url_only_reaches_this_machine(load_config({"--listen", "10.0.0.5:8000"})));
  EXPECT_TRUE(public_url_only_reaches_this_machine(load_config({"--listen", "0.0.0.0:8000"})));
  EXPECT_TRUE(public_url_only_reaches_this_machine(
      load_config({"--listen", "10.0.0.5:8000", "--public-url", "http://localhost:8000/"})));
  EXPECT_TRUE(public_url_only_reaches_this_machine(
      load_config({"--listen", "[::]:8000", "--public-url", "http://[::1]:8000"})));
  EXPECT_FALSE(public_url_only_reaches_this_machine(
      load_config({"--listen", "0.0.0.0:8000", "--public-url", "https://lich.example.vn"})));
  EXPECT_FALSE(public_url_only_reaches_this_machine(
      load_config({"--listen", "0.0.0.0:8000", "--public-url", "https://127.example.vn"})));
}

TEST(Config, LoopbackHosts) {
  for (const char* h : {"127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "app.localhost", "::1", "[::1]", "::ffff:127.0.0.1"})
    EXPECT_TRUE(is_loopback_host(h)) << h;
  for (const char* h : {"0.0.0.0", "::", "10.0.0.5", "lich.example.vn", "127.example.vn", "[2001:db8::1]"})
    EXPECT_FALSE(is_loopback_host(h)) << h;
}

TEST(Config, LevelNamesAreReadAsLevelWordPairs) {
  auto c = load_config({"--level-names", "province=Tỉnh;commune=Xã, phường;"});
  ASSERT_EQ(c.level_names.size(), 2u);
  EXPECT_EQ(c.level_names[0], (std::pair<std::string, std::string>{"province", "Tỉnh"}));
  EXPECT_EQ(c.level_names[1], (std::pair<std::string, std::string>{"commune", "Xã, phường"}));
  EXPECT_TRUE(load_config({}).level_names.empty());
  for (const char* bad : {"province", "=Tỉnh", "province=", "province=Tỉnh;xã"})
    EXPECT_THROW(load_config({"--level-names", bad}), error) << bad;
}
