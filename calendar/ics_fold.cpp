#include "calendar/ics_fold.hpp"

#include <vector>

namespace satdan::calendar {
namespace {

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

void append_folded(std::string& out, std::string_view line) {
  std::size_t budget = max_line_octets;  // the first physical line; continuations spend one octet on the space
  bool first = true;
  while (line.size() > budget) {
    std::size_t cut = budget;
    while (cut > 0 && is_continuation_byte(line[cut])) --cut;  // never inside a character
    if (cut == 0) cut = budget;                                // not UTF-8 at all: cut where we must
    if (!first) out += ' ';
    out.append(line.substr(0, cut));
    out += "\r\n";
    line.remove_prefix(cut);
    first = false;
    budget = max_line_octets - 1;
  }
  if (!first) out += ' ';
  out.append(line);
  out += "\r\n";
}

}  // namespace

std::string refold(std::string_view ical) {
  // Unfold: a line break followed by one space or tab continues the previous line.
  std::string logical;
  logical.reserve(ical.size());
  std::vector<std::string_view> lines;
  for (std::size_t i = 0; i < ical.size(); ++i) {
    char c = ical[i];
    if (c == '\r' && i + 1 < ical.size() && ical[i + 1] == '\n') continue;
    if (c == '\n') {
      if (i + 1 < ical.size() && (ical[i + 1] == ' ' || ical[i + 1] == '\t')) {
        ++i;  // the fold's whitespace
        continue;
      }
      logical += '\n';
      continue;
    }
    logical += c;
  }
  std::string out;
  out.reserve(logical.size() + logical.size() / 40 + 16);
  std::string_view rest = logical;
  while (!rest.empty()) {
    auto nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    if (!line.empty()) append_folded(out, line);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
  }
  return out;
}

}  // namespace satdan::calendar
