#include "e2e/http_client.hpp"

#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <sys/socket.h>

namespace satdan::testkit {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

boost::json::value http_result::json() const { return boost::json::parse(body); }

http_client::http_client(unsigned short port, int timeout_seconds)
    : ioc_(std::make_unique<asio::io_context>()), socket_(*ioc_) {
  socket_.connect({asio::ip::make_address("127.0.0.1"), port});
  timeval tv{timeout_seconds, 0};
  ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

http_result http_client::request(const std::string& method, const std::string& target, const std::string& body,
                                 const std::string& content_type, const http::header_list& headers) {
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  if (!body.empty() || method == "POST" || method == "PATCH") {
    if (!content_type.empty()) req.set(bhttp::field::content_type, content_type);
    req.body() = body;
  }
  if (!token_.empty()) req.set(bhttp::field::authorization, "Bearer " + token_);
  for (const auto& [k, v] : headers) req.set(k, v);
  req.keep_alive(true);
  req.prepare_payload();
  bhttp::write(socket_, req);
  return read_response(method == "HEAD");
}

http_result http_client::post(const std::string& target, const boost::json::value& body) {
  return request("POST", target, boost::json::serialize(body));
}

http_result http_client::patch(const std::string& target, const boost::json::value& body) {
  return request("PATCH", target, boost::json::serialize(body), "application/merge-patch+json");
}

void http_client::send_raw(const std::string& bytes) { asio::write(socket_, asio::buffer(bytes)); }

http_result http_client::read_response(bool head) {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  parser.skip(head);  // a HEAD response announces a length but has no body
  bhttp::read(socket_, buffer_, parser);
  auto res = parser.release();
  http_result out;
  out.status = static_cast<int>(res.result_int());
  for (const auto& f : res) out.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
  out.body = res.body();
  out.keep_alive = res.keep_alive();
  return out;
}

bool http_client::closed_by_server() {
  char byte;
  beast::error_code ec;
  socket_.read_some(asio::buffer(&byte, 1), ec);
  return ec == asio::error::eof || ec == asio::error::connection_reset;
}

}  // namespace satdan::testkit
