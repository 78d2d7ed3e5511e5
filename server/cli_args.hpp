// Command-line helpers shared by the `satdan` subcommands.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace satdan::cli {

// Takes "--name value" or "--name=value" out of args (what remains are configuration flags or positionals).
inline std::optional<std::string> take_flag(std::vector<std::string>& args, const std::string& name) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == name && i + 1 < args.size()) {
      std::string value = args[i + 1];
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i), args.begin() + static_cast<std::ptrdiff_t>(i) + 2);
      return value;
    }
    if (args[i].rfind(name + "=", 0) == 0) {
      std::string value = args[i].substr(name.size() + 1);
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i));
      return value;
    }
  }
  return std::nullopt;
}

}  // namespace satdan::cli
