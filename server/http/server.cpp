#include "http/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <atomic>
#include <list>
#include <mutex>
#include <optional>
#include <thread>
#include <tuple>
#include <vector>

#include "core/error.hpp"
#include "core/log.hpp"
#include "http/framing.hpp"
#include "http/problem.hpp"

namespace satdan::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

namespace {

struct connection {
  explicit connection(tcp::socket s) : stream(std::move(s)) {}
  beast::tcp_stream stream;
  bool idle = true;  // waiting for the next request; only touched on the connection's strand
};

using beast_request = bhttp::request<bhttp::string_body>;
using beast_response = bhttp::response<bhttp::string_body>;

request from_beast(const beast_request& in, const std::string& remote) {
  request req;
  req.method = std::string(in.method_string());
  req.target = std::string(in.target());
  for (const auto& field : in) req.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  req.body = in.body();
  req.remote = remote;
  return req;
}

// A body shared with a cache: the span points into the string `res.shared_body` keeps alive until the
// write is done (`res` outlives it).
using shared_response = bhttp::response<bhttp::span_body<const char>>;

// A HEAD response carries the headers of the GET response, Content-Length included, and no body.
template <class Message>
void fill(Message& out, response& res, bool keep_alive) {
  if (!res.content_type.empty()) out.set(bhttp::field::content_type, res.content_type);
  bool has_cache_control = false, has_policy = false;
  for (auto& [name, value] : res.headers) {
    has_cache_control = has_cache_control || beast::iequals(name, "Cache-Control");
    has_policy = has_policy || beast::iequals(name, "Content-Security-Policy");
    out.insert(name, value);
  }
  // Responses carry personal data: nothing is cached, sniffed, framed or allowed to load anything.
  if (!has_cache_control) out.set(bhttp::field::cache_control, "no-store");
  out.set("X-Content-Type-Options", "nosniff");
  // Web pages bring their own policy (their styles and script); everything else may load nothing.
  if (!has_policy) out.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
  out.set("X-Frame-Options", "DENY");
  out.set("Referrer-Policy", "no-referrer");
  out.keep_alive(keep_alive);
}

beast_response to_beast(response res, unsigned version, bool keep_alive, bool head) {
  beast_response out{static_cast<bhttp::status>(res.status), version};
  fill(out, res, keep_alive);
  out.body() = std::move(res.body);
  out.prepare_payload();
  // A 304's Content-Length would have to be the representation's; none is clearer than a wrong 0.
  if (out.result() == bhttp::status::not_modified) out.erase(bhttp::field::content_length);
  if (head) out.body().clear();
  return out;
}

shared_response to_beast_shared(response& res, unsigned version, bool keep_alive, bool head) {
  shared_response out{static_cast<bhttp::status>(res.status), version};
  fill(out, res, keep_alive);
  out.body() = shared_response::body_type::value_type(res.shared_body->data(), res.shared_body->size());
  out.prepare_payload();
  if (head) out.body() = shared_response::body_type::value_type();
  return out;
}

std::string remote_of(const beast::tcp_stream& stream) {
  beast::error_code ec;
  auto ep = stream.socket().remote_endpoint(ec);
  return ec ? std::string("unknown") : ep.address().to_string();
}

using request_parser = bhttp::request_parser<bhttp::string_body>;

std::optional<core::error> framing_problem_of(const request_parser& parser) {
  std::vector<header_view> fields;
  for (const auto& f : parser.get()) fields.emplace_back(f.name_string(), f.value());
  return framing_problem(parser.get().version(), fields);
}

}  // namespace

struct server::impl {
  impl(server_options o, request_handler h)
      : options(std::move(o)), handler(std::move(h)), acceptor(ioc), signals(ioc, SIGINT, SIGTERM), deadline(ioc),
        blocking(static_cast<std::size_t>(options.blocking_threads)) {}

  server_options options;
  request_handler handler;
  asio::io_context ioc;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer deadline;
  asio::thread_pool blocking;  // declared after ioc: joined before the io_context goes away
  std::atomic<bool> stopping{false};
  std::mutex mutex;
  std::list<std::weak_ptr<connection>> connections;

  void add(const std::shared_ptr<connection>& c) {
    std::lock_guard lock(mutex);
    connections.push_back(c);
  }

  void remove(const std::shared_ptr<connection>& c) {
    std::lock_guard lock(mutex);
    connections.remove_if([&](const auto& w) { return w.expired() || w.lock() == c; });
    // The last connection gone during shutdown: nothing keeps the io_context busy but the deadline.
    if (stopping && connections.empty()) asio::post(ioc, [this] { deadline.cancel(); });
  }

  template <class F>
  void for_each_connection(F f) {
    std::lock_guard lock(mutex);
    for (const auto& w : connections)
      if (auto c = w.lock()) asio::post(c->stream.get_executor(), [c, f] { f(*c); });
  }

  void begin_shutdown() {
    if (stopping.exchange(true)) return;
    core::log::info("shutdown_started", {{"grace_seconds", static_cast<std::int64_t>(options.shutdown_timeout.count())}});
    beast::error_code ignored;
    acceptor.close(ignored);
    signals.cancel();
    // Idle keep-alive connections close now; those with a request in flight finish it first.
    for_each_connection([](connection& c) {
      if (c.idle) c.stream.cancel();
    });
    deadline.expires_after(options.shutdown_timeout);
    deadline.async_wait([this](beast::error_code ec) {
      if (ec) return;  // cancelled: every connection finished in time
      core::log::warn("shutdown_deadline_reached");
      for_each_connection([](connection& c) {
        beast::error_code e;
        c.stream.socket().close(e);
      });
      ioc.stop();
    });
    std::lock_guard lock(mutex);
    if (connections.empty()) deadline.cancel();
  }

  asio::awaitable<void> accept_loop() {
    for (;;) {
      tcp::socket socket(asio::make_strand(ioc));
      auto [ec] = co_await acceptor.async_accept(socket, tuple_awaitable);
      if (stopping) co_return;
      if (ec) {
        if (ec == asio::error::operation_aborted) co_return;
        // Out of file descriptors or similar: pause instead of spinning.
        core::log::warn("accept_failed", {{"reason", ec.message()}});
        asio::steady_timer pause(ioc, std::chrono::milliseconds(50));
        co_await pause.async_wait(tuple_awaitable);
        continue;
      }
      auto c = std::make_shared<connection>(std::move(socket));
      add(c);
      asio::co_spawn(c->stream.get_executor(), serve(c), [this, c](std::exception_ptr e) {
        if (e) {
          try {
            std::rethrow_exception(e);
          } catch (const std::exception& x) {
            core::log::error("connection_failed", {{"reason", x.what()}});
          }
        }
        remove(c);
      });
    }
  }

  // CORS is off unless origins are configured; then only those exact origins are answered.
  bool allowed_origin(std::string_view origin) const {
    if (origin.empty()) return false;
    for (const auto& o : options.cors_origins)
      if (o == origin) return true;
    return false;
  }

  static response preflight() {
    response res;
    res.status = 204;
    res.set_header("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE");
    res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type, If-Match");
    res.set_header("Access-Control-Max-Age", "600");
    return res;
  }

  asio::awaitable<response> run_handler(const request& req) {
    co_return co_await asio::co_spawn(
        blocking, [this, &req]() -> asio::awaitable<response> { co_return handler(req); }, asio::use_awaitable);
  }

  std::string log_path(std::string_view target) const {
    return options.path_for_log ? options.path_for_log(target) : printable_path(target);
  }

  // Answers a request that cannot be served with a problem and closes the connection. Closing with unread
  // bytes in the socket makes the kernel send a reset that can destroy the answer before the client reads it
  // (RFC 9112 §9.6): half-close first, then read and drop what the client still sends, for a bounded time.
  asio::awaitable<void> reject(connection& c, const core::error& problem, const request_parser& parser,
                               const std::string& remote) {
    auto res = to_beast(problem_response(problem), 11, false, false);
    boost::json::object line{{"status", res.result_int()}, {"reason", problem.public_message()}, {"remote", remote}};
    if (parser.is_header_done()) {
      line["method"] = std::string(parser.get().method_string());
      line["path"] = log_path(std::string_view(parser.get().target().data(), parser.get().target().size()));
    }
    core::log::warn("request_rejected", std::move(line));
    c.stream.expires_after(options.body_timeout);
    auto [ec, n] = co_await bhttp::async_write(c.stream, res, tuple_awaitable);
    if (ec) co_return;
    c.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    c.idle = true;  // a shutdown need not wait for the rest
    c.stream.expires_after(std::chrono::seconds(2));
    std::array<char, 4096> sink;
    for (std::size_t dropped = 0; dropped < options.body_limit;) {
      std::tie(ec, n) = co_await c.stream.async_read_some(asio::buffer(sink), tuple_awaitable);
      if (ec) break;
      dropped += n;
    }
  }

  asio::awaitable<void> serve(std::shared_ptr<connection> c) {
    beast::tcp_stream& stream = c->stream;
    beast::flat_buffer buffer;
    const std::string remote = remote_of(stream);
    for (;;) {
      if (stopping) break;
      request_parser parser;
      parser.header_limit(16 * 1024);
      parser.body_limit(options.body_limit);
      c->idle = true;
      stream.expires_after(options.header_timeout);
      auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, tuple_awaitable);
      c->idle = false;
      // Framing is checked before a 100 Continue invites the body and before a byte of it is read.
      std::optional<core::error> problem;
      if (!ec) problem = framing_problem_of(parser);
      if (!ec && !problem && parser.get()[bhttp::field::expect] == "100-continue" && !parser.is_done()) {
        bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, parser.get().version()};
        stream.expires_after(options.body_timeout);
        std::tie(ec, n) = co_await bhttp::async_write(stream, go_on, tuple_awaitable);
      }
      if (!ec && !problem && !parser.is_done()) {
        stream.expires_after(options.body_timeout);
        std::tie(ec, n) = co_await bhttp::async_read(stream, buffer, parser, tuple_awaitable);
      }
      if (ec == bhttp::error::body_limit) {
        problem = core::error(core::errc::payload_too_large,
                              "The request body is larger than " + std::to_string(options.body_limit) + " bytes.");
      } else if (ec == bhttp::error::header_limit) {
        problem = core::error(core::errc::bad_request, "The request headers are too large.");
      } else if (ec && ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
                 ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
        problem = core::error(core::errc::bad_request, "The request is not valid HTTP/1.1.");
      }
      if (problem) {
        co_await reject(*c, *problem, parser, remote);
        break;
      }
      if (ec) break;  // the client closed, timed out, or we are shutting down: nothing to answer

      auto started = std::chrono::steady_clock::now();
      beast_request breq = parser.release();
      request req = from_beast(breq, remote);
      response res;
      const bool cors = allowed_origin(req.header("Origin"));
      try {
        if (cors && req.method == "OPTIONS" && !req.header("Access-Control-Request-Method").empty()) {
          res = preflight();  // answered here: the routes know nothing of CORS
        } else {
          parse_target(req);
          res = co_await run_handler(req);
        }
      } catch (const core::error& e) {
        res = problem_response(e);
      }
      if (cors) {
        res.set_header("Access-Control-Allow-Origin", std::string(req.header("Origin")));
        res.set_header("Vary", "Origin");
      }
      bool keep_alive = breq.keep_alive() && !stopping;
      int status = res.status;
      const bool head = req.method == "HEAD";
      stream.expires_after(options.body_timeout);
      beast::error_code wec;
      if (res.shared_body) {
        auto out = to_beast_shared(res, breq.version(), keep_alive, head);
        std::tie(wec, std::ignore) = co_await bhttp::async_write(stream, out, tuple_awaitable);
      } else {
        auto out = to_beast(std::move(res), breq.version(), keep_alive, head);
        std::tie(wec, std::ignore) = co_await bhttp::async_write(stream, out, tuple_awaitable);
      }
      auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
      core::log::info("request", {{"method", req.method}, {"path", log_path(req.target)}, {"status", status},
                                  {"us", static_cast<std::int64_t>(us.count())}, {"remote", remote}});
      if (wec || !keep_alive) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }
};

server::server(server_options options, request_handler handler)
    : impl_(std::make_unique<impl>(std::move(options), std::move(handler))) {}

server::~server() = default;

unsigned short server::bind() {
  auto& im = *impl_;
  beast::error_code ec;
  auto address = asio::ip::make_address(im.options.host, ec);
  if (ec) throw core::error(core::errc::bad_request, "--listen has an invalid address: " + im.options.host);
  tcp::endpoint endpoint{address, im.options.port};
  im.acceptor.open(endpoint.protocol(), ec);
  if (!ec) im.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) im.acceptor.bind(endpoint, ec);
  if (!ec) im.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    throw core::error(core::errc::unavailable,
                      "Cannot listen on " + im.options.host + ":" + std::to_string(im.options.port) + ": " + ec.message());
  }
  return im.acceptor.local_endpoint().port();
}

void server::run() {
  auto& im = *impl_;
  asio::co_spawn(im.ioc, im.accept_loop(), asio::detached);
  im.signals.async_wait([&im](beast::error_code ec, int) {
    if (!ec) im.begin_shutdown();
  });
  std::vector<std::thread> threads;
  for (int i = 1; i < im.options.io_threads; ++i) threads.emplace_back([&im] { im.ioc.run(); });
  im.ioc.run();
  for (auto& t : threads) t.join();
  im.blocking.join();
  core::log::info("shutdown_complete");
}

void server::stop() {
  asio::post(impl_->ioc, [im = impl_.get()] { im->begin_shutdown(); });
}

}  // namespace satdan::http
