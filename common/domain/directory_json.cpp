#include <algorithm>
#include <set>

#include "core/json_reader.hpp"
#include "domain/directory.hpp"
#include "domain/json_support.hpp"

namespace satdan::domain {

namespace json = boost::json;
using core::field_errors;
using core::json_reader;
using core::text_rules;

bool is_token(std::string_view s) {
  if (s.empty() || s.size() > 32 || s[0] < 'a' || s[0] > 'z') return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

namespace {

using namespace json_support;

void require_one_of(field_errors& errors, const char* field, const std::optional<std::string>& value,
                    const std::vector<std::string>& allowed) {
  if (!value || std::find(allowed.begin(), allowed.end(), *value) != allowed.end()) return;
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  errors.add(field, "must be one of: " + list);
}

std::optional<std::string> token(json_reader& r, field_errors& errors, const char* key, bool required) {
  auto v = r.text(key, required, {.max_chars = 32});
  if (v && !is_token(*v)) {
    errors.add(key, "must be a lowercase identifier (a-z, 0-9, _), starting with a letter");
    return std::nullopt;
  }
  return v;
}

bool plausible_email(const std::string& s) {
  auto at = s.find('@');
  return at != std::string::npos && at > 0 && at + 1 < s.size() && s.find('@', at + 1) == std::string::npos &&
         s.find('.', at) != std::string::npos && s.find(' ') == std::string::npos;
}

bool plausible_phone(const std::string& s) {
  int digits = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') ++digits;
    else if (!(c == ' ' || c == '.' || c == '-' || (c == '+' && i == 0))) return false;
  }
  return digits >= 8 && digits <= 15;
}

}  // namespace

unit unit_from_json(const json::value& v) {
  field_errors errors;
  json_reader r(v, errors);
  unit u;
  u.parent_id = r.integer("parent_id", false, 1, max_id);
  if (auto k = token(r, errors, "kind", true)) u.kind = *k;
  if (auto n = r.text("name", true, {.max_chars = 120})) u.name = *n;
  u.code = r.text("code", false, {.max_chars = 32});
  r.reject_unknown();
  errors.throw_if_any();
  return u;
}

cell cell_from_json(const json::value& v) {
  field_errors errors;
  json_reader r(v, errors);
  cell c;
  if (auto id = r.integer("unit_id", true, 1, max_id)) c.unit_id = *id;
  if (auto n = r.text("name", true, {.max_chars = 160})) c.name = *n;
  auto kind = r.text("kind", false, {.max_chars = 32});
  require_one_of(errors, "kind", kind, cell_kinds());
  c.kind = kind.value_or("village");
  r.reject_unknown();
  errors.throw_if_any();
  return c;
}

member member_from_json(const json::value& v) {
  field_errors errors;
  json_reader r(v, errors);
  member m;
  if (auto n = r.text("full_name", true, {.max_chars = 120})) m.full_name = *n;
  auto level = r.text("level", true, {.max_chars = 32});
  require_one_of(errors, "level", level, member_levels());
  if (level) m.level = *level;
  if (auto roles = r.text_list("roles", false, {.max_chars = 32}, 10)) {
    std::set<std::string> unique;
    for (std::size_t i = 0; i < roles->size(); ++i) {
      const auto& role = (*roles)[i];
      std::string field = "roles[" + std::to_string(i) + "]";
      if (!is_token(role)) errors.add(field, "must be a lowercase identifier (a-z, 0-9, _)");
      else if (std::find(member_levels().begin(), member_levels().end(), role) != member_levels().end())
        errors.add(field, "is a level, not a role");
      else if (!unique.insert(role).second) errors.add(field, "is listed twice");
    }
    m.roles.assign(unique.begin(), unique.end());
  }
  if (auto h = r.integer("home_unit_id", true, 1, max_id)) m.home_unit_id = *h;
  m.max_per_month = static_cast<int>(r.integer("max_per_month", false, 0, 31).value_or(4));
  m.position = r.text("position", false, {.max_chars = 160});
  m.phone = r.text("phone", false, {.max_chars = 32});
  if (m.phone && !plausible_phone(*m.phone)) errors.add("phone", "must be 8 to 15 digits, optionally with +, spaces, dots or dashes");
  m.email = r.text("email", false, {.max_chars = 254});
  if (m.email && !plausible_email(*m.email)) errors.add("email", "must be an e-mail address");
  m.active = r.boolean("active", false).value_or(true);
  r.reject_unknown();
  errors.throw_if_any();
  return m;
}

responsibility responsibility_from_json(const json::value& v) {
  field_errors errors;
  json_reader r(v, errors);
  responsibility x;
  if (auto m = r.integer("member_id", true, 1, max_id)) x.member_id = *m;
  x.unit_id = r.integer("unit_id", false, 1, max_id);
  x.cell_id = r.integer("cell_id", false, 1, max_id);
  bool unit_given = r.has("unit_id") && !v.as_object().at("unit_id").is_null();
  bool cell_given = r.has("cell_id") && !v.as_object().at("cell_id").is_null();
  if (unit_given == cell_given) {
    errors.add(unit_given ? "cell_id" : "unit_id", "exactly one of unit_id and cell_id must be given");
  }
  r.reject_unknown();
  errors.throw_if_any();
  return x;
}

unavailability unavailability_from_json(const json::value& v) {
  field_errors errors;
  json_reader r(v, errors);
  unavailability u;
  if (auto m = r.integer("member_id", true, 1, max_id)) u.member_id = *m;
  auto start = r.time("start", true);
  auto end = r.time("end", true);
  if (start) u.start = *start;
  if (end) u.end = *end;
  if (start && end) {
    if (*end <= *start) errors.add("end", "must be after start");
    else if (*end - *start > std::chrono::days(400)) errors.add("end", "must be at most 400 days after start");
  }
  u.reason = r.text("reason", false, {.max_chars = 500, .single_line = false});
  r.reject_unknown();
  errors.throw_if_any();
  return u;
}

json::object to_json(const unit& u) {
  return {{"id", u.id}, {"parent_id", opt(u.parent_id)}, {"kind", u.kind}, {"name", u.name}, {"code", opt(u.code)}};
}

json::object to_json(const cell& c) {
  return {{"id", c.id}, {"unit_id", c.unit_id}, {"name", c.name}, {"kind", c.kind}};
}

json::object to_json(const member& m) {
  json::array roles;
  for (const auto& r : m.roles) roles.emplace_back(r);
  return {{"id", m.id},
          {"full_name", m.full_name},
          {"level", m.level},
          {"roles", std::move(roles)},
          {"home_unit_id", m.home_unit_id},
          {"max_per_month", m.max_per_month},
          {"position", opt(m.position)},
          {"phone", opt(m.phone)},
          {"email", opt(m.email)},
          {"active", m.active}};
}

json::object to_json(const responsibility& r) {
  return {{"id", r.id}, {"member_id", r.member_id}, {"unit_id", opt(r.unit_id)}, {"cell_id", opt(r.cell_id)}};
}

json::object to_json(const unavailability& u) {
  return {{"id", u.id},
          {"member_id", u.member_id},
          {"start", core::format_utc(u.start)},
          {"end", core::format_utc(u.end)},
          {"reason", opt(u.reason)}};
}

}  // namespace satdan::domain
