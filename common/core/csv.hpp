// CSV for spreadsheet users (RFC 4180): CRLF line ends, a field quoted when it holds a comma, a quote or a
// line break (quotes doubled), and a UTF-8 byte-order mark first so that Excel reads Vietnamese correctly.
// A cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets
// a leading apostrophe: exported text typed by citizens or staff must not execute on the reader's machine.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace satdan::core {

class csv_writer {
 public:
  csv_writer();  // starts with the byte-order mark
  void row(const std::vector<std::string>& cells);
  const std::string& text() const noexcept { return out_; }

 private:
  std::string out_;
};

// One cell as written: neutralised, then quoted when needed.
std::string csv_cell(std::string_view value);

}  // namespace satdan::core
