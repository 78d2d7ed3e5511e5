// Tracking codes given to citizens: ten characters from an alphabet without look-alikes (no 0/O, 1/I/L,
// U/V kept apart by dropping U), shown as two groups of five: "K7M2Q-9XHTR". 30^10 ≈ 2^49 codes, drawn
// from the operating system's random source, so a code cannot be guessed from another.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace satdan::security {

inline constexpr std::string_view tracking_alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
inline constexpr std::size_t tracking_code_chars = 10;

// "XXXXX-XXXXX".
std::string new_tracking_code();

// The canonical form of what a citizen typed: case, spaces and hyphens do not matter. Nothing when it
// cannot be a code (wrong length, a character outside the alphabet).
std::optional<std::string> normalise_tracking_code(std::string_view typed);

}  // namespace satdan::security
