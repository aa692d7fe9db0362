#include "http/router.h"

#include <algorithm>
#include <future>

namespace ptdv::http {
namespace {

std::vector<std::string_view> SplitPattern(std::string_view pattern) {
  std::vector<std::string_view> segments;
  std::string_view rest = pattern.substr(1);
  while (true) {
    std::size_t slash = rest.find('/');
    segments.push_back(rest.substr(0, slash));
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return segments;
}

bool IsParameter(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

bool IsValidParameterName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool IsValidLiteral(std::string_view segment) {
  return std::none_of(segment.begin(), segment.end(),
                      [](char c) { return c == '{' || c == '}' || c == '%' || c == '?'; });
}

}  // namespace

Status Router::Refuse(Error error) {
  if (status_.ok()) status_ = error;
  return error;
}

Status Router::Add(Method method, std::string pattern, RouteAccess access, Handler handler) {
  auto refuse = [&](std::string why) {
    return Refuse(
        Error::Invalid("route " + std::string(MethodName(method)) + " " + pattern + ": " + why));
  };
  if (pattern.empty() || pattern.front() != '/') return refuse("must start with '/'");
  if (method == Method::kOther) return refuse("method not supported");
  if (!handler) return refuse("no handler");
  if (access.public_route == !access.permission.empty()) {
    return refuse(access.public_route ? "a public route takes no permission"
                                      : "no access rule (RouteAccess::Public or Require)");
  }

  std::vector<std::string_view> segments = SplitPattern(pattern);
  std::vector<std::string_view> parameters;
  for (std::string_view segment : segments) {
    if (segment.empty() && pattern != "/") return refuse("empty segment");
    if (IsParameter(segment)) {
      std::string_view name = segment.substr(1, segment.size() - 2);
      if (!IsValidParameterName(name)) return refuse("bad parameter name");
      if (std::find(parameters.begin(), parameters.end(), name) != parameters.end()) {
        return refuse("repeated parameter");
      }
      parameters.push_back(name);
    } else if (!IsValidLiteral(segment)) {
      return refuse("bad literal segment");
    }
  }
  if (!access.scope_param.empty() &&
      std::find(parameters.begin(), parameters.end(), access.scope_param) == parameters.end()) {
    return refuse("scope_param names no {parameter} of the pattern");
  }

  int node = 0;
  for (std::string_view segment : segments) {
    int next;
    if (IsParameter(segment)) {
      next = nodes_[node].parameter;
      if (next < 0) {
        next = static_cast<int>(nodes_.size());
        nodes_[node].parameter = next;
        nodes_.emplace_back();
      }
    } else {
      auto it = nodes_[node].literals.find(segment);
      if (it == nodes_[node].literals.end()) {
        next = static_cast<int>(nodes_.size());
        nodes_[node].literals.emplace(std::string(segment), next);
        nodes_.emplace_back();
      } else {
        next = it->second;
      }
    }
    node = next;
  }
  for (int index : nodes_[node].routes) {
    if (routes_[index].method == method) {
      return refuse("same method and pattern as " + routes_[index].pattern);
    }
  }
  nodes_[node].routes.push_back(static_cast<int>(routes_.size()));
  routes_.push_back(Route{.method = method,
                          .pattern = std::move(pattern),
                          .access = std::move(access),
                          .handler = std::move(handler)});
  return Ok();
}

void Router::Collect(int node, const std::vector<std::string>& segments, std::size_t depth,
                     std::vector<int>& found) const {
  const Node& current = nodes_[node];
  if (depth == segments.size()) {
    if (!current.routes.empty()) found.push_back(node);
    return;
  }
  const std::string& segment = segments[depth];
  if (auto it = current.literals.find(segment); it != current.literals.end()) {
    Collect(it->second, segments, depth + 1, found);
  }
  if (current.parameter >= 0 && !segment.empty()) {
    Collect(current.parameter, segments, depth + 1, found);
  }
}

RouteMatch Router::Match(Method method, const std::vector<std::string>& segments) const {
  RouteMatch match;
  std::vector<int> found;
  Collect(0, segments, 0, found);

  auto route_for = [&](int node, Method wanted) -> const Route* {
    for (int index : nodes_[node].routes) {
      if (routes_[index].method == wanted) return &routes_[index];
    }
    return nullptr;
  };
  for (int node : found) {
    const Route* route = route_for(node, method);
    if (route == nullptr && method == Method::kHead) route = route_for(node, Method::kGet);
    if (route == nullptr) continue;
    match.kind = RouteMatch::Kind::kFound;
    match.route = route;
    std::vector<std::string_view> pattern = SplitPattern(route->pattern);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      if (IsParameter(pattern[i])) {
        match.path_params.emplace_back(std::string(pattern[i].substr(1, pattern[i].size() - 2)),
                                       segments[i]);
      }
    }
    return match;
  }
  if (found.empty()) return match;

  match.kind = RouteMatch::Kind::kMethodNotAllowed;
  for (int node : found) {
    for (int index : nodes_[node].routes) {
      Method allowed = routes_[index].method;
      if (std::find(match.allowed.begin(), match.allowed.end(), allowed) == match.allowed.end()) {
        match.allowed.push_back(allowed);
      }
    }
  }
  if (std::find(match.allowed.begin(), match.allowed.end(), Method::kGet) != match.allowed.end() &&
      std::find(match.allowed.begin(), match.allowed.end(), Method::kHead) == match.allowed.end()) {
    match.allowed.push_back(Method::kHead);
  }
  std::sort(match.allowed.begin(), match.allowed.end());
  return match;
}

Status Router::AddAsync(Method method, std::string pattern, RouteAccess access,
                        AsyncHandler handler) {
  Handler blocking;
  if (handler) {
    blocking = [handler](const Request& request, RouteContext& context) {
      std::promise<Response> answer;
      std::future<Response> answered = answer.get_future();
      handler(request, context,
              [&answer](Response response) { answer.set_value(std::move(response)); });
      return answered.get();
    };
  }
  PTDV_RETURN_IF_ERROR(Add(method, std::move(pattern), std::move(access), std::move(blocking)));
  routes_.back().async_handler = std::move(handler);
  return Ok();
}

void Router::InvokeAsync(const Route& route, const Request& request, RouteContext& context,
                         Responder respond) const {
  if (guard_) {
    if (std::optional<Response> refusal = guard_(request, context)) {
      respond(std::move(*refusal));
      return;
    }
  }
  if (route.async_handler) {
    route.async_handler(request, context, std::move(respond));
  } else {
    respond(route.handler(request, context));
  }
}

Response Router::Invoke(const Route& route, const Request& request, RouteContext& context) const {
  if (guard_) {
    if (std::optional<Response> refusal = guard_(request, context)) return std::move(*refusal);
  }
  return route.handler(request, context);
}

}  // namespace ptdv::http
