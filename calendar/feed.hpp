// A calendar feed as plain values, and its one rendering to iCalendar (RFC 5545) through libical's
// component API. What goes into the values (Vietnamese texts, roles, co-attendees) is feed_content's job.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/instant.hpp"

namespace satdan::calendar {

enum class event_status { confirmed, tentative, cancelled };

struct feed_event {
  std::string uid;                    // stable for the life of the session
  std::int64_t sequence = 0;
  core::instant created{};
  core::instant last_modified{};      // also DTSTAMP: the time the information was last revised
  core::instant start{};
  core::instant end{};
  std::string time_zone;              // IANA; DTSTART/DTEND are local times with this TZID
  std::string summary;
  std::optional<std::string> location;
  std::string description;
  std::optional<std::string> url;
  std::vector<std::string> categories;
  event_status status = event_status::confirmed;
  std::vector<int> alarm_minutes;     // a display reminder this many minutes before the start, each
};

struct feed_document {
  std::string name;                   // NAME and X-WR-CALNAME
  std::string time_zone;              // X-WR-TIMEZONE (IANA)
  std::chrono::minutes refresh{60};   // REFRESH-INTERVAL and X-PUBLISHED-TTL
  std::vector<feed_event> events;
};

// The document as iCalendar text: METHOD:PUBLISH, a VTIMEZONE for every zone used, CRLF line ends, lines
// folded at most 74 octets and never inside a UTF-8 character. Text values are escaped by libical, after
// control characters other than line breaks and tabs are dropped, so no text can add or end a property or
// a component. Throws core::error(internal) for a time zone libical does not know.
std::string render_ics(const feed_document& doc);

}  // namespace satdan::calendar
