#pragma once

// Test support (header-only, outside ptdv_http): checks API responses against the OpenAPI
// document (http/openapi.h) with valijson (JSON Schema draft 7). Including this header makes
// every response a TestHttpClient::Request reads in the test binary go through
// ExpectDocumentedResponse: a JSON answer of an /api/v1 operation must be documented for its
// status and match that status's schema, else the test fails naming the request, the path inside
// the body and the validator's message. Routes the document does not know (tests of unknown
// paths or methods) and non-JSON bodies (XLSX, CSV, static files) are not checked.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <valijson/adapters/boost_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>
#include <vector>

#include "http/openapi.h"
#include "http/test_http_client.h"

namespace ptdv::http::test {

class OpenApiValidator {
 public:
  // The document the server serves, merged from the compiled-in fragments.
  static const OpenApiValidator& Instance() {
    static const OpenApiValidator instance = [] {
      auto text = BuildOpenApiDocument(OpenApiFragments());
      if (!text.ok()) {
        ADD_FAILURE() << "OpenAPI document: " << text.error().message;
        return OpenApiValidator(boost::json::object{});
      }
      return OpenApiValidator(boost::json::parse(*text).as_object());
    }();
    return instance;
  }

  explicit OpenApiValidator(boost::json::object document) : document_(std::move(document)) {
    if (!document_.contains("components")) document_["components"] = boost::json::object{};
    components_ = JsonSchemaOf(document_.at("components"));
  }

  // "" when `body` is what the document promises for `method` `target` answered with `status`
  // (or when the document does not know the route); else what is wrong.
  std::string Check(std::string_view method, std::string_view target, int status,
                    std::string_view body) const {
    std::string_view path = target.substr(0, target.find('?'));
    const boost::json::object* operation = FindOperation(method, path);
    if (operation == nullptr) return "";
    const std::string where =
        std::string(method) + " " + std::string(target) + " → " + std::to_string(status) + ": ";
    const boost::json::object* responses =
        operation->contains("responses") ? operation->at("responses").if_object() : nullptr;
    const boost::json::value* response = nullptr;
    if (responses != nullptr) {
      response = responses->if_contains(std::to_string(status));
      if (response == nullptr) response = responses->if_contains("default");
    }
    // What the server itself answers before or around any handler (http/error_mapping.h:
    // payload_too_large, unsupported_media_type, header_too_large, internal, unavailable) is
    // documented once, in base.json, rather than on every operation.
    static const boost::json::value kTransportError = {
        {"$ref", "#/components/schemas/TransportError"}};
    const bool transport =
        status == 413 || status == 415 || status == 431 || status == 500 || status == 503;
    if (response == nullptr && !transport) return where + "status not documented";
    const boost::json::value* schema = response == nullptr ? &kTransportError : nullptr;
    if (const auto* content =
            response == nullptr ? nullptr : response->as_object().if_contains("content")) {
      if (const auto* json = content->as_object().if_contains("application/json")) {
        schema = json->as_object().if_contains("schema");
      }
    }
    if (schema == nullptr) return where + "the document gives no JSON body for this status";
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(body, ec);
    if (ec) return where + "body is not JSON: " + std::string(body.substr(0, 200));
    std::string error = Validate(*schema, value);
    if (error.empty()) return "";
    return where + error + "\n  body: " + std::string(body.substr(0, 2000));
  }

  // "" when `value` matches `schema` (an OpenAPI schema object whose $refs point into the
  // document's components); else the validator's messages, one per line, each with its path.
  std::string Validate(const boost::json::value& schema, const boost::json::value& value) const {
    const valijson::Schema* compiled = nullptr;
    {
      std::lock_guard lock(mutex_);
      std::string key = boost::json::serialize(schema);
      auto& slot = compiled_[key];
      if (!slot) {
        boost::json::object root;
        root["allOf"] = boost::json::array{JsonSchemaOf(schema)};
        root["components"] = components_;
        const boost::json::value root_value(std::move(root));
        auto fresh = std::make_unique<valijson::Schema>();
        try {
          valijson::SchemaParser parser;
          valijson::adapters::BoostJsonAdapter adapter(root_value);
          parser.populateSchema(adapter, *fresh);
        } catch (const std::exception& e) {
          compiled_.erase(key);
          return std::string("schema does not compile: ") + e.what();
        }
        slot = std::move(fresh);
      }
      compiled = slot.get();
    }
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::BoostJsonAdapter target(value);
    if (validator.validate(*compiled, target, &results)) return "";
    std::string message;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
      std::string path;
      for (const std::string& part : error.context) path += part;
      message += (message.empty() ? "" : "\n  ") + path + ": " + error.description;
    }
    return message;
  }

 private:
  // OpenAPI 3.0 → JSON Schema: `nullable: true` becomes null among the allowed types (or
  // values of an enum, or an anyOf with null when the schema is a $ref/allOf or has a format).
  static boost::json::value JsonSchemaOf(const boost::json::value& schema) {
    if (const auto* array = schema.if_array()) {
      boost::json::array out;
      for (const auto& item : *array) out.push_back(JsonSchemaOf(item));
      return out;
    }
    const auto* object = schema.if_object();
    if (object == nullptr) return schema;
    boost::json::object out;
    bool nullable = false;
    for (const auto& [key, item] : *object) {
      if (key == "nullable") {
        nullable = item.is_bool() && item.as_bool();
        continue;
      }
      // Names under "properties" are field names, not keywords; their schemas still convert.
      out[key] = JsonSchemaOf(item);
    }
    if (!nullable) return out;
    // valijson applies "format" to null too, so a formatted value takes the anyOf below.
    if (auto* type = out.if_contains("type");
        type != nullptr && type->is_string() && !out.contains("format")) {
      *type = boost::json::array{type->as_string(), "null"};
      if (auto* values = out.if_contains("enum"); values != nullptr && values->is_array()) {
        values->as_array().push_back(nullptr);
      }
      return out;
    }
    return boost::json::object{
        {"anyOf", boost::json::array{boost::json::object{{"type", "null"}}, std::move(out)}}};
  }

  // The operation for `method` on the documented path `path` matches (a literal segment beats
  // a {parameter}); nullptr when none.
  const boost::json::object* FindOperation(std::string_view method, std::string_view path) const {
    const auto* paths = document_.if_contains("paths");
    if (paths == nullptr || !paths->is_object()) return nullptr;
    std::vector<std::string_view> segments = Split(path);
    const boost::json::object* best = nullptr;
    int best_literals = -1;
    std::string lower(method);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& [pattern, item] : paths->as_object()) {
      std::vector<std::string_view> parts = Split(pattern);
      if (parts.size() != segments.size()) continue;
      int literals = 0;
      bool match = true;
      for (std::size_t i = 0; i < parts.size() && match; ++i) {
        if (parts[i].starts_with("{")) continue;
        match = parts[i] == segments[i];
        ++literals;
      }
      if (!match || literals <= best_literals || !item.is_object()) continue;
      const auto* operation = item.as_object().if_contains(lower);
      if (operation == nullptr || !operation->is_object()) continue;
      best = &operation->as_object();
      best_literals = literals;
    }
    return best;
  }

  static std::vector<std::string_view> Split(std::string_view path) {
    std::vector<std::string_view> parts;
    while (!path.empty()) {
      std::size_t slash = path.find('/');
      if (slash != 0) parts.push_back(path.substr(0, slash));
      if (slash == std::string_view::npos) break;
      path.remove_prefix(slash + 1);
    }
    return parts;
  }

  boost::json::object document_;
  boost::json::value components_;
  mutable std::mutex mutex_;
  // Compiled schemas by their JSON text.
  mutable std::map<std::string, std::unique_ptr<valijson::Schema>> compiled_;
};

// Fails the running test when `response` to `method` `target` is not what the OpenAPI document
// promises (see OpenApiValidator::Check). Only JSON answers under /api/v1/ are checked.
inline void ExpectDocumentedResponse(std::string_view method, std::string_view target,
                                     const ClientResponse& response) {
  if (!target.starts_with("/api/v1/") || method == "HEAD") return;
  std::string_view type = response.headers.Get("Content-Type").value_or("");
  if (!type.starts_with("application/json")) return;
  std::string error =
      OpenApiValidator::Instance().Check(method, target, response.status, response.body);
  if (!error.empty()) ADD_FAILURE() << "Response differs from the OpenAPI document: " << error;
}

inline const bool kOpenApiResponsesChecked = [] {
  response_observer = &ExpectDocumentedResponse;
  return true;
}();

}  // namespace ptdv::http::test
