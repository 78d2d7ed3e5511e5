#include "api/support.hpp"

#include <boost/json/serialize.hpp>

#include <charconv>

#include "calendar/recurrence.hpp"
#include "core/json_reader.hpp"
#include "core/local_date.hpp"
#include "core/text_normalize.hpp"

namespace satdan::api {

namespace json = boost::json;
using core::errc;
using core::error;

namespace {

std::string media_type(std::string_view content_type) {
  std::string_view base = content_type.substr(0, content_type.find(';'));
  std::string out;
  for (char c : base)
    if (c != ' ' && c != '\t') out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

std::optional<std::int64_t> to_int(std::string_view s) {
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
  return n;
}

}  // namespace

void require_media_type(const http::request& req, std::string_view expected, const std::string& message) {
  std::string type = media_type(req.header("Content-Type"));
  if (type != expected) throw error(errc::unsupported_media_type, message, {{"Content-Type", type.empty() ? "is missing" : "is " + type}});
}

json::value read_json_body(const http::request& req, bool merge_patch) {
  std::string type = media_type(req.header("Content-Type"));
  bool accepted = type == "application/json" || (merge_patch && type == "application/merge-patch+json");
  if (!accepted) {
    throw error(errc::unsupported_media_type,
                merge_patch ? "Send the patch as application/merge-patch+json or application/json."
                            : "Send the body as application/json.",
                {{"Content-Type", type.empty() ? "is missing" : "is " + type}});
  }
  return core::parse_json_body(req.body);
}

http::response json_response(int status, const json::value& body) {
  http::response res;
  res.status = status;
  res.content_type = "application/json";
  res.body = json::serialize(body);
  return res;
}

query_reader::query_reader(const http::request& req) : req_(req) {}

const std::string* query_reader::find(std::string_view name) {
  seen_.emplace(name);
  const std::string* found = nullptr;
  for (const auto& [k, v] : req_.query) {
    if (k != name) continue;
    if (found) {
      errors_.add("query." + std::string(name), "is given more than once");
      return nullptr;
    }
    found = &v;
  }
  return found;
}

std::optional<std::string> query_reader::text(std::string_view name) {
  const std::string* v = find(name);
  if (!v) return std::nullopt;
  if (v->empty() || v->size() > 200) {
    errors_.add("query." + std::string(name), "must be 1 to 200 characters");
    return std::nullopt;
  }
  return core::to_nfc(*v);  // as text fields of a body are: one form, whatever keyboard typed it
}

std::optional<std::int64_t> query_reader::integer(std::string_view name, std::int64_t min, std::int64_t max) {
  const std::string* v = find(name);
  if (!v) return std::nullopt;
  auto n = to_int(*v);
  if (!n || *n < min || *n > max) {
    errors_.add("query." + std::string(name),
                "must be an integer from " + std::to_string(min) + (max == INT64_MAX ? " up" : " to " + std::to_string(max)));
    return std::nullopt;
  }
  return n;
}

std::optional<bool> query_reader::boolean(std::string_view name) {
  const std::string* v = find(name);
  if (!v) return std::nullopt;
  if (*v == "true") return true;
  if (*v == "false") return false;
  errors_.add("query." + std::string(name), "must be true or false");
  return std::nullopt;
}

std::optional<core::instant> query_reader::time(std::string_view name) {
  const std::string* v = find(name);
  if (!v) return std::nullopt;
  auto t = core::read_rfc3339(*v);
  if (!t.value) errors_.add("query." + std::string(name), std::move(t.problem));
  return t.value;
}

std::optional<std::chrono::year_month_day> query_reader::date(std::string_view name) {
  const std::string* v = find(name);
  if (!v) return std::nullopt;
  auto d = core::read_date(*v);
  if (!d.value) errors_.add("query." + std::string(name), std::move(d.problem));
  return d.value;
}

void query_reader::finish() {
  for (const auto& [k, v] : req_.query)
    if (!seen_.contains(std::string_view(k))) errors_.add("query." + k, "is not a known parameter");
  errors_.throw_if_any(errc::bad_request, "The query has invalid parameters.");
}

// Appended, not "i" + ...: GCC 12 warns falsely (-Wrestrict) on a literal plus a temporary string.
std::string encode_cursor(domain::id_t after) { return std::string("i").append(std::to_string(after)); }

store::page_request read_page(query_reader& q) {
  store::page_request p;
  p.limit = static_cast<int>(q.integer("limit", 1, 500).value_or(50));
  if (auto cursor = q.text("cursor")) {
    auto n = cursor->size() > 1 && (*cursor)[0] == 'i' ? to_int(std::string_view(*cursor).substr(1)) : std::nullopt;
    if (!n || *n < 0) throw error(errc::bad_request, "The cursor is not one this server gave.", {{"query.cursor", "is not valid"}});
    p.after = *n;
  }
  return p;
}

domain::id_t path_id(const http::path_params& params, std::string_view name) {
  auto n = to_int(params.get(name));
  if (!n || *n < 1) throw error(errc::not_found, "No resource at this path.");
  return *n;
}

json::object merge_patch(json::object current, const json::value& patch) {
  const json::object* p = patch.if_object();
  if (!p) throw error(errc::invalid_input, "The patch must be a JSON object.", {{"body", "must be a JSON object"}});
  if (p->contains("id")) throw error(errc::invalid_input, "The request has invalid fields.", {{"id", "is read-only"}});
  current.erase("id");
  for (const auto& kv : *p) current[kv.key()] = kv.value();
  return current;
}

std::string etag(std::int64_t version) { return std::string("\"").append(std::to_string(version)).append("\""); }

std::int64_t required_if_match(const http::request& req) {
  std::string_view v = req.header("If-Match");
  if (v.empty())
    throw error(errc::precondition_required, "Send If-Match with the ETag you read, so no one's change is overwritten.",
                {{"If-Match", "is required"}});
  if (v.substr(0, 2) == "W/") v.remove_prefix(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  auto n = to_int(v);
  // Anything else cannot be one of our ETags, so it cannot be current.
  if (!n) throw error(errc::precondition_failed, "If-Match does not name a current version.", {{"If-Match", "is not current"}});
  return *n;
}

std::chrono::year_month_day local_today(const core::config& c) { return calendar::to_local(core::now(), c.timezone).date; }

store::actor actor_of(const http::request& req) {
  if (!req.who) return {};
  return {req.who->account_id, req.who->role};
}

std::optional<domain::id_t> own_member_scope(const http::request& req) {
  if (!req.who || req.who->role != "member") return std::nullopt;
  // A member account always has its member id (the database checks it); -1 matches nothing if not.
  return req.who->member_id.value_or(-1);
}

}  // namespace satdan::api
