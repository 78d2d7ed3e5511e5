#include "security/tracking_code.hpp"

#include <sodium.h>

#include <stdexcept>

namespace satdan::security {

std::string new_tracking_code() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
  std::string out;
  for (std::size_t i = 0; i < tracking_code_chars; ++i) {
    if (i == tracking_code_chars / 2) out.push_back('-');
    // randombytes_uniform is unbiased for any upper bound.
    out.push_back(tracking_alphabet[randombytes_uniform(static_cast<std::uint32_t>(tracking_alphabet.size()))]);
  }
  return out;
}

std::optional<std::string> normalise_tracking_code(std::string_view typed) {
  std::string chars;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (tracking_alphabet.find(c) == std::string_view::npos) return std::nullopt;
    chars.push_back(c);
    if (chars.size() > tracking_code_chars) return std::nullopt;
  }
  if (chars.size() != tracking_code_chars) return std::nullopt;
  chars.insert(tracking_code_chars / 2, 1, '-');
  return chars;
}

}  // namespace satdan::security
