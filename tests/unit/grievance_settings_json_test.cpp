// The grievance settings' JSON codec: category labels follow the rules of every other text field.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "store/grievance_settings_store.hpp"
#include "support/field_errors.hpp"

using namespace satdan;
namespace json = boost::json;
using testkit::fields_of;
using testkit::names;

TEST(GrievanceSettingsJson, CategoryLabelsRejectControlCharacters) {
  for (const char* bad : {"Thủy\nsản", "Thủy\tsản", "Thủy sản\r", "\x1B[31mĐỏ", "Thủy\x7Fsản"}) {
    auto fields = fields_of([&] {
      store::grievance_settings_change_from_json(json::object{{"categories", {{"fisheries", bad}}}});
    });
    EXPECT_TRUE(names(fields, "categories.fisheries")) << bad;
  }
}

TEST(GrievanceSettingsJson, CategoryLabelsAreTrimmedNfcAndAtMost200Characters) {
  auto c = store::grievance_settings_change_from_json(
      json::object{{"categories", {{"fisheries", "  Thu\xCC\x89y sa\xCC\x89n "}}}});  // decomposed
  EXPECT_EQ(c.categories.at("fisheries"), "Th\xE1\xBB\xA7y s\xE1\xBA\xA3n");             // Thủy sản
  // 200 Vietnamese letters of three bytes each are 200 characters, not 600 bytes.
  std::string long_label;
  for (int i = 0; i < 200; ++i) long_label += "\xE1\xBB\xA7";
  EXPECT_EQ(store::grievance_settings_change_from_json(json::object{{"categories", {{"fisheries", long_label}}}})
                .categories.at("fisheries"), long_label);
  auto fields = fields_of([&] {
    store::grievance_settings_change_from_json(json::object{{"categories", {{"fisheries", long_label + "a"}}}});
  });
  EXPECT_TRUE(names(fields, "categories.fisheries"));
  for (const json::value& bad : {json::value(""), json::value("   "), json::value(5)}) {
    auto f = fields_of([&] { store::grievance_settings_change_from_json(json::object{{"categories", {{"fisheries", bad}}}}); });
    EXPECT_TRUE(names(f, "categories.fisheries")) << bad;
  }
}
