#include "domain/audit.hpp"

namespace satdan::domain {

namespace json = boost::json;

json::object to_json(const audit_entry& e) {
  json::value account = nullptr, entity_id = nullptr;
  if (e.account_id) account = *e.account_id;
  if (e.entity_id) entity_id = *e.entity_id;
  return {{"id", e.id},           {"at", core::format_utc(e.at)}, {"account_id", account}, {"action", e.action},
          {"entity", e.entity},   {"entity_id", entity_id},       {"changes", e.changes}};
}

json::object field_changes(const json::object* before, const json::object* after) {
  json::object out;
  auto note = [&](std::string_view key, const json::value* old_value, const json::value* new_value) {
    if (key == "id") return;
    if (old_value && new_value && *old_value == *new_value) return;
    json::object change;
    if (old_value) change["old"] = *old_value;
    if (new_value) change["new"] = *new_value;
    out[key] = std::move(change);
  };
  if (before)
    for (const auto& kv : *before) note(kv.key(), &kv.value(), after ? after->if_contains(kv.key()) : nullptr);
  if (after)
    for (const auto& kv : *after)
      if (!before || !before->contains(kv.key())) note(kv.key(), nullptr, &kv.value());
  return out;
}

}  // namespace satdan::domain
