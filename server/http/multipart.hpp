// multipart/form-data (RFC 7578) as browsers send a form with a file: a strict reader that accepts only
// what a browser writes (no preamble, CRLF line ends, a closing boundary) and refuses the rest as
// bad_request, so a page never acts on a body it half understood.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace satdan::http {

struct multipart_part {
  std::string name;                     // the Content-Disposition's name, UTF-8
  std::optional<std::string> filename;  // set for a file input (maybe empty: no file chosen)
  std::string content_type;             // the part's Content-Type, "" when absent
  std::string body;                     // bytes as sent
};

// What one form may hold; more is refused (payload_too_large), never cut short.
struct multipart_limits {
  std::size_t parts = 32;
  std::size_t part_bytes = 1024 * 1024;  // one part's body
  std::size_t header_bytes = 2048;       // one part's header block
};

// True when the request's Content-Type is multipart/form-data (its parameters aside).
bool is_multipart(const request& req);

// The boundary parameter of a multipart/form-data Content-Type (quoted or not, 1 to 70 characters).
// Throws core::error(bad_request) for another type or a missing or malformed boundary.
std::string multipart_boundary(std::string_view content_type);

// The parts of `body`, in order. Throws core::error(bad_request) for anything malformed (no closing
// boundary, a part without a form-data Content-Disposition or a name, a name or text field that is not
// UTF-8) and core::error(payload_too_large) past `limits`.
std::vector<multipart_part> parse_multipart(std::string_view body, std::string_view boundary,
                                            const multipart_limits& limits = {});

// parse_multipart of a request's body with the boundary of its Content-Type.
std::vector<multipart_part> read_multipart(const request& req, const multipart_limits& limits = {});

// The first part named `name` that is not a file, or nothing.
const multipart_part* text_part(const std::vector<multipart_part>& parts, std::string_view name);

}  // namespace satdan::http
