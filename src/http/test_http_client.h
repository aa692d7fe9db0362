#pragma once

// A minimal blocking HTTP/1.1 client over a raw loopback socket, for tests of the real server:
// it sends exactly the bytes a test gives it (malformed, partial, pipelined requests) and
// parses responses with Content-Length or close-delimited bodies (the server never chunks).
// Header-only so that it stays out of ptdv_http. Not thread-safe: one per thread.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/headers.h"

namespace ptdv::http::test {

struct ClientResponse {
  int status = 0;
  Headers headers;
  std::string body;
};

// When set, called with every response Request() reads (test_openapi_validator.h sets it to
// check API answers against the OpenAPI document).
using ResponseObserver = void (*)(std::string_view method, std::string_view target,
                                  const ClientResponse& response);
inline ResponseObserver response_observer = nullptr;

class TestHttpClient {
 public:
  using Milliseconds = std::chrono::milliseconds;

  // Connects to 127.0.0.1:port, from `source` when given (another loopback address such as
  // "127.0.0.2", so that the server sees another client); connected() tells whether it worked.
  explicit TestHttpClient(int port, const char* source = nullptr) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) return;
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (source != nullptr) {
      sockaddr_in local{};
      local.sin_family = AF_INET;
      if (::inet_pton(AF_INET, source, &local.sin_addr) != 1 ||
          ::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
        ::close(fd_);
        fd_ = -1;
        return;
      }
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~TestHttpClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  TestHttpClient(const TestHttpClient&) = delete;
  TestHttpClient& operator=(const TestHttpClient&) = delete;

  bool connected() const { return fd_ >= 0; }

  bool Send(std::string_view data) {
    while (!data.empty()) {
      ssize_t sent = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (sent < 0 && errno == EINTR) continue;
      if (sent <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
  }

  // "METHOD target HTTP/1.1" with Host, the given fields, and Content-Length when there is a
  // body.
  static std::string Format(std::string_view method, std::string_view target,
                            std::string_view body = {},
                            const std::vector<std::pair<std::string, std::string>>& fields = {}) {
    std::string request =
        std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto& [name, value] : fields) request += name + ": " + value + "\r\n";
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
      request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    request += "\r\n";
    request += body;
    return request;
  }

  // Sends one request and reads its response.
  std::optional<ClientResponse> Request(
      std::string_view method, std::string_view target, std::string_view body = {},
      const std::vector<std::pair<std::string, std::string>>& fields = {},
      Milliseconds timeout = Milliseconds(5000)) {
    if (!Send(Format(method, target, body, fields))) return std::nullopt;
    std::optional<ClientResponse> response = Read(method == "HEAD", timeout);
    if (response && response_observer != nullptr) response_observer(method, target, *response);
    return response;
  }

  // Reads one response (skipping 1xx); nullopt on timeout, close or garbage. `head`: the
  // request was HEAD, so no body follows whatever Content-Length says.
  std::optional<ClientResponse> Read(bool head = false, Milliseconds timeout = Milliseconds(5000)) {
    return ReadResponse(head, timeout, /*skip_interim=*/true);
  }
  // Reads one response, an interim 1xx (100 Continue) included.
  std::optional<ClientResponse> ReadInterimOrFinal(Milliseconds timeout = Milliseconds(5000)) {
    return ReadResponse(false, timeout, /*skip_interim=*/false);
  }

 private:
  std::optional<ClientResponse> ReadResponse(bool head, Milliseconds timeout, bool skip_interim) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      std::size_t end;
      while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
        if (!Fill(deadline)) return std::nullopt;
      }
      ClientResponse response;
      std::string_view header(buffer_.data(), end);
      std::size_t line_end = header.find("\r\n");
      std::string_view status_line = header.substr(0, line_end);
      if (!status_line.starts_with("HTTP/1.") || status_line.size() < 12) return std::nullopt;
      std::from_chars(status_line.data() + 9, status_line.data() + 12, response.status);
      while (line_end != std::string_view::npos) {
        header.remove_prefix(line_end + 2);
        line_end = header.find("\r\n");
        std::string_view line = header.substr(0, line_end);
        std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        response.headers.Add(std::string(line.substr(0, colon)), std::string(value));
      }
      buffer_.erase(0, end + 4);
      if (response.status >= 100 && response.status < 200) {
        if (skip_interim) continue;
        return response;
      }

      if (head || response.status == 204 || response.status == 304) return response;
      if (std::optional<std::string_view> length = response.headers.Get("Content-Length")) {
        std::size_t size = 0;
        std::from_chars(length->data(), length->data() + length->size(), size);
        while (buffer_.size() < size) {
          if (!Fill(deadline)) return std::nullopt;
        }
        response.body = buffer_.substr(0, size);
        buffer_.erase(0, size);
      } else {
        while (Fill(deadline)) {
        }
        response.body = std::move(buffer_);
        buffer_.clear();
      }
      return response;
    }
  }

 public:
  // True when the server closes the connection within `timeout` (bytes that arrive meanwhile
  // are kept for Read).
  bool WaitForClose(Milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      int result = Receive(deadline);
      if (result == 0) return true;
      if (result < 0) return false;
    }
  }

 private:
  // >0 bytes read, 0 the peer closed (or reset), -1 timeout.
  int Receive(std::chrono::steady_clock::time_point deadline) {
    while (true) {
      auto left =
          std::chrono::duration_cast<Milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return -1;
      pollfd descriptor{.fd = fd_, .events = POLLIN};
      int ready = ::poll(&descriptor, 1, static_cast<int>(left.count()));
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0) return -1;
      char chunk[16384];
      ssize_t received = ::recv(fd_, chunk, sizeof chunk, 0);
      if (received < 0 && errno == EINTR) continue;
      if (received <= 0) return 0;
      buffer_.append(chunk, static_cast<std::size_t>(received));
      return static_cast<int>(received);
    }
  }
  bool Fill(std::chrono::steady_clock::time_point deadline) { return Receive(deadline) > 0; }

  int fd_ = -1;
  std::string buffer_;
};

}  // namespace ptdv::http::test
