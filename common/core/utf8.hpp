// UTF-8 validation for text that does not pass through Boost.JSON's validating parser (URLs, headers).
#pragma once
#include <cstddef>
#include <string_view>

namespace satdan::core {

bool is_valid_utf8(std::string_view text) noexcept;
// Number of Unicode code points; text must be valid UTF-8.
std::size_t utf8_length(std::string_view text) noexcept;

}  // namespace satdan::core
