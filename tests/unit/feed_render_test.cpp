// Feed rendering through libical: what clients parse back, the wire format (CRLF, folding at most 74
// octets on character boundaries), escaping of user text, time zones.
#include <gtest/gtest.h>
#include <libical/ical.h>

#include <cstdlib>
#include <random>
#include <set>
#include <string>

#include "calendar/feed.hpp"
#include "calendar/feed_content.hpp"
#include "calendar/ics_fold.hpp"
#include "calendar/libical_lock.hpp"
#include "core/instant.hpp"

namespace satdan::calendar {
namespace {

using namespace std::chrono;

core::instant at(const char* text) { return *core::parse_rfc3339(text); }

feed_event sample_event() {
  feed_event e;
  e.uid = "session-7@satdan.example";
  e.sequence = 3;
  e.created = at("2026-11-01T02:00:00Z");
  e.last_modified = at("2026-11-20T03:04:05Z");
  e.start = at("2027-01-05T12:30:00Z");  // 19:30 in Vietnam
  e.end = at("2027-01-05T14:30:00Z");
  e.time_zone = "Asia/Ho_Chi_Minh";
  e.summary = "Sinh hoạt chi bộ thôn Phú Lâm — dự với vai trò huyện ủy viên";
  e.location = "Nhà văn hóa thôn Phú Lâm";
  e.description = "Chi bộ thôn Phú Lâm\nChi tiết: https://satdan.example/api/v1/sessions/7";
  e.url = "https://satdan.example/api/v1/sessions/7";
  e.categories = {"Sinh hoạt chi bộ"};
  e.alarm_minutes = {1440, 60};
  return e;
}

feed_document document_with(std::vector<feed_event> events) {
  return feed_document{"Lịch công tác — Nguyễn Văn An", "Asia/Ho_Chi_Minh", minutes{60}, std::move(events)};
}

// The text libical parses back, owned.
struct parsed {
  icalcomponent* root = nullptr;
  explicit parsed(const std::string& text) {
    std::lock_guard lock(libical_mutex());
    root = icalparser_parse_string(text.c_str());
  }
  ~parsed() {
    std::lock_guard lock(libical_mutex());
    if (root) icalcomponent_free(root);
  }
  int count(icalcomponent_kind kind) const {
    std::lock_guard lock(libical_mutex());
    return icalcomponent_count_components(root, kind);
  }
  icalcomponent* first_event() const { return icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT); }
};

std::vector<std::string> physical_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find("\r\n", pos);
    if (end == std::string::npos) {
      out.push_back(text.substr(pos));
      break;
    }
    out.push_back(text.substr(pos, end - pos));
    pos = end + 2;
  }
  return out;
}

void expect_wire_format(const std::string& text) {
  ASSERT_TRUE(text.ends_with("\r\n"));
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      ASSERT_TRUE(i > 0 && text[i - 1] == '\r') << "bare LF at " << i;
    }
    if (text[i] == '\r') {
      ASSERT_TRUE(i + 1 < text.size() && text[i + 1] == '\n') << "bare CR at " << i;
    }
  }
  for (const auto& line : physical_lines(text)) {
    EXPECT_LE(line.size(), 74u) << line;
    if (!line.empty()) {
      auto last = static_cast<unsigned char>(line.back());
      EXPECT_FALSE(last >= 0xC0) << "a line ends inside a character: " << line;
    }
    if (line.size() > 1 && line[0] == ' ') {
      EXPECT_NE(static_cast<unsigned char>(line[1]) & 0xC0, 0x80) << "a continuation starts inside a character";
    }
  }
}

TEST(FeedRender, RoundTripsThroughLibical) {
  std::string text = render_ics(document_with({sample_event()}));
  expect_wire_format(text);
  parsed p(text);
  ASSERT_NE(p.root, nullptr);
  std::lock_guard lock(libical_mutex());
  EXPECT_EQ(icalcomponent_count_errors(p.root), 0);
  EXPECT_EQ(icalcomponent_get_method(p.root), ICAL_METHOD_PUBLISH);
  icalcomponent* ev = p.first_event();
  ASSERT_NE(ev, nullptr);
  EXPECT_STREQ(icalcomponent_get_uid(ev), "session-7@satdan.example");
  EXPECT_STREQ(icalcomponent_get_summary(ev), "Sinh hoạt chi bộ thôn Phú Lâm — dự với vai trò huyện ủy viên");
  EXPECT_STREQ(icalcomponent_get_location(ev), "Nhà văn hóa thôn Phú Lâm");
  EXPECT_STREQ(icalcomponent_get_description(ev),
               "Chi bộ thôn Phú Lâm\nChi tiết: https://satdan.example/api/v1/sessions/7");
  EXPECT_EQ(icalcomponent_get_sequence(ev), 3);
  EXPECT_EQ(icalcomponent_get_status(ev), ICAL_STATUS_CONFIRMED);
  icalproperty* dtstart = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
  icalparameter* tzid = icalproperty_get_first_parameter(dtstart, ICAL_TZID_PARAMETER);
  ASSERT_NE(tzid, nullptr);
  EXPECT_STREQ(icalparameter_get_tzid(tzid), "Asia/Ho_Chi_Minh");
  icaltimetype start = icalproperty_get_dtstart(dtstart);
  EXPECT_EQ(start.hour, 19);
  EXPECT_EQ(start.minute, 30);
  EXPECT_EQ(start.day, 5);
  icaltimetype stamp = icalcomponent_get_dtstamp(ev);
  EXPECT_EQ(stamp.hour, 3);
  EXPECT_EQ(stamp.minute, 4);
  EXPECT_EQ(icalcomponent_count_components(ev, ICAL_VALARM_COMPONENT), 2);
  // No ATTENDEE: METHOD:PUBLISH does not allow them.
  EXPECT_EQ(icalcomponent_count_properties(ev, ICAL_ATTENDEE_PROPERTY), 0);
}

TEST(FeedRender, CalendarNameInXPropertiesIsEscapedTextThatParsesBack) {
  feed_document doc = document_with({sample_event()});
  doc.name = "Lịch sinh hoạt, đối thoại — xã Tam Thành; khu \\ 2\nthôn Phú Lâm";
  std::string text = render_ics(doc);
  expect_wire_format(text);
  // RFC 5545 §3.3.11: ',' ';' and '\' are escaped in every TEXT value, X- properties included; the line break
  // of a one-line name became a space.
  std::string unfolded;
  for (const auto& line : physical_lines(text)) unfolded += line.starts_with(' ') ? line.substr(1) : "\n" + line;
  EXPECT_NE(unfolded.find("\nX-WR-CALNAME;VALUE=TEXT:Lịch sinh hoạt\\, đối thoại — xã Tam Thành\\; khu \\\\ 2 thôn Phú Lâm\n"),
            std::string::npos)
      << text;
  parsed p(text);
  ASSERT_NE(p.root, nullptr);
  std::lock_guard lock(libical_mutex());
  EXPECT_EQ(icalcomponent_count_errors(p.root), 0);
  std::vector<std::string> names;
  for (icalproperty* x = icalcomponent_get_first_property(p.root, ICAL_X_PROPERTY); x;
       x = icalcomponent_get_next_property(p.root, ICAL_X_PROPERTY))
    if (std::string_view(icalproperty_get_x_name(x)) == "X-WR-CALNAME") names.push_back(icalvalue_get_text(icalproperty_get_value(x)));
  EXPECT_EQ(names, std::vector<std::string>{"Lịch sinh hoạt, đối thoại — xã Tam Thành; khu \\ 2 thôn Phú Lâm"});
  icalproperty* name = icalcomponent_get_first_property(p.root, ICAL_NAME_PROPERTY);
  ASSERT_NE(name, nullptr);
  EXPECT_STREQ(icalproperty_get_name(name), names.empty() ? "" : names.front().c_str());
}

TEST(FeedRender, CalendarPropertiesForSubscribers) {
  std::string text = render_ics(document_with({sample_event()}));
  for (const char* line : {"PRODID:", "VERSION:2.0\r\n", "CALSCALE:GREGORIAN\r\n", "METHOD:PUBLISH\r\n",
                           "NAME:Lịch công tác — Nguyễn Văn An\r\n", "X-WR-CALNAME", "X-WR-TIMEZONE",
                           "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n", "X-PUBLISHED-TTL:PT1H\r\n"})
    EXPECT_NE(text.find(line), std::string::npos) << line;
}

TEST(FeedRender, EveryTzidHasItsVtimezone) {
  auto other = sample_event();
  other.uid = "session-8@satdan.example";
  other.time_zone = "Europe/Berlin";  // a zone with daylight saving: libical's own definition
  std::string text = render_ics(document_with({sample_event(), other}));
  parsed p(text);
  std::set<std::string> defined, used;
  std::lock_guard lock(libical_mutex());
  for (icalcomponent* tz = icalcomponent_get_first_component(p.root, ICAL_VTIMEZONE_COMPONENT); tz;
       tz = icalcomponent_get_next_component(p.root, ICAL_VTIMEZONE_COMPONENT))
    defined.insert(icalproperty_get_tzid(icalcomponent_get_first_property(tz, ICAL_TZID_PROPERTY)));
  for (icalcomponent* ev = icalcomponent_get_first_component(p.root, ICAL_VEVENT_COMPONENT); ev;
       ev = icalcomponent_get_next_component(p.root, ICAL_VEVENT_COMPONENT))
    for (auto kind : {ICAL_DTSTART_PROPERTY, ICAL_DTEND_PROPERTY}) {
      icalparameter* tzid = icalproperty_get_first_parameter(icalcomponent_get_first_property(ev, kind), ICAL_TZID_PARAMETER);
      ASSERT_NE(tzid, nullptr);
      used.insert(icalparameter_get_tzid(tzid));
    }
  EXPECT_EQ(used, (std::set<std::string>{"Asia/Ho_Chi_Minh", "Europe/Berlin"}));
  for (const auto& z : used) EXPECT_TRUE(defined.contains(z)) << z;
  // Berlin keeps its daylight-saving rules.
  EXPECT_NE(text.find("BEGIN:DAYLIGHT"), std::string::npos);
}

TEST(FeedRender, UserTextCannotAddOrEndPropertiesOrComponents) {
  auto e = sample_event();
  e.summary = "Họp\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:giả; a, b \\ c";
  e.location = "Nhà văn hóa\nATTENDEE:mailto:x@example.com";
  e.description = "Dòng 1\nEND:VCALENDAR\n\x01\x7f;,\\";
  e.categories = {"A,B"};
  auto doc = document_with({e});
  doc.name = "Lịch\r\nX-INJECTED:1";
  std::string text = render_ics(doc);
  expect_wire_format(text);
  int begins = 0, ends = 0;
  for (const auto& line : physical_lines(text)) {
    begins += line == "BEGIN:VEVENT";
    ends += line == "END:VEVENT";
    EXPECT_FALSE(line.starts_with("ATTENDEE")) << line;
    EXPECT_FALSE(line.starts_with("X-INJECTED")) << line;
  }
  EXPECT_EQ(begins, 1);
  EXPECT_EQ(ends, 1);
  parsed p(text);
  EXPECT_EQ(p.count(ICAL_VEVENT_COMPONENT), 1);
  std::lock_guard lock(libical_mutex());
  icalcomponent* ev = p.first_event();
  EXPECT_STREQ(icalcomponent_get_summary(ev), "Họp END:VEVENT BEGIN:VEVENT SUMMARY:giả; a, b \\ c");
  EXPECT_STREQ(icalcomponent_get_description(ev), "Dòng 1\nEND:VCALENDAR\n;,\\");
  EXPECT_EQ(icalcomponent_count_properties(ev, ICAL_ATTENDEE_PROPERTY), 0);
  EXPECT_EQ(icalcomponent_count_properties(ev, ICAL_SUMMARY_PROPERTY), 1);
}

TEST(FeedRender, CancelledSessionsAreMarkedAndHaveNoReminders) {
  auto e = sample_event();
  e.status = event_status::cancelled;
  parsed p(render_ics(document_with({e})));
  std::lock_guard lock(libical_mutex());
  icalcomponent* ev = p.first_event();
  EXPECT_EQ(icalcomponent_get_status(ev), ICAL_STATUS_CANCELLED);
  EXPECT_EQ(icalcomponent_count_components(ev, ICAL_VALARM_COMPONENT), 0);
}

TEST(FeedRender, RemindersAreDisplayAlarmsBeforeTheStart) {
  parsed p(render_ics(document_with({sample_event()})));
  std::lock_guard lock(libical_mutex());
  std::set<int> seconds_before;
  icalcomponent* ev = p.first_event();
  for (icalcomponent* a = icalcomponent_get_first_component(ev, ICAL_VALARM_COMPONENT); a;
       a = icalcomponent_get_next_component(ev, ICAL_VALARM_COMPONENT)) {
    EXPECT_EQ(icalproperty_get_action(icalcomponent_get_first_property(a, ICAL_ACTION_PROPERTY)), ICAL_ACTION_DISPLAY);
    auto trigger = icalproperty_get_trigger(icalcomponent_get_first_property(a, ICAL_TRIGGER_PROPERTY));
    seconds_before.insert(-icaldurationtype_as_int(trigger.duration));
  }
  EXPECT_EQ(seconds_before, (std::set<int>{3600, 86400}));
}

TEST(FeedFold, LongVietnameseTextFoldsOnCharacterBoundaries) {
  // Every length from short to several lines, built of 1-, 2-, 3- and 4-octet characters, so that folds
  // fall at every offset inside a character; the exactly-74 and would-be-75 cases are among them.
  const char* pieces[] = {"a", "ệ", "—", "ư", "Đ", " ", ";", ",", "\\", "\n", "😀"};
  std::mt19937 rng(7);
  for (int n = 0; n < 1500; ++n) {
    std::string s;
    std::size_t len = 1 + rng() % 300;
    while (s.size() < len) s += pieces[rng() % std::size(pieces)];
    auto e = sample_event();
    e.summary = s;
    e.description = s;
    std::string text = render_ics(document_with({e}));
    expect_wire_format(text);
    parsed p(text);
    std::lock_guard lock(libical_mutex());
    // Summaries are one line; values lose the blanks around them (parsers drop leading ones anyway).
    std::string expected_summary = s, expected_description = s;
    std::replace(expected_summary.begin(), expected_summary.end(), '\n', ' ');
    auto trim = [](std::string& v) {
      while (!v.empty() && v.back() == ' ') v.pop_back();
      while (!v.empty() && v.front() == ' ') v.erase(0, 1);
    };
    trim(expected_summary);
    trim(expected_description);
    if (expected_summary.empty() || expected_description.empty()) continue;  // nothing to read back
    ASSERT_STREQ(icalcomponent_get_summary(p.first_event()), expected_summary.c_str());
    ASSERT_STREQ(icalcomponent_get_description(p.first_event()), expected_description.c_str());
  }
}

TEST(FeedFold, NoLineOfExactly75Octets) {
  // "SUMMARY:" + 67 octets is a 75-octet line unfolded: it must be folded.
  std::string line = "SUMMARY:" + std::string(67, 'x') + "\r\n";
  std::string out = refold(line);
  EXPECT_EQ(out, "SUMMARY:" + std::string(66, 'x') + "\r\n x\r\n");
  std::string exact = "SUMMARY:" + std::string(66, 'x') + "\r\n";
  EXPECT_EQ(refold(exact), exact);
}

TEST(FeedFold, BacksOffToTheStartOfACharacter) {
  // 72 ASCII octets then "ệ" (3 octets) would split it at 74: the fold comes before it.
  std::string line = std::string(72, 'a') + "ệ" + "b";
  std::string out = refold(line + "\r\n");
  EXPECT_EQ(out, std::string(72, 'a') + "\r\n ệb\r\n");
}

TEST(FeedFold, UnfoldsBeforeFolding) {
  EXPECT_EQ(refold("A:b\r\n c\r\n\td\r\nE:f\r\n"), "A:bcd\r\nE:f\r\n");
}

store::feed_session sample_session() {
  store::feed_session s;
  s.id = 7;
  s.kind = "cell_meeting";
  s.status = "planned";
  s.start = at("2027-01-05T12:30:00Z");
  s.end = at("2027-01-05T14:30:00Z");
  s.created_at = at("2026-11-01T02:00:00Z");
  s.updated_at = at("2026-11-02T02:00:00Z");
  s.sequence = 2;
  s.time_zone = "Asia/Ho_Chi_Minh";
  s.unit_name = "Phú Lâm";
  s.unit_kind = "village";
  s.parent_name = "Tam Thành";
  s.parent_kind = "commune";
  s.cell_name = "Chi bộ thôn Phú Lâm";
  return s;
}

TEST(FeedContent, MemberEventNamesTheRoleAndCoAttendees) {
  auto s = sample_session();
  s.need = "district";
  s.assigned_at = at("2026-11-10T00:00:00Z");
  s.attendees = {{2, "Lê Thị Hoa", "commune"}};
  auto e = member_event(s, {60}, {"https://satdan.example", "satdan.example"});
  EXPECT_EQ(e.summary, "Sinh hoạt chi bộ thôn Phú Lâm — dự với vai trò huyện ủy viên");
  EXPECT_EQ(e.uid, "session-7@satdan.example");
  EXPECT_EQ(e.location, "thôn Phú Lâm, xã Tam Thành");
  EXPECT_NE(e.description.find("Cùng dự: Lê Thị Hoa (đảng ủy viên xã)"), std::string::npos);
  EXPECT_NE(e.description.find("Vai trò của đồng chí: huyện ủy viên"), std::string::npos);
  EXPECT_EQ(e.url, "https://satdan.example/api/v1/sessions/7");
  EXPECT_EQ(e.last_modified, at("2026-11-10T00:00:00Z"));  // the assignment is newer than the session
  EXPECT_EQ(e.alarm_minutes, std::vector<int>{60});
}

TEST(FeedContent, PublicEventNamesOnlyTheChairOfADialogue) {
  auto s = sample_session();
  s.kind = "dialogue";
  s.cell_name.reset();
  s.unit_name = "Tam Thành";
  s.unit_kind = "commune";
  s.parent_name = "Phú Ninh";
  s.parent_kind = "district";
  s.topic = "Cấp giấy chứng nhận sau dồn điền đổi thửa";
  s.attendees = {{1, "Nguyễn Văn An", "chair"}, {2, "Lê Thị Hoa", "district"}};
  auto e = public_event(s, {"https://satdan.example", "satdan.example"});
  EXPECT_EQ(e.summary, "Tiếp xúc, đối thoại với nhân dân xã Tam Thành");
  EXPECT_NE(e.description.find("Chủ trì: Nguyễn Văn An"), std::string::npos);
  EXPECT_EQ(e.description.find("Lê Thị Hoa"), std::string::npos);
  EXPECT_TRUE(e.alarm_minutes.empty());
}

TEST(FeedContent, CancelledAndPostponedSessionsSayWhy) {
  auto s = sample_session();
  s.status = "cancelled";
  s.status_reason = "Mưa bão";
  auto e = public_event(s, {"https://satdan.example", "satdan.example"});
  EXPECT_EQ(e.status, event_status::cancelled);
  EXPECT_TRUE(e.summary.starts_with("Đã hủy: "));
  EXPECT_NE(e.description.find("Tình trạng: đã hủy (Mưa bão)"), std::string::npos);
  s.status = "postponed";
  EXPECT_EQ(public_event(s, {"https://x", "x"}).status, event_status::tentative);
}

}  // namespace
}  // namespace satdan::calendar
