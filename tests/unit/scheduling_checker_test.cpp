// The checker and the JSON codec of ../shared/spec/scheduling.md on small hand-made instances; every expected
// number is worked out by hand in the comments.
#include <gtest/gtest.h>

#include "support/field_errors.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <functional>

#include "core/error.hpp"
#include "scheduling/checker.hpp"
#include "scheduling/instance.hpp"

using namespace satdan;
namespace json = boost::json;
using scheduling::assignment;

namespace {
using satdan::testkit::fields_of;
using satdan::testkit::names;

// Local months at a fixed UTC+7 offset (Asia/Ho_Chi_Minh has had no DST since 1975).
const scheduling::period_clock plus7{[](core::instant t) {
  auto local = t + std::chrono::hours(7);
  auto ymd = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(local)};
  return int(ymd.year()) * 12 + int(unsigned(ymd.month())) - 1;
}};

// Two units 30 minutes apart (10 within one). d1, d2: district members who may chair; d2 lives in u2 and is away
// on 2027-01-10 [06:00, 08:00) and [09:59, 12:00) local. c1, c2: commune members of u1 and u2; c1 takes at most
// one assignment a month. Times are local (+07:00) unless marked Z.
//   s1 cell meeting u1 k1  01-05 19:30–21:30  needs commune 1, optional district 1
//   s2 dialogue     u2     01-10 08:00–10:00  needs chair 1, optional district 1, commune 1
//   s3 dialogue     u2     01-05 22:00–23:00  optional district 1   (s1 end + 30 min = s3 start: just fits)
//   s4 dialogue     u1     01-05 21:35–22:30  optional district 1   (s1 end + 10 min > s4 start)
//   s5 dialogue     u2     01-05 19:30–20:00  optional district 1   (starts with s1)
//   s6 cell meeting u1 k1  01-20 19:30–21:30  needs commune 1
//   s7 cell meeting u1 k1  01-31 18:30Z       needs commune 1       (local 02-01 01:30: February)
constexpr const char* base_text = R"({
  "version": 1,
  "units": [{"id": "u1", "name": "Tam Thành"}, {"id": "u2", "name": "Tam Anh Nam"}],
  "travel_minutes": [{"from": "u1", "to": "u2", "minutes": 30}],
  "members": [
    {"id": "d1", "name": "Nguyễn Văn A", "level": "district", "roles": ["chair"], "home": "u1",
     "responsible": ["u1"]},
    {"id": "d2", "name": "Trần Thị B", "level": "district", "roles": ["chair"], "home": "u2",
     "unavailable": [{"start": "2027-01-10T06:00:00+07:00", "end": "2027-01-10T08:00:00+07:00"},
                     {"start": "2027-01-10T09:59:00+07:00", "end": "2027-01-10T12:00:00+07:00"}]},
    {"id": "c1", "name": "Lê Văn C", "level": "commune", "home": "u1", "max_per_month": 1},
    {"id": "c2", "name": "Phạm Thị D", "level": "commune", "home": "u2"}
  ],
  "sessions": [
    {"id": "s1", "kind": "cell_meeting", "unit": "u1", "cell": "k1", "start": "2027-01-05T19:30:00+07:00",
     "end": "2027-01-05T21:30:00+07:00", "needs": {"commune": 1}, "optional": {"district": 1}},
    {"id": "s2", "kind": "dialogue", "unit": "u2", "start": "2027-01-10T08:00:00+07:00",
     "end": "2027-01-10T10:00:00+07:00", "needs": {"chair": 1}, "optional": {"district": 1, "commune": 1}},
    {"id": "s3", "kind": "dialogue", "unit": "u2", "start": "2027-01-05T22:00:00+07:00",
     "end": "2027-01-05T23:00:00+07:00", "optional": {"district": 1}},
    {"id": "s4", "kind": "dialogue", "unit": "u1", "start": "2027-01-05T21:35:00+07:00",
     "end": "2027-01-05T22:30:00+07:00", "optional": {"district": 1}},
    {"id": "s5", "kind": "dialogue", "unit": "u2", "start": "2027-01-05T19:30:00+07:00",
     "end": "2027-01-05T20:00:00+07:00", "optional": {"district": 1}},
    {"id": "s6", "kind": "cell_meeting", "unit": "u1", "cell": "k1", "start": "2027-01-20T19:30:00+07:00",
     "end": "2027-01-20T21:30:00+07:00", "needs": {"commune": 1}},
    {"id": "s7", "kind": "cell_meeting", "unit": "u1", "cell": "k1", "start": "2027-01-31T18:30:00Z",
     "end": "2027-01-31T19:30:00Z", "needs": {"commune": 1}}
  ]
})";

scheduling::instance base(const std::function<void(json::object&)>& edit = {}) {
  json::value v = json::parse(base_text);
  if (edit) edit(v.as_object());
  return scheduling::instance_from_json(v);
}

scheduling::instance load(std::string_view text) { return scheduling::instance_from_json(json::parse(text)); }

// Every hard rule kept: d1 goes s1 → s3 with exactly 30 minutes to spare; c1's second assignment (s7) falls in
// local February, so the cap of one a month holds.
const std::vector<assignment> valid{{"s1", "c1", "commune"}, {"s1", "d1", "district"}, {"s2", "d1", "chair"},
                                    {"s2", "c2", "commune"}, {"s3", "d1", "district"}, {"s7", "c1", "commune"}};

std::vector<std::string> rules(const std::vector<scheduling::violation>& v) {
  std::vector<std::string> out;
  for (const auto& x : v) out.push_back(x.rule);
  return out;
}

std::string details(const std::vector<scheduling::violation>& v) {
  std::string out;
  for (const auto& x : v) out += x.rule + ": " + x.detail + "\n";
  return out;
}

bool mentions(const scheduling::violation& v, std::initializer_list<const char*> words) {
  for (const char* w : words)
    if (v.detail.find(w) == std::string::npos) return false;
  return true;
}



std::string field_list(const std::vector<core::field_error>& fields) {
  std::string out;
  for (const auto& f : fields) out += f.field + ": " + f.reason + "\n";
  return out;
}

using strings = std::vector<std::string>;

}  // namespace

// ---- hard rules ----

TEST(SchedulingChecker, ValidAssignmentsHaveNoViolations) {
  auto v = scheduling::check_hard_rules(base(), valid, plus7);
  EXPECT_TRUE(v.empty()) << details(v);
}

TEST(SchedulingChecker, H1Fit) {
  // c2 (commune, home u2) at s1 in u1: wrong unit. c2 in s2's chair seat: c2 is no chair (s2 is in u2, her home).
  // zz is no member at all.
  auto v = scheduling::check_hard_rules(
      base(), {{"s1", "c2", "commune"}, {"s2", "c2", "chair"}, {"s1", "zz", "district"}}, plus7);
  ASSERT_EQ(rules(v), (strings{"H1", "H1", "H1"})) << details(v);
  EXPECT_TRUE(mentions(v[0], {"c2", "s1", "u1"})) << v[0].detail;
  EXPECT_TRUE(mentions(v[1], {"c2", "chair", "s2"})) << v[1].detail;
  EXPECT_TRUE(mentions(v[2], {"zz"})) << v[2].detail;
}

TEST(SchedulingChecker, H2OneSeatPerSessionAndMember) {
  // d1 fits both chair and district, and s2 offers one of each, but d1 may take only one of them.
  auto v = scheduling::check_hard_rules(base(), {{"s2", "d1", "chair"}, {"s2", "d1", "district"}}, plus7);
  ASSERT_EQ(rules(v), strings{"H2"}) << details(v);
  EXPECT_TRUE(mentions(v[0], {"d1", "s2"})) << v[0].detail;
}

TEST(SchedulingChecker, H3SlotCount) {
  // s1 offers 0 + 1 district seats but gets two; s3 offers no chair seat at all. (d2: s1 ends 21:30 in u1,
  // s3 starts 22:00 in u2, 30 minutes: fits.)
  auto v = scheduling::check_hard_rules(
      base(), {{"s1", "d1", "district"}, {"s1", "d2", "district"}, {"s3", "d2", "chair"}}, plus7);
  ASSERT_EQ(rules(v), (strings{"H3", "H3"})) << details(v);
  EXPECT_TRUE(mentions(v[0], {"s1", "district"})) << v[0].detail;
  EXPECT_TRUE(mentions(v[1], {"s3", "chair"})) << v[1].detail;
}

TEST(SchedulingChecker, H4Availability) {
  // s2 is [08:00, 10:00): d2's [06:00, 08:00) only touches it (half-open), [09:59, 12:00) overlaps by a minute.
  auto v = scheduling::check_hard_rules(base(), {{"s2", "d2", "district"}}, plus7);
  ASSERT_EQ(rules(v), strings{"H4"}) << details(v);
  EXPECT_TRUE(mentions(v[0], {"d2", "s2", "2027-01-10T02:59:00Z"})) << v[0].detail;
}

TEST(SchedulingChecker, H5Travel) {
  // Exactly enough: s1 ends 21:30 in u1, + 30 minutes to u2 = 22:00 = s3's start.
  auto ok = scheduling::check_hard_rules(base(), {{"s1", "d1", "district"}, {"s3", "d1", "district"}}, plus7);
  EXPECT_TRUE(ok.empty()) << details(ok);

  // Same unit: 21:30 + travel_within_minutes 10 = 21:40 > s4's 21:35.
  auto within = scheduling::check_hard_rules(base(), {{"s1", "d1", "district"}, {"s4", "d1", "district"}}, plus7);
  ASSERT_EQ(rules(within), strings{"H5"}) << details(within);
  EXPECT_TRUE(mentions(within[0], {"d1", "s1", "s4", "10 minutes"})) << within[0].detail;

  // Equal starts: both orders are checked and neither holds; one violation for the pair.
  auto same = scheduling::check_hard_rules(base(), {{"s5", "d1", "district"}, {"s1", "d1", "district"}}, plus7);
  ASSERT_EQ(rules(same), strings{"H5"}) << details(same);
  EXPECT_TRUE(mentions(same[0], {"s1", "s5"})) << same[0].detail;

  // Without u1–u2 in travel_minutes: d1's home u1 → s3's u2 and s1 → s3 are both missing.
  auto in = base();
  in.travel_minutes.clear();
  auto missing = scheduling::check_hard_rules(in, {{"s1", "d1", "district"}, {"s3", "d1", "district"}}, plus7);
  ASSERT_EQ(rules(missing), (strings{"H5", "H5"})) << details(missing);
  EXPECT_TRUE(mentions(missing[0], {"d1", "u1", "u2", "s3"})) << missing[0].detail;
  EXPECT_TRUE(mentions(missing[1], {"u1", "u2", "s1", "s3"})) << missing[1].detail;
}

TEST(SchedulingChecker, H6MonthlyCapInLocalMonths) {
  // c1 (cap 1) at s1 (01-05) and s6 (01-20): two in January 2027.
  auto v = scheduling::check_hard_rules(base(), {{"s1", "c1", "commune"}, {"s6", "c1", "commune"}}, plus7);
  ASSERT_EQ(rules(v), strings{"H6"}) << details(v);
  EXPECT_TRUE(mentions(v[0], {"c1", "2027-01"})) << v[0].detail;

  // s7 starts 01-31 18:30Z, which is February in local time: s1 + s7 keep the cap. A UTC clock would not.
  EXPECT_TRUE(scheduling::check_hard_rules(base(), {{"s1", "c1", "commune"}, {"s7", "c1", "commune"}}, plus7).empty());
  scheduling::period_clock utc{[](core::instant t) {
    auto ymd = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(t)};
    return int(ymd.year()) * 12 + int(unsigned(ymd.month())) - 1;
  }};
  EXPECT_EQ(rules(scheduling::check_hard_rules(base(), {{"s1", "c1", "commune"}, {"s7", "c1", "commune"}}, utc)),
            strings{"H6"});
}

TEST(SchedulingChecker, H7Pins) {
  auto in = base([](json::object& o) {
    o["pinned"] = json::parse(R"([{"session": "s2", "member": "d1", "need": "chair"}])");
  });
  EXPECT_TRUE(scheduling::check_hard_rules(in, valid, plus7).empty());
  std::vector<assignment> without = valid;
  std::erase(without, assignment{"s2", "d1", "chair"});
  auto v = scheduling::check_hard_rules(in, without, plus7);
  ASSERT_EQ(rules(v), strings{"H7"}) << details(v);
  EXPECT_TRUE(mentions(v[0], {"s2", "d1", "chair"})) << v[0].detail;
}

// ---- cost terms ----

TEST(SchedulingCost, Unfilled) {
  // s1 needs district 2 (1 filled) and chair 1 (none): 1 + 1. Optional seats never count. s2 needs 1 district and
  // gets 2 (one optional): floored at 0. unfilled = 2.
  auto in = load(R"({"version": 1, "units": [{"id": "u1"}], "travel_minutes": [],
    "members": [{"id": "d1", "level": "district", "home": "u1"}, {"id": "d2", "level": "district", "home": "u1"}],
    "sessions": [
      {"id": "s1", "kind": "dialogue", "unit": "u1", "start": "2027-01-05T08:00:00+07:00",
       "end": "2027-01-05T10:00:00+07:00", "needs": {"district": 2, "chair": 1}, "optional": {"commune": 1}},
      {"id": "s2", "kind": "dialogue", "unit": "u1", "start": "2027-01-06T08:00:00+07:00",
       "end": "2027-01-06T10:00:00+07:00", "needs": {"district": 1}, "optional": {"district": 1}}]})");
  auto c = scheduling::evaluate(in, {{"s1", "d1", "district"}, {"s2", "d1", "district"}, {"s2", "d2", "district"}},
                                plus7);
  EXPECT_EQ(c.unfilled, 2);
}

// Cell meetings (local times): a k1 01-05, b k1 03-20, c k1 03-31T18:30Z (local 04-01 01:30), d k2 01-07 (with a
// chair seat), f k3 02-01; e is a dialogue without a cell. d1 is district (may chair), c1 commune.
constexpr const char* coverage_text = R"({"version": 1, "coverage": {"period": "quarter"},
  "units": [{"id": "u1"}], "travel_minutes": [],
  "members": [{"id": "d1", "level": "district", "roles": ["chair"], "home": "u1"},
              {"id": "c1", "level": "commune", "home": "u1"}],
  "sessions": [
    {"id": "a", "kind": "cell_meeting", "unit": "u1", "cell": "k1", "start": "2027-01-05T19:30:00+07:00",
     "end": "2027-01-05T21:30:00+07:00", "needs": {"commune": 1}},
    {"id": "b", "kind": "cell_meeting", "unit": "u1", "cell": "k1", "start": "2027-03-20T19:30:00+07:00",
     "end": "2027-03-20T21:30:00+07:00", "optional": {"district": 1}},
    {"id": "c", "kind": "cell_meeting", "unit": "u1", "cell": "k1", "start": "2027-03-31T18:30:00Z",
     "end": "2027-03-31T20:30:00Z", "optional": {"district": 1}},
    {"id": "d", "kind": "cell_meeting", "unit": "u1", "cell": "k2", "start": "2027-01-07T19:30:00+07:00",
     "end": "2027-01-07T21:30:00+07:00", "optional": {"chair": 1}},
    {"id": "e", "kind": "dialogue", "unit": "u1", "start": "2027-01-08T08:00:00+07:00",
     "end": "2027-01-08T10:00:00+07:00", "optional": {"district": 1}},
    {"id": "f", "kind": "cell_meeting", "unit": "u1", "cell": "k3", "start": "2027-02-01T19:30:00+07:00",
     "end": "2027-02-01T21:30:00+07:00", "needs": {"commune": 1}}]})";

TEST(SchedulingCost, UncoveredByPeriod) {
  // d1 sits at b (k1) and, in a chair seat, at d (k2); c1 (commune: does not cover) at a and f; d1 at e (no cell).
  const std::vector<assignment> list{{"a", "c1", "commune"}, {"b", "d1", "district"}, {"d", "d1", "chair"},
                                     {"e", "d1", "district"}, {"f", "c1", "commune"}};
  // Quarters: (k1,Q1) covered by b, (k1,Q2) from c uncovered, (k2,Q1) covered by d, (k3,Q1) uncovered → 2.
  EXPECT_EQ(scheduling::evaluate(load(coverage_text), list, plus7).uncovered, 2);
  // Months: (k1,Jan) no, (k1,Mar) yes, (k1,Apr) no, (k2,Jan) yes, (k3,Feb) no → 3.
  auto month = json::parse(coverage_text);
  month.as_object()["coverage"] = json::parse(R"({"period": "month"})");
  EXPECT_EQ(scheduling::evaluate(scheduling::instance_from_json(month), list, plus7).uncovered, 3);
  // Years: (k1,2027) yes, (k2,2027) yes, (k3,2027) no → 1.
  auto year = json::parse(coverage_text);
  year.as_object()["coverage"] = json::parse(R"({"period": "year"})");
  EXPECT_EQ(scheduling::evaluate(scheduling::instance_from_json(year), list, plus7).uncovered, 1);
  // No assignments: quarters (k1,Q1), (k1,Q2), (k2,Q1), (k3,Q1) → 4.
  EXPECT_EQ(scheduling::evaluate(load(coverage_text), {}, plus7).uncovered, 4);
}

TEST(SchedulingCost, Outside) {
  // d1 is responsible for unit u1 and cell k9. s1 (unit u1) and s2 (cell k9) are inside; s3 (u2, cell k8) and
  // s4 (u2, no cell) are outside → 2.
  auto in = load(R"({"version": 1, "units": [{"id": "u1"}, {"id": "u2"}],
    "travel_minutes": [{"from": "u1", "to": "u2", "minutes": 30}],
    "members": [{"id": "d1", "level": "district", "home": "u1", "responsible": ["u1", "k9"]}],
    "sessions": [
      {"id": "s1", "kind": "dialogue", "unit": "u1", "start": "2027-01-05T08:00:00+07:00",
       "end": "2027-01-05T10:00:00+07:00", "optional": {"district": 1}},
      {"id": "s2", "kind": "cell_meeting", "unit": "u2", "cell": "k9", "start": "2027-01-06T19:30:00+07:00",
       "end": "2027-01-06T21:30:00+07:00", "optional": {"district": 1}},
      {"id": "s3", "kind": "cell_meeting", "unit": "u2", "cell": "k8", "start": "2027-01-07T19:30:00+07:00",
       "end": "2027-01-07T21:30:00+07:00", "optional": {"district": 1}},
      {"id": "s4", "kind": "dialogue", "unit": "u2", "start": "2027-01-08T08:00:00+07:00",
       "end": "2027-01-08T10:00:00+07:00", "optional": {"district": 1}}]})");
  auto c = scheduling::evaluate(
      in, {{"s1", "d1", "district"}, {"s2", "d1", "district"}, {"s3", "d1", "district"}, {"s4", "d1", "district"}},
      plus7);
  EXPECT_EQ(c.outside, 2);
}

TEST(SchedulingCost, Travel) {
  // travel_within_minutes 7. d1 (home u1): s1 in u1 → 7, s2 in u2 → 25. d2 (home u3): s2 in u2 → 15 (given as
  // u3 → u2, read both ways). travel = 47.
  auto in = load(R"({"version": 1, "travel_within_minutes": 7,
    "units": [{"id": "u1"}, {"id": "u2"}, {"id": "u3"}],
    "travel_minutes": [{"from": "u1", "to": "u2", "minutes": 25}, {"from": "u1", "to": "u3", "minutes": 40},
                       {"from": "u3", "to": "u2", "minutes": 15}],
    "members": [{"id": "d1", "level": "district", "home": "u1"}, {"id": "d2", "level": "district", "home": "u3"}],
    "sessions": [
      {"id": "s1", "kind": "dialogue", "unit": "u1", "start": "2027-01-05T08:00:00+07:00",
       "end": "2027-01-05T10:00:00+07:00", "optional": {"district": 1}},
      {"id": "s2", "kind": "dialogue", "unit": "u2", "start": "2027-01-06T08:00:00+07:00",
       "end": "2027-01-06T10:00:00+07:00", "optional": {"district": 2}}]})");
  EXPECT_EQ(in.travel("u2", "u3"), 15);
  EXPECT_EQ(in.travel("u3", "u2"), 15);
  EXPECT_EQ(in.travel("u2", "u2"), 7);
  EXPECT_EQ(in.travel("u2", "u9"), std::nullopt);
  auto c = scheduling::evaluate(in, {{"s1", "d1", "district"}, {"s2", "d1", "district"}, {"s2", "d2", "district"}},
                                plus7);
  EXPECT_EQ(c.travel, 47);
}

TEST(SchedulingCost, ImbalanceCountsZeroLoads) {
  // District loads d1 3, d2 1, d3 0 → 3 - 0 = 3; commune loads c1 2, c2 2 → 0. imbalance = 3.
  auto in = load(R"({"version": 1, "units": [{"id": "u1"}], "travel_minutes": [],
    "members": [{"id": "d1", "level": "district", "home": "u1"}, {"id": "d2", "level": "district", "home": "u1"},
                {"id": "d3", "level": "district", "home": "u1"}, {"id": "c1", "level": "commune", "home": "u1"},
                {"id": "c2", "level": "commune", "home": "u1"}],
    "sessions": [
      {"id": "s1", "kind": "dialogue", "unit": "u1", "start": "2027-01-05T08:00:00+07:00",
       "end": "2027-01-05T10:00:00+07:00", "optional": {"district": 3, "commune": 2}},
      {"id": "s2", "kind": "dialogue", "unit": "u1", "start": "2027-01-06T08:00:00+07:00",
       "end": "2027-01-06T10:00:00+07:00", "optional": {"district": 3, "commune": 2}},
      {"id": "s3", "kind": "dialogue", "unit": "u1", "start": "2027-01-07T08:00:00+07:00",
       "end": "2027-01-07T10:00:00+07:00", "optional": {"district": 3, "commune": 2}},
      {"id": "s4", "kind": "dialogue", "unit": "u1", "start": "2027-01-08T08:00:00+07:00",
       "end": "2027-01-08T10:00:00+07:00", "optional": {"district": 3, "commune": 2}}]})");
  auto c = scheduling::evaluate(in,
                                {{"s1", "d1", "district"}, {"s2", "d1", "district"}, {"s3", "d1", "district"},
                                 {"s4", "d2", "district"}, {"s1", "c1", "commune"}, {"s2", "c1", "commune"},
                                 {"s3", "c2", "commune"}, {"s4", "c2", "commune"}},
                                plus7);
  EXPECT_EQ(c.imbalance, 3);
  // Nobody assigned: every load is 0.
  EXPECT_EQ(scheduling::evaluate(in, {}, plus7).imbalance, 0);
}

TEST(SchedulingCost, MovedReadsPreviousAsASet) {
  // previous as a set: (s1,d1,district) [listed twice], (s2,d1,district), (s9,m9,district) [absent session and
  // member], (s2,d2,district). Kept: (s2,d2,district) only — (s1,d1,chair) has another need. moved = 3.
  auto in = load(R"({"version": 1, "units": [{"id": "u1"}], "travel_minutes": [],
    "members": [{"id": "d1", "level": "district", "roles": ["chair"], "home": "u1"},
                {"id": "d2", "level": "district", "home": "u1"}],
    "sessions": [
      {"id": "s1", "kind": "dialogue", "unit": "u1", "start": "2027-01-05T08:00:00+07:00",
       "end": "2027-01-05T10:00:00+07:00", "optional": {"district": 1, "chair": 1}},
      {"id": "s2", "kind": "dialogue", "unit": "u1", "start": "2027-01-06T08:00:00+07:00",
       "end": "2027-01-06T10:00:00+07:00", "optional": {"district": 2}}],
    "previous": [{"session": "s1", "member": "d1", "need": "district"},
                 {"session": "s1", "member": "d1", "need": "district"},
                 {"session": "s2", "member": "d1", "need": "district"},
                 {"session": "s9", "member": "m9", "need": "district"},
                 {"session": "s2", "member": "d2", "need": "district"}]})");
  auto c = scheduling::evaluate(in, {{"s2", "d2", "district"}, {"s1", "d1", "chair"}}, plus7);
  EXPECT_EQ(c.moved, 3);
}

// Weights {travel 2, moved 7} merged with the defaults {unfilled 1000, uncovered 200, outside 10, imbalance 50}.
constexpr const char* weighted_text = R"({"version": 1, "weights": {"travel": 2, "moved": 7},
  "units": [{"id": "u1"}, {"id": "u2"}], "travel_minutes": [{"from": "u2", "to": "u1", "minutes": 30}],
  "members": [{"id": "d1", "level": "district", "home": "u1", "responsible": ["u1"]},
              {"id": "d2", "level": "district", "roles": ["chair"], "home": "u2"},
              {"id": "d3", "level": "district", "home": "u1"},
              {"id": "c1", "level": "commune", "home": "u1", "responsible": ["u1"]}],
  "sessions": [
    {"id": "s1", "kind": "cell_meeting", "unit": "u1", "cell": "k1", "start": "2027-01-05T19:30:00+07:00",
     "end": "2027-01-05T21:30:00+07:00", "needs": {"commune": 1, "district": 1}},
    {"id": "s2", "kind": "dialogue", "unit": "u2", "start": "2027-01-12T08:00:00+07:00",
     "end": "2027-01-12T10:00:00+07:00", "needs": {"chair": 1}},
    {"id": "s3", "kind": "cell_meeting", "unit": "u2", "cell": "k2", "start": "2027-02-03T19:30:00+07:00",
     "end": "2027-02-03T21:30:00+07:00"}],
  "previous": [{"session": "s1", "member": "d2", "need": "district"}]})";

TEST(SchedulingCost, WeightedTotal) {
  // unfilled 1 (s1 commune); uncovered 1 ((k2,Q1): nobody at s3; (k1,Q1) has d1); outside 1 (d2 at s2: responsible
  // for nothing, no cell); travel 10 + 10 (both at home, within 10); imbalance 1 (district 1,1,0; commune 0);
  // moved 1. total = 1*1000 + 1*200 + 1*10 + 20*2 + 1*50 + 1*7 = 1307.
  auto c = scheduling::evaluate(load(weighted_text), {{"s1", "d1", "district"}, {"s2", "d2", "chair"}}, plus7);
  scheduling::cost expected{.total = 1307, .unfilled = 1, .uncovered = 1, .outside = 1, .travel = 20,
                            .imbalance = 1, .moved = 1};
  EXPECT_EQ(c, expected);
}

// ---- JSON ----

TEST(SchedulingJson, DefaultsMergedKeyByKey) {
  auto in = load(weighted_text);
  EXPECT_EQ(in.timezone, "Asia/Ho_Chi_Minh");
  EXPECT_EQ(in.w.unfilled, 1000);
  EXPECT_EQ(in.w.uncovered, 200);
  EXPECT_EQ(in.w.outside, 10);
  EXPECT_EQ(in.w.travel, 2);
  EXPECT_EQ(in.w.imbalance, 50);
  EXPECT_EQ(in.w.moved, 7);
  EXPECT_EQ(in.coverage.level, "district");
  EXPECT_EQ(in.coverage.period, "quarter");
  EXPECT_EQ(in.travel_within_minutes, 10);
  EXPECT_TRUE(in.pinned.empty());
  EXPECT_EQ(in.members[0].max_per_month, 4);
  EXPECT_TRUE(in.members[0].roles.empty());
  EXPECT_TRUE(in.members[1].responsible.empty());
  EXPECT_TRUE(in.members[0].unavailable.empty());
  EXPECT_TRUE(in.sessions[2].needs.empty());
  EXPECT_TRUE(in.sessions[2].optional.empty());
  EXPECT_FALSE(in.sessions[1].cell);

  auto v = json::parse(weighted_text);
  v.as_object()["coverage"] = json::parse(R"({"period": "month"})");
  auto month = scheduling::instance_from_json(v);
  EXPECT_EQ(month.coverage.level, "district");
  EXPECT_EQ(month.coverage.period, "month");
}

TEST(SchedulingJson, InstanceRoundTrips) {
  auto in = base([](json::object& o) {
    o["pinned"] = json::parse(R"([{"session": "s2", "member": "d1", "need": "chair"}])");
    o["previous"] = json::parse(R"([{"session": "s9", "member": "m9", "need": "district"}])");
  });
  auto once = scheduling::to_json(in);
  auto twice = scheduling::to_json(scheduling::instance_from_json(once));
  EXPECT_EQ(json::serialize(once), json::serialize(twice));
  const auto& o = once.as_object();
  EXPECT_EQ(o.at("travel_minutes").as_array().size(), 1u);  // one entry per unordered pair
  EXPECT_EQ(o.at("sessions").as_array()[0].as_object().at("start").as_string(), "2027-01-05T12:30:00Z");
}

TEST(SchedulingJson, UnknownKeysAreIgnored) {
  auto in = base([](json::object& o) {
    o["comment"] = "made by hand";
    o["members"].as_array()[0].as_object()["nickname"] = "A";
  });
  EXPECT_EQ(in.members.size(), 4u);
}

TEST(SchedulingJson, ErrorsNameTheField) {
  auto edit_and_load = [](const std::function<void(json::object&)>& edit) {
    return fields_of([&] { base(edit); });
  };
  auto f = edit_and_load([](json::object& o) { o.erase("version"); });
  EXPECT_TRUE(names(f, "version")) << field_list(f);
  f = edit_and_load([](json::object& o) { o["version"] = 2; });
  EXPECT_TRUE(names(f, "version")) << field_list(f);

  f = edit_and_load([](json::object& o) {
    o["sessions"].as_array()[0].as_object()["start"] = "2027-01-05T19:30:00";  // no offset
    o["sessions"].as_array()[1].as_object()["end"] = "2027-01-10T07:00:00+07:00";  // before its start
  });
  EXPECT_TRUE(names(f, "sessions[0].start")) << field_list(f);
  EXPECT_TRUE(names(f, "sessions[1].end")) << field_list(f);

  f = edit_and_load([](json::object& o) {
    o["sessions"].as_array()[3].as_object()["unit"] = "u9";
    o["members"].as_array()[2].as_object()["home"] = "u9";
    o["travel_minutes"].as_array().push_back(json::parse(R"({"from": "u2", "to": "u9", "minutes": 5})"));
    o["pinned"] = json::parse(R"([{"session": "s8", "member": "m8", "need": "chair"}])");
  });
  for (const char* field : {"sessions[3].unit", "members[2].home", "travel_minutes[1].to", "pinned[0].session",
                            "pinned[0].member"})
    EXPECT_TRUE(names(f, field)) << field << "\n" << field_list(f);
}

TEST(SchedulingJson, ErrorsOnBadValues) {
  auto f = fields_of([] {
    base([](json::object& o) {
      o["weights"] = json::parse(R"({"travel": -1, "moved": 1.5})");
      o["coverage"] = json::parse(R"({"period": "week"})");
      o["travel_within_minutes"] = "ten";
      // The same pair again with other minutes; the same minutes again would be accepted.
      o["travel_minutes"].as_array().push_back(json::parse(R"({"from": "u2", "to": "u1", "minutes": 31})"));
      o["travel_minutes"].as_array().push_back(json::parse(R"({"from": "u2", "to": "u1", "minutes": 30})"));
      auto& s0 = o["sessions"].as_array()[0].as_object();
      s0["needs"] = json::parse(R"({"commune": -1})");
      s0.erase("cell");
      o["sessions"].as_array()[1].as_object()["kind"] = "party";
      o["members"].as_array()[0].as_object()["level"] = "village";
      o["members"].as_array()[1].as_object()["max_per_month"] = -2;
      o["members"].as_array()[3] = "c2";
    });
  });
  for (const char* field : {"weights.travel", "weights.moved", "coverage.period", "travel_within_minutes",
                            "travel_minutes[1].minutes", "sessions[0].needs.commune", "sessions[0].cell",
                            "sessions[1].kind", "members[0].level", "members[1].max_per_month", "members[3]"})
    EXPECT_TRUE(names(f, field)) << field << "\n" << field_list(f);
  EXPECT_FALSE(names(f, "travel_minutes[2].minutes")) << field_list(f);
}

TEST(SchedulingJson, SolutionRoundTripsAndIgnoresUnknownKeys) {
  auto s = scheduling::solution_from_json(json::parse(R"({
    "assignments": [{"session": "s1", "member": "d1", "need": "district", "note": "x"}],
    "cost": {"total": 1307, "unfilled": 1, "uncovered": 1, "outside": 1, "travel": 20, "imbalance": 1, "moved": 1},
    "unfilled": [{"session": "s1", "need": "commune",
                  "candidates": [{"member": "c1", "rule": "H6", "detail": "cap reached"}]}],
    "solver": {"iterations": 5}})"));
  ASSERT_EQ(s.assignments.size(), 1u);
  EXPECT_EQ(s.assignments[0], (assignment{"s1", "d1", "district"}));
  EXPECT_EQ(s.c.total, 1307);
  EXPECT_EQ(s.c.travel, 20);
  ASSERT_EQ(s.unfilled.size(), 1u);
  EXPECT_EQ(s.unfilled[0].candidates[0].rule, "H6");
  auto back = scheduling::solution_from_json(scheduling::to_json(s));
  EXPECT_EQ(back.assignments, s.assignments);
  EXPECT_EQ(back.c, s.c);
  EXPECT_EQ(back.unfilled[0].candidates[0].detail, "cap reached");

  auto f = fields_of([] { scheduling::solution_from_json(json::parse(R"({"assignments": [{"session": "s1"}]})")); });
  EXPECT_TRUE(names(f, "assignments[0].member")) << field_list(f);
}

TEST(SchedulingJson, InfeasiblePins) {
  std::vector<scheduling::infeasible_pin> pins{{{"s1", "d1", "district"}, "H5", "cannot reach s3"}};
  EXPECT_EQ(json::serialize(scheduling::to_json(pins)),
            R"({"infeasible_pins":[{"session":"s1","member":"d1","need":"district","rule":"H5",)"
            R"("detail":"cannot reach s3"}]})");
}
