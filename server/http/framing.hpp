// The framing checks Beast's parser leaves to us (RFC 9112 §3.2, §6.1, §6.3). A request whose length a proxy
// in front of us could read differently from us is refused before its body is read: its bytes are never
// taken for a second request (request smuggling).
#pragma once
#include <optional>
#include <span>
#include <string_view>
#include <utility>

#include "core/error.hpp"

namespace satdan::http {

using header_view = std::pair<std::string_view, std::string_view>;  // name, value

// Why the request with these header fields cannot be framed safely (a bad_request naming the header), or
// nothing when it can. `version` is 10 or 11.
std::optional<core::error> framing_problem(unsigned version, std::span<const header_view> fields);

}  // namespace satdan::http
