#include "http/server.h"

#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
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
#include <exception>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "http/access_log.h"
#include "http/client_origin.h"
#include "http/error_mapping.h"
#include "http/metrics.h"
#include "http/request.h"
#include "http/request_id.h"
#include "http/response.h"
#include "http/router.h"
#include "http/security_headers.h"
#include "http/static_files.h"

namespace ptdv::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kReadChunk = 4096;
// After an error response that leaves request bytes unread (413, 431, 400), the server reads
// and discards for a while before closing, so the kernel does not answer the client's unread
// bytes with a reset that would destroy the response before the client reads it.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr std::size_t kLingerBytes = std::size_t{4} * 1024 * 1024;

constexpr std::string_view kUnmatched = "unmatched";

int ThreadCount(int requested) {
  if (requested > 0) return requested;
  unsigned hardware = std::thread::hardware_concurrency();
  return hardware == 0 ? 2 : static_cast<int>(hardware);
}

bool IsApiPath(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

bool HasNoBody(int status) {
  return (status >= 100 && status < 200) || status == 204 || status == 304;
}

// Fields the server sets itself, or that a handler must not smuggle in.
bool IsReservedField(std::string_view name) {
  return EqualsIgnoreCase(name, "Content-Length") || EqualsIgnoreCase(name, "Transfer-Encoding") ||
         EqualsIgnoreCase(name, "Connection") || EqualsIgnoreCase(name, "Content-Type");
}

// Who an answer goes to, as its headers and the access log name them.
struct Recipient {
  std::string client;  // Request::remote_address
  std::string request_id;
  Transport transport = Transport::kPlain;
};

// The headers every answer carries besides those of Beast, and the request id in an error body.
void Stamp(Response& response, const Recipient& recipient) {
  AttachRequestId(response, recipient.request_id);
  AddSecurityHeaders(response, recipient.transport);
  response.headers.Set("X-Request-Id", recipient.request_id);
}

// A fresh id, or the one a trusted proxy passed on (so its log and ours share it).
std::string RequestIdOf(const Request& request, std::string_view peer,
                        const NetworkList& trusted_proxies) {
  if (std::optional<std::string_view> id = request.Header("X-Request-Id");
      id && IsAcceptableRequestId(*id) && trusted_proxies.Contains(peer)) {
    return std::string(*id);
  }
  return NewRequestId();
}

// The bytes of the 503 sent to a connection accepted beyond max_connections.
std::string RawBusyResponse() {
  Response response = ErrorResponse(Error::Unavailable("Máy chủ đã đạt số kết nối tối đa"));
  response.headers.Set("Retry-After", "1");
  Stamp(response, {.request_id = NewRequestId()});
  std::string raw = "HTTP/1.1 503 Service Unavailable\r\n";
  for (const auto& [name, value] : response.headers) {
    raw.append(name).append(": ").append(value).append("\r\n");
  }
  raw.append("Content-Type: ").append(response.content_type).append("\r\n");
  raw.append("Content-Length: ").append(std::to_string(response.body.size())).append("\r\n");
  raw += "Connection: close\r\n\r\n";
  raw += response.body;
  return raw;
}

// What the server decided for one request.
struct Outcome {
  Response response;
  std::string route = std::string(kUnmatched);  // metrics and access-log label
  std::string user;
  std::string error;
};

// Splits "host:port", "[v6]:port" or ":port".
std::optional<std::pair<std::string, std::string>> SplitListen(std::string_view listen) {
  std::size_t colon = listen.rfind(':');
  if (colon == std::string_view::npos || colon + 1 == listen.size()) return std::nullopt;
  std::string_view host = listen.substr(0, colon);
  std::string_view port = listen.substr(colon + 1);
  if (port.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host.empty()) host = "0.0.0.0";
  return std::make_pair(std::string(host), std::string(port));
}

std::string_view View(beast::string_view text) { return {text.data(), text.size()}; }

class Connection;

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, Router& router, Metrics& metrics, AccessLog& access_log)
      : options_(std::move(options)),
        router_(router),
        metrics_(metrics),
        access_log_(access_log),
        handler_pool_(ThreadCount(options_.handler_threads)),
        write_pool_(ThreadCount(options_.write_threads)),
        io_(ThreadCount(options_.threads)),
        acceptor_strand_(asio::make_strand(io_)),
        acceptor_(acceptor_strand_),
        signals_(acceptor_strand_) {}

  Status Start();
  void Run();
  void Stop();
  int port() const { return port_; }

  bool stopping() const { return stopping_.load(std::memory_order_acquire); }
  const ServerOptions& options() const { return options_; }
  Metrics& metrics() { return metrics_; }
  AccessLog& access_log() { return access_log_; }

  // Decides the response to a complete request. Runs on the connection's strand; route handlers
  // and the readiness check hop to the handler pool.
  asio::awaitable<Outcome> Handle(Request& request);

  void Register(const std::shared_ptr<Connection>& connection);
  void Unregister(Connection* connection);
  bool AtCapacity();

 private:
  asio::awaitable<void> Accept();
  // Answers 503 if the socket takes it at once, and closes. Never blocks or reads.
  void Turn(tcp::socket socket);
  asio::awaitable<Response> InvokeRoute(const Route* route, const Request* request,
                                        RouteContext* context);
  // For Router::AddAsync routes: the guard and the handler's start on the handler pool, the
  // answer from whichever thread the handler responds on.
  asio::awaitable<Response> InvokeAsyncRoute(const Route* route, const Request* request,
                                             RouteContext* context);
  asio::awaitable<Status> CheckReadiness();

  const ServerOptions options_;
  Router& router_;
  Metrics& metrics_;
  AccessLog& access_log_;
  std::optional<StaticFiles> static_files_;
  std::atomic<bool> stopping_{false};
  int port_ = 0;
  bool started_ = false;

  // Declared before io_ so that they outlive connections destroyed along with io_.
  std::mutex connections_mutex_;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> connections_;  // guarded

  asio::thread_pool handler_pool_;
  asio::thread_pool write_pool_;  // the handlers of POST, PUT, PATCH and DELETE
  asio::io_context io_;
  asio::strand<asio::io_context::executor_type> acceptor_strand_;
  tcp::acceptor acceptor_;    // on acceptor_strand_
  asio::signal_set signals_;  // on acceptor_strand_
};

namespace {

// One client connection: a coroutine on its own strand reading requests, handing each to
// Server::Impl::Handle and writing the response, until the client closes, a timeout fires,
// an error needs the connection closed, or the server stops. All members are touched only on
// the strand.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Server::Impl& server, tcp::socket socket)
      : server_(server), stream_(std::move(socket)) {
    beast::error_code ignored;
    tcp::endpoint remote = stream_.socket().remote_endpoint(ignored);
    peer_ = remote.address().to_string();
    stream_.socket().set_option(tcp::no_delay(true), ignored);
    server_.metrics().ConnectionOpened();
  }
  ~Connection() {
    server_.metrics().ConnectionClosed();
    server_.Unregister(this);
  }

  static asio::awaitable<void> Serve(std::shared_ptr<Connection> self) {
    try {
      co_await self->Loop();
    } catch (const std::exception& e) {
      AccessLogEntry entry;
      entry.time = std::chrono::system_clock::now();
      entry.remote = self->peer_;
      entry.route = std::string(kUnmatched);
      entry.error = std::string("connection failed: ") + e.what();
      self->server_.access_log().Write(entry);
    }
    beast::error_code ignored;
    self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    self->stream_.close();
  }

  // Called by Server::Impl::Stop from any thread: a connection waiting for a request is closed
  // now; one whose request is under way finishes it and closes afterwards.
  void Shutdown() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->waiting_) return;
      beast::error_code ignored;
      // Shutting down the receive side makes a pending read, and any read a composed Beast
      // operation might still start, see end of stream; cancel wakes a read at once.
      self->stream_.socket().shutdown(tcp::socket::shutdown_receive, ignored);
      self->stream_.cancel();
    });
  }

 private:
  asio::awaitable<void> Loop();
  // Stamps and writes `response` (moving its body out); false when the connection broke.
  // `body_bytes`: the size of the body as sent (0 for HEAD).
  asio::awaitable<bool> Write(Response& response, bool head, unsigned version, bool keep_alive,
                              const Recipient& recipient, std::size_t& body_bytes);
  // Answers a request that cannot be served (malformed, too large), then closes after a
  // lingering read.
  asio::awaitable<void> Refuse(Response response, Method method, std::string path, unsigned version,
                               Clock::time_point start,
                               std::chrono::system_clock::time_point wall_start);
  void Record(const Outcome& outcome, Method method, std::string path, std::size_t bytes,
              const Recipient& recipient, Clock::time_point start,
              std::chrono::system_clock::time_point wall_start);

  Server::Impl& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::string peer_;  // the TCP peer's IP address
  // True while no request header is complete: Stop may close the connection then.
  bool waiting_ = true;
};

}  // namespace

asio::awaitable<void> Connection::Loop() {
  const ServerOptions& options = server_.options();
  bool first = true;
  while (!server_.stopping()) {
    waiting_ = true;
    if (buffer_.size() == 0) {
      stream_.expires_after(first ? options.read_timeout : options.idle_timeout);
      auto [error, bytes] = co_await stream_.async_read_some(buffer_.prepare(kReadChunk), kNoThrow);
      if (error) co_return;
      buffer_.commit(bytes);
    }
    first = false;

    stream_.expires_after(options.read_timeout);
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    // The larger limit until the target is known: Beast checks a Content-Length against the
    // limit as soon as the header is complete.
    parser.body_limit(options.upload_limit
                          ? std::max(options.max_body_bytes, options.max_upload_bytes)
                          : options.max_body_bytes);
    auto [header_error, header_bytes] =
        co_await bhttp::async_read_header(stream_, buffer_, parser, kNoThrow);
    Clock::time_point start = Clock::now();
    auto wall_start = std::chrono::system_clock::now();
    if (server_.stopping() && header_error) co_return;
    waiting_ = false;

    // Only a parsed header gives the method and target for the log.
    Method method = Method::kOther;
    std::string path;
    unsigned version = 11;
    if (parser.is_header_done()) {
      method = ParseMethod(View(parser.get().method_string()));
      std::string_view target = View(parser.get().target());
      path = std::string(target.substr(0, target.find('?')));
      version = parser.get().version();
    }

    if (header_error) {
      if (header_error == bhttp::error::header_limit) {
        co_await Refuse(ErrorResponse(HttpFailure::kHeaderTooLarge), method, path, version, start,
                        wall_start);
      } else if (header_error == bhttp::error::body_limit) {
        co_await Refuse(ErrorResponse(HttpFailure::kPayloadTooLarge), method, path, version, start,
                        wall_start);
      } else if (header_error == beast::error::timeout ||
                 header_error == bhttp::error::end_of_stream ||
                 header_error == bhttp::error::partial_message ||
                 header_error == asio::error::operation_aborted ||
                 header_error == asio::error::connection_reset ||
                 header_error == asio::error::eof) {
        // The client went away or stalled: nobody to answer.
      } else {
        co_await Refuse(ErrorResponse(HttpFailure::kBadRequest), method, path, version, start,
                        wall_start);
      }
      co_return;
    }

    if (options.upload_limit) {
      const std::size_t upload = options.upload_limit(method, path);
      const std::size_t limit =
          upload == 0 ? options.max_body_bytes : std::min(upload, options.max_upload_bytes);
      if (parser.content_length() && *parser.content_length() > limit) {
        co_await Refuse(ErrorResponse(HttpFailure::kPayloadTooLarge), method, path, version, start,
                        wall_start);
        co_return;
      }
      parser.body_limit(limit);  // no body octet is parsed yet
    }

    if (!parser.is_done()) {
      if (EqualsIgnoreCase(View(parser.get()[bhttp::field::expect]), "100-continue")) {
        bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, version};
        auto [continue_error, continue_bytes] =
            co_await bhttp::async_write(stream_, go_on, kNoThrow);
        if (continue_error) co_return;
      }
      auto [body_error, body_bytes] =
          co_await bhttp::async_read(stream_, buffer_, parser, kNoThrow);
      if (body_error == bhttp::error::body_limit) {
        co_await Refuse(ErrorResponse(HttpFailure::kPayloadTooLarge), method, path, version, start,
                        wall_start);
        co_return;
      }
      if (body_error) {
        if (body_error != beast::error::timeout && body_error != bhttp::error::partial_message &&
            body_error != asio::error::connection_reset && body_error != asio::error::eof) {
          co_await Refuse(ErrorResponse(HttpFailure::kBadRequest), method, path, version, start,
                          wall_start);
        }
        co_return;
      }
    }

    bhttp::request<bhttp::string_body> message = parser.release();
    Request request;
    request.method = method;
    Status target = ParseTarget(View(message.target()), request);
    if (!target.ok()) {
      co_await Refuse(ErrorResponse(target.error()), method, path, version, start, wall_start);
      co_return;
    }
    for (const auto& field : message) {
      request.headers.Add(std::string(View(field.name_string())), std::string(View(field.value())));
    }
    for (std::string_view cookie : request.headers.GetAll("Cookie")) {
      ParseCookieHeader(cookie, request.cookies);
    }
    request.body = std::move(message.body());
    // The one place where the client's address is decided.
    ClientOrigin origin = ResolveClientOrigin(peer_, request.headers, options.trusted_proxies);
    request.remote_address = std::move(origin.address);
    request.https = origin.https;
    request.request_id = RequestIdOf(request, peer_, options.trusted_proxies);
    Recipient recipient{.client = request.remote_address,
                        .request_id = request.request_id,
                        .transport = request.https ? Transport::kHttps : Transport::kPlain};

    Outcome outcome = co_await server_.Handle(request);
    if (outcome.error.empty()) outcome.error = std::move(outcome.response.log_detail);
    if (outcome.response.hold.count() > 0 && !server_.stopping()) {
      asio::steady_timer hold(stream_.get_executor(), outcome.response.hold);
      co_await hold.async_wait(kNoThrow);
    }
    bool keep_alive = message.keep_alive() && !server_.stopping();
    std::size_t bytes = 0;
    bool written = co_await Write(outcome.response, method == Method::kHead, version, keep_alive,
                                  recipient, bytes);
    if (!written && outcome.error.empty()) outcome.error = "response not delivered";
    Record(outcome, method, std::move(path), bytes, recipient, start, wall_start);
    if (!written || !keep_alive) co_return;
  }
}

asio::awaitable<bool> Connection::Write(Response& response, bool head, unsigned version,
                                        bool keep_alive, const Recipient& recipient,
                                        std::size_t& body_bytes) {
  Stamp(response, recipient);
  body_bytes = head ? 0 : response.body.size();
  bhttp::response<bhttp::string_body> message;
  message.version(version);
  message.result(static_cast<unsigned>(response.status));
  for (const auto& [name, value] : response.headers) {
    // A CR or LF in a value would split the header: a bug in a handler; drop the field.
    if (IsReservedField(name) || value.find_first_of("\r\n") != std::string::npos ||
        name.find_first_of("\r\n: ") != std::string::npos) {
      continue;
    }
    message.insert(name, value);
  }
  if (!response.content_type.empty()) {
    message.set(bhttp::field::content_type, response.content_type);
  }
  message.keep_alive(keep_alive);
  if (!HasNoBody(response.status)) {
    message.content_length(response.body.size());
    if (!head) message.body() = std::move(response.body);
  }
  stream_.expires_after(server_.options().read_timeout);
  auto [error, bytes] = co_await bhttp::async_write(stream_, message, kNoThrow);
  co_return !error;
}

asio::awaitable<void> Connection::Refuse(Response response, Method method, std::string path,
                                         unsigned version, Clock::time_point start,
                                         std::chrono::system_clock::time_point wall_start) {
  Outcome outcome;
  outcome.response = std::move(response);
  Recipient recipient{.client = peer_, .request_id = NewRequestId()};
  std::size_t bytes = 0;
  bool written =
      co_await Write(outcome.response, method == Method::kHead, version, false, recipient, bytes);
  Record(outcome, method, std::move(path), bytes, recipient, start, wall_start);
  if (!written) co_return;

  waiting_ = true;
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream_.expires_after(kLingerTime);
  std::array<char, kReadChunk> scratch;
  for (std::size_t total = 0; total < kLingerBytes;) {
    auto [error, bytes_read] = co_await stream_.async_read_some(asio::buffer(scratch), kNoThrow);
    if (error) break;
    total += bytes_read;
  }
}

void Connection::Record(const Outcome& outcome, Method method, std::string path, std::size_t bytes,
                        const Recipient& recipient, Clock::time_point start,
                        std::chrono::system_clock::time_point wall_start) {
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  server_.metrics().ObserveRequest(outcome.route, method, outcome.response.status, seconds);
  AccessLogEntry entry;
  entry.time = wall_start;
  entry.remote = recipient.client;
  if (recipient.client != peer_) entry.peer = peer_;
  entry.request_id = recipient.request_id;
  entry.method = MethodName(method);
  entry.path = std::move(path);
  entry.route = outcome.route;
  entry.status = outcome.response.status;
  entry.bytes = bytes;
  entry.duration_ms = seconds * 1000;
  entry.user = outcome.user;
  entry.error = outcome.error;
  server_.access_log().Write(entry);
}

Status Server::Impl::Start() {
  assert(!started_);
  PTDV_RETURN_IF_ERROR(router_.status());
  std::optional<std::pair<std::string, std::string>> host_port = SplitListen(options_.listen);
  if (!host_port) {
    return Error::Invalid("Địa chỉ lắng nghe không hợp lệ (cần host:port): " + options_.listen,
                          "listen");
  }
  if (!options_.static_dir.empty()) {
    std::error_code error;
    if (!std::filesystem::is_directory(options_.static_dir, error)) {
      return Error::Invalid("Không có thư mục tệp tĩnh: " + options_.static_dir, "static_dir");
    }
    static_files_.emplace(options_.static_dir);
  }

  beast::error_code error;
  tcp::resolver resolver(io_);
  auto endpoints = resolver.resolve(host_port->first, host_port->second,
                                    tcp::resolver::passive | tcp::resolver::numeric_service, error);
  if (error || endpoints.empty()) {
    return Error::Unavailable("Không phân giải được địa chỉ " + options_.listen + ": " +
                              error.message());
  }
  tcp::endpoint endpoint = endpoints.begin()->endpoint();
  auto fail = [&](const char* step) {
    return Error::Unavailable("Không lắng nghe được trên " + options_.listen + " (" + step +
                              "): " + error.message());
  };
  if (acceptor_.open(endpoint.protocol(), error)) return fail("open");
  if (acceptor_.set_option(asio::socket_base::reuse_address(true), error)) return fail("option");
  if (acceptor_.bind(endpoint, error)) return fail("bind");
  if (acceptor_.listen(asio::socket_base::max_listen_connections, error)) return fail("listen");
  port_ = acceptor_.local_endpoint(error).port();
  if (error) return fail("local endpoint");
  started_ = true;
  return Ok();
}

void Server::Impl::Run() {
  assert(started_);
  if (!started_) return;
  asio::co_spawn(acceptor_strand_, Accept(), [](const std::exception_ptr&) {});
  if (options_.handle_signals) {
    beast::error_code ignored;
    signals_.add(SIGINT, ignored);
    signals_.add(SIGTERM, ignored);
    signals_.async_wait([this](const beast::error_code& error, int) {
      if (!error) Stop();
    });
  }
  auto run = [this] {
    // A throwing completion handler must not end the server's thread; keep serving.
    for (;;) {
      try {
        io_.run();
        return;
      } catch (const std::exception& e) {
        AccessLogEntry entry;
        entry.time = std::chrono::system_clock::now();
        entry.route = std::string(kUnmatched);
        entry.error = std::string("io thread: ") + e.what();
        access_log_.Write(entry);
      }
    }
  };
  std::vector<std::thread> threads;
  for (int i = 1; i < ThreadCount(options_.threads); ++i) threads.emplace_back(run);
  run();
  for (std::thread& thread : threads) thread.join();
}

void Server::Impl::Stop() {
  if (stopping_.exchange(true, std::memory_order_acq_rel)) return;
  asio::post(acceptor_strand_, [this] {
    beast::error_code ignored;
    acceptor_.close(ignored);
    signals_.cancel(ignored);
  });
  std::vector<std::shared_ptr<Connection>> open;
  {
    std::lock_guard lock(connections_mutex_);
    for (auto& [pointer, weak] : connections_) {
      if (std::shared_ptr<Connection> connection = weak.lock())
        open.push_back(std::move(connection));
    }
  }
  for (const std::shared_ptr<Connection>& connection : open) connection->Shutdown();
}

void Server::Impl::Register(const std::shared_ptr<Connection>& connection) {
  std::lock_guard lock(connections_mutex_);
  connections_.emplace(connection.get(), connection);
}

void Server::Impl::Unregister(Connection* connection) {
  std::lock_guard lock(connections_mutex_);
  connections_.erase(connection);
}

bool Server::Impl::AtCapacity() {
  std::lock_guard lock(connections_mutex_);
  return connections_.size() >= options_.max_connections;
}

void Server::Impl::Turn(tcp::socket socket) {
  metrics_.ConnectionRefused();
  std::string busy = RawBusyResponse();
  beast::error_code ignored;
  socket.non_blocking(true, ignored);
  socket.write_some(asio::buffer(busy), ignored);
  socket.shutdown(tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
}

asio::awaitable<void> Server::Impl::Accept() {
  while (!stopping()) {
    auto [error, socket] = co_await acceptor_.async_accept(asio::make_strand(io_), kNoThrow);
    if (stopping() || error == asio::error::operation_aborted || !acceptor_.is_open()) break;
    if (error) {
      // Out of descriptors or memory: back off rather than spin.
      asio::steady_timer pause(acceptor_strand_, std::chrono::milliseconds(50));
      co_await pause.async_wait(kNoThrow);
      continue;
    }
    if (AtCapacity()) {
      Turn(std::move(socket));
      continue;
    }
    auto executor = socket.get_executor();
    auto connection = std::make_shared<Connection>(*this, tcp::socket(std::move(socket)));
    Register(connection);
    asio::co_spawn(executor, Connection::Serve(std::move(connection)),
                   [](const std::exception_ptr&) {});
  }
}

asio::awaitable<Response> Server::Impl::InvokeRoute(const Route* route, const Request* request,
                                                    RouteContext* context) {
  co_return router_.Invoke(*route, *request, *context);
}

asio::awaitable<Response> Server::Impl::InvokeAsyncRoute(const Route* route, const Request* request,
                                                         RouteContext* context) {
  auto start = [this, route, request, context](auto handler) {
    // The Responder must be copyable; the awaitable's handler is move-only. The work guard
    // keeps io_ running while the answer is under way on another pool.
    auto shared = std::make_shared<decltype(handler)>(std::move(handler));
    auto work = asio::make_work_guard(asio::get_associated_executor(*shared));
    Responder respond = [shared, work](Response response) {
      auto executor = work.get_executor();
      asio::post(executor, [shared, response = std::move(response)]() mutable {
        (*shared)(std::move(response));
      });
    };
    asio::post(handler_pool_, [this, route, request, context, respond] {
      try {
        router_.InvokeAsync(*route, *request, *context, respond);
      } catch (...) {
        respond(ErrorResponse(HttpFailure::kInternal));
      }
    });
  };
  co_return co_await asio::async_initiate<decltype(asio::use_awaitable), void(Response)>(
      std::move(start), asio::use_awaitable);
}

asio::awaitable<Status> Server::Impl::CheckReadiness() { co_return options_.readiness(); }

asio::awaitable<Outcome> Server::Impl::Handle(Request& request) {
  Outcome outcome;
  const std::string& path = request.path;
  bool get_or_head = request.method == Method::kGet || request.method == Method::kHead;
  static constexpr std::array<Method, 2> kGetHead = {Method::kGet, Method::kHead};

  // Operational data for the operator's network only; anyone else learns nothing, not even that
  // the path exists.
  if ((path == "/readyz" || path == "/metrics") &&
      !options_.ops_networks.Contains(request.remote_address)) {
    outcome.response = ErrorResponse(Error::NotFound("Không tìm thấy địa chỉ này"));
    co_return outcome;
  }
  if (path == "/healthz" || path == "/readyz" || path == "/metrics") {
    outcome.route = path;
    if (!get_or_head) {
      outcome.response = MethodNotAllowedResponse(kGetHead);
    } else if (path == "/healthz") {
      outcome.response = Response::Text("ok");
    } else if (path == "/metrics") {
      outcome.response = Response::Text(metrics_.RenderPrometheus());
      outcome.response.content_type = Metrics::kContentType;
    } else if (stopping()) {
      outcome.response = ErrorResponse(Error::Unavailable("Máy chủ đang dừng"));
    } else if (!options_.readiness) {
      outcome.response = Response::Text("ready");
    } else {
      Status ready = Ok();
      try {
        ready = co_await asio::co_spawn(handler_pool_, CheckReadiness(), asio::use_awaitable);
      } catch (const std::exception& e) {
        ready = Error::Unavailable("Kiểm tra sẵn sàng thất bại");
        outcome.error = e.what();
      }
      // Only the ops network reaches /readyz: it says why it is not ready (a broken audit
      // chain, the database), which ErrorResponse keeps from other clients.
      outcome.response =
          ready.ok() ? Response::Text("ready")
                     : Response::Json(ErrorBody(ErrorCodeName(ready.error().code),
                                                ready.error().message),
                                      HttpStatusOf(ready.error().code));
    }
    co_return outcome;
  }

  RouteMatch match = router_.Match(request.method, request.segments);
  switch (match.kind) {
    case RouteMatch::Kind::kFound: {
      request.path_params = std::move(match.path_params);
      outcome.route = match.route->pattern;
      RouteContext context{.pattern = match.route->pattern, .access = &match.route->access};
      try {
        // Two statements: GCC 12 miscompiles co_await inside a conditional expression.
        if (match.route->async_handler) {
          outcome.response = co_await InvokeAsyncRoute(match.route, &request, &context);
        } else {
          outcome.response = co_await asio::co_spawn(get_or_head ? handler_pool_ : write_pool_,
                                                     InvokeRoute(match.route, &request, &context),
                                                     asio::use_awaitable);
        }
      } catch (const std::exception& e) {
        outcome.response = ErrorResponse(HttpFailure::kInternal);
        outcome.error = e.what();
      } catch (...) {
        outcome.response = ErrorResponse(HttpFailure::kInternal);
        outcome.error = "handler threw a non-standard exception";
      }
      outcome.user = std::move(context.user);
      co_return outcome;
    }
    case RouteMatch::Kind::kMethodNotAllowed:
      outcome.response = MethodNotAllowedResponse(match.allowed);
      co_return outcome;
    case RouteMatch::Kind::kNotFound:
      break;
  }

  if (IsApiPath(path) || !static_files_) {
    outcome.response = ErrorResponse(Error::NotFound("Không tìm thấy địa chỉ này"));
  } else if (!get_or_head) {
    outcome.response = MethodNotAllowedResponse(kGetHead);
  } else {
    outcome.route = "static";
    outcome.response = static_files_->Serve(request);
  }
  co_return outcome;
}

Server::Server(ServerOptions options, Router& router, Metrics& metrics, AccessLog& access_log)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics, access_log)) {}

Server::~Server() = default;

Status Server::Start() { return impl_->Start(); }
int Server::port() const { return impl_->port(); }
void Server::Run() { impl_->Run(); }
void Server::Stop() { impl_->Stop(); }

}  // namespace ptdv::http
