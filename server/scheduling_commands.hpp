// `satdan solve`, `satdan check` and `satdan gen-instance`: the assignment problem from the command line,
// on the JSON files of ../shared/spec/scheduling.md.
#pragma once
#include <string>
#include <vector>

namespace satdan::cli {

int solve_command(std::vector<std::string> args);
int check_command(std::vector<std::string> args);
int gen_instance_command(std::vector<std::string> args);

}  // namespace satdan::cli
