#include "core/config.hpp"

#include <charconv>
#include <cstdlib>
#include <functional>
#include <sstream>

#include "core/error.hpp"

namespace satdan::core {
namespace {

struct option {
  const char* flag;         // "--database"
  const char* env;          // "SATDAN_DATABASE"
  const char* placeholder;  // "URL"; nullptr for a switch without value
  const char* help;
  std::function<void(config&, const std::string&)> apply;
};

long long to_number(const std::string& flag, const std::string& v, long long min, long long max) {
  long long n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc{} || p != v.data() + v.size() || n < min || n > max) {
    throw error(errc::bad_request,
                flag + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max),
                {{flag, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max)}});
  }
  return n;
}

void parse_listen(config& c, const std::string& v) {
  auto colon = v.rfind(':');
  if (colon == std::string::npos || colon == 0)
    throw error(errc::bad_request, "--listen must be ADDRESS:PORT", {{"--listen", "must be ADDRESS:PORT"}});
  std::string host = v.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  c.listen_host = host;
  c.listen_port = static_cast<unsigned short>(to_number("--listen", v.substr(colon + 1), 0, 65535));
}

// The host of "scheme://[user@]host[:port][/path]", brackets kept for an IPv6 literal.
std::string_view host_of_url(std::string_view url) {
  if (auto scheme = url.find("://"); scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  if (auto at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  if (url.starts_with("[")) return url.substr(0, url.find(']') + 1);
  return url.substr(0, url.find(':'));
}

bool parse_bool(const std::string& flag, const std::string& v) {
  if (v == "1" || v == "true" || v == "yes" || v == "on") return true;
  if (v == "0" || v == "false" || v == "no" || v == "off") return false;
  throw error(errc::bad_request, flag + " must be true or false", {{flag, "must be true or false"}});
}

const std::vector<option>& options() {
  static const std::vector<option> list = {
      {"--database", "SATDAN_DATABASE", "URL", "sqlite:PATH or postgresql://USER@HOST:PORT/DB (default sqlite:data/satdan.db)",
       [](config& c, const std::string& v) {
         if (v.rfind("sqlite:", 0) != 0 && v.rfind("postgresql://", 0) != 0 && v.rfind("postgres://", 0) != 0)
           throw error(errc::bad_request, "--database must start with sqlite: or postgresql://",
                       {{"--database", "must start with sqlite: or postgresql://"}});
         c.database = v;
       }},
      {"--listen", "SATDAN_LISTEN", "ADDRESS:PORT", "address to serve on (default 127.0.0.1:8080; port 0 picks one)",
       parse_listen},
      {"--threads", "SATDAN_THREADS", "N", "I/O threads (default 2)",
       [](config& c, const std::string& v) { c.io_threads = static_cast<int>(to_number("--threads", v, 1, 256)); }},
      {"--db-pool", "SATDAN_DB_POOL", "N", "database connections and worker threads (default 4)",
       [](config& c, const std::string& v) { c.db_pool = static_cast<int>(to_number("--db-pool", v, 1, 256)); }},
      {"--solver-threads", "SATDAN_SOLVER_THREADS", "N",
       "threads running schedule proposals, apart from the database pool (default 1)",
       [](config& c, const std::string& v) { c.solver_threads = static_cast<int>(to_number("--solver-threads", v, 1, 8)); }},
      {"--timezone", "SATDAN_TIMEZONE", "ZONE", "IANA time zone of the deployment (default Asia/Ho_Chi_Minh)",
       [](config& c, const std::string& v) { c.timezone = v; }},
      {"--body-limit", "SATDAN_BODY_LIMIT", "BYTES", "largest request body accepted (default 1048576)",
       [](config& c, const std::string& v) {
         c.body_limit = static_cast<std::size_t>(to_number("--body-limit", v, 1024, 1LL << 30));
       }},
      {"--header-timeout", "SATDAN_HEADER_TIMEOUT", "SECONDS", "time to send a request's headers, and keep-alive idle time (default 10)",
       [](config& c, const std::string& v) { c.header_timeout = std::chrono::seconds(to_number("--header-timeout", v, 1, 3600)); }},
      {"--body-timeout", "SATDAN_BODY_TIMEOUT", "SECONDS", "time to send a request's body (default 30)",
       [](config& c, const std::string& v) { c.body_timeout = std::chrono::seconds(to_number("--body-timeout", v, 1, 3600)); }},
      {"--shutdown-timeout", "SATDAN_SHUTDOWN_TIMEOUT", "SECONDS", "grace for requests in flight at shutdown (default 10)",
       [](config& c, const std::string& v) { c.shutdown_timeout = std::chrono::seconds(to_number("--shutdown-timeout", v, 0, 3600)); }},
      {"--migrate", "SATDAN_MIGRATE", "BOOL", "apply migrations at start (default true)",
       [](config& c, const std::string& v) { c.migrate = parse_bool("--migrate", v); }},
      {"--token-hours", "SATDAN_TOKEN_HOURS", "HOURS", "how long a sign-in token lasts (default 12)",
       [](config& c, const std::string& v) { c.token_ttl = std::chrono::hours(to_number("--token-hours", v, 1, 24 * 90)); }},
      {"--cors-origins", "SATDAN_CORS_ORIGINS", "ORIGINS", "comma-separated origins allowed to call the API from a browser (default none)",
       [](config& c, const std::string& v) {
         c.cors_origins.clear();
         std::size_t start = 0;
         while (start <= v.size()) {
           auto comma = v.find(',', start);
           std::string origin = v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
           if (!origin.empty()) c.cors_origins.push_back(origin);
           if (comma == std::string::npos) break;
           start = comma + 1;
         }
       }},
      {"--horizon-months", "SATDAN_HORIZON_MONTHS", "MONTHS", "how far ahead series occurrences are kept as sessions (default 13)",
       [](config& c, const std::string& v) { c.horizon_months = static_cast<int>(to_number("--horizon-months", v, 1, 60)); }},
      {"--attendance-window-days", "SATDAN_ATTENDANCE_WINDOW_DAYS", "DAYS",
       "how long after a session members may record their own attendance (default 7)",
       [](config& c, const std::string& v) {
         c.attendance_window = std::chrono::days(to_number("--attendance-window-days", v, 0, 90));
       }},
      {"--committee-name", "SATDAN_COMMITTEE_NAME", "NAME", "the committee shown in the web pages' header (default none: the product's name)",
       [](config& c, const std::string& v) { c.committee_name = v; }},
      {"--level-names", "SATDAN_LEVEL_NAMES", "LEVEL=WORD;...",
       "the words the pages use for unit levels, e.g. \"province=Tỉnh;commune=Xã\" (default: the message catalogue's)",
       [](config& c, const std::string& v) {
         c.level_names.clear();
         std::size_t start = 0;
         while (start <= v.size()) {
           std::size_t end = v.find(';', start);
           std::string part = v.substr(start, end == std::string::npos ? std::string::npos : end - start);
           if (!part.empty()) {
             auto eq = part.find('=');
             if (eq == std::string::npos || eq == 0 || eq + 1 == part.size())
               throw error(errc::bad_request, "--level-names: each entry is LEVEL=WORD, separated by ';'");
             c.level_names.emplace_back(part.substr(0, eq), part.substr(eq + 1));
           }
           if (end == std::string::npos) break;
           start = end + 1;
         }
       }},
      {"--public-url", "SATDAN_PUBLIC_URL", "URL",
       "address the server is reached at, for links such as feed addresses (default http://ADDRESS:PORT of --listen)",
       [](config& c, const std::string& v) {
         c.public_base_url = v;
         c.public_url_from_listen = false;
       }},
  };
  return list;
}

}  // namespace

config load_config(const std::vector<std::string>& args, std::vector<std::string>* rest) {
  config c;
  for (const auto& o : options()) {
    if (const char* v = std::getenv(o.env); v && *v) o.apply(c, v);
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0) {
      if (!rest) throw error(errc::bad_request, "unexpected argument " + a, {{a, "unexpected argument"}});
      rest->push_back(a);
      continue;
    }
    std::string flag = a, value;
    bool has_value = false;
    if (auto eq = a.find('='); eq != std::string::npos) {
      flag = a.substr(0, eq);
      value = a.substr(eq + 1);
      has_value = true;
    }
    if (flag == "--no-migrate") {
      c.migrate = false;
      continue;
    }
    const option* found = nullptr;
    for (const auto& o : options())
      if (flag == o.flag) found = &o;
    if (!found) throw error(errc::bad_request, "unknown option " + flag, {{flag, "unknown option"}});
    if (!has_value) {
      if (i + 1 >= args.size()) throw error(errc::bad_request, flag + " needs a value", {{flag, "needs a value"}});
      value = args[++i];
    }
    found->apply(c, value);
  }
  if (c.public_url_from_listen) c.public_base_url = url_of_listen_address(c.listen_host, c.listen_port);
  return c;
}

std::string config_help() {
  std::ostringstream out;
  for (const auto& o : options()) {
    std::string left = std::string("  ") + o.flag + " " + o.placeholder;
    out << left << std::string(left.size() < 34 ? 34 - left.size() : 1, ' ') << o.help << "\n"
        << std::string(34, ' ') << "env " << o.env << "\n";
  }
  out << "  --no-migrate" << std::string(22, ' ') << "same as --migrate false\n";
  return out.str();
}

std::string url_of_listen_address(const std::string& host, unsigned short port) {
  std::string name = host;
  if (name == "0.0.0.0" || name.empty()) name = "127.0.0.1";
  if (name == "::") name = "::1";
  if (name.find(':') != std::string::npos) name = "[" + name + "]";  // an IPv6 literal in a URL (RFC 3986 §3.2.2)
  return "http://" + name + ":" + std::to_string(port);
}

bool is_loopback_host(std::string_view host) {
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  std::string lower(host);
  for (char& ch : lower) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  if (lower.starts_with("::ffff:")) lower.erase(0, 7);  // an IPv4-mapped IPv6 address
  if (lower == "localhost" || lower.ends_with(".localhost") || lower == "::1") return true;
  return lower.starts_with("127.") && lower.find_first_not_of("0123456789.") == std::string::npos;
}

bool public_url_only_reaches_this_machine(const config& c) {
  return is_loopback_host(host_of_url(c.public_base_url)) && !is_loopback_host(c.listen_host);
}

}  // namespace satdan::core
