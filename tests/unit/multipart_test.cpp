// The multipart/form-data reader: what browsers send is read exactly; anything else is refused whole.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "http/multipart.hpp"
#include "pages/page_kit.hpp"

using namespace satdan;

namespace {

const std::string boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

std::string part(const std::string& disposition, const std::string& body, const std::string& type = "") {
  std::string out = "--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\n";
  if (!type.empty()) out += "Content-Type: " + type + "\r\n";
  return out + "\r\n" + body + "\r\n";
}

std::string close() { return "--" + boundary + "--\r\n"; }

core::errc code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const core::error& e) {
    return e.code();
  }
  ADD_FAILURE() << "no error";
  return core::errc::internal;
}

http::request post(const std::string& content_type, const std::string& body) {
  http::request r;
  r.method = "POST";
  r.target = "/lich-ban";
  r.headers = {{"Content-Type", content_type}};
  r.body = body;
  return r;
}

}  // namespace

TEST(Multipart, ReadsTextFieldsAndAFileAsABrowserSendsThem) {
  std::string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";
  std::string body = part("form-data; name=\"csrf\"", "abc") + part("form-data; name=\"source\"", "điện thoại") +
                     part("form-data; name=\"file\"; filename=\"lịch.ics\"", ics, "text/calendar") + close();
  auto parts = http::parse_multipart(body, boundary);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].name, "csrf");
  EXPECT_EQ(parts[0].body, "abc");
  EXPECT_FALSE(parts[0].filename);
  EXPECT_EQ(parts[1].body, "điện thoại");
  EXPECT_EQ(parts[2].name, "file");
  EXPECT_EQ(parts[2].filename.value_or(""), "lịch.ics");
  EXPECT_EQ(parts[2].content_type, "text/calendar");
  EXPECT_EQ(parts[2].body, ics) << "the file's own line ends are kept";
  EXPECT_EQ(http::text_part(parts, "source")->body, "điện thoại");
  EXPECT_EQ(http::text_part(parts, "file"), nullptr) << "a file is not a text field";
  EXPECT_EQ(http::text_part(parts, "other"), nullptr);
}

TEST(Multipart, AnEmptyFileInputAndEmptyFieldsAreParts) {
  std::string body = part("form-data; name=\"file\"; filename=\"\"", "", "application/octet-stream") +
                     part("form-data; name=\"reason\"", "") + close();
  auto parts = http::parse_multipart(body, boundary);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].filename.value_or("x"), "");
  EXPECT_EQ(parts[0].body, "");
  EXPECT_EQ(parts[1].body, "");
}

TEST(Multipart, ABodyThatHoldsTheBoundaryTextWithoutALineEndBeforeItIsContent) {
  std::string tricky = "--" + boundary + " is not a delimiter here";
  auto parts = http::parse_multipart(part("form-data; name=\"a\"", tricky) + close(), boundary);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].body, tricky);
}

TEST(Multipart, QuotedNamesMayHoldSemicolonsAndEquals) {
  auto parts = http::parse_multipart(part("form-data; name=\"a;b=c\"; filename=\"x; y.ics\"", "1") + close(), boundary);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].name, "a;b=c");
  EXPECT_EQ(parts[0].filename.value_or(""), "x; y.ics");
  auto bare = http::parse_multipart(part("form-data; name=plain", "1") + close(), boundary);
  EXPECT_EQ(bare[0].name, "plain");
}

TEST(Multipart, TheClosingBoundaryMayLackItsLineEndButNothingElseMayFollow) {
  std::string body = part("form-data; name=\"a\"", "1") + "--" + boundary + "--";
  EXPECT_EQ(http::parse_multipart(body, boundary).size(), 1u);
  EXPECT_EQ(code_of([&] { http::parse_multipart(body + "\r\ntrailing", boundary); }), core::errc::bad_request);
}

TEST(Multipart, MalformedBodiesAreBadRequests) {
  const std::string good = part("form-data; name=\"a\"", "1");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"no closing boundary", good},
      {"a part cut short", "--" + boundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n12"},
      {"a preamble", "hello\r\n" + good + close()},
      {"another boundary", "--other\r\n" + good.substr(2 + boundary.size() + 2) + close()},
      {"no Content-Disposition", "--" + boundary + "\r\nContent-Type: text/plain\r\n\r\n1\r\n" + close()},
      {"not form-data", part("attachment; name=\"a\"", "1") + close()},
      {"no name", part("form-data; filename=\"a.ics\"", "1") + close()},
      {"an empty name", part("form-data; name=\"\"", "1") + close()},
      {"an unclosed quote", part("form-data; name=\"a", "1") + close()},
      {"a name given twice", part("form-data; name=\"a\"; name=\"b\"", "1") + close()},
      {"a header without a colon", "--" + boundary + "\r\nContent-Disposition form-data\r\n\r\n1\r\n" + close()},
      {"a text field that is not UTF-8", part("form-data; name=\"a\"", "\xff\xfe") + close()},
      {"a boundary followed by junk", "--" + boundary + "\r\n" + "Content-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--" +
                                           boundary + "junk\r\n" + close()},
      {"an empty body", ""},
  };
  for (const auto& [what, body] : cases)
    EXPECT_EQ(code_of([&] { http::parse_multipart(body, boundary); }), core::errc::bad_request) << what;
  // A file may hold any bytes.
  EXPECT_EQ(http::parse_multipart(part("form-data; name=\"f\"; filename=\"a.bin\"", "\xff\xfe") + close(), boundary).size(), 1u);
}

TEST(Multipart, LimitsAreRefusedNotCut) {
  http::multipart_limits small{.parts = 2, .part_bytes = 8, .header_bytes = 64};
  EXPECT_EQ(http::parse_multipart(part("form-data; name=\"a\"", "12345678") + close(), boundary, small).size(), 1u);
  EXPECT_EQ(code_of([&] { http::parse_multipart(part("form-data; name=\"a\"", "123456789") + close(), boundary, small); }),
            core::errc::payload_too_large);
  std::string three = part("form-data; name=\"a\"", "1") + part("form-data; name=\"b\"", "2") + part("form-data; name=\"c\"", "3") + close();
  EXPECT_EQ(code_of([&] { http::parse_multipart(three, boundary, small); }), core::errc::payload_too_large);
  std::string long_name = part("form-data; name=\"" + std::string(80, 'n') + "\"", "1") + close();
  EXPECT_EQ(code_of([&] { http::parse_multipart(long_name, boundary, small); }), core::errc::payload_too_large);
}

TEST(Multipart, TheBoundaryComesFromTheContentType) {
  EXPECT_EQ(http::multipart_boundary("multipart/form-data; boundary=abc"), "abc");
  EXPECT_EQ(http::multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b:c\""), "a b:c");
  for (const std::string& bad : std::vector<std::string>{"text/plain; boundary=abc", "multipart/form-data", "multipart/form-data; boundary=",
                          "multipart/form-data; boundary=\"\"", "multipart/form-data; boundary=" + std::string(71, 'x'),
                          "multipart/form-data; boundary=a{b", "multipart/form-data; charset=utf-8"})
    EXPECT_EQ(code_of([&] { http::multipart_boundary(bad); }), core::errc::bad_request) << bad;
  EXPECT_TRUE(http::is_multipart(post("multipart/form-data; boundary=x", "")));
  EXPECT_FALSE(http::is_multipart(post("application/x-www-form-urlencoded", "")));
}

TEST(FormToken, IsReadFromAnUrlencodedOrAMultipartForm) {
  EXPECT_EQ(pages::sent_form_token(post("application/x-www-form-urlencoded", "a=1&csrf=tok%2B&b=2")), "tok+");
  std::string body = part("form-data; name=\"file\"; filename=\"a.ics\"", "csrf") + part("form-data; name=\"csrf\"", "tok") + close();
  EXPECT_EQ(pages::sent_form_token(post("multipart/form-data; boundary=" + boundary, body)), "tok");
  // A file named csrf is not the token; nor is a missing part.
  std::string file_only = part("form-data; name=\"csrf\"; filename=\"csrf\"", "tok") + close();
  EXPECT_EQ(pages::sent_form_token(post("multipart/form-data; boundary=" + boundary, file_only)), "");
  // A malformed multipart body is refused before any token is looked at.
  EXPECT_EQ(code_of([&] { pages::sent_form_token(post("multipart/form-data; boundary=" + boundary, part("form-data; name=\"csrf\"", "tok"))); }),
            core::errc::bad_request);
}
