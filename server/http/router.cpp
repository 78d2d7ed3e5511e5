#include "http/router.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <cctype>

#include "core/error.hpp"
#include "core/log.hpp"
#include "http/problem.hpp"

namespace satdan::http {

const std::string& path_params::get(std::string_view name) const {
  for (const auto& [k, v] : values_)
    if (k == name) return v;
  throw core::error(core::errc::internal, "Internal error.", {}, "route has no parameter " + std::string(name));
}

bool access::admits(const std::string& role) const {
  for (const auto& r : roles)
    if (r == role) return true;
  return false;
}

router::router(std::vector<route_access> table, authenticator authenticate) : authenticate_(std::move(authenticate)) {
  for (auto& entry : table) table_[{entry.method, entry.pattern}] = std::move(entry.rule);
}

void router::add(std::string method, std::string pattern, handler fn) {
  auto declared = table_.find({method, pattern});
  route r{std::move(method), std::move(pattern), {}, std::move(fn), {}, declared != table_.end()};
  if (r.declared) r.rule = declared->second;
  std::string_view p = r.pattern;
  if (p == "/") p = {};  // the root has no segments, as parse_target reads "/"
  while (!p.empty()) {
    p.remove_prefix(1);  // the '/'
    auto slash = p.find('/');
    r.segments.emplace_back(p.substr(0, slash));
    p = slash == std::string_view::npos ? std::string_view{} : p.substr(slash);
  }
  // "{id}.ics" must be tried before "{id}", which would match "5.ics" too.
  bool has_suffix = r.pattern.find("}.") != std::string::npos;
  routes_.insert(has_suffix ? routes_.begin() : routes_.end(), std::move(r));
}

void router::add_page(std::string method, std::string pattern, handler fn) {
  add(method, pattern, std::move(fn));
  for (auto& r : routes_)
    if (r.method == method && r.pattern == pattern) r.page = true;
}

std::string_view cookie_value(const request& req, std::string_view name) {
  for (const auto& [k, v] : req.headers) {
    if (k.size() != 6 || !std::equal(k.begin(), k.end(), "cookie", [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == b;
        }))
      continue;
    std::string_view rest = v;
    while (!rest.empty()) {
      auto semi = rest.find(';');
      std::string_view pair = rest.substr(0, semi);
      rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      auto eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
    }
  }
  return {};
}

bool router::match(const route& r, const std::vector<std::string>& segments, path_params& params) {
  if (r.segments.size() != segments.size()) return false;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& pat = r.segments[i];
    if (pat.size() > 2 && pat.front() == '{') {
      // "{id}" or "{id}.ics": a parameter with an optional literal suffix.
      auto close = pat.find('}');
      std::string_view suffix = std::string_view(pat).substr(close + 1);
      const std::string& seg = segments[i];
      if (seg.size() <= suffix.size() || !seg.ends_with(suffix)) return false;
      params.add(pat.substr(1, close - 1), seg.substr(0, seg.size() - suffix.size()));
    } else if (pat != segments[i]) {
      return false;
    }
  }
  return true;
}

namespace {

std::string_view bearer_token(const request& req) {
  std::string_view value = req.header("Authorization");
  constexpr std::string_view scheme = "Bearer ";
  if (value.size() <= scheme.size()) return {};
  for (std::size_t i = 0; i < scheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(value[i])) != std::tolower(static_cast<unsigned char>(scheme[i])))
      return {};
  value.remove_prefix(scheme.size());
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  return value;
}

}  // namespace

response router::call(const route& r, request& req, const path_params& params) const {
  if (!r.rule.open) {
    std::string_view token = bearer_token(req);
    if (!token.empty() && authenticate_) req.who = authenticate_(token);
    if (!req.who) {
      throw core::error(core::errc::unauthenticated, token.empty() ? "Sign in and send the token as Authorization: Bearer."
                                                                   : "The token is not valid (unknown, expired or revoked).");
    }
    if (!r.rule.admits(req.who->role))
      throw core::error(core::errc::forbidden, "Your role (" + req.who->role + ") may not do this.");
  }
  return r.fn(req, params);
}

namespace {

bool is_safe(const std::string& method) { return method == "GET" || method == "HEAD"; }

}  // namespace

response router::call_page(const route& r, request& req, const path_params& params) const {
  try {
    // Open pages (the sign-in form) still learn who is signed in, to send them on.
    std::string_view token = cookie_value(req, pages_.session_cookie);
    if (!token.empty() && authenticate_) req.who = authenticate_(token);
    if (!r.rule.open) {
      if (!req.who) throw core::error(core::errc::unauthenticated, "Sign in.");
      if (!r.rule.admits(req.who->role))
        throw core::error(core::errc::forbidden, "Your role (" + req.who->role + ") may not do this.");
    }
    if (!is_safe(req.method) && pages_.check_form) pages_.check_form(req);
    return r.fn(req, params);
  } catch (const core::error& e) {
    if (!pages_.error_page) throw;
    if (e.code() == core::errc::internal || e.code() == core::errc::unavailable)
      core::log::error("request_failed", {{"method", req.method}, {"reason", e.internal_message().empty() ? e.public_message() : e.internal_message()}});
    return pages_.error_page(req, e);
  }
}

namespace {

bool is_page_path(const std::vector<std::string>& segments) {
  if (segments.empty()) return true;
  for (std::string_view machine : {"api", "feeds", "public", "healthz", "readyz", "metrics"})
    if (segments.front() == machine) return false;
  return true;
}

}  // namespace

response router::dispatch(request req) const {
  try {
    std::string allowed;
    for (const auto& r : routes_) {
      path_params params;
      if (!match(r, req.segments, params)) continue;
      // HEAD is GET without the body (the server drops it, keeping the headers GET would send).
      if (r.method == req.method || (req.method == "HEAD" && r.method == "GET"))
        return r.page ? call_page(r, req, params) : call(r, req, params);
      allowed += (allowed.empty() ? "" : ", ") + r.method;
      if (r.method == "GET") allowed += ", HEAD";
    }
    if (!allowed.empty()) {
      response res = problem_response(core::error(core::errc::method_not_allowed,
                                                   req.method + " is not allowed here; use " + allowed + "."));
      res.set_header("Allow", allowed);
      return res;
    }
    core::error missing(core::errc::not_found, "No resource at this path.");
    // A mistyped page address gets a page a person can read; the API's and the feeds' addresses keep
    // problem+json, which their clients parse.
    if (pages_.error_page && is_page_path(req.segments)) return pages_.error_page(req, missing);
    throw missing;
  } catch (const core::error& e) {
    if (e.code() == core::errc::internal || e.code() == core::errc::unavailable)
      core::log::error("request_failed", {{"method", req.method}, {"reason", e.internal_message().empty() ? e.public_message() : e.internal_message()}});
    return problem_response(e);
  } catch (const std::exception& e) {
    // Not a core::error: a bug. The client learns nothing of it; the log gets the message.
    core::log::error("unexpected_exception", {{"method", req.method}, {"reason", e.what()}});
    return problem_response(core::error(core::errc::internal, "Internal error."));
  }
}

namespace {

// Path parameters that are credentials: a private feed's token and a grievance's tracking code each open
// personal data to whoever holds them, so no log may hold them. Named here once, like a log filter's list.
bool is_credential(std::string_view parameter) { return parameter == "token" || parameter == "code"; }

}  // namespace

std::string router::path_for_log(std::string_view target) const {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return printable_path(target);
  std::vector<std::string> decoded;
  std::vector<std::string_view> encoded;
  for (auto seg : parsed->segments()) decoded.emplace_back(seg);
  for (auto seg : parsed->encoded_segments()) encoded.emplace_back(seg.data(), seg.size());
  for (const auto& r : routes_) {
    path_params ignored;
    if (!match(r, decoded, ignored)) continue;
    std::string out;
    for (std::size_t i = 0; i < encoded.size(); ++i) {
      const std::string& pat = r.segments[i];
      bool secret = pat.size() > 2 && pat.front() == '{' && is_credential(std::string_view(pat).substr(1, pat.find('}') - 1));
      out += '/';
      out += secret ? std::string_view(pat) : encoded[i];  // "{token}.ics": the name in place of the value
    }
    return out.empty() ? "/" : out;
  }
  // No route: a mistyped address under a credential's prefix ("/feeds/m/TOKEN.ics/", "/feeds/m/TOKEN")
  // still holds the credential, so everything from its segment on is hidden.
  for (const auto& r : routes_) {
    for (std::size_t k = 0; k < r.segments.size() && k < decoded.size(); ++k) {
      const std::string& pat = r.segments[k];
      if (pat.size() > 2 && pat.front() == '{') {
        if (!is_credential(std::string_view(pat).substr(1, pat.find('}') - 1))) continue;
        std::string out;
        for (std::size_t i = 0; i < k; ++i) out += "/" + std::string(encoded[i]);
        return out + "/{" + std::string(std::string_view(pat).substr(1, pat.find('}') - 1)) + "}…";
      }
      if (pat != decoded[k]) break;
    }
  }
  return printable_path(target);
}

std::vector<route_info> router::routes() const {
  std::vector<route_info> out;
  for (const auto& r : routes_) out.push_back({r.method, r.pattern, r.rule, r.declared});
  return out;
}

std::vector<route_access> router::unused_declarations() const {
  std::vector<route_access> out;
  for (const auto& [key, rule] : table_) {
    bool used = false;
    for (const auto& r : routes_) used = used || (r.method == key.first && r.pattern == key.second);
    if (!used) out.push_back({key.first, key.second, rule});
  }
  return out;
}

}  // namespace satdan::http
