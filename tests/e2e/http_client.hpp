// A small blocking HTTP/1.1 client over loopback (Beast), with socket timeouts so no test can hang.
#pragma once
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/json/value.hpp>

#include <memory>
#include <string>

#include "http/message.hpp"

namespace satdan::testkit {

struct http_result {
  int status = 0;
  http::header_list headers;
  std::string body;
  bool keep_alive = false;
  std::string header(std::string_view name) const { return std::string(http::find_header(headers, name)); }
  boost::json::value json() const;
};

class http_client {
 public:
  explicit http_client(unsigned short port, int timeout_seconds = 20);
  http_result request(const std::string& method, const std::string& target, const std::string& body = {},
                      const std::string& content_type = "application/json", const http::header_list& headers = {});
  // Sends "Authorization: Bearer TOKEN" with every request from now on (empty: none).
  void use_token(std::string token) { token_ = std::move(token); }
  http_result get(const std::string& target) { return request("GET", target); }
  http_result post(const std::string& target, const boost::json::value& body);
  http_result patch(const std::string& target, const boost::json::value& body);
  http_result del(const std::string& target) { return request("DELETE", target); }

  // Raw access for tests of the connection itself.
  void send_raw(const std::string& bytes);
  http_result read_response(bool head = false);
  // True when the server closed the connection (a read ends with EOF or reset) within the socket timeout.
  bool closed_by_server();

 private:
  std::unique_ptr<boost::asio::io_context> ioc_;  // on the heap: the client can move, the socket's context stays put
  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
  std::string token_;
};

}  // namespace satdan::testkit
