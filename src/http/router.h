#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "http/request.h"
#include "http/response.h"
#include "service/actor.h"

namespace ptdv::http {

// Who may call a route. Required on every route: the router refuses a route whose access is
// not specified, so a route cannot be added without deciding who may call it. The router does
// not interpret it; the guard (Router::SetGuard) does, and the access-control test iterates
// Router::Routes() to probe every route with every role.
struct RouteAccess {
  std::string permission;     // the permission the caller needs, e.g. "case.read"; empty only
                              // for public routes
  std::string scope_param;    // the path parameter naming the object whose organisation scopes
                              // the check, e.g. "id"; empty when the scope comes from elsewhere
  bool public_route = false;  // callable without a session (login, openapi.json)

  static RouteAccess Public() { return {.public_route = true}; }
  static RouteAccess Require(std::string permission, std::string scope_param = {}) {
    return {.permission = std::move(permission), .scope_param = std::move(scope_param)};
  }
};

// Per-request state shared by the guard and the handler. Not thread-safe: one request's.
struct RouteContext {
  std::string_view pattern;             // the matched route's pattern ("/api/v1/cases/{id}")
  const RouteAccess* access = nullptr;  // the matched route's access; never null in a handler
  std::string user;                     // set by the guard or handler: logged in the access log
  std::optional<Actor> actor;           // set by the guard for authenticated routes
};

// Handlers run on the server's handler thread pool, never on a network thread, so they may
// block on the database. Several run at once, so a handler (and the guard) must be thread-safe.
// They may throw only on bugs: the server answers 500 internal and logs the message.
using Handler = std::function<Response(const Request&, RouteContext&)>;
// Answers a request of an asynchronous route; call exactly once, from any thread.
using Responder = std::function<void(Response)>;
// A handler that hands its work to a pool of its own (password hashing: AuthService::LoginAsync)
// and returns at once, so that no handler thread waits for that work; the request and context
// stay valid until `respond` is called.
using AsyncHandler = std::function<void(const Request&, RouteContext&, Responder respond)>;
// Runs before every handler on the same thread. A response refuses the request (401, 403)
// and the handler is not called; nullopt lets it through.
using Guard = std::function<std::optional<Response>(const Request&, RouteContext&)>;

struct Route {
  Method method = Method::kGet;
  std::string pattern;
  RouteAccess access;
  Handler handler;             // for an asynchronous route: waits for async_handler's answer
  AsyncHandler async_handler;  // set for routes added by AddAsync
};

struct RouteMatch {
  enum class Kind { kFound, kMethodNotAllowed, kNotFound };
  Kind kind = Kind::kNotFound;
  const Route* route = nullptr;  // kFound
  Params path_params;            // kFound: decoded values of the pattern's {params}
  std::vector<Method> allowed;   // kMethodNotAllowed: the methods the path accepts, for Allow
};

// The table of API routes. Patterns are '/'-separated segments, each a literal or a whole
// `{name}` parameter: "/api/v1/cases/{id}/events". A literal segment wins over a parameter at
// the same position ("/cases/search" before "/cases/{id}"). HEAD is answered by the GET route
// when there is no HEAD route.
//
// Thread safety: Add and SetGuard are not thread-safe and must all happen before
// Server::Start; afterwards the router is read-only and Match, Invoke, Routes are safe from any
// number of threads.
class Router {
 public:
  // Adds a route. Refuses with kInvalid when:
  //  - the pattern does not start with '/', has an empty segment, or a malformed or repeated
  //    {param};
  //  - the access is not specified: exactly one of `public_route` and a non-empty
  //    `permission` must be set (a public route with a permission is ambiguous too);
  //  - access.scope_param names no {param} of the pattern;
  //  - the method is kOther, handler is empty, or the same method and pattern shape exist.
  // The first refusal is also kept in status(), and Server::Start fails with it, so a route
  // added without an access rule cannot be served even if the caller ignores the result.
  Status Add(Method method, std::string pattern, RouteAccess access, Handler handler);
  // Adds an asynchronous route, with the refusals of Add. The server runs the guard and
  // `handler` on a handler thread and answers when `handler` responds; Invoke() (tests, other
  // callers) blocks until then.
  Status AddAsync(Method method, std::string pattern, RouteAccess access, AsyncHandler handler);

  void SetGuard(Guard guard) { guard_ = std::move(guard); }

  // Ok, or the first refusal of Add.
  const Status& status() const { return status_; }

  // In order of addition.
  const std::vector<Route>& Routes() const { return routes_; }

  // `segments` as in Request::segments (decoded).
  RouteMatch Match(Method method, const std::vector<std::string>& segments) const;

  // Runs the guard, then (unless the guard refused) the route's handler.
  Response Invoke(const Route& route, const Request& request, RouteContext& context) const;
  // Runs the guard, then the route's handler, and passes the response to `respond` (at once on
  // the calling thread, except for an asynchronous route's own answer).
  void InvokeAsync(const Route& route, const Request& request, RouteContext& context,
                   Responder respond) const;

 private:
  struct Node {
    std::map<std::string, int, std::less<>> literals;  // segment -> node index
    int parameter = -1;                                // node index of a {param} segment
    std::vector<int> routes;                           // indices into routes_
  };

  Status Refuse(Error error);
  void Collect(int node, const std::vector<std::string>& segments, std::size_t depth,
               std::vector<int>& found) const;

  std::vector<Route> routes_;
  std::vector<Node> nodes_{Node{}};  // nodes_[0] is the root
  Guard guard_;
  Status status_;
};

}  // namespace ptdv::http
