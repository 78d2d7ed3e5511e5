// `satdan gen-instance`, `solve` and `check` as a user runs them: files in, JSON out, exit codes.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <boost/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace json = boost::json;

struct run_result {
  int status;
  std::string out;
};

run_result run(const std::string& args) {
  std::string command = std::string(SATDAN_BINARY) + " " + args + " 2>/dev/null";
  FILE* p = ::popen(command.c_str(), "r");
  std::string out;
  char buf[65536];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  int status = ::pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

class SchedulingCli : public ::testing::Test {
 protected:
  std::string path(const std::string& name) { return (dir_ / name).string(); }
  void write(const std::string& name, const std::string& text) { std::ofstream(path(name)) << text; }
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("satdan-cli-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(SchedulingCli, GeneratedInstanceIsSolvedAndTheSolutionChecks) {
  auto gen = run("gen-instance --size commune-quarter --seed 7");
  ASSERT_EQ(gen.status, 0);
  write("instance.json", gen.out);
  auto solved = run("solve " + path("instance.json") + " --seed 3");
  ASSERT_EQ(solved.status, 0);
  write("solution.json", solved.out);
  EXPECT_EQ(run("check " + path("instance.json") + " " + path("solution.json")).status, 0);
  // Byte for byte the same with the same seed and budget.
  EXPECT_EQ(run("solve " + path("instance.json") + " --seed 3").out, solved.out);

  // A solution whose reported cost is wrong, or that breaks a rule, does not check.
  json::value tampered = json::parse(solved.out);
  tampered.at("cost").at("total") = tampered.at("cost").at("total").as_int64() + 1;
  write("tampered.json", json::serialize(tampered));
  EXPECT_EQ(run("check " + path("instance.json") + " " + path("tampered.json")).status, 1);
  json::value doubled = json::parse(solved.out);
  auto& list = doubled.at("assignments").as_array();
  ASSERT_FALSE(list.empty());
  list.push_back(list.front());  // the same seat twice: H2
  write("doubled.json", json::serialize(doubled));
  auto check = run("check " + path("instance.json") + " " + path("doubled.json"));
  EXPECT_EQ(check.status, 1);
  EXPECT_NE(check.out.find("H2"), std::string::npos);
}

TEST_F(SchedulingCli, InfeasiblePinsExitWithStatusTwoAndNameTheRule) {
  // One member pinned to two sessions at the same hour in different communes.
  write("pins.json", R"({"version": 1,
    "units": [{"id": "u1", "name": "A"}, {"id": "u2", "name": "B"}],
    "travel_minutes": [{"from": "u1", "to": "u2", "minutes": 30}],
    "members": [{"id": "m1", "name": "X", "level": "district", "home": "u1"}],
    "sessions": [
      {"id": "s1", "kind": "dialogue", "unit": "u1", "start": "2027-03-01T08:00:00+07:00", "end": "2027-03-01T11:00:00+07:00",
       "needs": {"district": 1}},
      {"id": "s2", "kind": "dialogue", "unit": "u2", "start": "2027-03-01T08:00:00+07:00", "end": "2027-03-01T11:00:00+07:00",
       "needs": {"district": 1}}],
    "pinned": [{"session": "s1", "member": "m1", "need": "district"}, {"session": "s2", "member": "m1", "need": "district"}]})");
  auto r = run("solve " + path("pins.json"));
  EXPECT_EQ(r.status, 2);
  auto body = json::parse(r.out);
  ASSERT_FALSE(body.at("infeasible_pins").as_array().empty());
  EXPECT_EQ(body.at("infeasible_pins").at(0).at("rule").as_string(), "H5");
}

TEST_F(SchedulingCli, BadInputIsRefusedClearly) {
  write("broken.json", R"({"units": []})");
  EXPECT_NE(run("solve " + path("broken.json")).status, 0);
  EXPECT_NE(run("solve " + path("missing.json")).status, 0);
  EXPECT_NE(run("gen-instance --size galaxy-decade").status, 0);
}

}  // namespace
