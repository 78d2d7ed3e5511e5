#include "store/sql_support.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/local_date.hpp"
#include "core/log.hpp"

namespace satdan::store::detail {

void refuse_if_dependents(const std::string& what, std::vector<core::dependent> counts) {
  std::vector<core::dependent> nonzero;
  std::string list;
  for (auto& d : counts) {
    if (d.count == 0) continue;
    list += (list.empty() ? "" : ", ") + std::to_string(d.count) + " " + d.kind;
    nonzero.push_back(std::move(d));
  }
  if (nonzero.empty()) return;
  throw core::error(core::errc::conflict, what + " cannot be deleted while other records depend on it: " + list + ".")
      .with_dependents(std::move(nonzero));
}

core::instant parse_db_instant_or_throw(const std::string& text) {
  auto t = core::parse_db_instant(text);
  if (!t) throw core::error(core::errc::internal, "Internal error.", {}, "unreadable instant in the database: " + text);
  if (t->clamped)
    core::log::warn("out_of_range_value_read", {{"stored", text}, {"read_as", core::format_utc(t->value)}});
  return t->value;
}

std::chrono::year_month_day parse_db_date_or_throw(const std::string& text) {
  auto d = core::parse_db_date(text);
  if (!d) throw core::error(core::errc::internal, "Internal error.", {}, "unreadable date in the database: " + text);
  if (d->clamped)
    core::log::warn("out_of_range_value_read", {{"stored", text}, {"read_as", core::format_date(d->value)}});
  return d->value;
}

std::string noun(std::string_view entity, id_t id) {
  std::string out(entity);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out + " " + std::to_string(id);
}

std::string seats_text(const std::map<std::string, int>& seats) {
  boost::json::object o;
  for (const auto& [k, n] : seats) o[k] = n;
  return boost::json::serialize(o);
}

std::map<std::string, int> seats_of(const std::string& text) {
  std::map<std::string, int> out;
  boost::json::value v = boost::json::parse(text);
  for (const auto& kv : v.as_object()) out[std::string(kv.key())] = static_cast<int>(kv.value().as_int64());
  return out;
}

}  // namespace satdan::store::detail
