#include <gtest/gtest.h>

#include "support/field_errors.hpp"

#include <boost/json/parse.hpp>

#include "core/error.hpp"
#include "domain/directory.hpp"

using namespace satdan;

namespace {
using satdan::testkit::fields_of;
using satdan::testkit::names;
}  // namespace

TEST(MemberJson, DecodesWithDefaults) {
  auto m = domain::member_from_json(boost::json::parse(
      R"({"full_name": "Nguyễn Văn Hùng", "level": "district", "roles": ["chair"], "home_unit_id": 3})"));
  EXPECT_EQ(m.full_name, "Nguyễn Văn Hùng");
  EXPECT_EQ(m.max_per_month, 4);
  EXPECT_TRUE(m.active);
  EXPECT_EQ(m.roles, std::vector<std::string>{"chair"});
  EXPECT_FALSE(m.email);
}

TEST(MemberJson, NamesEveryBadField) {
  auto f = fields_of([] {
    domain::member_from_json(boost::json::parse(
        R"({"full_name": "", "level": "village", "roles": ["chair", "chair", "district"], "home_unit_id": 0,
            "email": "not-an-address", "phone": "12", "max_per_month": 40, "nickname": "x"})"));
  });
  for (const char* field : {"full_name", "level", "roles[1]", "roles[2]", "home_unit_id", "email", "phone",
                            "max_per_month", "nickname"})
    EXPECT_TRUE(names(f, field)) << field;
}

TEST(MemberJson, RoundTripsThroughJson) {
  domain::member m{7, "Trần Thị Lan", "commune", {"chair"}, 4, 3, "Phó Bí thư", "0905 123 456", "lan@example.vn", false};
  auto back = domain::member_from_json([&] {
    auto o = domain::to_json(m);
    o.erase("id");
    return boost::json::value(o);
  }());
  EXPECT_EQ(back.full_name, m.full_name);
  EXPECT_EQ(back.roles, m.roles);
  EXPECT_EQ(back.phone, m.phone);
  EXPECT_EQ(back.active, false);
  EXPECT_EQ(back.max_per_month, 3);
}

TEST(UnitJson, IdIsReadOnlyAndKindIsAnIdentifier) {
  auto f = fields_of([] { domain::unit_from_json(boost::json::parse(R"({"id": 1, "kind": "Xã", "name": "Tam An"})")); });
  EXPECT_TRUE(names(f, "id"));
  EXPECT_TRUE(names(f, "kind"));
}

TEST(ResponsibilityJson, ExactlyOneOfUnitAndCell) {
  EXPECT_TRUE(names(fields_of([] { domain::responsibility_from_json(boost::json::parse(R"({"member_id": 1})")); }),
                    "unit_id"));
  EXPECT_FALSE(fields_of([] {
                 domain::responsibility_from_json(boost::json::parse(R"({"member_id": 1, "unit_id": 2, "cell_id": 3})"));
               }).empty());
  auto ok = domain::responsibility_from_json(boost::json::parse(R"({"member_id": 1, "cell_id": 3, "unit_id": null})"));
  EXPECT_EQ(ok.cell_id, 3);
  EXPECT_FALSE(ok.unit_id);
}

TEST(UnavailabilityJson, EndMustFollowStart) {
  auto f = fields_of([] {
    domain::unavailability_from_json(boost::json::parse(
        R"({"member_id": 1, "start": "2027-02-08T00:00:00+07:00", "end": "2027-02-01T00:00:00+07:00"})"));
  });
  EXPECT_TRUE(names(f, "end"));
  auto u = domain::unavailability_from_json(boost::json::parse(
      R"({"member_id": 1, "start": "2027-02-01T00:00:00+07:00", "end": "2027-02-08T00:00:00+07:00", "reason": "Nghỉ phép"})"));
  EXPECT_EQ(std::string(domain::to_json(u).at("start").as_string()), "2027-01-31T17:00:00Z");
}
