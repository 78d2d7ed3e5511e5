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

// A body with a key twice is read differently by readers that keep the first (some proxies and filters) and
// by Boost.JSON, which keeps the last: it is refused, naming the key, at any depth.
TEST(JsonBody, DuplicateKeysAreInvalidNamingTheKey) {
  auto duplicate = [](std::string_view body) -> std::string {
    try {
      parse_json_body(body);
    } catch (const error& e) {
      EXPECT_EQ(e.code(), errc::invalid_input);
      if (e.fields().size() != 1) return "fields: " + std::to_string(e.fields().size());
      EXPECT_EQ(e.fields()[0].reason, "is given more than once");
      return e.fields()[0].field;
    }
    return "accepted";
  };
  EXPECT_EQ(duplicate(R"({"role": "member", "role": "admin"})"), "role");
  EXPECT_EQ(duplicate(R"({"a": 1, "b": {"c": 1, "d": 2, "c": 3}})"), "b.c");
  EXPECT_EQ(duplicate(R"({"items": [{"k": 1}, [], {"k": 1, "k": 2}]})"), "items[2].k");
  EXPECT_EQ(duplicate(R"([1, {"x": [0, {"y": 1, "y": 1}]}])"), "[1].x[1].y");
  // Escapes are decoded before comparing: "\u0061" is "a".
  EXPECT_EQ(duplicate(R"({"a": 1, "\u0061": 2})"), "a");
  // Objects with many keys are checked through an index: the last key repeats the first.
  std::string wide = "{";
  for (int i = 0; i < 1000; ++i) wide += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
  EXPECT_EQ(duplicate(wide + "\"k999\": 0}"), "k999");
  EXPECT_EQ(duplicate(wide + "\"x\": {\"k0\": 1}, \"k0\": 0}"), "k0");
  EXPECT_EQ(duplicate(wide + "\"k1000\": 0}"), "accepted");
  // The same key in different objects is not a duplicate.
  EXPECT_EQ(duplicate(R"({"a": {"k": 1}, "b": {"k": 1}, "k": [{"k": 1}, {"k": 2}]})"), "accepted");
}

TEST(JsonBody, ParsedValuesAreUnchanged) {
  auto v = parse_json_body(R"({"s": "Tam Thành", "n": -5, "u": 18446744073709551615, "d": 1.5, "b": true,)"
                           R"( "z": null, "a": [1, "x", {}], "o": {"k": []}})");
  EXPECT_EQ(v, boost::json::parse(R"({"s": "Tam Thành", "n": -5, "u": 18446744073709551615, "d": 1.5, "b": true,)"
                                  R"( "z": null, "a": [1, "x", {}], "o": {"k": []}})"));
  EXPECT_THROW(parse_json_body(std::string(40, '[') + std::string(40, ']')), error);  // too deep
  EXPECT_THROW(parse_json_body(R"({"a": 1,})"), error);
  EXPECT_THROW(parse_json_body(R"({"a": 1} x)"), error);
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
