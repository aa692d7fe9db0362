#include "http/openapi.h"

#include <boost/json.hpp>
#include <fmt/format.h>

namespace ptdv::http {

namespace json = boost::json;

Result<std::string> BuildOpenApiDocument(std::span<const OpenApiFragment> fragments) {
  json::object document;
  std::vector<json::object> parts;
  for (const auto& fragment : fragments) {
    boost::system::error_code ec;
    json::value value = json::parse(fragment.text, ec);
    if (ec || !value.is_object()) {
      return Error::Invalid(fmt::format("OpenAPI: {} is not a JSON object", fragment.name));
    }
    if (fragment.name == "base.json") {
      document = std::move(value.as_object());
    } else {
      parts.push_back(std::move(value.as_object()));
    }
  }
  if (!document.contains("openapi")) return Error::Invalid("OpenAPI: base.json is missing");
  json::object& paths = document["paths"].emplace_object();
  // base.json's own schemas (those every route shares) stay; the fragments' are added.
  json::value& base_schemas = document["components"].as_object()["schemas"];
  if (!base_schemas.is_object()) base_schemas.emplace_object();
  json::object& schemas = base_schemas.as_object();
  for (auto& part : parts) {
    if (auto* fragment_paths = part.if_contains("paths"); fragment_paths && fragment_paths->is_object()) {
      for (auto& [path, item] : fragment_paths->as_object()) {
        if (!item.is_object()) return Error::Invalid(fmt::format("OpenAPI: {} is no path item", std::string_view(path)));
        json::object& target = paths[path].is_object() ? paths[path].as_object()
                                                        : paths[path].emplace_object();
        for (auto& [method, operation] : item.as_object()) {
          if (target.contains(method)) {
            return Error::Invalid(fmt::format("OpenAPI: {} {} is documented twice",
                                              std::string_view(method), std::string_view(path)));
          }
          target[method] = operation;
        }
      }
    }
    auto* components = part.if_contains("components");
    auto* fragment_schemas = components && components->is_object()
                                 ? components->as_object().if_contains("schemas")
                                 : nullptr;
    if (fragment_schemas && fragment_schemas->is_object()) {
      for (auto& [name, schema] : fragment_schemas->as_object()) {
        if (schemas.contains(name)) {
          return Error::Invalid(
              fmt::format("OpenAPI: schema {} is defined twice", std::string_view(name)));
        }
        schemas[name] = schema;
      }
    }
  }
  return json::serialize(document);
}

Status RegisterOpenApi(Router& router) {
  PTDV_ASSIGN_OR_RETURN(std::string document, BuildOpenApiDocument(OpenApiFragments()));
  return router.Add(Method::kGet, "/api/v1/openapi.json", RouteAccess::Public(),
                    [document = std::move(document)](const Request&, RouteContext&) {
                      Response r = Response::Json(document);
                      r.headers.Set("Cache-Control", "public, max-age=300");
                      return r;
                    });
}

}  // namespace ptdv::http
