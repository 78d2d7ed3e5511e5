#include "pages/page_kit.hpp"

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "http/multipart.hpp"
#include "security/secrets.hpp"

namespace satdan::pages {

namespace mustache = kainjow::mustache;

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string decode_form_part(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out += ' ';
    } else if (in[i] == '%' && i + 2 < in.size() && hex_value(in[i + 1]) >= 0 && hex_value(in[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(in[i + 1]) * 16 + hex_value(in[i + 2]));
      i += 2;
    } else {
      out += in[i];
    }
  }
  if (!core::is_valid_utf8(out)) throw core::error(core::errc::bad_request, "The form is not valid UTF-8.");
  return out;
}

// Mustache escapes & < > " but not the apostrophe: escape it too, so no attribute can be broken out of
// whichever quote it uses.
std::string escape_html(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

view to_view(const boost::json::value& v) {
  if (v.is_string()) return view(std::string(v.as_string()));
  if (const auto* a = v.if_array()) {
    view list{view::type::list};
    for (const auto& item : *a) list.push_back(to_view(item));
    return list;
  }
  view obj;
  if (const auto* o = v.if_object())
    for (const auto& [k, item] : *o) obj.set(std::string(k), to_view(item));
  return obj;
}

const std::string content_security_policy =
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; manifest-src 'self'";

std::string_view error_key(core::errc code) {
  switch (code) {
    case core::errc::forbidden: return "forbidden";
    case core::errc::not_found: return "not_found";
    default: return "internal";
  }
}

}  // namespace

http::header_list read_form(const http::request& req) {
  http::header_list out;
  std::string_view rest = req.body;
  while (!rest.empty()) {
    auto amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    out.emplace_back(decode_form_part(pair.substr(0, eq)),
                     eq == std::string_view::npos ? std::string() : decode_form_part(pair.substr(eq + 1)));
  }
  return out;
}

std::string form_field(const http::header_list& form, std::string_view name) {
  for (const auto& [k, v] : form)
    if (k == name) return v;
  return {};
}

std::string cookie_header(const core::config& c, std::string_view name, std::string_view value, long long max_age_seconds) {
  std::string out = std::string(name) + "=" + std::string(value) + "; Path=/; Max-Age=" + std::to_string(max_age_seconds) +
                    "; HttpOnly; SameSite=Lax";
  if (c.public_base_url.starts_with("https://")) out += "; Secure";
  return out;
}

std::string form_token_for(std::string_view session_token) {
  // Domain-separated from the database's digest of the token (plain SHA-256), which is not a secret of the page.
  return security::sha256_hex("satdan form token\n" + std::string(session_token));
}

std::string sent_form_token(const http::request& req) {
  if (http::is_multipart(req)) {
    auto parts = http::read_multipart(req);
    const auto* token = http::text_part(parts, "csrf");
    return token ? token->body : std::string();
  }
  return form_field(read_form(req), "csrf");
}

void put_errors(view& page, const field_messages& errors) {
  view list{view::type::list};
  for (const auto& [field, message] : errors) {
    view item;
    item.set("field", field);
    item.set("message", message);
    list.push_back(item);
  }
  page.set("errors", list);
  page.set("has_errors", !errors.empty());
}

void put_notice(view& page, const http::request& req) {
  std::string name = query_value(req, "thong-bao");
  if (name.empty() || name.size() > 64) return;
  for (char& c : name)
    if (c == '-') c = '_';
  if (name.find('.') != std::string::npos) return;
  if (auto text = assets().words().find("notices." + name)) page.set("flash", *text);
}

std::string with_notice(std::string path, std::string_view notice) {
  path += path.find('?') == std::string::npos ? "?thong-bao=" : "&thong-bao=";
  path += notice;
  return path;
}

std::string level_name(api::app_context& app, std::string_view level) {
  for (const auto& [key, word] : app.config.level_names)
    if (key == level) return word;
  if (auto word = assets().words().find("levels." + std::string(level))) return *word;
  return std::string(level);
}

std::string query_value(const http::request& req, std::string_view name) {
  for (const auto& [k, v] : req.query)
    if (k == name) return v;
  return {};
}

namespace {

// The site's sections for a role, in the order the header lists them; the current one is marked.
view navigation_for(const http::request& req) {
  const auto& words = assets().words();
  const std::string& role = req.who->role;
  std::vector<std::pair<std::string, std::string>> links;  // (path, catalogue key)
  if (role == "member") {
    links = {{"/", "nav.my_schedule"}, {"/dang-ky-lich", "nav.subscribe"}, {"/vang-mat", "nav.unavailability"},
             {"/lich-ban", "nav.busy_times"}};
  } else {
    links = {{"/", "nav.home"}, {"/lich", "nav.calendar"}};
    if (role == "secretariat" || role == "admin")
      for (auto l : {std::pair<std::string, std::string>{"/de-xuat", "nav.proposals"}, {"/lich-dinh-ky", "nav.series"}})
        links.push_back(l);
    links.emplace_back("/danh-muc", "nav.directory");  // staff read the directory too
    if (role == "admin")
      for (auto l : {std::pair<std::string, std::string>{"/quan-tri/tai-khoan", "nav.accounts"}, {"/quan-tri/nhat-ky", "nav.audit"}})
        links.push_back(l);
  }
  std::string_view path = std::string_view(req.target).substr(0, req.target.find('?'));
  view list{view::type::list};
  for (const auto& [href, key] : links) {
    view item;
    item.set("href", href);
    item.set("label", words.get(key));
    bool current = href == "/" ? path == "/" : (path == href || path.starts_with(href + "/"));
    if (current) item.set("current", true);
    list.push_back(item);
  }
  return list;
}

}  // namespace

std::string name_of(api::app_context& app, const http::principal& who) {
  auto account = app.auth.accounts().get(who.account_id);
  if (account.display_name && !account.display_name->empty()) return *account.display_name;
  if (account.member_id) return app.directory.get_member(*account.member_id).full_name;
  return account.username;
}

http::response render_page(api::app_context& app, const http::request& req, std::string_view name,
                           const std::string& title, view page, int status) {
  const auto& web = assets();
  if (!page.get("flash")) put_notice(page, req);
  const std::string body_template = web.page_template(name);
  page.set("t", to_view(web.words().all()));
  page.set("title", title);
  page.set("committee", app.config.committee_name.empty() ? web.words().get("app.name") : app.config.committee_name);
  view urls;
  urls.set("css", web.url_of("app.css"));
  urls.set("js", web.url_of("app.js"));
  urls.set("manifest", web.url_of("manifest.webmanifest"));
  page.set("assets", urls);
  if (req.who) {
    view user;
    user.set("name", name_of(app, *req.who));
    user.set("csrf", form_token_for(req.who->token));
    page.set("user", user);
    page.set("nav", navigation_for(req));
  }
  page.set("content", mustache::partial([&body_template] { return body_template; }));
  page.set("error_summary", mustache::partial([&web] { return web.page_template("error_summary"); }));
  mustache::mustache layout{web.page_template("layout")};
  layout.set_custom_escape(escape_html);
  http::response res;
  res.body = layout.render(page);
  if (!layout.is_valid())
    throw core::error(core::errc::internal, "Internal error.", {}, "template " + std::string(name) + ": " + layout.error_message());
  res.status = status;
  res.content_type = "text/html; charset=utf-8";
  res.set_header("Content-Security-Policy", content_security_policy);
  res.set_header("Cache-Control", "no-store");
  return res;
}

http::response see_other(std::string location) {
  http::response res;
  res.status = 303;
  res.set_header("Location", std::move(location));
  res.set_header("Cache-Control", "no-store");
  return res;
}

http::page_support page_support_for(api::app_context& app) {
  http::page_support s;
  s.session_cookie = std::string(session_cookie);
  s.check_form = [](const http::request& req) {
    // A browser says where a request comes from; a cross-site form post is refused before anything else.
    std::string_view site = req.header("Sec-Fetch-Site");
    if (!site.empty() && site != "same-origin" && site != "none")
      throw core::error(core::errc::forbidden, "A form from another site.");
    // A body that cannot be read (a multipart one cut short, bytes that are not UTF-8) carries no token to trust.
    std::string sent;
    try {
      sent = sent_form_token(req);
    } catch (const core::error& e) {
      if (e.code() != core::errc::bad_request && e.code() != core::errc::payload_too_large) throw;
      throw core::error(core::errc::forbidden, "The form cannot be read, so neither can its anti-forgery token.");
    }
    // Signed in: the session's own token, which no other site can know. Before sign-in: the pre-session
    // cookie's value (double submit); a signed-in browser is sent on from the sign-in form, never shown it.
    std::string expected = req.who ? form_token_for(req.who->token) : std::string(http::cookie_value(req, presign_cookie));
    if (sent.empty() || expected.empty() || !security::constant_time_equal(sent, expected))
      throw core::error(core::errc::forbidden, "The form's anti-forgery token is missing or wrong.");
  };
  s.error_page = [&app](const http::request& req, const core::error& e) -> http::response {
    if (e.code() == core::errc::unauthenticated) return see_other("/dang-nhap");
    const auto& words = assets().words();
    std::string key(error_key(e.code()));
    view page;
    page.set("heading", words.get("errors." + key + "_title"));
    page.set("message", words.get("errors." + key));
    int status = e.code() == core::errc::forbidden ? 403 : e.code() == core::errc::not_found ? 404 : 500;
    try {
      return render_page(app, req, "error", words.get("errors." + key + "_title"), page, status);
    } catch (const std::exception&) {
      http::response res;  // the error page itself failed (a database outage while naming the user)
      res.status = status;
      res.content_type = "text/plain; charset=utf-8";
      res.body = words.get("errors." + key);
      return res;
    }
  };
  return s;
}

}  // namespace satdan::pages
