// The rule builder's form: what the secretariat typed (kept as typed, to show it back), read into a series
// with each problem beside its field, and turned into the view the template draws.
#pragma once
#include <optional>
#include <string>

#include "domain/meeting.hpp"
#include "http/message.hpp"
#include "pages/page_kit.hpp"

namespace satdan::pages {

struct rule_input {
  std::string pattern = "ngay";     // "ngay": a day of the month; "thu": a weekday of a week
  std::string day = "5";            // "1".."31" or "cuoi"
  std::string weekday = "2";        // "0" (Sunday) .. "6"
  std::string week = "1";           // "1".."4" or "cuoi"
  std::string every = "1";          // months
  std::string first_date;           // 2027-01-01 or 01/01/2027
  std::string ends = "khong";       // "khong", "ngay" (until a day), "so-lan" (a count)
  std::string until;
  std::string count;
  std::string start_time = "19:30";
  std::string end_time = "21:30";
  std::string location;
  std::string skip_dates;           // one date a line (or separated by commas)
};

rule_input rule_input_from(const http::header_list& form);
// The form filled from a stored series (a rule not said in words starts from the defaults).
rule_input rule_input_from(const domain::series& s);

// The series the input describes, for `cell_id` in `time_zone` (seats as `seats_from`'s, else the
// defaults), or the problems, each under its form field's id.
struct rule_reading {
  domain::series series;
  field_messages errors;
};
rule_reading read_rule_input(const rule_input& in, domain::id_t cell_id, const std::string& time_zone,
                             const domain::series* seats_from = nullptr);

// Puts the fields (values, options with the chosen one marked, errors beside them) into `page`.
void put_rule_fields(view& page, const rule_input& in, const field_messages& errors);

// A field error from the service (libical's complaint about the rule, a split day) as a message beside a field.
field_messages messages_for(const core::error& e);

// "2027-01-01" or "01/01/2027" (or "1/1/2027").
std::optional<std::chrono::year_month_day> read_form_date(std::string_view text);

}  // namespace satdan::pages
