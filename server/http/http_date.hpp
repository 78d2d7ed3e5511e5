// HTTP dates (RFC 9110 §5.6.7): "Sun, 06 Nov 1994 08:49:37 GMT" for Last-Modified, and reading
// If-Modified-Since, whose obsolete forms a server may ignore (the request is then unconditional).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/instant.hpp"

namespace satdan::http {

std::string format_http_date(core::instant t);
// IMF-fixdate only; empty for anything else.
std::optional<core::instant> parse_http_date(std::string_view text);

}  // namespace satdan::http
