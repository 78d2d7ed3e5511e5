// Files compiled into the binary (see cmake/Embed.cmake): migrations and the OpenAPI document.
#pragma once
#include <string_view>
#include <vector>

namespace satdan::embedded {

struct file {
  std::string_view path;  // relative to the repository root, e.g. "migrations/sqlite/0001_directory.sql"
  std::string_view contents;
};

const std::vector<file>& migrations();
const std::vector<file>& documents();
// web/: page templates, static files and the message catalogue (linked into satdan_server).
const std::vector<file>& web();

}  // namespace satdan::embedded
