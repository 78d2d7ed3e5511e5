// GET /dang-ky-lich: the member's private calendar feed in their calendar apps. The store keeps only a digest
// of the feed's token, so its address can be shown once, in the answer to the post that issued it (with the
// app buttons and a QR code); afterwards the page says an address is active since when, and a new one
// (rotate, the old one stops) or none (revoke) is each a form with a confirmation box. The reminders the
// feed carries are a set of checkboxes.
#include <algorithm>
#include <set>

#include "api/feed_address.hpp"
#include "api/support.hpp"
#include "calendar/feed_content.hpp"
#include "calendar/recurrence.hpp"
#include "core/error.hpp"
#include "pages/member_internal.hpp"
#include "pages/page_kit.hpp"
#include "pages/qr_svg.hpp"
#include "pages/vi_format.hpp"
#include "services/member_feed.hpp"

namespace satdan::pages {

namespace {

// The choices offered for reminders, in minutes before the start; a member's own other values (set through
// the API) are offered too.
const std::vector<int> reminder_choices = {0, 15, 30, 60, 120, 1440, 2880, 10080};

domain::id_t own_member_id(const http::request& req) {
  if (!req.who || !req.who->member_id)
    throw core::error(core::errc::forbidden, "Only an account linked to a committee member has a calendar feed.");
  return *req.who->member_id;
}

// Percent-encoding of everything but the unreserved characters (RFC 3986 §2.3): for query values and data: URLs.
std::string url_encode(std::string_view s) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string reminder_label(int minutes) {
  const auto& words = assets().words();
  if (minutes == 0) return words.get("subscribe.reminder_at_start");
  if (minutes % 1440 == 0) return words.format("subscribe.reminder_days", {{"n", format_vi_number(minutes / 1440)}});
  if (minutes % 60 == 0) return words.format("subscribe.reminder_hours", {{"n", format_vi_number(minutes / 60)}});
  return words.format("subscribe.reminder_minutes", {{"n", format_vi_number(minutes)}});
}

// What one answer of the page holds besides the stored settings.
struct subscribe_state {
  std::optional<std::string> token;          // just issued: its address is shown, this once
  std::optional<std::vector<int>> reminders;  // the boxes the member ticked, when they come back with an error
  field_messages errors;
  std::string flash;
};

view address_view(api::app_context& app, domain::id_t member, const std::string& token) {
  const auto& words = assets().words();
  auto address = api::feed_address_of(app.config, token);
  std::string name = calendar::member_feed_name(app.directory.get_member(member).full_name);
  view v;
  v.set("https_url", address.https_url);
  v.set("webcal_url", address.webcal_url);
  v.set("google_url", "https://calendar.google.com/calendar/r?cid=" + url_encode(address.webcal_url));
  v.set("outlook_url", "https://outlook.live.com/calendar/0/addfromweb?url=" + url_encode(address.https_url) +
                           "&name=" + url_encode(name));
  // The webcal address: a phone's camera opens it as a subscription.
  v.set("qr_src", "data:image/svg+xml," + url_encode(qr_svg(qr_encode(address.webcal_url), words.get("subscribe.qr_alt"))));
  return v;
}

http::response subscribe_page(api::app_context& app, const http::request& req, const subscribe_state& state, int status) {
  const auto& words = assets().words();
  domain::id_t member = own_member_id(req);
  auto settings = app.feeds.settings(member);
  view page;
  page.set("reminders_help", words.format("subscribe.reminders_help", {{"max", std::to_string(services::max_feed_reminders)}}));
  if (state.token) {
    page.set("address", address_view(app, member, *state.token));
  } else if (settings.has_token) {
    std::string when;
    if (settings.token_created_at) {
      auto local = calendar::to_local(*settings.token_created_at, app.config.timezone);
      when = format_vi_time(local.time.hour, local.time.minute) + " " + format_vi_date(local.date, words);
    }
    page.set("active_since", words.format("subscribe.active_since", {{"when", when}}));
  } else {
    page.set("no_token", true);
  }
  if (settings.has_token) page.set("has_token", true);

  for (const auto& [field, message] : state.errors) page.set(field == "reminder-0" ? "reminders_error" : field + "_error", message);
  put_errors(page, state.errors);

  const std::vector<int>& ticked = state.reminders ? *state.reminders : settings.reminders;
  std::set<int> offered(reminder_choices.begin(), reminder_choices.end());
  offered.insert(settings.reminders.begin(), settings.reminders.end());
  offered.insert(ticked.begin(), ticked.end());
  view choices{view::type::list};
  for (int m : offered) {
    view c;
    c.set("value", std::to_string(m));
    c.set("label", reminder_label(m));
    if (std::find(ticked.begin(), ticked.end(), m) != ticked.end()) c.set("checked", true);
    choices.push_back(c);
  }
  page.set("reminder_choices", choices);

  std::string notice = query_value(req, "thong-bao");
  if (!state.flash.empty()) page.set("flash", state.flash);
  else if (notice == "da-thu-hoi") page.set("flash", words.get("subscribe.revoked"));
  else if (notice == "da-luu-nhac") page.set("flash", words.get("subscribe.reminders_saved"));
  return render_page(app, req, "member_subscribe", words.get("subscribe.title"), page, status);
}

bool confirmed(const http::header_list& form) { return form_field(form, "xac_nhan") == "1"; }

}  // namespace

std::vector<http::route_access> subscribe_access() {
  const http::access member{.roles = {"member"}};
  return {
      {"GET", "/dang-ky-lich", member},
      {"POST", "/dang-ky-lich/dia-chi", member},
      {"POST", "/dang-ky-lich/thu-hoi", member},
      {"POST", "/dang-ky-lich/nhac", member},
  };
}

void add_subscribe_pages(http::router& r, api::app_context& app) {
  r.add_page("GET", "/dang-ky-lich", [&app](const http::request& req, const http::path_params&) {
    return subscribe_page(app, req, {}, 200);
  });

  // A new address. When one is active, it stops working: the box must be ticked.
  r.add_page("POST", "/dang-ky-lich/dia-chi", [&app](const http::request& req, const http::path_params&) {
    const auto& words = assets().words();
    domain::id_t member = own_member_id(req);
    auto form = read_form(req);
    if (app.feeds.settings(member).has_token && !confirmed(form)) {
      subscribe_state state;
      state.errors.emplace_back("rotate_confirm", words.get("subscribe.confirm_missing"));
      return subscribe_page(app, req, state, 422);
    }
    subscribe_state state;
    state.token = services::issue_feed_token(app.feeds, member, api::actor_of(req));
    state.flash = words.get("subscribe.created");
    // The answer itself shows the address (it is not kept anywhere to show after a redirect).
    return subscribe_page(app, req, state, 200);
  });

  r.add_page("POST", "/dang-ky-lich/thu-hoi", [&app](const http::request& req, const http::path_params&) {
    domain::id_t member = own_member_id(req);
    auto form = read_form(req);
    if (!confirmed(form)) {
      subscribe_state state;
      state.errors.emplace_back("revoke_confirm", assets().words().get("subscribe.confirm_missing"));
      return subscribe_page(app, req, state, 422);
    }
    app.feeds.revoke_token(member, api::actor_of(req));
    return see_other(with_notice("/dang-ky-lich", "da-thu-hoi"));
  });

  r.add_page("POST", "/dang-ky-lich/nhac", [&app](const http::request& req, const http::path_params&) {
    const auto& words = assets().words();
    domain::id_t member = own_member_id(req);
    std::vector<int> minutes;
    for (const auto& [name, value] : read_form(req)) {
      if (name != "reminders") continue;
      bool digits = !value.empty() && value.size() <= 5 && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
      int m = digits ? std::stoi(value) : -1;
      // The form offers only valid values; anything else did not come from it and is left out.
      if (m < 0 || m > services::max_feed_reminder_minutes) continue;
      if (std::find(minutes.begin(), minutes.end(), m) == minutes.end()) minutes.push_back(m);
    }
    if (minutes.size() > static_cast<std::size_t>(services::max_feed_reminders)) {
      subscribe_state state;
      state.reminders = minutes;
      state.errors.emplace_back("reminder-0", words.format("subscribe.reminders_too_many", {{"max", std::to_string(services::max_feed_reminders)}}));
      return subscribe_page(app, req, state, 422);
    }
    std::sort(minutes.begin(), minutes.end(), std::greater<>());
    app.feeds.set_reminders(member, minutes, api::actor_of(req));
    return see_other(with_notice("/dang-ky-lich", "da-luu-nhac"));
  });
}

}  // namespace satdan::pages
