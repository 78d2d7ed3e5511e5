#include "calendar/feed_content.hpp"

#include <algorithm>
#include <map>

namespace satdan::calendar {
namespace {

const std::map<std::string, std::string, std::less<>>& seat_words() {
  static const std::map<std::string, std::string, std::less<>> words = {
      {"province", "tỉnh ủy viên"}, {"district", "huyện ủy viên"}, {"commune", "đảng ủy viên xã"}, {"chair", "chủ trì"}};
  return words;
}

const std::map<std::string, std::string, std::less<>>& unit_words() {
  static const std::map<std::string, std::string, std::less<>> words = {
      {"province", "tỉnh"}, {"district", "huyện"}, {"commune", "xã"}, {"town", "thị trấn"},
      {"ward", "phường"},   {"village", "thôn"},   {"street_block", "khối phố"}};
  return words;
}

// "thôn Phú Lâm, xã Tam Thành": the session's unit and the unit above it.
std::string place_of(const store::feed_session& s) {
  std::string place = unit_label(s.unit_kind, s.unit_name);
  if (s.parent_name && s.parent_kind) place += ", " + unit_label(*s.parent_kind, *s.parent_name);
  return place;
}

// "Sinh hoạt chi bộ thôn Phú Lâm" from the cell "Chi bộ thôn Phú Lâm".
std::string title_of(const store::feed_session& s) {
  if (s.kind == "dialogue") return "Tiếp xúc, đối thoại với nhân dân " + unit_label(s.unit_kind, s.unit_name);
  const std::string prefix = "Chi bộ ";
  if (s.cell_name && s.cell_name->starts_with(prefix)) return "Sinh hoạt chi bộ " + s.cell_name->substr(prefix.size());
  if (s.cell_name) return "Sinh hoạt chi bộ: " + *s.cell_name;
  return "Sinh hoạt chi bộ " + unit_label(s.unit_kind, s.unit_name);
}

std::string status_prefix(const std::string& status) {
  if (status == "cancelled") return "Đã hủy: ";
  if (status == "postponed") return "Hoãn: ";
  return "";
}

event_status status_of(const std::string& status) {
  if (status == "cancelled") return event_status::cancelled;
  if (status == "postponed") return event_status::tentative;
  return event_status::confirmed;
}

std::string category_of(const std::string& kind) { return kind == "dialogue" ? "Đối thoại với dân" : "Sinh hoạt chi bộ"; }

std::string status_line(const store::feed_session& s) {
  std::string word = s.status == "cancelled" ? "đã hủy" : s.status == "postponed" ? "hoãn" : s.status == "held" ? "đã họp" : "";
  if (word.empty()) return "";
  std::string line = "Tình trạng: " + word;
  if (s.status_reason) line += " (" + *s.status_reason + ")";
  return line + "\n";
}

std::string names(const std::vector<store::feed_attendee>& people, bool with_seats) {
  std::string out;
  for (const auto& a : people) {
    out += (out.empty() ? "" : "; ") + a.full_name;
    if (with_seats) out += " (" + seat_label(a.need) + ")";
  }
  return out;
}

std::vector<store::feed_attendee> chairs_of(const store::feed_session& s) {
  std::vector<store::feed_attendee> out;
  std::copy_if(s.attendees.begin(), s.attendees.end(), std::back_inserter(out),
               [](const store::feed_attendee& a) { return a.need == "chair"; });
  return out;
}

feed_event common_event(const store::feed_session& s, const feed_links& links) {
  feed_event e;
  e.uid = "session-" + std::to_string(s.id) + "@" + links.uid_domain;
  e.sequence = s.sequence;
  e.created = s.created_at;
  e.last_modified = s.updated_at;
  e.start = s.start;
  e.end = s.end;
  e.time_zone = s.time_zone;
  e.location = s.location ? *s.location : place_of(s);
  e.url = links.base_url + "/api/v1/sessions/" + std::to_string(s.id);
  e.categories = {category_of(s.kind)};
  e.status = status_of(s.status);
  return e;
}

std::string where_line(const store::feed_session& s) {
  std::string line = s.cell_name ? *s.cell_name + " — " + place_of(s) : "Địa bàn: " + place_of(s);
  return line + "\n";
}

std::string topic_line(const store::feed_session& s) { return s.topic ? "Nội dung: " + *s.topic + "\n" : ""; }

}  // namespace

std::string seat_label(const std::string& need) {
  auto it = seat_words().find(need);
  return it == seat_words().end() ? need : it->second;
}

std::string unit_label(const std::string& kind, const std::string& name) {
  auto it = unit_words().find(kind);
  return it == unit_words().end() ? name : it->second + " " + name;
}

feed_event member_event(const store::feed_session& s, const std::vector<int>& reminders, const feed_links& links) {
  feed_event e = common_event(s, links);
  if (s.assigned_at) e.last_modified = std::max(e.last_modified, *s.assigned_at);
  std::string role = s.need ? seat_label(*s.need) : "";
  e.summary = status_prefix(s.status) + title_of(s);
  if (s.need) e.summary += *s.need == "chair" ? " — chủ trì" : " — dự với vai trò " + role;
  e.description = where_line(s) + topic_line(s);
  if (s.need) e.description += "Vai trò của đồng chí: " + role + "\n";
  if (!s.attendees.empty()) e.description += "Cùng dự: " + names(s.attendees, true) + "\n";
  e.description += status_line(s) + "Chi tiết: " + *e.url;
  e.alarm_minutes = reminders;
  return e;
}

feed_event public_event(const store::feed_session& s, const feed_links& links) {
  feed_event e = common_event(s, links);
  e.summary = status_prefix(s.status) + title_of(s);
  e.description = where_line(s) + topic_line(s);
  if (s.kind == "dialogue") {
    auto chairs = chairs_of(s);
    if (!chairs.empty()) e.description += "Chủ trì: " + names(chairs, false) + "\n";
  }
  e.description += status_line(s) + "Chi tiết: " + *e.url;
  return e;
}

std::string member_feed_name(const std::string& full_name) { return "Lịch công tác — " + full_name; }

std::string unit_feed_name(const std::string& kind, const std::string& name) {
  return "Lịch sinh hoạt, đối thoại — " + unit_label(kind, name);
}

}  // namespace satdan::calendar
