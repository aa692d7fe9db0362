#pragma once

// Strict JSON request bodies for /api/v1 handlers. Boost.JSON stays in json_body.cc.
//
//   auto body = BodyReader::Parse(request, {"full_name", "birth_date", "org"});
//   if (!body.ok()) return ErrorResponse(body.error());
//   NewThing thing;
//   PTDV_RETURN_IF_ERROR(body->ReadString("full_name", thing.name, Presence::kRequired));
//   PTDV_RETURN_IF_ERROR(body->ReadDate("birth_date", thing.birth_date, Presence::kRequired));
//   PTDV_RETURN_IF_ERROR(body->ReadCode("sex", thing.sex, SexFromCode));   // absent: unchanged
//
// The rules, so that every route refuses bad input the same way (all kInvalid → 400 invalid):
//   - the Content-Type must be application/json (field "Content-Type"); the body must be one
//     JSON object (no field);
//   - a key the route does not know is refused, naming it (field = the key), so that a typo
//     ("brith_date") never passes silently as "not given";
//   - a value of the wrong type is refused naming its field; null is a wrong type too, except
//     for the getters that say they accept it (ReadOptionalDate, ReadOptionalString);
//   - dates are "yyyy-mm-dd" or "dd/mm/yyyy" and must exist (30/02/2024 is refused);
//   - enum codes must be one of the codes of their `FromCode` function;
//   - strings must not contain NUL (Boost.JSON already refuses invalid UTF-8).
// A getter leaves its output unchanged when the key is absent and Presence::kOptional (so
// PATCH handlers read onto the current object), and refuses it when Presence::kRequired.
// Nested objects and arrays of objects are read with Object() / Objects(); their errors name
// the path: "documents[1].date".

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/result.h"

namespace ptdv::http {

struct Request;

enum class Presence { kOptional, kRequired };

// One JSON object of a request body. Cheap to copy (shares the parsed document). Thread-
// compatible: const methods may be called from several threads.
class BodyReader {
 public:
  // The keys a route accepts: a braced list at the call, or a static array shared by routes.
  using Keys = std::span<const std::string_view>;
  using KeyList = std::initializer_list<std::string_view>;

  // Checks the Content-Type, parses `request.body` and checks its keys against `allowed`.
  static Result<BodyReader> Parse(const Request& request, Keys allowed);
  static Result<BodyReader> Parse(const Request& request, KeyList allowed) {
    return Parse(request, Keys(allowed.begin(), allowed.size()));
  }
  // The same without the Content-Type check.
  static Result<BodyReader> ParseText(std::string_view text, Keys allowed);
  static Result<BodyReader> ParseText(std::string_view text, KeyList allowed) {
    return ParseText(text, Keys(allowed.begin(), allowed.size()));
  }

  // Whether `key` is present (a null value counts as present).
  bool Has(std::string_view key) const;
  // Whether `key` is present with the value null.
  bool IsNull(std::string_view key) const;
  Status ReadString(std::string_view key, std::string& out,
                    Presence presence = Presence::kOptional) const;
  // null or absent: nullopt.
  Status ReadOptionalString(std::string_view key, std::optional<std::string>& out) const;
  // A list of strings; an element of another type is refused naming it ("units[1]").
  Status ReadStrings(std::string_view key, std::vector<std::string>& out,
                     Presence presence = Presence::kOptional) const;
  // A list of integers within [min, max] or nulls (nullopt); another element is refused naming
  // it ("answers[2]").
  Status ReadOptionalInts(std::string_view key, std::vector<std::optional<int>>& out,
                          Presence presence, int min, int max) const;
  Status ReadBool(std::string_view key, bool& out, Presence presence = Presence::kOptional) const;
  // An integer within [min, max] (a number with a fraction or an exponent is refused).
  Status ReadInt(std::string_view key, std::int64_t& out, Presence presence = Presence::kOptional,
                 std::int64_t min = std::numeric_limits<std::int64_t>::min(),
                 std::int64_t max = std::numeric_limits<std::int64_t>::max()) const;
  Status ReadInt(std::string_view key, int& out, Presence presence = Presence::kOptional,
                 int min = std::numeric_limits<int>::min(),
                 int max = std::numeric_limits<int>::max()) const;
  Status ReadDate(std::string_view key, Date& out, Presence presence = Presence::kOptional) const;
  // null clears `out`; absent leaves it unchanged.
  Status ReadOptionalDate(std::string_view key, std::optional<Date>& out) const;
  // A string that `from_code` accepts: ReadCode("sex", person.sex, SexFromCode).
  template <typename E>
  Status ReadCode(std::string_view key, E& out, std::optional<E> (*from_code)(std::string_view),
                  Presence presence = Presence::kOptional) const {
    if (!Has(key)) return Absent(key, presence);
    std::string code;
    PTDV_RETURN_IF_ERROR(ReadString(key, code, presence));
    std::optional<E> value = from_code(code);
    if (!value) return UnknownCode(key, code);
    out = *value;
    return Ok();
  }

  // The nested object at `key`, checked against `allowed`; nullopt when absent (or null).
  Result<std::optional<BodyReader>> Object(std::string_view key, Keys allowed) const;
  Result<std::optional<BodyReader>> Object(std::string_view key, KeyList allowed) const {
    return Object(key, Keys(allowed.begin(), allowed.size()));
  }
  // The array of objects at `key`, each checked against `allowed`; empty when absent.
  Result<std::vector<BodyReader>> Objects(std::string_view key, Keys allowed) const;
  Result<std::vector<BodyReader>> Objects(std::string_view key, KeyList allowed) const {
    return Objects(key, Keys(allowed.begin(), allowed.size()));
  }

  // The name errors use for `key`: the path prefix of a nested object plus the key.
  std::string FieldName(std::string_view key) const;

  struct Document;  // the parsed text; defined in json_body.cc

 private:
  BodyReader(std::shared_ptr<const Document> document, const void* object, std::string prefix)
      : document_(std::move(document)), object_(object), prefix_(std::move(prefix)) {}
  static Result<BodyReader> Check(std::shared_ptr<const Document> document, const void* value,
                                  std::string prefix, Keys allowed);
  Status UnknownCode(std::string_view key, std::string_view code) const;
  // Ok for kOptional; kInvalid "missing field" for kRequired.
  Status Absent(std::string_view key, Presence presence) const;

  std::shared_ptr<const Document> document_;
  const void* object_ = nullptr;  // the boost::json::object read, inside *document_
  std::string prefix_;            // "" at the top, "documents[1]." inside
};

}  // namespace ptdv::http
