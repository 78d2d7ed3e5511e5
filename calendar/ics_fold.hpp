// Line folding of iCalendar text (RFC 5545 §3.1). libical folds at 75 octets and sometimes writes lines of
// exactly 75, which some clients mishandle; feeds are refolded here so that every physical line holds at
// most 74 octets and no fold splits a UTF-8 character.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace satdan::calendar {

// The widest physical line written, excluding CRLF.
inline constexpr std::size_t max_line_octets = 74;

// Unfolds `ical` (CRLF followed by one space or tab) and folds every content line again at
// max_line_octets, on UTF-8 character boundaries; line ends are CRLF.
std::string refold(std::string_view ical);

}  // namespace satdan::calendar
