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

TEST(Config, HelpListsEveryEnvironmentVariable) {
  std::string help = config_help();
  for (const char* env : {"SATDAN_DATABASE", "SATDAN_LISTEN", "SATDAN_THREADS", "SATDAN_TIMEZONE"})
    EXPECT_NE(help.find(env), std::string::npos) << env;
}
