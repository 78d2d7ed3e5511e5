// Driving the pages as a browser does, for the page tests: signing in through the form (pre-session cookie
// and token), reading a form's anti-forgery token, and encoding urlencoded and multipart bodies.
#pragma once
#include <cctype>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "e2e/e2e_fixture.hpp"

namespace satdan::testkit::forms {

using fields = std::vector<std::pair<std::string, std::string>>;

inline const std::string urlencoded = "application/x-www-form-urlencoded";
inline const std::string boundary = "----satdanTestBoundary42";
inline const std::string multipart = "multipart/form-data; boundary=" + boundary;

inline std::string encode(const fields& values) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const auto& [k, v] : values) {
    if (!out.empty()) out += '&';
    for (const std::string* part : {&k, &v}) {
      for (unsigned char c : *part) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
          out += static_cast<char>(c);
        } else {
          out += '%';
          out += hex[c >> 4];
          out += hex[c & 15];
        }
      }
      if (part == &k) out += '=';
    }
  }
  return out;
}

// A multipart body with text fields and, when `file_name` is set, one file part named "file".
inline std::string multipart_body(const fields& values, const std::string& file_name = {}, const std::string& file = {}) {
  std::string out;
  for (const auto& [k, v] : values)
    out += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
  if (!file_name.empty())
    out += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file_name +
           "\"\r\nContent-Type: text/calendar\r\n\r\n" + file + "\r\n";
  return out + "--" + boundary + "--\r\n";
}

inline std::string hidden_csrf(const std::string& html) {
  std::smatch m;
  static const std::regex field(R"re(name="csrf" value="([^"]+)")re");
  return std::regex_search(html, m, field) ? m[1].str() : std::string();
}

inline std::string cookie_named(const http_result& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if ((k == "Set-Cookie" || k == "set-cookie") && v.rfind(name + "=", 0) == 0) return v.substr(0, v.find(';'));
  return {};
}

// A browser's session: its cookie and the token its forms carry.
struct session {
  std::string cookie;
  std::string csrf;
};

// Signs `username` in through the form and opens `page` to read its forms' token.
inline session sign_in_page(http_client& c, const std::string& username, const std::string& password, const std::string& page = "/") {
  auto form = c.request("GET", "/dang-nhap");
  std::string presign = cookie_named(form, "satdan_presign");
  auto r = c.request("POST", "/dang-nhap", encode({{"csrf", hidden_csrf(form.body)}, {"username", username}, {"password", password}}),
                     urlencoded, {{"Cookie", presign}});
  EXPECT_EQ(r.status, 303) << r.body;
  session s{cookie_named(r, "satdan_session"), {}};
  s.csrf = hidden_csrf(c.request("GET", page, "", "", {{"Cookie", s.cookie}}).body);
  return s;
}

}  // namespace satdan::testkit::forms
