#include "core/csv.hpp"

namespace satdan::core {

namespace {

// What makes a spreadsheet read a cell as a formula (a tab or CR is skipped before one).
bool formula_start(char c) { return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'; }

// Where some reader starts a new cell or row inside our cell: ';' for Excel with a ';' list separator,
// tab for pasted text, CR and LF for any reader that does not honour quoted line breaks.
bool piece_separator(char c) { return c == ';' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::string csv_cell(std::string_view value) {
  std::string cell;
  cell.reserve(value.size() + 2);
  bool cell_start = true, piece_start = true;
  for (char c : value) {
    // Inside a ';'-piece a leading quote would open a quoted cell whose text (a formula) Excel then reads.
    if (piece_start && (formula_start(c) || (!cell_start && c == '"'))) cell.push_back('\'');
    cell.push_back(c);
    cell_start = false;
    piece_start = piece_separator(c);
  }
  if (cell.find_first_of(",\";\t\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

std::string csv_row(const std::vector<std::string>& cells) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line.push_back(',');
    line += csv_cell(cells[i]);
  }
  line += "\r\n";
  return line;
}

csv_writer::csv_writer() : out_(csv_byte_order_mark) {}

void csv_writer::row(const std::vector<std::string>& cells) { out_ += csv_row(cells); }

}  // namespace satdan::core
