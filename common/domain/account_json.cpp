#include <algorithm>

#include "core/json_reader.hpp"
#include "core/utf8.hpp"
#include "domain/account.hpp"
#include "security/secrets.hpp"

namespace satdan::domain {

namespace json = boost::json;

const std::vector<std::string>& account_roles() {
  static const std::vector<std::string> roles = {"admin", "secretariat", "staff", "member"};
  return roles;
}

namespace {

bool valid_username(const std::string& s) {
  if (s.size() < 3 || s.size() > 64) return false;
  auto ok = [](char c, bool first) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (!first && (c == '.' || c == '_' || c == '-'));
  };
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!ok(s[i], i == 0)) return false;
  return true;
}

}  // namespace

std::string password_problem(const std::string& password) {
  if (core::utf8_length(password) < security::min_password_chars)
    return "must be at least " + std::to_string(security::min_password_chars) + " characters";
  if (password.size() > security::max_password_bytes)
    return "must be at most " + std::to_string(security::max_password_bytes) + " bytes";
  return "";
}

account_input account_from_json(const json::value& v, bool password_required) {
  core::field_errors errors;
  core::json_reader r(v, errors);
  account_input in;
  account& a = in.value;
  if (auto u = r.text("username", true, {.max_chars = 64})) {
    if (valid_username(*u)) a.username = *u;
    else errors.add("username", "must be 3 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit");
  }
  a.display_name = r.text("display_name", false, {.max_chars = 120});
  auto role = r.text("role", true, {.max_chars = 32});
  if (role && std::find(account_roles().begin(), account_roles().end(), *role) == account_roles().end())
    errors.add("role", "must be one of: admin, secretariat, staff, member");
  else if (role)
    a.role = *role;
  a.member_id = r.integer("member_id", false, 1, 9'007'199'254'740'991);
  if (role && (*role == "member") != a.member_id.has_value())
    errors.add("member_id", *role == "member" ? "is required for a member account"
                                              : "is only for member accounts");
  a.active = r.boolean("active", false).value_or(true);
  in.password = r.text("password", password_required, {.max_chars = 1024, .single_line = false});
  if (in.password) {
    if (auto why = password_problem(*in.password); !why.empty()) errors.add("password", why);
  }
  r.text("created_at", false, {.max_chars = 64});  // read-only, echoed back by merge patches: ignored
  r.reject_unknown();
  errors.throw_if_any();
  return in;
}

json::object to_json(const account& a) {
  json::value display = nullptr, member = nullptr;
  if (a.display_name) display = *a.display_name;
  if (a.member_id) member = *a.member_id;
  return {{"id", a.id},         {"username", a.username},         {"display_name", display}, {"role", a.role},
          {"member_id", member}, {"active", a.active}, {"created_at", core::format_utc(a.created_at)}};
}

}  // namespace satdan::domain
