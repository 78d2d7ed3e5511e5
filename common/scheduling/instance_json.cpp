// JSON of the attendance-assignment problem, exactly as ../shared/spec/scheduling.md writes it. Unknown keys
// are ignored (the spec tells checkers to ignore fields they do not know); wrong types and values are not.
#include <boost/json/value.hpp>

#include <algorithm>
#include <limits>
#include <set>

#include "core/json_reader.hpp"
#include "scheduling/instance.hpp"

namespace satdan::scheduling {

namespace json = boost::json;
using core::field_errors;
using core::json_reader;
using core::text_rules;

namespace {

// The spec only says "integers ≥ 0"; the caps keep every weighted cost far inside int64.
constexpr std::int64_t max_count = 1'000'000;
constexpr std::int64_t max_minutes = 1'000'000;
constexpr std::int64_t max_weight = 1'000'000'000;
constexpr text_rules id_rules{.max_chars = 200};
constexpr text_rules name_rules{.max_chars = 500, .allow_empty = true};
constexpr std::size_t max_list = 1'000'000;

const std::vector<std::string> levels{"district", "commune"};
const std::vector<std::string> kinds{"cell_meeting", "dialogue"};
const std::vector<std::string> periods{"month", "quarter", "year"};

std::string item(const std::string& prefix, std::string_view key, std::size_t i) {
  return prefix + std::string(key) + "[" + std::to_string(i) + "]";
}

void require_one_of(field_errors& errors, const std::string& field, const std::optional<std::string>& value,
                    const std::vector<std::string>& allowed) {
  if (!value || std::find(allowed.begin(), allowed.end(), *value) != allowed.end()) return;
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  errors.add(field, "must be one of: " + list);
}

// Calls `each(reader, name, index)` for every object of the array at `key`; `prefix` is the reader's own.
template <class F>
void for_each_object(json_reader& r, field_errors& errors, const std::string& prefix, std::string_view key,
                     bool required, F each) {
  const json::value* v = r.raw(key, required);
  if (!v) return;
  const json::array* arr = v->if_array();
  if (!arr) {
    errors.add(prefix + std::string(key), "must be an array of objects");
    return;
  }
  for (std::size_t i = 0; i < arr->size(); ++i) {
    std::string name = item(prefix, key, i);
    // Checked here so the reader never names the element with a dangling "." suffix.
    if (!(*arr)[i].is_object()) {
      errors.add(name, "must be a JSON object");
      continue;
    }
    json_reader ir((*arr)[i], errors, name + ".");
    each(ir, name, i);
  }
}

// An optional JSON object read with its own reader (for weights and coverage); nullopt when absent or bad.
std::optional<json_reader> sub_object(json_reader& r, field_errors& errors, const std::string& prefix,
                                      std::string_view key) {
  const json::value* v = r.raw(key, false);
  if (!v) return std::nullopt;
  if (!v->is_object()) {
    errors.add(prefix + std::string(key), "must be a JSON object");
    return std::nullopt;
  }
  return json_reader(*v, errors, prefix + std::string(key) + ".");
}

// needs / optional: requirement → count.
std::map<std::string, int> count_map(json_reader& r, field_errors& errors, const std::string& prefix,
                                     std::string_view key) {
  std::map<std::string, int> out;
  const json::value* v = r.raw(key, false);
  if (!v) return out;
  const json::object* o = v->if_object();
  if (!o) {
    errors.add(prefix + std::string(key), "must be an object of requirement → count");
    return out;
  }
  std::string base = prefix + std::string(key) + ".";
  json_reader cr(*v, errors, base);
  for (const auto& kv : *o) {
    std::string name = base + std::string(kv.key());
    if (kv.key().empty()) errors.add(name, "a requirement name must not be empty");
    else if (kv.value().is_null()) errors.add(name, "must be an integer");
    else if (auto n = cr.integer(kv.key(), true, 0, max_count)) out[std::string(kv.key())] = static_cast<int>(*n);
  }
  return out;
}

std::optional<interval> read_interval(json_reader& r, field_errors& errors, const std::string& prefix) {
  auto start = r.time("start", true);
  auto end = r.time("end", true);
  if (!start || !end) return std::nullopt;
  if (*end <= *start) {
    errors.add(prefix + "end", "must be after start");
    return std::nullopt;
  }
  return interval{*start, *end};
}

std::optional<assignment> read_assignment(json_reader& r) {
  auto s = r.text("session", true, id_rules);
  auto m = r.text("member", true, id_rules);
  auto n = r.text("need", true, id_rules);
  if (!s || !m || !n) return std::nullopt;
  return assignment{*s, *m, *n};
}

void read_weights(json_reader& r, field_errors& errors, weights& w) {
  auto o = sub_object(r, errors, "", "weights");
  if (!o) return;
  // Merged key by key: an absent key keeps the default.
  auto get = [&](const char* key, std::int64_t& into) { into = o->integer(key, false, 0, max_weight).value_or(into); };
  get("unfilled", w.unfilled);
  get("uncovered", w.uncovered);
  get("outside", w.outside);
  get("travel", w.travel);
  get("imbalance", w.imbalance);
  get("moved", w.moved);
}

void read_coverage(json_reader& r, field_errors& errors, coverage_rule& c) {
  auto o = sub_object(r, errors, "", "coverage");
  if (!o) return;
  auto level = o->text("level", false, id_rules);
  require_one_of(errors, "coverage.level", level, levels);
  if (level) c.level = *level;
  auto period = o->text("period", false, id_rules);
  require_one_of(errors, "coverage.period", period, periods);
  if (period) c.period = *period;
}

void read_version(json_reader& r, field_errors& errors, int& version) {
  const json::value* v = r.raw("version", true);
  if (!v) return;
  bool one = (v->is_int64() && v->get_int64() == 1) || (v->is_uint64() && v->get_uint64() == 1);
  if (!one) errors.add("version", "must be 1 (the only format version)");
  else version = 1;
}

json::value to_json(const assignment& a) {
  return json::object{{"session", a.session}, {"member", a.member}, {"need", a.need}};
}

json::array to_json(const std::vector<assignment>& list) {
  json::array out;
  for (const auto& a : list) out.push_back(to_json(a));
  return out;
}

json::array strings(const std::vector<std::string>& list) {
  json::array out;
  for (const auto& s : list) out.emplace_back(s);
  return out;
}

json::object counts(const std::map<std::string, int>& m) {
  json::object out;
  for (const auto& [k, n] : m) out[k] = n;
  return out;
}

json::object interval_json(const interval& i) {
  return {{"start", core::format_utc(i.start)}, {"end", core::format_utc(i.end)}};
}

}  // namespace

std::optional<int> instance::travel(const std::string& a, const std::string& b) const {
  if (a == b) return travel_within_minutes;
  auto it = travel_minutes.find({a, b});
  if (it == travel_minutes.end()) return std::nullopt;
  return it->second;
}

instance instance_from_json(const json::value& v) {
  field_errors errors;
  json_reader r(v, errors);
  instance in;
  read_version(r, errors, in.version);
  if (auto tz = r.text("timezone", false, id_rules)) in.timezone = *tz;
  read_weights(r, errors, in.w);
  read_coverage(r, errors, in.coverage);
  in.travel_within_minutes =
      static_cast<int>(r.integer("travel_within_minutes", false, 0, max_minutes).value_or(in.travel_within_minutes));

  std::map<std::string, std::size_t> unit_index;
  for_each_object(r, errors, "", "units", true, [&](json_reader& ur, const std::string& name, std::size_t) {
    unit u;
    auto id = ur.text("id", true, id_rules);
    if (auto n = ur.text("name", false, name_rules)) u.name = *n;
    if (!id) return;
    u.id = *id;
    if (!unit_index.emplace(u.id, in.units.size()).second) errors.add(name + ".id", "repeats the unit " + u.id);
    in.units.push_back(std::move(u));
  });
  auto check_unit = [&](const std::string& field, const std::string& id) {
    if (!unit_index.contains(id)) errors.add(field, "names no unit of units: " + id);
  };

  // Symmetric: both orders are stored; a pair given twice must agree.
  std::map<std::pair<std::string, std::string>, std::size_t> travel_entry;
  for_each_object(r, errors, "", "travel_minutes", true, [&](json_reader& tr, const std::string& name,
                                                              std::size_t i) {
    auto from = tr.text("from", true, id_rules);
    auto to = tr.text("to", true, id_rules);
    auto minutes = tr.integer("minutes", true, 0, max_minutes);
    if (from) check_unit(name + ".from", *from);
    if (to) check_unit(name + ".to", *to);
    if (!from || !to || !minutes) return;
    if (*from == *to) {
      errors.add(name + ".to", "must differ from from (travel within a unit is travel_within_minutes)");
      return;
    }
    int m = static_cast<int>(*minutes);
    auto key = std::minmax(*from, *to);
    auto [it, fresh] = travel_entry.emplace(std::pair{key.first, key.second}, i);
    if (!fresh && in.travel_minutes.at({*from, *to}) != m) {
      errors.add(name + ".minutes", "gives " + *from + "–" + *to + " again with other minutes than travel_minutes[" +
                                        std::to_string(it->second) + "]");
      return;
    }
    in.travel_minutes[{*from, *to}] = m;
    in.travel_minutes[{*to, *from}] = m;
  });

  std::set<std::string> member_ids;
  for_each_object(r, errors, "", "members", true, [&](json_reader& mr, const std::string& name, std::size_t) {
    member m;
    std::string p = name + ".";
    auto id = mr.text("id", true, id_rules);
    if (auto n = mr.text("name", false, name_rules)) m.name = *n;
    auto level = mr.text("level", true, id_rules);
    require_one_of(errors, p + "level", level, levels);
    if (level) m.level = *level;
    if (auto roles = mr.text_list("roles", false, id_rules, max_list)) m.roles = *roles;
    if (auto home = mr.text("home", true, id_rules)) {
      check_unit(p + "home", *home);
      m.home = *home;
    }
    if (auto resp = mr.text_list("responsible", false, id_rules, max_list)) m.responsible = *resp;
    m.max_per_month = static_cast<int>(mr.integer("max_per_month", false, 0, max_count).value_or(m.max_per_month));
    for_each_object(mr, errors, p, "unavailable", false, [&](json_reader& ir, const std::string& iname, std::size_t) {
      if (auto i = read_interval(ir, errors, iname + ".")) m.unavailable.push_back(*i);
    });
    if (!id) return;
    m.id = *id;
    if (!member_ids.insert(m.id).second) errors.add(p + "id", "repeats the member " + m.id);
    in.members.push_back(std::move(m));
  });

  std::set<std::string> session_ids;
  for_each_object(r, errors, "", "sessions", true, [&](json_reader& sr, const std::string& name, std::size_t) {
    session s;
    std::string p = name + ".";
    auto id = sr.text("id", true, id_rules);
    auto kind = sr.text("kind", true, id_rules);
    require_one_of(errors, p + "kind", kind, kinds);
    if (kind) s.kind = *kind;
    if (auto u = sr.text("unit", true, id_rules)) {
      check_unit(p + "unit", *u);
      s.unit = *u;
    }
    bool cell_given = sr.raw("cell", false) != nullptr;
    s.cell = sr.text("cell", false, id_rules);
    // "a cell (cell meetings only)": coverage needs the cell of every cell meeting, and a dialogue has none.
    if (kind == "cell_meeting" && !cell_given) errors.add(p + "cell", "is required for a cell meeting");
    if (kind == "dialogue" && s.cell) errors.add(p + "cell", "only cell meetings have a cell");
    if (auto when = read_interval(sr, errors, p)) s.when = *when;
    s.needs = count_map(sr, errors, p, "needs");
    s.optional = count_map(sr, errors, p, "optional");
    if (!id) return;
    s.id = *id;
    if (!session_ids.insert(s.id).second) errors.add(p + "id", "repeats the session " + s.id);
    in.sessions.push_back(std::move(s));
  });

  for_each_object(r, errors, "", "pinned", false, [&](json_reader& ar, const std::string& name, std::size_t) {
    auto a = read_assignment(ar);
    if (!a) return;
    if (!session_ids.contains(a->session)) errors.add(name + ".session", "names no session of sessions: " + a->session);
    if (!member_ids.contains(a->member)) errors.add(name + ".member", "names no member of members: " + a->member);
    in.pinned.push_back(std::move(*a));
  });
  // Not checked against sessions and members: an absent one still counts as moved.
  for_each_object(r, errors, "", "previous", false, [&](json_reader& ar, const std::string&, std::size_t) {
    if (auto a = read_assignment(ar)) in.previous.push_back(std::move(*a));
  });

  errors.throw_if_any(core::errc::invalid_input, "The scheduling instance has invalid fields.");
  return in;
}

json::value to_json(const instance& in) {
  json::array units;
  for (const auto& u : in.units) units.push_back(json::object{{"id", u.id}, {"name", u.name}});
  json::array travel;
  for (const auto& [pair, minutes] : in.travel_minutes) {
    // Both orders are stored; the spec writes each unordered pair once.
    if (pair.first < pair.second || !in.travel_minutes.contains({pair.second, pair.first})) {
      travel.push_back(json::object{{"from", pair.first}, {"to", pair.second}, {"minutes", minutes}});
    }
  }
  json::array members;
  for (const auto& m : in.members) {
    json::array unavailable;
    for (const auto& i : m.unavailable) unavailable.push_back(interval_json(i));
    members.push_back(json::object{{"id", m.id},
                                   {"name", m.name},
                                   {"level", m.level},
                                   {"roles", strings(m.roles)},
                                   {"home", m.home},
                                   {"responsible", strings(m.responsible)},
                                   {"max_per_month", m.max_per_month},
                                   {"unavailable", std::move(unavailable)}});
  }
  json::array sessions;
  for (const auto& s : in.sessions) {
    json::object o{{"id", s.id}, {"kind", s.kind}, {"unit", s.unit}};
    if (s.cell) o["cell"] = *s.cell;
    o["start"] = core::format_utc(s.when.start);
    o["end"] = core::format_utc(s.when.end);
    o["needs"] = counts(s.needs);
    o["optional"] = counts(s.optional);
    sessions.push_back(std::move(o));
  }
  return json::object{
      {"version", in.version},
      {"timezone", in.timezone},
      {"weights", json::object{{"unfilled", in.w.unfilled}, {"uncovered", in.w.uncovered}, {"outside", in.w.outside},
                               {"travel", in.w.travel}, {"imbalance", in.w.imbalance}, {"moved", in.w.moved}}},
      {"coverage", json::object{{"level", in.coverage.level}, {"period", in.coverage.period}}},
      {"travel_within_minutes", in.travel_within_minutes},
      {"units", std::move(units)},
      {"travel_minutes", std::move(travel)},
      {"members", std::move(members)},
      {"sessions", std::move(sessions)},
      {"pinned", to_json(in.pinned)},
      {"previous", to_json(in.previous)}};
}

solution solution_from_json(const json::value& v) {
  field_errors errors;
  json_reader r(v, errors);
  solution s;
  for_each_object(r, errors, "", "assignments", true, [&](json_reader& ar, const std::string&, std::size_t) {
    if (auto a = read_assignment(ar)) s.assignments.push_back(std::move(*a));
  });
  // The claimed cost is optional (a checker recomputes it anyway); when given, every number must be there.
  if (auto c = sub_object(r, errors, "", "cost")) {
    constexpr auto big = std::numeric_limits<std::int64_t>::max();
    auto get = [&](const char* key, std::int64_t& into) { into = c->integer(key, true, 0, big).value_or(0); };
    get("total", s.c.total);
    get("unfilled", s.c.unfilled);
    get("uncovered", s.c.uncovered);
    get("outside", s.c.outside);
    get("travel", s.c.travel);
    get("imbalance", s.c.imbalance);
    get("moved", s.c.moved);
  }
  for_each_object(r, errors, "", "unfilled", false, [&](json_reader& ur, const std::string& name, std::size_t) {
    unfilled_seat seat;
    auto session = ur.text("session", true, id_rules);
    auto need = ur.text("need", true, id_rules);
    for_each_object(ur, errors, name + ".", "candidates", false,
                    [&](json_reader& cr, const std::string&, std::size_t) {
                      auto m = cr.text("member", true, id_rules);
                      auto rule = cr.text("rule", true, id_rules);
                      auto detail = cr.text("detail", false, {.max_chars = 2000, .allow_empty = true});
                      if (m && rule) seat.candidates.push_back({*m, *rule, detail.value_or("")});
                    });
    if (!session || !need) return;
    seat.session = *session;
    seat.need = *need;
    s.unfilled.push_back(std::move(seat));
  });
  errors.throw_if_any(core::errc::invalid_input, "The scheduling solution has invalid fields.");
  return s;
}

json::value to_json(const solution& s) {
  json::array unfilled;
  for (const auto& seat : s.unfilled) {
    json::array candidates;
    for (const auto& c : seat.candidates) {
      candidates.push_back(json::object{{"member", c.member}, {"rule", c.rule}, {"detail", c.detail}});
    }
    unfilled.push_back(
        json::object{{"session", seat.session}, {"need", seat.need}, {"candidates", std::move(candidates)}});
  }
  const cost& c = s.c;
  return json::object{{"assignments", to_json(s.assignments)},
                      {"cost", json::object{{"total", c.total}, {"unfilled", c.unfilled}, {"uncovered", c.uncovered},
                                            {"outside", c.outside}, {"travel", c.travel}, {"imbalance", c.imbalance},
                                            {"moved", c.moved}}},
                      {"unfilled", std::move(unfilled)}};
}

json::value to_json(const std::vector<infeasible_pin>& pins) {
  json::array out;
  for (const auto& p : pins) {
    out.push_back(json::object{{"session", p.pin.session}, {"member", p.pin.member}, {"need", p.pin.need},
                               {"rule", p.rule}, {"detail", p.detail}});
  }
  return json::object{{"infeasible_pins", std::move(out)}};
}

}  // namespace satdan::scheduling
