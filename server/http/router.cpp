#include "http/router.hpp"

#include "core/error.hpp"
#include "core/log.hpp"
#include "http/problem.hpp"

namespace satdan::http {

const std::string& path_params::get(std::string_view name) const {
  for (const auto& [k, v] : values_)
    if (k == name) return v;
  throw core::error(core::errc::internal, "Internal error.", {}, "route has no parameter " + std::string(name));
}

void router::add(std::string method, std::string pattern, handler fn) {
  route r{std::move(method), std::move(pattern), {}, std::move(fn)};
  std::string_view p = r.pattern;
  while (!p.empty()) {
    p.remove_prefix(1);  // the '/'
    auto slash = p.find('/');
    r.segments.emplace_back(p.substr(0, slash));
    p = slash == std::string_view::npos ? std::string_view{} : p.substr(slash);
  }
  routes_.push_back(std::move(r));
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

response router::dispatch(const request& req) const {
  try {
    std::string allowed;
    for (const auto& r : routes_) {
      path_params params;
      if (!match(r, req.segments, params)) continue;
      if (r.method == req.method) return r.fn(req, params);
      allowed += (allowed.empty() ? "" : ", ") + r.method;
    }
    if (!allowed.empty()) {
      response res = problem_response(core::error(core::errc::method_not_allowed,
                                                   req.method + " is not allowed here; use " + allowed + "."));
      res.set_header("Allow", allowed);
      return res;
    }
    throw core::error(core::errc::not_found, "No resource at this path.");
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

std::vector<route_info> router::routes() const {
  std::vector<route_info> out;
  for (const auto& r : routes_) out.push_back({r.method, r.pattern});
  return out;
}

}  // namespace satdan::http
