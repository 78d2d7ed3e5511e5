#include "pages/session_wording.hpp"

#include <chrono>

#include "calendar/recurrence.hpp"
#include "pages/page_kit.hpp"
#include "pages/vi_format.hpp"

namespace satdan::pages {

namespace {

namespace json = boost::json;

// "Chi bộ thôn Bình Trung" inside a sentence: "chi bộ thôn Bình Trung". Only an ASCII first letter changes;
// the words that begin these names (Chi, Huyện, Xã) all start with one.
std::string lower_first(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return text;
}

std::string two_digits(unsigned n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::string day_month(std::chrono::year_month_day d) {
  return two_digits(static_cast<unsigned>(d.day())) + "/" + two_digits(static_cast<unsigned>(d.month()));
}
std::string full_date(std::chrono::year_month_day d) {
  return day_month(d) + "/" + std::to_string(static_cast<int>(d.year()));
}

const json::value* field_value(const json::object& changes, std::string_view field, std::string_view side) {
  auto* change = changes.if_contains(field);
  if (!change || !change->is_object()) return nullptr;
  return change->as_object().if_contains(side);
}

std::string text_of(const json::value* v) {
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

std::string session_wording::unit_label(domain::id_t unit_id) {
  auto [it, fresh] = units_.try_emplace(unit_id);
  if (fresh) {
    try {
      // The deployment's level word, else this page's word for kinds that are no level (thị trấn), else
      // the name alone.
      auto u = app_.directory.get_unit(unit_id);
      std::string kind = level_name(app_, u.kind);
      if (kind == u.kind) kind = assets().words().find("session.unit_kind_" + u.kind).value_or("");
      it->second = kind.empty() ? u.name : kind + " " + u.name;
    } catch (const core::error&) {
      it->second = std::to_string(unit_id);
    }
  }
  return it->second;
}

std::string session_wording::cell_name(domain::id_t cell_id) {
  auto [it, fresh] = cells_.try_emplace(cell_id);
  if (fresh) {
    try {
      it->second = app_.directory.get_cell(cell_id).name;
    } catch (const core::error&) {
      it->second = std::to_string(cell_id);
    }
  }
  return it->second;
}

std::string session_wording::member_name(domain::id_t member_id) {
  auto [it, fresh] = members_.try_emplace(member_id);
  if (fresh) {
    try {
      it->second = app_.directory.get_member(member_id).full_name;
    } catch (const core::error&) {
      it->second = assets().words().format("session.unknown_member", {{"id", std::to_string(member_id)}});
    }
  }
  return it->second;
}

std::string session_wording::account_name(domain::id_t account_id) {
  auto [it, fresh] = accounts_.try_emplace(account_id);
  if (fresh) {
    try {
      auto a = app_.auth.accounts().get(account_id);
      it->second = a.display_name.value_or(a.username);
    } catch (const core::error&) {
      it->second = std::to_string(account_id);
    }
  }
  return it->second;
}

std::string session_wording::title(const domain::session& s) {
  const auto& words = assets().words();
  if (s.kind == "cell_meeting" && s.cell_id)
    return words.format("session.title_cell", {{"cell", lower_first(cell_name(*s.cell_id))}});
  return words.format("session.title_unit", {{"kind", words.get("kinds." + s.kind)}, {"unit", unit_label(s.unit_id)}});
}

std::string session_wording::seat(const std::string& need) {
  const auto& words = assets().words();
  if (auto role = words.find("rules.role_" + need)) return *role;
  if (need == "province" || need == "district" || need == "commune")
    return words.format("rules.seat_level", {{"level", lower_first(level_name(app_, need))}});
  return need;
}

std::string session_wording::times(core::instant start, core::instant end) {
  auto a = calendar::to_local(start, app_.config.timezone), b = calendar::to_local(end, app_.config.timezone);
  return format_vi_time(a.time.hour, a.time.minute) + "–" + format_vi_time(b.time.hour, b.time.minute);
}

std::string session_wording::when(core::instant start, core::instant end) {
  auto a = calendar::to_local(start, app_.config.timezone);
  return format_vi_date(a.date, assets().words()) + ", " + times(start, end);
}

std::string session_wording::refusal(const services::verdict& v, const services::seat_member& m, const std::string& need,
                                     const services::seat_session& session) {
  const auto& words = assets().words();
  const auto& zone = app_.config.timezone;
  using services::refusal;
  switch (v.why) {
    case refusal::none: return "";
    case refusal::not_fitting: return words.get("rules.not_fitting");
    case refusal::other_commune: return words.format("rules.other_commune", {{"home", unit_label(m.home_unit_id)}});
    case refusal::already_seated: return words.get("rules.already_seated");
    case refusal::no_such_seat: return words.format("rules.no_such_seat", {{"seat", lower_first(seat(need))}});
    case refusal::seats_full:
      return words.format("rules.seats_full", {{"count", std::to_string(v.limit)}, {"seat", lower_first(seat(need))}});
    case refusal::away: {
      // The period is half-open: one ending at midnight ends, in words, the day before.
      auto from = calendar::to_local(v.period->start, zone).date;
      auto to = calendar::to_local(v.period->end - std::chrono::seconds(1), zone).date;
      std::string from_text = from.year() == to.year() ? day_month(from) : full_date(from);
      if (v.period->reason && !v.period->reason->empty())
        return words.format("rules.away_reason", {{"from", from_text}, {"to", full_date(to)}, {"reason", *v.period->reason}});
      return words.format("rules.away", {{"from", from_text}, {"to", full_date(to)}});
    }
    case refusal::travel: {
      std::string other;
      try {
        other = title(app_.meetings.get_session(v.other->session_id));
      } catch (const core::error&) {
        other = words.format("rules.other_session", {{"id", std::to_string(v.other->session_id)}});
      }
      auto day = calendar::to_local(v.other->start, zone).date;
      bool same_day = day == calendar::to_local(session.start, zone).date;
      return words.format(same_day ? "rules.travel_same_day" : "rules.travel_other_day",
                          {{"other", other}, {"times", times(v.other->start, v.other->end)}, {"date", full_date(day)},
                           {"gap", std::to_string(v.gap_minutes)}});
    }
    case refusal::monthly_cap: {
      auto d = calendar::to_local(session.start, zone).date;
      std::string month = two_digits(static_cast<unsigned>(d.month())) + "/" + std::to_string(static_cast<int>(d.year()));
      return words.format("rules.monthly_cap",
                          {{"count", std::to_string(v.count)}, {"month", month}, {"limit", std::to_string(v.limit)}});
    }
  }
  return "";
}

std::string session_wording::status_word(const std::string& status) {
  return assets().words().find("session.status_" + status).value_or(status);
}

std::string session_wording::change(const domain::audit_entry& e) {
  const auto& words = assets().words();
  const auto& c = e.changes;
  if (e.entity == "assignment") {
    auto member_of = [&](std::string_view side) -> std::string {
      auto* v = field_value(c, "member_id", side);
      return v && v->is_int64() ? member_name(v->as_int64()) : std::string();
    };
    if (e.action == "create")
      return words.format("session.h_assigned", {{"name", member_of("new")}, {"seat", seat(text_of(field_value(c, "need", "new")))}});
    if (e.action == "delete")
      return words.format("session.h_unassigned", {{"name", member_of("old")}, {"seat", seat(text_of(field_value(c, "need", "old")))}});
    // A pin's entry names only the assignment, which is still the session's.
    auto* pinned = field_value(c, "pinned", "new");
    std::string name;
    if (e.entity_id)
      if (auto it = seated_.find(*e.entity_id); it != seated_.end()) name = member_name(it->second);
    return words.format(pinned && pinned->is_bool() && pinned->as_bool() ? "session.h_pinned" : "session.h_unpinned",
                        {{"name", name}});
  }
  if (e.action == "create") return words.get("session.h_created");
  if (e.action == "delete") return words.get("session.h_deleted");
  std::vector<std::string> parts;
  auto* new_start = field_value(c, "start", "new");
  auto* new_end = field_value(c, "end", "new");
  if (new_start || new_end) {
    auto instant_of = [](const json::value* v) { return core::parse_rfc3339(text_of(v)); };
    auto old_start = instant_of(field_value(c, "start", "old")), old_end = instant_of(field_value(c, "end", "old"));
    auto next_start = instant_of(new_start), next_end = instant_of(new_end);
    if (next_start && next_end && old_start && old_end)
      parts.push_back(words.format("session.h_moved", {{"old", when(*old_start, *old_end)}, {"new", when(*next_start, *next_end)}}));
    else
      parts.push_back(words.get("session.h_moved_short"));
  }
  if (c.contains("location")) {
    std::string none = words.get("session.no_location");
    std::string before = text_of(field_value(c, "location", "old")), after = text_of(field_value(c, "location", "new"));
    parts.push_back(words.format("session.h_place", {{"old", before.empty() ? none : before}, {"new", after.empty() ? none : after}}));
  }
  if (c.contains("status"))
    parts.push_back(words.format("session.h_status", {{"old", status_word(text_of(field_value(c, "status", "old")))},
                                                      {"new", status_word(text_of(field_value(c, "status", "new")))}}));
  if (auto reason = text_of(field_value(c, "status_reason", "new")); !reason.empty())
    parts.push_back(words.format("session.h_reason", {{"reason", reason}}));
  if (parts.empty()) return words.get("session.h_other");
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ". ") + p;
  return out;
}

}  // namespace satdan::pages
