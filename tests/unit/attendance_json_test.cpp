// Reading attendance: statuses and what each needs, fields named by their place in the list.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "domain/attendance.hpp"
#include "support/field_errors.hpp"

using namespace satdan;
namespace json = boost::json;
using testkit::fields_of;
using testkit::names;

TEST(AttendanceJson, ASessionRecordReadsEveryMember) {
  json::value body = {{"records", json::array{json::object{{"member_id", 1}, {"status", "on_time"}},
                                              json::object{{"member_id", 2}, {"status", "late"}, {"late_minutes", 15}},
                                              json::object{{"member_id", 3}, {"status", "absent_excused"}, {"reason", "Ốm"}},
                                              json::object{{"member_id", 4}, {"status", "absent_unexcused"}}}},
                      {"citizens_present", 42},
                      {"minutes", "Biên bản buổi đối thoại\nÝ kiến của bà con..."}};
  auto a = domain::session_attendance_from_json(body);
  ASSERT_EQ(a.records.size(), 4u);
  EXPECT_EQ(a.records[1].late_minutes, 15);
  EXPECT_EQ(a.records[2].reason, "Ốm");
  EXPECT_EQ(a.citizens_present, 42);
}

TEST(AttendanceJson, EachStatusAsksForWhatItNeedsAndFieldsAreNamedByPlace) {
  json::value body = {{"records", json::array{json::object{{"member_id", 1}, {"status", "late"}},
                                              json::object{{"member_id", 2}, {"status", "absent_excused"}},
                                              json::object{{"member_id", 3}, {"status", "on_time"}, {"late_minutes", 5}},
                                              json::object{{"member_id", 1}, {"status", "present"}}}}};
  auto fields = fields_of([&] { domain::session_attendance_from_json(body); });
  for (const char* f : {"records[0].late_minutes", "records[1].reason", "records[2].late_minutes", "records[3].member_id",
                        "records[3].status"})
    EXPECT_TRUE(names(fields, f)) << f;
  EXPECT_TRUE(names(fields_of([] { domain::session_attendance_from_json(json::value{{"records", json::array{}}}); }),
                    "records"));
}

TEST(AttendanceJson, AMembersOwnRecordHasNoMemberId) {
  EXPECT_EQ(domain::own_attendance_from_json(json::value{{"status", "on_time"}}).status, "on_time");
  EXPECT_TRUE(names(fields_of([] { domain::own_attendance_from_json(json::value{{"status", "on_time"}, {"member_id", 3}}); }),
                    "member_id"));
}
