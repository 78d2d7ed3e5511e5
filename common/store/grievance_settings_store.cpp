#include "store/grievance_settings_store.hpp"

#include <algorithm>

#include "core/json_reader.hpp"
#include "store/audit.hpp"
#include "store/sql_support.hpp"

namespace satdan::store {

namespace json = boost::json;
using namespace detail;

namespace {

constexpr const char* slas_sql = "SELECT kind, days FROM grievance_slas ORDER BY kind";
constexpr const char* categories_sql = "SELECT code, label FROM grievance_categories ORDER BY position, code";
constexpr const char* set_sla_sql = "UPDATE grievance_slas SET days = :days WHERE kind = :kind";
constexpr const char* relabel_sql = "UPDATE grievance_categories SET label = :label WHERE code = :code";
constexpr const char* category_exists_sql = "SELECT 1 FROM grievance_categories WHERE code = :code";
// New categories go after the others.
constexpr const char* add_category_sql =
    "INSERT INTO grievance_categories (code, label, position) "
    "SELECT :code, :label, COALESCE(MAX(position), 0) + 1 FROM grievance_categories";

grievance_settings load(soci::session& s) {
  grievance_settings out;
  {
    std::string kind;
    int days = 0;
    soci::statement st = (s.prepare << slas_sql, soci::into(kind), soci::into(days));
    st.execute();
    while (st.fetch()) out.sla_days[kind] = days;
  }
  std::string code, label;
  soci::statement st = (s.prepare << categories_sql, soci::into(code), soci::into(label));
  st.execute();
  while (st.fetch()) out.categories.push_back({code, label});
  return out;
}

}  // namespace

grievance_settings grievance_settings_store::get() {
  return with_session(*db_, "", [&](soci::session& s) { return load(s); });
}

grievance_settings grievance_settings_store::change(const grievance_settings_change& c, const actor& who) {
  return with_session(*db_, "The settings conflict with another change.", [&](soci::session& s) {
    write_transaction tx(s, db_->kind());
    auto before = to_json(load(s));
    for (const auto& [kind, days] : c.sla_days) {
      std::string k = kind;
      int d = days;
      s << set_sla_sql, soci::use(d), soci::use(k);
    }
    for (const auto& [code, label] : c.categories) {
      std::string k = code, l = label;
      int one = 0;
      soci::indicator ind = soci::i_null;
      s << category_exists_sql, soci::use(k), soci::into(one, ind);
      if (s.got_data()) s << relabel_sql, soci::use(l), soci::use(k);
      else s << add_category_sql, soci::use(k), soci::use(l);
    }
    auto next = load(s);
    auto after = to_json(next);
    record_audit(s, who, "update", "grievance_settings", std::nullopt, &before, &after);
    tx.commit();
    return next;
  });
}

grievance_settings_change grievance_settings_change_from_json(const json::value& v) {
  core::field_errors errors;
  core::json_reader r(v, errors);
  grievance_settings_change c;
  if (const json::value* slas = r.raw("sla_days", false)) {
    if (!slas->is_object()) errors.add("sla_days", "must be an object of kind → days");
    else
      for (const auto& kv : slas->as_object()) {
        std::string kind(kv.key()), field = "sla_days." + kind;
        const auto& kinds = domain::grievance_kinds();
        bool known = std::any_of(kinds.begin(), kinds.end(), [&](const domain::labelled& l) { return l.code == kind; });
        if (!known) errors.add(field, "must be a kind: recommendation, report, complaint, denunciation");
        else if (!kv.value().is_int64() || kv.value().get_int64() < 1 || kv.value().get_int64() > 365)
          errors.add(field, "must be a whole number of days from 1 to 365");
        else c.sla_days[kind] = static_cast<int>(kv.value().get_int64());
      }
  }
  if (const json::value* cats = r.raw("categories", false)) {
    if (!cats->is_object()) {
      errors.add("categories", "must be an object of code → label");
    } else {
      // A label is a text field like any other: trimmed, NFC, one line of 1 to 200 characters.
      core::json_reader labels(*cats, errors, "categories.");
      for (const auto& kv : cats->as_object()) {
        std::string code(kv.key());
        if (!domain::is_token(code))
          errors.add("categories." + code, "must be a lowercase identifier (a-z, 0-9, _) as the key");
        else if (auto label = labels.text(code, true, {.max_chars = 200}))
          c.categories[code] = *label;
      }
    }
  }
  r.reject_unknown();
  if (c.sla_days.empty() && c.categories.empty() && errors.empty())
    errors.add("body", "must change sla_days or categories");
  errors.throw_if_any();
  return c;
}

json::object to_json(const grievance_settings& s) {
  json::object slas;
  for (const auto& [kind, days] : s.sla_days) slas[kind] = days;
  json::array categories;
  for (const auto& c : s.categories) categories.push_back({{"code", c.code}, {"label", c.label}});
  return {{"sla_days", std::move(slas)}, {"categories", std::move(categories)}};
}

}  // namespace satdan::store
