#include "http/framing.hpp"

#include <algorithm>
#include <cctype>

namespace satdan::http {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// Host = uri-host [ ":" port ] (RFC 9110 §7.2): the characters of a reg-name, an IP literal and a port, and
// none of userinfo's "@", a path's "/" or whitespace.
bool valid_host(std::string_view value) {
  return std::all_of(value.begin(), value.end(), [](char ch) {
    auto c = static_cast<unsigned char>(ch);
    return std::isalnum(c) || std::string_view("-._~%!$&'()*+,;=:[]").find(ch) != std::string_view::npos;
  });
}

core::error refused(std::string header, std::string reason, std::string message) {
  return core::error(core::errc::bad_request, std::move(message), {{"header." + std::move(header), std::move(reason)}});
}

}  // namespace

std::optional<core::error> framing_problem(unsigned version, std::span<const header_view> fields) {
  int hosts = 0, lengths = 0, codings = 0;
  std::string_view host, coding, length;
  for (const auto& [name, value] : fields) {
    if (iequals(name, "Host")) {
      ++hosts;
      host = value;
    } else if (iequals(name, "Content-Length")) {
      ++lengths;
      length = value;
    } else if (iequals(name, "Transfer-Encoding")) {
      ++codings;
      coding = value;
    }
  }
  if (codings > 0) {
    // Only chunked frames a request body. Any other coding, a list, a quoted or repeated value leaves the
    // length to whoever reads the message, and readers differ: refuse rather than guess (§6.1).
    if (version < 11)
      return refused("Transfer-Encoding", "is not allowed in HTTP/1.0",
                     "Transfer-Encoding is not allowed in an HTTP/1.0 request.");
    if (codings > 1 || !iequals(coding, "chunked"))
      return refused("Transfer-Encoding", "must be exactly chunked", "Transfer-Encoding must be exactly \"chunked\".");
    if (lengths > 0)
      return refused("Content-Length", "is not allowed with Transfer-Encoding",
                     "A request may not carry both Transfer-Encoding and Content-Length.");
  }
  // Beast accepts a repeated Content-Length, or a list, with the same value; a proxy may not (§6.3).
  if (lengths > 1)
    return refused("Content-Length", "appears more than once", "Content-Length appears more than once.");
  if (lengths == 1 && (length.empty() || !std::all_of(length.begin(), length.end(), [](char c) { return c >= '0' && c <= '9'; })))
    return refused("Content-Length", "must be one number", "Content-Length must be one number.");
  if (hosts > 1) return refused("Host", "appears more than once", "A request may carry only one Host header.");
  if (hosts == 0 && version >= 11) return refused("Host", "is required", "An HTTP/1.1 request needs a Host header.");
  if (hosts == 1 && !valid_host(host)) return refused("Host", "is not a host and port", "The Host header is not valid.");
  return std::nullopt;
}

}  // namespace satdan::http
