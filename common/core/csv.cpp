#include "core/csv.hpp"

namespace satdan::core {

std::string csv_cell(std::string_view value) {
  std::string cell;
  if (!value.empty()) {
    char first = value.front();
    if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') cell.push_back('\'');
  }
  cell.append(value);
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

csv_writer::csv_writer() : out_("\xEF\xBB\xBF") {}

void csv_writer::row(const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out_.push_back(',');
    out_ += csv_cell(cells[i]);
  }
  out_ += "\r\n";
}

}  // namespace satdan::core
