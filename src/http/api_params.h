#pragma once

// Small parsers shared by the /api/v1 handlers: path and query parameters, If-Match versions,
// organisation codes. Each refusal is kInvalid naming the parameter (→ 400 with "field").

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "domain/date.h"
#include "domain/model.h"
#include "domain/result.h"
#include "http/request.h"
#include "service/actor.h"
#include "service/org_service.h"

namespace ptdv::http {

// A positive integer id: the path parameter or query parameter `name`.
Result<Id> PathId(const Request& request, std::string_view name);
// nullopt when the query parameter is absent.
Result<std::optional<Id>> QueryId(const Request& request, std::string_view name);

// The query parameter `name` as a date ("yyyy-mm-dd" or "dd/mm/yyyy"), `fallback` when absent.
Result<Date> QueryDate(const Request& request, std::string_view name, Date fallback);

// The query parameter `name` as an integer in [min, max], `fallback` when absent.
Result<int> QueryInt(const Request& request, std::string_view name, int fallback, int min,
                     int max);

// The version of an If-Match header: "3", W/"3" or 3. nullopt when there is no If-Match (or
// it is "*"); kInvalid (field "If-Match") when it is no version.
Result<std::optional<int>> IfMatchVersion(const Request& request);
// The ETag of a version: "3" with the quotes.
std::string VersionETag(int version);

// Ok when every query parameter of `request` is in `known`; else kInvalid naming the first
// unknown one, so that a misspelt filter is refused rather than silently ignored.
Status CheckQueryKeys(const Request& request, std::initializer_list<std::string_view> known);

// Refusal of an unknown code in query parameter `name` (kInvalid naming it).
Error UnknownCodeError(std::string_view name, std::string_view text);

// A code parameter (?stage=dossier): nullopt when absent or empty, kInvalid when unknown.
template <typename E>
Result<std::optional<E>> QueryCode(const Request& request, std::string_view name,
                                   std::optional<E> (*from_code)(std::string_view)) {
  auto text = request.Query(name);
  if (!text || text->empty()) return std::optional<E>{};
  auto value = from_code(*text);
  if (!value) return UnknownCodeError(name, *text);
  return value;
}

// The organisation a list or report is about, as the services resolve it (service/org_service.h
// ChosenOrganisation): ?org=CODE, by default the actor's own scope root.
OrgChoice OrgParam(const Request& request);

}  // namespace ptdv::http
