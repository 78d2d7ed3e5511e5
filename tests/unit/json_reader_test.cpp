#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/json_reader.hpp"

using namespace satdan::core;

namespace {
std::vector<field_error> errors_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const error& e) {
    return e.fields();
  }
  return {};
}
}  // namespace

TEST(JsonBody, MalformedJsonIsBadRequest) {
  try {
    parse_json_body("{\"name\": ");
    FAIL() << "expected an error";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::bad_request);
  }
}

TEST(JsonBody, InvalidUtf8IsBadRequest) {
  EXPECT_THROW(parse_json_body("{\"name\": \"\xC3\x28\"}"), error);
}

TEST(JsonReader, CollectsEveryBadFieldAndUnknownKeys) {
  auto fields = errors_of([] {
    auto v = boost::json::parse(R"({"name": 5, "count": "x", "extra": true})");
    field_errors errors;
    json_reader r(v, errors);
    r.text("name", true);
    r.integer("count", true, 0, 10);
    r.text("missing", true);
    r.reject_unknown();
    errors.throw_if_any();
  });
  ASSERT_EQ(fields.size(), 4u);
  EXPECT_EQ(fields[0].field, "name");
  EXPECT_EQ(fields[1].field, "count");
  EXPECT_EQ(fields[2].field, "missing");
  EXPECT_EQ(fields[2].reason, "is required");
  EXPECT_EQ(fields[3].field, "extra");
}

TEST(JsonReader, TrimsSingleLineTextAndRejectsControlCharacters) {
  auto v = boost::json::parse(R"({"a": "  Tam Thành ", "b": "x\ny"})");
  field_errors errors;
  json_reader r(v, errors);
  EXPECT_EQ(r.text("a", true).value(), "Tam Thành");
  EXPECT_FALSE(r.text("b", true));
  EXPECT_FALSE(errors.empty());
}

TEST(JsonReader, LengthIsCountedInCharactersNotBytes) {
  // 5 Vietnamese letters of 2-3 bytes each fit a 5-character limit.
  auto v = boost::json::parse(R"({"a": "Đặng Ư"})");
  field_errors errors;
  json_reader r(v, errors);
  EXPECT_TRUE(r.text("a", true, {.max_chars = 6}));
  EXPECT_TRUE(errors.empty());
}

// Vietnamese typed on different keyboards arrives precomposed (NFC) or decomposed (NFD): every text field is
// read as NFC, so a search or a duplicate check sees one name.
TEST(JsonReader, TextIsReadAsNfc) {
  const std::string nfc = "Nguy\xE1\xBB\x85n Th\xE1\xBB\x8B";      // Nguyễn Thị, precomposed
  const std::string nfd = "Nguye\xCC\x82\xCC\x83n Thi\xCC\xA3";    // the same, decomposed
  boost::json::value v = boost::json::object{{"name", nfd}, {"notes", "d\xC3\xB2ng 1\nd" + std::string("o\xCC\x80") + "ng 2"},
                                             {"tags", {nfd, "Ph\xC3\xBA"}}};
  field_errors errors;
  json_reader r(v, errors);
  EXPECT_EQ(r.text("name", true, {.max_chars = 10}).value(), nfc);  // 10 characters once composed (13 before)
  EXPECT_EQ(r.text("notes", true, {.single_line = false}).value(), "d\xC3\xB2ng 1\nd\xC3\xB2ng 2");
  EXPECT_EQ(r.text_list("tags", true).value(), (std::vector<std::string>{nfc, "Ph\xC3\xBA"}));
  EXPECT_TRUE(errors.empty());
}
