// The proposal screens (secretariat and admins):
//   GET  /de-xuat                       recent proposals and jobs, and the form to start one
//   POST /de-xuat                       starts a job (services::proposal_jobs) → 303 to its progress page
//   GET  /de-xuat/cong-viec/{job}       progress; refreshes itself without JavaScript; when done → 303 to the review
//   GET  /de-xuat/cong-viec/{job}.json  the same progress for proposal.js to update the page in place
//   POST /de-xuat/cong-viec/{job}/huy   cancels the job
//   GET  /de-xuat/{id}                  the review (proposal_review.cpp)
//   POST /de-xuat/{id}/ap-dung          applies it; 409 when the plan changed meanwhile, with a re-run button
//   POST /de-xuat/{id}/chay-lai         a new job for the same unit and period
#include <boost/json/serialize.hpp>

#include <charconv>
#include <cstdio>
#include <functional>
#include <map>

#include "api/support.hpp"
#include "calendar/recurrence.hpp"
#include "core/local_date.hpp"
#include "core/vi_text.hpp"
#include "pages/pages.hpp"
#include "pages/proposal_kit.hpp"
#include "pages/vi_format.hpp"

namespace satdan::pages {

namespace {

using namespace proposal_kit;
namespace json = boost::json;

const http::access planners{.roles = {"admin", "secretariat"}};

// The units as an indented tree for a <select>: each name after its level word, children in Vietnamese order
// under their parent. Non-breaking spaces indent (an option's ordinary spaces collapse).
view unit_options(api::app_context& app, const std::string& selected) {
  std::vector<domain::unit> all;
  store::page_request p{.limit = 500};
  for (;;) {
    auto page = app.directory.list_units({}, p);
    all.insert(all.end(), page.items.begin(), page.items.end());
    if (!page.next_after) break;
    p.after = *page.next_after;
  }
  core::sort_vi(all, [](const domain::unit& u) { return u.name; });
  std::map<domain::id_t, std::vector<const domain::unit*>> children;
  std::vector<const domain::unit*> roots;
  std::map<domain::id_t, bool> known;
  for (const auto& u : all) known[u.id] = true;
  for (const auto& u : all) {
    if (u.parent_id && known.count(*u.parent_id)) children[*u.parent_id].push_back(&u);
    else roots.push_back(&u);
  }
  view list{view::type::list};
  std::function<void(const domain::unit*, int)> walk = [&](const domain::unit* u, int depth) {
    view item;
    std::string indent;
    for (int i = 0; i < depth; ++i) indent += "\u00A0\u00A0\u00A0";
    item.set("value", std::to_string(u->id));
    item.set("label", indent + level_word(app, u->kind) + " " + u->name);
    if (selected == std::to_string(u->id)) item.set("selected", true);
    list.push_back(item);
    if (depth > 16) return;  // a cycle in the data cannot loop the page
    for (const auto* c : children[u->id]) walk(c, depth + 1);
  };
  for (const auto* r : roots) walk(r, 0);
  return list;
}

// "2027-01-05" (a date input) or "05/01/2027" (typed by hand where the browser shows a text box).
std::optional<std::chrono::year_month_day> read_local_date(const std::string& text) {
  if (auto d = core::parse_date(text)) return d;
  unsigned day = 0, month = 0;
  int year = 0;
  if (text.size() == 10 && text[2] == '/' && text[5] == '/') {
    auto num = [&](std::size_t at, std::size_t len, auto& out) {
      auto [p, ec] = std::from_chars(text.data() + at, text.data() + at + len, out);
      return ec == std::errc{} && p == text.data() + at + len;
    };
    if (num(0, 2, day) && num(3, 2, month) && num(6, 4, year)) {
      std::chrono::year_month_day d{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
      char iso[16];
      std::snprintf(iso, sizeof iso, "%04d-%02u-%02u", year, month, day);
      if (d.ok()) return core::parse_date(iso);
    }
  }
  return std::nullopt;
}

struct proposal_form {
  std::string unit, from, to, limit;
};

view proposals_list(api::app_context& app) {
  const auto& words = assets().words();
  view list{view::type::list};
  for (const auto& p : app.planning.recent(20)) {
    view item;
    item.set("id", std::to_string(p.id));
    item.set("href", "/de-xuat/" + std::to_string(p.id));
    item.set("unit", unit_label(app, p.scope.within));
    item.set("period", period_text(app, p.scope.from, p.scope.to));
    auto made = calendar::to_local(p.created_at, app.config.timezone);
    item.set("created", short_date(made.date) + " " + format_vi_time(made.time.hour, made.time.minute));
    item.set("status", words.get("proposal.status_" + p.status));
    item.set("status_class", p.status);
    list.push_back(item);
  }
  return list;
}

view jobs_list(api::app_context& app) {
  const auto& words = assets().words();
  view list{view::type::list};
  for (const auto& j : app.proposal_jobs.recent()) {
    if (j.status == "done") continue;  // its proposal is in the list above
    view item;
    item.set("href", "/de-xuat/cong-viec/" + j.id);
    item.set("unit", unit_label(app, j.request.within));
    item.set("period", period_text(app, j.request.from, j.request.to));
    item.set("status", words.get("proposal.job_" + j.status));
    list.push_back(item);
  }
  return list;
}

http::response start_form(api::app_context& app, const http::request& req, const proposal_form& form,
                          const field_messages& errors, int status) {
  const auto& words = assets().words();
  view page;
  page.set("units", unit_options(app, form.unit));
  page.set("from", form.from);
  page.set("to", form.to);
  page.set("limit", form.limit);
  for (const auto& [field, message] : errors) page.set(field + "_error", message);
  put_errors(page, errors);
  auto proposals = proposals_list(app);
  page.set("has_proposals", !proposals.is_empty_list());
  page.set("proposals", proposals);
  auto jobs = jobs_list(app);
  page.set("has_jobs", !jobs.is_empty_list());
  page.set("jobs", jobs);
  page.set("limit_hint", words.format("proposal.limit_hint", {{"default", std::to_string(services::default_time_limit_seconds)}}));
  if (auto notice = query_value(req, "thong-bao"); notice == "da-huy")
    page.set("flash", words.get("proposal.notice_cancelled"));
  return render_page(app, req, "proposal_list", words.get("proposal.title"), page, status);
}

// The service's field errors (from the request the page built) as the form's fields and words.
field_messages page_errors(const core::error& e) {
  const auto& words = assets().words();
  field_messages out;
  for (const auto& f : e.fields()) {
    if (f.field == "within") out.emplace_back("don_vi", words.get("proposal.unit_missing"));
    if (f.field == "to" && f.reason.find("400") != std::string::npos)
      out.emplace_back("den_ngay", words.get("proposal.period_too_long"));
    else if (f.field == "to") out.emplace_back("den_ngay", words.get("proposal.to_before_from"));
    if (f.field == "time_limit_seconds") out.emplace_back("gioi_han", words.get("proposal.limit_bad"));
  }
  return out;
}

http::response start_job(api::app_context& app, const http::request& req, const services::proposal_request& request) {
  auto job = app.proposal_jobs.start(request, api::actor_of(req));
  return see_other("/de-xuat/cong-viec/" + job.id);
}

std::string seconds_text(long long ms) {
  const auto& words = assets().words();
  long long s = (ms + 999) / 1000;
  if (s < 60) return words.format("proposal.seconds", {{"n", std::to_string(s)}});
  return words.format("proposal.minutes_seconds", {{"m", std::to_string(s / 60)}, {"s", std::to_string(s % 60)}});
}

// What the progress page shows of a job, as words: the page and its JSON share it.
struct progress_words {
  std::string status, iterations, cost, time_left, problem;
  long long done = 0, total = 0;
};

progress_words words_of(const services::proposal_job& j) {
  const auto& words = assets().words();
  progress_words w;
  w.status = words.get("proposal.job_" + j.status);
  if (j.cancel_requested && j.status == "running") w.status = words.get("proposal.job_cancelling");
  w.done = j.iterations_done;
  w.total = j.iterations_total;
  if (j.iterations_total > 0)
    w.iterations = words.format("proposal.iterations_of", {{"done", format_vi_number(j.iterations_done)},
                                                           {"total", format_vi_number(j.iterations_total)}});
  else
    w.iterations = words.get("proposal.iterations_none");
  w.cost = j.best_cost ? format_vi_number(*j.best_cost) : words.get("proposal.not_yet");
  w.time_left = j.time_left ? words.format("proposal.about", {{"time", seconds_text(j.time_left->count())}})
                            : words.get("proposal.not_yet");
  if (j.status == "failed") {
    if (j.error_code == core::errc::conflict) w.problem = words.get("proposal.failed_pins");
    else if (j.error_code == core::errc::not_found) w.problem = words.get("proposal.failed_unit");
    else w.problem = words.get("proposal.failed_other");
  }
  return w;
}

bool running(const services::proposal_job& j) { return j.status == "queued" || j.status == "running"; }

http::response job_page(api::app_context& app, const http::request& req, const std::string& id) {
  const auto& words = assets().words();
  auto job = app.proposal_jobs.get(id);
  if (job.status == "done" && job.proposal_id) return see_other("/de-xuat/" + std::to_string(*job.proposal_id));
  auto w = words_of(job);
  view page;
  page.set("id", job.id);
  page.set("json", "/de-xuat/cong-viec/" + job.id + ".json");
  page.set("cancel_action", "/de-xuat/cong-viec/" + job.id + "/huy");
  page.set("unit", unit_label(app, job.request.within));
  page.set("period", period_text(app, job.request.from, job.request.to));
  page.set("status", w.status);
  page.set("iterations", w.iterations);
  page.set("cost", w.cost);
  page.set("time_left", w.time_left);
  if (w.total > 0) {
    page.set("has_value", true);
    page.set("value", std::to_string(w.done));
    page.set("max", std::to_string(w.total));
  }
  page.set("running", running(job));
  page.set("cancellable", running(job) && !job.cancel_requested);
  if (job.status == "cancelled") page.set("cancelled", true);
  if (!w.problem.empty()) page.set("problem", w.problem);
  if (query_value(req, "thong-bao") == "dang-huy" && running(job)) page.set("flash", words.get("proposal.notice_cancelling"));
  auto res = render_page(app, req, "proposal_job", words.get("proposal.job_title"), page);
  // proposal.js polls the job's JSON from this page only: the pages' policy, plus fetching from this origin.
  for (auto& [name, value] : res.headers)
    if (name == "Content-Security-Policy") value += "; connect-src 'self'";
  return res;
}

http::response job_json(api::app_context& app, const std::string& id) {
  auto job = app.proposal_jobs.get(id);
  auto w = words_of(job);
  json::object body{{"status", job.status},          {"status_text", w.status},   {"iterations_done", w.done},
                    {"iterations_total", w.total},    {"iterations_text", w.iterations}, {"cost_text", w.cost},
                    {"time_left_text", w.time_left}, {"running", running(job)}};
  if (job.status == "done" && job.proposal_id) body["next"] = "/de-xuat/" + std::to_string(*job.proposal_id);
  http::response res;
  res.status = 200;
  res.content_type = "application/json";
  res.body = json::serialize(body);
  res.set_header("Cache-Control", "no-store");
  return res;
}

}  // namespace

std::vector<http::route_access> proposal_access() {
  return {{"GET", "/de-xuat", planners},
          {"POST", "/de-xuat", planners},
          {"GET", "/de-xuat/cong-viec/{job}", planners},
          {"GET", "/de-xuat/cong-viec/{job}.json", planners},
          {"POST", "/de-xuat/cong-viec/{job}/huy", planners},
          {"GET", "/de-xuat/{id}", planners},
          {"POST", "/de-xuat/{id}/ap-dung", planners},
          {"POST", "/de-xuat/{id}/chay-lai", planners}};
}

void add_proposal_pages(http::router& r, api::app_context& app) {
  r.add_page("GET", "/de-xuat", [&app](const http::request& req, const http::path_params&) {
    // A first look offers the coming quarter of the root unit's calendar: the usual planning step.
    proposal_form form;
    auto today = calendar::to_local(core::now(), app.config.timezone).date;
    int month = static_cast<int>(static_cast<unsigned>(today.month()));
    int next_quarter = ((month - 1) / 3 + 1) * 3;  // months since January of this year
    std::chrono::year_month_day start{today.year() + std::chrono::years(next_quarter / 12),
                                      std::chrono::month(static_cast<unsigned>(next_quarter % 12 + 1)), std::chrono::day(1)};
    std::chrono::year_month_day end{std::chrono::sys_days(std::chrono::year_month_day(
        (std::chrono::year_month(start.year(), start.month()) + std::chrono::months(3)) / std::chrono::day(1))) -
                                    std::chrono::days(1)};
    form.from = core::format_date(start);
    form.to = core::format_date(end);
    return start_form(app, req, form, {}, 200);
  });
  r.add_page("POST", "/de-xuat", [&app](const http::request& req, const http::path_params&) {
    const auto& words = assets().words();
    auto posted = read_form(req);
    proposal_form form{form_field(posted, "don_vi"), form_field(posted, "tu_ngay"), form_field(posted, "den_ngay"),
                       form_field(posted, "gioi_han")};
    field_messages errors;
    long long unit = 0;
    auto [up, uec] = std::from_chars(form.unit.data(), form.unit.data() + form.unit.size(), unit);
    if (form.unit.empty() || uec != std::errc{} || up != form.unit.data() + form.unit.size() || unit < 1)
      errors.emplace_back("don_vi", words.get("proposal.unit_missing"));
    auto from = read_local_date(form.from), to = read_local_date(form.to);
    if (!from) errors.emplace_back("tu_ngay", words.get(form.from.empty() ? "proposal.from_missing" : "proposal.date_bad"));
    if (!to) errors.emplace_back("den_ngay", words.get(form.to.empty() ? "proposal.to_missing" : "proposal.date_bad"));
    long long limit = services::default_time_limit_seconds;
    if (!form.limit.empty()) {
      auto [lp, lec] = std::from_chars(form.limit.data(), form.limit.data() + form.limit.size(), limit);
      if (lec != std::errc{} || lp != form.limit.data() + form.limit.size() ||
          limit < services::min_time_limit_seconds || limit > services::max_time_limit_seconds)
        errors.emplace_back("gioi_han", words.get("proposal.limit_bad"));
    }
    if (from && to && std::chrono::sys_days(*to) < std::chrono::sys_days(*from))
      errors.emplace_back("den_ngay", words.get("proposal.to_before_from"));
    if (!errors.empty()) return start_form(app, req, form, errors, 422);
    // The last day is included: the period ends at the next day's local midnight.
    services::proposal_request request{
        unit, calendar::to_utc(*from, {0, 0}, app.config.timezone),
        calendar::to_utc(std::chrono::sys_days(*to) + std::chrono::days(1), {0, 0}, app.config.timezone),
        std::chrono::seconds(limit)};
    try {
      return start_job(app, req, request);
    } catch (const core::error& e) {
      if (e.code() == core::errc::not_found) errors.emplace_back("don_vi", words.get("proposal.unit_unknown"));
      else if (e.code() == core::errc::invalid_input) errors = page_errors(e);
      else throw;
      return start_form(app, req, form, errors, 422);
    }
  });
  r.add_page("GET", "/de-xuat/cong-viec/{job}", [&app](const http::request& req, const http::path_params& params) {
    return job_page(app, req, params.get("job"));
  });
  r.add_page("GET", "/de-xuat/cong-viec/{job}.json", [&app](const http::request&, const http::path_params& params) {
    return job_json(app, params.get("job"));
  });
  r.add_page("POST", "/de-xuat/cong-viec/{job}/huy", [&app](const http::request&, const http::path_params& params) {
    const std::string& id = params.get("job");
    try {
      auto job = app.proposal_jobs.cancel(id);
      if (job.status == "cancelled") return see_other(with_notice("/de-xuat", "da-huy"));
    } catch (const core::error& e) {
      if (e.code() != core::errc::conflict) throw;  // it ended first: its page shows how
    }
    return see_other(with_notice("/de-xuat/cong-viec/" + id, "dang-huy"));
  });
  r.add_page("GET", "/de-xuat/{id}", [&app](const http::request& req, const http::path_params& params) {
    return review_page(app, req, api::path_id(params));
  });
  r.add_page("POST", "/de-xuat/{id}/ap-dung", [&app](const http::request& req, const http::path_params& params) {
    const auto& words = assets().words();
    auto id = api::path_id(params);
    try {
      app.planning.apply(id, api::actor_of(req));
    } catch (const core::error& e) {
      if (e.code() != core::errc::conflict) throw;
      bool applied_already = false;
      for (const auto& f : e.fields()) applied_already |= f.field == "status";
      return review_page(app, req, id, words.get(applied_already ? "proposal.apply_already" : "proposal.apply_stale"), 409);
    }
    return see_other(with_notice("/de-xuat/" + std::to_string(id), "da-ap-dung"));
  });
  r.add_page("POST", "/de-xuat/{id}/chay-lai", [&app](const http::request& req, const http::path_params& params) {
    auto p = app.planning.get(api::path_id(params));
    return start_job(app, req, {p.scope.within, p.scope.from, p.scope.to,
                                std::chrono::seconds(services::default_time_limit_seconds)});
  });
}

}  // namespace satdan::pages
