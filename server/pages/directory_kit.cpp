#include "pages/directory_kit.hpp"

#include <algorithm>
#include <charconv>
#include <regex>

#include "api/support.hpp"
#include "pages/vi_format.hpp"

namespace satdan::pages::directory {

namespace {

const std::vector<std::string>& known_kinds() {
  static const std::vector<std::string> kinds = {"province", "district", "commune", "town", "village", "street_block"};
  return kinds;
}

// The numbers in a reason, in order: "must be between 0 and 31" → {"0", "31"}.
std::vector<std::string> numbers_in(const std::string& reason) {
  std::vector<std::string> out;
  static const std::regex number("[0-9]+");
  for (auto it = std::sregex_iterator(reason.begin(), reason.end(), number); it != std::sregex_iterator(); ++it)
    out.push_back(it->str());
  return out;
}

}  // namespace

bool can_change(const http::request& req) {
  return req.who && (req.who->role == "secretariat" || req.who->role == "admin");
}

std::string word(std::string_view key) { return assets().words().get("directory." + std::string(key)); }

std::string word(std::string_view key, const std::vector<std::pair<std::string, std::string>>& values) {
  return assets().words().format("directory." + std::string(key), values);
}

std::string kind_word(api::app_context& app, std::string_view kind) {
  std::string level = level_name(app, kind);
  if (level != kind) return level;
  if (auto own = assets().words().find("directory.kind_" + std::string(kind))) return *own;
  return std::string(kind);
}

view kind_options(api::app_context& app, const std::string& current) {
  std::vector<std::string> kinds = known_kinds();
  if (!current.empty() && std::find(kinds.begin(), kinds.end(), current) == kinds.end()) kinds.push_back(current);
  view list{view::type::list};
  for (const auto& k : kinds) {
    view item;
    item.set("value", k);
    item.set("label", kind_word(app, k));
    if (k == current) item.set("selected", true);
    list.push_back(item);
  }
  return list;
}

void put_notice(view& page, const http::request& req) {
  std::string name = query_value(req, "thong-bao");
  if (name.empty() || name.size() > 64) return;
  for (char& c : name) {
    if (c == '-') c = '_';
    else if (!(c >= 'a' && c <= 'z')) return;
  }
  if (auto text = assets().words().find("directory.notice_" + name)) page.set("flash", *text);
}

std::string field_message(const std::string& noun, const std::string& reason, bool choice) {
  auto n = numbers_in(reason);
  auto starts = [&reason](std::string_view prefix) { return reason.starts_with(prefix); };
  if (starts("is required") || starts("must not be empty")) return word(choice ? "err_choose" : "err_required", {{"field", noun}});
  if (starts("must be one of")) return word("err_choose", {{"field", noun}});
  if (starts("must be at most") && reason.ends_with("characters") && !n.empty())
    return word("err_too_long", {{"field", noun}, {"max", n[0]}});
  if (starts("must be a single line")) return word("err_single_line", {{"field", noun}});
  if (starts("must be between") && n.size() == 2) return word("err_range", {{"field", noun}, {"min", n[0]}, {"max", n[1]}});
  if (starts("must be an integer") || starts("is too large")) return word("err_integer", {{"field", noun}});
  if (starts("must be 8 to 15 digits")) return word("err_phone");
  if (starts("must be an e-mail address")) return word("err_email");
  if (starts("is already used by another member")) return word("err_email_taken");
  if (starts("is already used by another unit")) return word("err_code_taken");
  if (starts("is already used by another cell")) return word("err_cell_name_taken");
  if (starts("no unit has this id")) return word("err_no_unit");
  if (starts("no cell has this id")) return word("err_gone");
  if (starts("must be after start")) return word("err_end_before");
  if (starts("must be at most 400 days")) return word("err_period_too_long");
  if (starts("is already in this member's charge")) return word("err_already_responsible");
  if (starts("exactly one of")) return word("err_choose_place");
  if (starts("must be a lowercase identifier")) return word("err_choose", {{"field", noun}});
  return word("err_invalid", {{"field", noun}});
}

field_messages translate(const core::error& e, const std::vector<form_field_spec>& fields) {
  field_messages out;
  for (const auto& f : e.fields()) {
    // A field the form does not show (e.g. "roles[0]") is named by the closest field it has.
    const form_field_spec* spec = nullptr;
    for (const auto& candidate : fields)
      if (f.field == candidate.api_field || f.field.starts_with(candidate.api_field + "[")) spec = &candidate;
    if (!spec && !fields.empty()) spec = &fields.front();
    if (!spec) continue;
    std::string message = field_message(word("noun_" + spec->noun_key), f.reason, spec->choice);
    if (!message_for(out, spec->id)) out.emplace_back(spec->id, std::move(message));
  }
  return out;
}

std::optional<std::string> message_for(const field_messages& errors, const std::string& id) {
  for (const auto& [field, message] : errors)
    if (field == id) return message;
  return std::nullopt;
}

std::string refusal(const std::string& what, const core::error& e) {
  std::string list;
  for (const auto& d : e.dependents()) {
    auto known = assets().words().find("directory.dep_" + d.kind);
    std::string part = word(known ? "dep_" + d.kind : std::string("dep_other"), {{"n", format_vi_number(d.count)}});
    list += (list.empty() ? "" : ", ") + part;
  }
  return word("refused", {{"what", what}, {"list", list}});
}

void put_text(boost::json::object& o, const char* key, const std::string& value, bool required) {
  if (!value.empty() || required) o[key] = value;
}

void put_integer(boost::json::object& o, const char* key, const std::string& value) {
  if (value.empty()) return;
  long long n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec == std::errc() && end == value.data() + value.size()) o[key] = n;
  else o[key] = value;
}

domain::id_t id_param(const http::path_params& params, std::string_view name) { return api::path_id(params, name); }

}  // namespace satdan::pages::directory
