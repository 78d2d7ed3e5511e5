// What a feed says about a session, in Vietnamese: the summary ("Sinh hoạt chi bộ thôn Phú Lâm — dự với vai
// trò huyện ủy viên"), the place, a description with the cell, the member's role and who else attends, and
// a link back. Member feeds name co-attendees; public (unit) feeds name nobody but a dialogue's chair.
#pragma once
#include <string>
#include <vector>

#include "calendar/feed.hpp"
#include "store/feeds_store.hpp"

namespace satdan::calendar {

struct feed_links {
  std::string base_url;    // the public base URL: links are base_url + "/api/v1/sessions/{id}"
  std::string uid_domain;  // UIDs are "session-{id}@{uid_domain}"
};

// "huyện ủy viên" for a district seat, "chủ trì" for the chair; unknown seats as they are.
std::string seat_label(const std::string& need);
// "xã Tam Thành", "thôn Phú Lâm"; a unit kind without a Vietnamese word gives the bare name.
std::string unit_label(const std::string& kind, const std::string& name);

// An event of a member's private feed (the session carries the member's seat and the other attendees).
feed_event member_event(const store::feed_session& s, const std::vector<int>& reminders, const feed_links& links);
// An event of a public feed: no personal data beyond the chair of a dialogue.
feed_event public_event(const store::feed_session& s, const feed_links& links);

std::string member_feed_name(const std::string& full_name);
std::string unit_feed_name(const std::string& kind, const std::string& name);

}  // namespace satdan::calendar
