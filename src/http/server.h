#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "domain/result.h"
#include "http/network_list.h"
#include "http/request.h"

namespace ptdv::http {

class AccessLog;
class Metrics;
class Router;

struct ServerOptions {
  // host:port, [v6]:port or :port (all addresses). Port 0 picks a free port (see Server::port).
  std::string listen = "127.0.0.1:8080";
  int threads = 0;          // network threads; 0 = hardware concurrency
  int handler_threads = 0;  // threads running route handlers (blocking SQLite); 0 = hardware
                            // concurrency
  // Threads running the handlers of the requests that write (POST, PUT, PATCH, DELETE), apart
  // from the readers' so that writes waiting for a commit (service/write_queue.h) never hold up
  // a read, and enough of them for many writes to be committed together.
  int write_threads = 16;
  std::size_t max_header_bytes = 16 * 1024;  // request line and fields; over it: 431
  std::size_t max_body_bytes = 1024 * 1024;  // over it: 413, the handler is not called
  // The requests for which `upload_limit` (method, path) is not 0 may carry a body of up to that
  // many bytes instead (a scan of a signed form, a list to load); at most max_upload_bytes, the
  // limit a header is read with before its target is known. Empty: none.
  std::function<std::size_t(Method, std::string_view path)> upload_limit;
  std::size_t max_upload_bytes = 0;
  // From the first byte of a request to its last (and for the first request of a new
  // connection, from the accept); also bounds writing a response. A stalled or slow client is
  // disconnected when it runs out.
  std::chrono::milliseconds read_timeout = std::chrono::seconds(15);
  // Between the requests of a keep-alive connection.
  std::chrono::milliseconds idle_timeout = std::chrono::seconds(60);
  // The built web UI (see StaticFiles); empty: no static files, unknown paths are 404.
  std::string static_dir;
  // SIGINT and SIGTERM call Stop. Tests turn it off.
  bool handle_signals = true;
  // Reverse proxies whose X-Forwarded-For, X-Forwarded-Proto and X-Request-Id are believed
  // (http/client_origin.h); from any other peer those fields are ignored. Empty: none.
  NetworkList trusted_proxies;
  // Clients that may read /metrics and /readyz; anyone else gets 404, as for an unknown path.
  // The client is the resolved one (behind a trusted proxy, the address it names).
  NetworkList ops_networks = NetworkList::Loopback();
  // Open client connections at most; a connection accepted beyond them is answered 503 with
  // Retry-After (if its socket takes the bytes at once) and closed, without waiting for or
  // reading its request. Counted in ptdv_http_refused_connections_total.
  std::size_t max_connections = 1024;
  // /readyz answers 200 when it returns Ok, else 503 with its error; runs on the handler pool
  // so it may query the database. Empty: ready while running.
  std::function<Status()> readiness;
};

// The HTTP/1.1 server: Boost.Beast over a multi-threaded Asio io_context, one C++20 coroutine
// and strand per connection; route handlers run on a separate thread pool so blocking
// database work never holds a network thread or the acceptor. Beast stays inside server.cc.
//
// Serves, in this order: /healthz (200 "ok" while running, never touches the handler pool),
// /readyz and /metrics (Prometheus text) to ops_networks only, the router's routes, then
// static files for paths
// outside /api (SPA fallback). Unknown /api paths: 404 JSON; a known path with another
// method: 405 JSON with Allow. Every request is counted in Metrics and written to the
// AccessLog, labelled by route pattern. Every answer carries X-Request-Id and the security
// headers (http/security_headers.h); error bodies carry the request id (AttachRequestId).
//
// Thread safety: Start, port and Run from one thread; Stop from any thread, any number of
// times, including from a handler or before Run.
class Server {
 public:
  // `router`, `metrics` and `access_log` must outlive the server; the router must be complete
  // (Router::Add is not thread-safe).
  Server(ServerOptions options, Router& router, Metrics& metrics, AccessLog& access_log);
  // REQUIRES: Run has returned, or was never called.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. kInvalid when the router refused a route (Router::status), the listen
  // address is malformed or static_dir is not a directory; kUnavailable when the address
  // cannot be bound.
  Status Start();

  // The bound port. REQUIRES: Start succeeded.
  int port() const;

  // Serves until Stop has completed, on options.threads threads (the caller's among them).
  // Returns at once if Start did not succeed. REQUIRES: called once.
  void Run();

  // Graceful stop, returning at once: stops accepting, closes connections waiting for a
  // request (idle keep-alive or a request header still incomplete), lets requests whose header
  // is complete finish (answered with Connection: close), then Run returns. Bounded by
  // read_timeout plus the slowest handler.
  void Stop();

  class Impl;  // server.cc; public only so that file-local classes there can name it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace ptdv::http
