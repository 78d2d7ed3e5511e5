#include "scheduling_commands.hpp"

#include "cli_args.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>

#include "calendar/period_clock.hpp"
#include "core/error.hpp"
#include "scheduling/checker.hpp"
#include "scheduling/generator.hpp"
#include "scheduling/solver.hpp"

namespace satdan::cli {

namespace json = boost::json;
using core::errc;
using core::error;

namespace {

json::value read_json_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw error(errc::bad_request, "cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  json::value v = json::parse(text.str(), ec);
  if (ec) throw error(errc::bad_request, path + " is not valid JSON: " + ec.message());
  return v;
}

std::int64_t number(const std::string& flag, const std::string& text, std::int64_t min, std::int64_t max) {
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || p != text.data() + text.size() || n < min || n > max)
    throw error(errc::bad_request, flag + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  return n;
}

void no_more(const std::vector<std::string>& args, std::size_t positional) {
  if (args.size() != positional) throw error(errc::bad_request, "unexpected or missing arguments");
}

scheduling::instance load_instance(const std::string& path) {
  try {
    return scheduling::instance_from_json(read_json_file(path));
  } catch (const error& e) {
    std::string detail;
    for (const auto& f : e.fields()) detail += "\n  " + f.field + ": " + f.reason;
    throw error(errc::bad_request, path + ": " + e.public_message() + detail);
  }
}

}  // namespace

int solve_command(std::vector<std::string> args) {
  scheduling::solve_options options;
  if (auto v = take_flag(args, "--seed")) options.seed = static_cast<std::uint64_t>(number("--seed", *v, 0, INT64_MAX));
  if (auto v = take_flag(args, "--iterations")) options.iterations = number("--iterations", *v, 0, INT64_MAX);
  if (auto v = take_flag(args, "--time-limit"))
    options.time_limit = std::chrono::milliseconds(number("--time-limit", *v, 1, 86400) * 1000);
  no_more(args, 1);
  auto in = load_instance(args[0]);
  auto result = scheduling::solve(in, calendar::period_clock_for(in.timezone), options);
  if (auto* pins = std::get_if<std::vector<scheduling::infeasible_pin>>(&result)) {
    std::cout << json::serialize(scheduling::to_json(*pins)) << "\n";
    return 2;
  }
  std::cout << json::serialize(scheduling::to_json(std::get<scheduling::solution>(result))) << "\n";
  return 0;
}

int check_command(std::vector<std::string> args) {
  no_more(args, 2);
  auto in = load_instance(args[0]);
  scheduling::solution claimed;
  try {
    claimed = scheduling::solution_from_json(read_json_file(args[1]));
  } catch (const error& e) {
    throw error(errc::bad_request, args[1] + ": " + e.public_message());
  }
  auto clock = calendar::period_clock_for(in.timezone);
  auto violations = scheduling::check_hard_rules(in, claimed.assignments, clock);
  for (const auto& v : violations) std::cout << v.rule << ": " << v.detail << "\n";
  auto actual = scheduling::evaluate(in, claimed.assignments, clock);
  bool cost_ok = actual == claimed.c;
  if (!cost_ok) {
    auto line = [](const char* name, std::int64_t claimed_value, std::int64_t actual_value) {
      if (claimed_value != actual_value)
        std::cout << "cost." << name << ": reported " << claimed_value << ", recomputed " << actual_value << "\n";
    };
    line("total", claimed.c.total, actual.total);
    line("unfilled", claimed.c.unfilled, actual.unfilled);
    line("uncovered", claimed.c.uncovered, actual.uncovered);
    line("outside", claimed.c.outside, actual.outside);
    line("travel", claimed.c.travel, actual.travel);
    line("imbalance", claimed.c.imbalance, actual.imbalance);
    line("moved", claimed.c.moved, actual.moved);
  }
  if (violations.empty() && cost_ok) {
    std::cout << "valid; cost " << actual.total << "\n";
    return 0;
  }
  return 1;
}

int gen_instance_command(std::vector<std::string> args) {
  std::string size = take_flag(args, "--size").value_or("district-year");
  std::uint64_t seed = static_cast<std::uint64_t>(number("--seed", take_flag(args, "--seed").value_or("1"), 0, INT64_MAX));
  no_more(args, 0);
  std::cout << json::serialize(scheduling::to_json(scheduling::generate_instance(size, seed))) << "\n";
  return 0;
}

}  // namespace satdan::cli
