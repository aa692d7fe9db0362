#pragma once

// A table of routes, each a plain function of the handles it needs: the Register*Api functions
// list their routes instead of spelling each handler out inline.

#include <initializer_list>
#include <string>

#include "domain/result.h"
#include "http/router.h"

namespace ptdv::http {

// One route of an API whose handlers share the handles `Api` (a struct of references).
template <typename Api>
struct ApiRoute {
  Method method;
  std::string pattern;
  RouteAccess access;
  Response (*handler)(const Api& api, const Request& request, RouteContext& context);
};

// Adds every route of `routes`, each calling its handler with a copy of `api`. The first
// refusal of Router::Add is returned; the objects `api` refers to must outlive the router.
template <typename Api>
Status AddRoutes(Router& router, const Api& api, std::initializer_list<ApiRoute<Api>> routes) {
  for (const ApiRoute<Api>& route : routes) {
    auto handler = route.handler;
    PTDV_RETURN_IF_ERROR(router.Add(route.method, route.pattern, route.access,
                                    [api, handler](const Request& request, RouteContext& context) {
                                      return handler(api, request, context);
                                    }));
  }
  return Ok();
}

}  // namespace ptdv::http
