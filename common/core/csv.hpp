// CSV for spreadsheet users (RFC 4180): CRLF line ends, a field quoted when it holds a comma, a quote, a
// semicolon, a tab or a line break (quotes doubled), and a UTF-8 byte-order mark first so that Excel reads
// Vietnamese correctly.
// A cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets
// a leading apostrophe: exported text typed by citizens or staff must not execute on the reader's machine.
// Excel in locales whose list separator is ';' (Vietnamese among them) splits lines on ';' and ignores the
// quotes of a comma-separated file, and pasted text splits on tabs and line breaks: every piece such a reader
// would see is neutralised the same way, not only the start of the cell.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace satdan::core {

inline constexpr std::string_view csv_byte_order_mark = "\xEF\xBB\xBF";

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
// One line (cells and CRLF, no byte-order mark), for output written a row at a time.
std::string csv_row(const std::vector<std::string>& cells);

}  // namespace satdan::core
