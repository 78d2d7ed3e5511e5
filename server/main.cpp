// The `satdan` command: serve, migrate, seed-demo.
#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <iostream>
#include <string>
#include <vector>

#include "api/app.hpp"
#include "api/feed_address.hpp"
#include "calendar/series_planner.hpp"
#include "calendar/time_zone.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "demo/seed_demo.hpp"
#include "http/server.hpp"
#include "cli_args.hpp"
#include "scheduling_commands.hpp"
#include "security/secrets.hpp"
#include "store/accounts_store.hpp"
#include "store/migrator.hpp"
#include "store/range_check.hpp"

#include <unistd.h>

#include <boost/json/object.hpp>
#include <cstdlib>
#include <optional>
#include <set>

namespace {

using namespace satdan;

constexpr const char* usage =
    "usage: satdan COMMAND [OPTIONS]\n"
    "\n"
    "commands:\n"
    "  serve        run the HTTP server (applies migrations first unless --no-migrate)\n"
    "  migrate      apply database migrations and exit\n"
    "  seed-demo    create the demo district (Phú Ninh) and demo accounts in an empty database;\n"
    "               --if-empty skips a non-empty one; the accounts' password is SATDAN_DEMO_PASSWORD,\n"
    "               or a random one printed once\n"
    "  create-user  --username NAME --role admin|secretariat|staff|member [--member-id N] [--display-name S]:\n"
    "               create an account; the password is read from standard input (one line)\n"
    "  solve INSTANCE.json [--seed N] [--iterations N] [--time-limit SECONDS]\n"
    "               solve an assignment instance (../shared/spec/scheduling.md); prints the solution, or\n"
    "               the infeasible pins and exits 2\n"
    "  check INSTANCE.json SOLUTION.json\n"
    "               verify hard rules H1-H7 and recompute the cost; exit 0 only when valid and equal\n"
    "  gen-instance --size commune-quarter|district-year|province-year [--seed N]\n"
    "               print a realistic generated instance\n"
    "  issue-feeds  [--within UNIT_ID] [--missing-only]: issue a calendar feed address for every active member\n"
    "               (of the unit's subtree), replacing earlier ones unless --missing-only; prints CSV\n"
    "               (member_id,full_name,https_url,webcal_url; UTF-8 with a byte-order mark, as the reports)\n"
    "               to hand the addresses out, shown only here\n"
    "  help         show this text\n"
    "\n"
    "options (each also read from its environment variable; flags win):\n";

void print_help() { std::cout << usage << core::config_help(); }

std::shared_ptr<store::database> open_database(const core::config& c) {
  return std::make_shared<store::database>(c.database, c.db_pool);
}

// The schema must be exactly what this binary knows before it serves or writes.
void prepare_schema(store::database& db, bool apply) {
  if (apply) {
    auto report = store::migrate(db);
    core::log::info("schema_ready", {{"version", report.to_version}, {"applied", report.applied.size()}});
    return;
  }
  int have = store::schema_version(db), know = store::latest_known_version(db.kind());
  if (have > know)
    throw core::error(core::errc::conflict, "The database schema (version " + std::to_string(have) +
                                                ") is newer than this satdan knows (" + std::to_string(know) + ").");
  if (have < know)
    throw core::error(core::errc::conflict, "The database schema is at version " + std::to_string(have) +
                                                "; run `satdan migrate` (this satdan needs " + std::to_string(know) + ").");
}

// Keeps series materialised up to the horizon: once at start, then every hour until the server stops.
// Running it in several processes at once is harmless: it is idempotent.
class horizon_keeper {
 public:
  horizon_keeper(std::shared_ptr<store::database> db, int months) : meetings_(std::move(db)), months_(months) {
    extend();
    thread_ = std::thread([this] {
      std::unique_lock lock(mutex_);
      while (!cv_.wait_for(lock, std::chrono::hours(1), [this] { return stopping_; })) {
        lock.unlock();
        extend();
        lock.lock();
      }
    });
  }
  ~horizon_keeper() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  void extend() {
    try {
      int n = calendar::extend_horizon(meetings_, core::now(), months_);
      core::log::info("horizon_extended", {{"occurrences_offered", n}, {"months", months_}});
    } catch (const std::exception& e) {
      core::log::error("horizon_extension_failed", {{"reason", e.what()}});
    }
  }
  store::meetings_store meetings_;
  int months_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

int serve(const core::config& c) {
  if (!calendar::is_known_time_zone(c.timezone))
    throw core::error(core::errc::bad_request, "--timezone: unknown time zone " + c.timezone);
  if (core::test_clock_compiled_in())
    core::log::warn("test_clock", {{"now", core::format_utc(core::now())},
                                   {"reason", "built with SATDAN_TEST_CLOCK: not for production"}});
  auto db = open_database(c);
  prepare_schema(*db, c.migrate);
  api::app_context app(c, db);
  horizon_keeper horizon(db, c.horizon_months);
  http::router router = api::make_router(app);
  http::server server(
      {.host = c.listen_host,
       .port = c.listen_port,
       .io_threads = c.io_threads,
       .blocking_threads = c.db_pool,
       .body_limit = c.body_limit,
       .header_timeout = c.header_timeout,
       .body_timeout = c.body_timeout,
       .shutdown_timeout = c.shutdown_timeout,
       .cors_origins = c.cors_origins,
       .path_for_log = [&router](std::string_view target) { return router.path_for_log(target); }},
      [&router](const http::request& req) { return router.dispatch(req); });
  unsigned short port = server.bind();
  // Links must carry the port actually bound (port 0 picks one); nothing is served before run(), so the
  // handlers never see the provisional address.
  if (app.config.public_url_from_listen) app.config.public_base_url = core::url_of_listen_address(c.listen_host, port);
  core::log::info("listening", {{"address", c.listen_host}, {"port", port},
                                {"database", db->kind() == store::backend::sqlite ? "sqlite" : "postgresql"},
                                {"timezone", c.timezone}, {"public_url", app.config.public_base_url}});
  if (core::public_url_only_reaches_this_machine(app.config))
    core::log::warn("public_url_is_loopback",
                    {{"public_url", app.config.public_base_url}, {"address", c.listen_host},
                     {"hint", "feed addresses handed out will only work on this machine; set --public-url"}});
  // Rows with dates outside 1970–9999 are named in the log for someone to correct; reads clamp them meanwhile.
  // The check scans tables, so it runs beside the server rather than delaying its start.
  std::jthread range_check([db] { store::report_out_of_range(*db); });
  server.run();
  // Running proposals are cancelled (they save nothing) and the solver threads joined before the stores go.
  app.proposal_jobs.shut_down();
  return 0;
}

int migrate(const core::config& c) {
  auto db = open_database(c);
  auto report = store::migrate(*db);
  std::cout << "schema version " << report.from_version << " -> " << report.to_version << " (" << report.applied.size()
            << " applied)\n";
  return 0;
}

int seed_demo(const core::config& c, bool if_empty) {
  auto db = open_database(c);
  prepare_schema(*db, c.migrate);
  store::directory_store directory(db);
  if (if_empty && directory.count_units() > 0) {
    std::cout << "the database already holds data; demo seed skipped\n";
    return 0;
  }
  store::accounts_store accounts(db);
  const char* chosen = std::getenv("SATDAN_DEMO_PASSWORD");
  std::string password = chosen && *chosen ? chosen : security::random_password();
  if (auto why = domain::password_problem(password); !why.empty())
    throw core::error(core::errc::bad_request, "SATDAN_DEMO_PASSWORD " + why);
  auto r = demo::seed_demo(directory, accounts, password);
  store::meetings_store meetings(db);
  auto m = demo::seed_demo_meetings(directory, meetings, c.timezone);
  int sessions = calendar::extend_horizon(meetings, core::now(), c.horizon_months);
  store::assignments_store seats(db, api::assignment_rules_of(c));
  store::attendance_store attendance(db);
  store::grievances_store grievances(db);
  auto staff = accounts.find_for_login("demo-staff");
  auto h = demo::seed_demo_history(directory, meetings, seats, attendance, grievances,
                                   staff ? std::optional<domain::id_t>(staff->account.id) : std::nullopt);
  std::cout << "demo district seeded: " << r.units << " units, " << r.cells << " cells, " << r.members << " members, "
            << r.responsibilities << " responsibilities, " << r.unavailability << " unavailability periods, "
            << m.series << " meeting series (" << sessions << " sessions), " << m.dialogues << " dialogues\n";
  std::cout << "history (November 2025 - October 2026): " << h.sessions << " sessions held with " << h.seats
            << " members seated and " << h.attendance << " attendance records, " << h.grievances << " grievances (" << h.answered << " answered, "
            << h.answered_late << " of them late)\n";
  std::cout << "demo accounts: demo-admin, demo-secretariat, demo-staff, demo-member; password: "
            << (chosen && *chosen ? "as in SATDAN_DEMO_PASSWORD" : password + "  (shown once; set SATDAN_DEMO_PASSWORD to choose it)")
            << "\n";
  std::cout << "calendar feeds: `satdan issue-feeds` gives every member an address (CSV); unit feeds are at "
               "/feeds/u/{unit_id}.ics\n";
  return 0;
}

int create_user(std::vector<std::string> args) {
  boost::json::object fields;
  if (auto v = cli::take_flag(args, "--username")) fields["username"] = *v;
  if (auto v = cli::take_flag(args, "--role")) fields["role"] = *v;
  if (auto v = cli::take_flag(args, "--display-name")) fields["display_name"] = *v;
  if (auto v = cli::take_flag(args, "--member-id")) {
    try {
      fields["member_id"] = std::stoll(*v);
    } catch (const std::exception&) {
      fields["member_id"] = *v;  // the decoder names it
    }
  }
  core::config c = core::load_config(args);
  if (isatty(STDIN_FILENO)) std::cerr << "password: " << std::flush;
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  fields["password"] = password;
  domain::account_input in;
  try {
    in = domain::account_from_json(fields, true);
  } catch (const core::error& e) {
    std::string detail;
    for (const auto& f : e.fields()) detail += "\n  " + f.field + ": " + f.reason;
    throw core::error(core::errc::bad_request, "the account is not valid:" + detail);
  }
  auto db = open_database(c);
  prepare_schema(*db, c.migrate);
  store::accounts_store accounts(db);
  auto created = accounts.create(in.value, security::hash_password(password), store::actor{});
  std::cout << "account " << created.username << " (" << created.role << ") created with id " << created.id << "\n";
  return 0;
}

int issue_feeds(std::vector<std::string> args) {
  std::optional<domain::id_t> within;
  if (auto v = cli::take_flag(args, "--within")) {
    try {
      within = std::stoll(*v);
    } catch (const std::exception&) {
      throw core::error(core::errc::bad_request, "--within must be a unit id");
    }
  }
  bool missing_only = std::erase(args, std::string("--missing-only")) > 0;
  core::config c = core::load_config(args);
  auto db = open_database(c);
  prepare_schema(*db, c.migrate);
  store::directory_store directory(db);
  store::feeds_store feeds(db, c.timezone);
  std::set<domain::id_t> has_token;
  if (missing_only) has_token = feeds.members_with_token();
  // The reports' CSV, written a row at a time: each token is issued as its row is printed.
  std::cout << core::csv_byte_order_mark << core::csv_row({"member_id", "full_name", "https_url", "webcal_url"});
  store::page_request p;
  p.limit = 500;
  for (;;) {
    auto page = directory.list_members({.within = within, .active = true}, p);
    for (const auto& m : page.items) {
      if (has_token.contains(m.id)) continue;
      std::string token = security::new_token();
      feeds.set_token(m.id, security::token_digest(token), store::actor{});
      auto address = api::feed_address_of(c, token);
      std::cout << core::csv_row({std::to_string(m.id), m.full_name, address.https_url, address.webcal_url});
    }
    if (!page.next_after) break;
    p.after = *page.next_after;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    print_help();
    return args.empty() ? 2 : 0;
  }
  std::string command = args[0];
  args.erase(args.begin());
  if (std::find(args.begin(), args.end(), "--help") != args.end()) {
    print_help();
    return 0;
  }
  int rc = 0;
  try {
    if (command == "serve") {
      rc = serve(core::load_config(args));
    } else if (command == "migrate") {
      rc = migrate(core::load_config(args));
    } else if (command == "solve") {
      rc = cli::solve_command(args);
    } else if (command == "check") {
      rc = cli::check_command(args);
    } else if (command == "gen-instance") {
      rc = cli::gen_instance_command(args);
    } else if (command == "issue-feeds") {
      rc = issue_feeds(args);
    } else if (command == "create-user") {
      rc = create_user(args);
    } else if (command == "seed-demo") {
      bool if_empty = std::erase(args, std::string("--if-empty")) > 0;
      rc = seed_demo(core::load_config(args), if_empty);
    } else {
      std::cerr << "satdan: unknown command " << command << "\n\n";
      print_help();
      rc = 2;
    }
  } catch (const core::error& e) {
    std::cerr << "satdan " << command << ": " << e.public_message() << "\n";
    if (!e.internal_message().empty()) core::log::error("command_failed", {{"reason", e.internal_message()}});
    rc = e.code() == core::errc::bad_request ? 2 : 1;
  } catch (const std::exception& e) {
    std::cerr << "satdan " << command << ": " << e.what() << "\n";
    rc = 1;
  }
  calendar::release_time_zones();
  return rc;
}
