#include "http/multipart.hpp"

#include "core/error.hpp"
#include "core/utf8.hpp"

namespace satdan::http {

namespace {

using core::errc;
using core::error;

[[noreturn]] void malformed(const std::string& why) {
  throw error(errc::bad_request, "The form cannot be read: " + why + ".");
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// RFC 2046's bchars: what a boundary may be made of.
bool is_boundary_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

// `; key=value` parameters after a header's first token. Values are tokens or quoted strings; browsers
// percent-encode '"', CR and LF in names, so a quoted string ends at the next '"' and has no escapes.
struct parameter {
  std::string key;  // lower case
  std::string value;
};

std::vector<parameter> parameters_of(std::string_view rest) {
  std::vector<parameter> out;
  while (true) {
    rest = trim(rest);
    if (rest.empty()) return out;
    if (rest.front() != ';') malformed("a header parameter is not introduced by ';'");
    rest = trim(rest.substr(1));
    auto eq = rest.find('=');
    if (eq == std::string_view::npos || eq == 0) malformed("a header parameter has no name or no '='");
    parameter p;
    for (char c : trim(rest.substr(0, eq))) p.key += lower(c);
    rest = rest.substr(eq + 1);
    if (!rest.empty() && rest.front() == '"') {
      auto close = rest.find('"', 1);
      if (close == std::string_view::npos) malformed("a quoted header parameter is not closed");
      p.value = std::string(rest.substr(1, close - 1));
      rest = rest.substr(close + 1);
    } else {
      auto end = rest.find(';');
      p.value = std::string(trim(rest.substr(0, end)));
      if (p.value.empty() || p.value.find_first_of(" \t\"") != std::string::npos) malformed("a header parameter's value is not a token");
      rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
    }
    for (const auto& seen : out)
      if (seen.key == p.key) malformed("a header parameter is given twice");
    out.push_back(std::move(p));
  }
}

const parameter* find_parameter(const std::vector<parameter>& ps, std::string_view key) {
  for (const auto& p : ps)
    if (p.key == key) return &p;
  return nullptr;
}

// The header block of one part: "Name: value" lines, CRLF ended.
void read_headers(std::string_view block, multipart_part& part) {
  bool disposition = false;
  while (!block.empty()) {
    auto end = block.find("\r\n");
    std::string_view line = block.substr(0, end);
    block = end == std::string_view::npos ? std::string_view{} : block.substr(end + 2);
    auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) malformed("a part header has no name");
    std::string_view name = line.substr(0, colon), value = trim(line.substr(colon + 1));
    for (char c : line)
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) malformed("a part header holds a control character");
    if (iequals(name, "Content-Disposition")) {
      if (disposition) malformed("a part has two Content-Disposition headers");
      disposition = true;
      auto semi = value.find(';');
      if (!iequals(trim(value.substr(0, semi)), "form-data")) malformed("a part is not form-data");
      auto params = parameters_of(semi == std::string_view::npos ? std::string_view{} : value.substr(semi));
      const parameter* n = find_parameter(params, "name");
      if (!n || n->value.empty()) malformed("a part has no name");
      part.name = n->value;
      if (const parameter* f = find_parameter(params, "filename")) part.filename = f->value;
    } else if (iequals(name, "Content-Type")) {
      if (!part.content_type.empty()) malformed("a part has two Content-Type headers");
      part.content_type = std::string(value);
      if (part.content_type.empty()) malformed("a part's Content-Type is empty");
    }
    // Other headers (Content-Transfer-Encoding is deprecated by RFC 7578) carry nothing a form needs.
  }
  if (!disposition) malformed("a part has no Content-Disposition");
  if (!core::is_valid_utf8(part.name) || (part.filename && !core::is_valid_utf8(*part.filename)))
    malformed("a part's name is not UTF-8");
}

}  // namespace

bool is_multipart(const request& req) {
  std::string_view type = req.header("Content-Type");
  type = trim(type.substr(0, type.find(';')));
  return iequals(type, "multipart/form-data");
}

std::string multipart_boundary(std::string_view content_type) {
  auto semi = content_type.find(';');
  if (!iequals(trim(content_type.substr(0, semi)), "multipart/form-data")) malformed("it is not multipart/form-data");
  if (semi == std::string_view::npos) malformed("the Content-Type has no boundary");
  auto params = parameters_of(content_type.substr(semi));
  const parameter* b = find_parameter(params, "boundary");
  if (!b) malformed("the Content-Type has no boundary");
  const std::string& v = b->value;
  if (v.empty() || v.size() > 70 || v.back() == ' ') malformed("the boundary is not 1 to 70 characters");
  for (char c : v)
    if (!is_boundary_char(c)) malformed("the boundary holds a character it may not");
  return v;
}

std::vector<multipart_part> parse_multipart(std::string_view body, std::string_view boundary, const multipart_limits& limits) {
  const std::string dash = "--" + std::string(boundary);
  const std::string delimiter = "\r\n" + dash;
  if (!body.starts_with(dash + "\r\n")) malformed("the body does not start with the boundary");
  std::size_t at = dash.size() + 2;
  std::vector<multipart_part> parts;
  while (true) {
    if (parts.size() == limits.parts) throw error(errc::payload_too_large, "The form has too many parts.");
    auto headers_end = body.find("\r\n\r\n", at);
    // A part with no header at all is malformed anyway (no Content-Disposition).
    if (headers_end == std::string_view::npos) malformed("a part's headers do not end");
    if (headers_end - at > limits.header_bytes) throw error(errc::payload_too_large, "A part's headers are too long.");
    multipart_part part;
    read_headers(body.substr(at, headers_end - at), part);
    std::size_t content = headers_end + 4;
    auto end = body.find(delimiter, content);
    if (end == std::string_view::npos) malformed("the closing boundary is missing");
    if (end - content > limits.part_bytes) throw error(errc::payload_too_large, "A part of the form is too large.");
    part.body = std::string(body.substr(content, end - content));
    if (!part.filename && !core::is_valid_utf8(part.body)) malformed("a text field is not UTF-8");
    parts.push_back(std::move(part));
    at = end + delimiter.size();
    std::string_view after = body.substr(at);
    if (after.starts_with("--")) {
      // The closing delimiter; a browser ends it with CRLF, and nothing may follow.
      after.remove_prefix(2);
      if (!after.empty() && after != "\r\n") malformed("something follows the closing boundary");
      return parts;
    }
    if (!after.starts_with("\r\n")) malformed("a boundary is not followed by a line end");
    at += 2;
  }
}

std::vector<multipart_part> read_multipart(const request& req, const multipart_limits& limits) {
  return parse_multipart(req.body, multipart_boundary(req.header("Content-Type")), limits);
}

const multipart_part* text_part(const std::vector<multipart_part>& parts, std::string_view name) {
  for (const auto& p : parts)
    if (p.name == name && !p.filename) return &p;
  return nullptr;
}

}  // namespace satdan::http
