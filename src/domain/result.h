#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "domain/rule_code.h"

namespace ptdv {

// The closed set of expected failures. Each boundary translates these exactly once:
// storage maps driver errors into them, http maps them onto statuses, the CLI onto exit codes.
enum class ErrorCode {
  kNotFound,
  kInvalid,        // malformed or impossible input
  kRuleViolation,  // a rule of DOMAIN.md refuses the action; Error::rule names it
  kForbidden,
  kConflict,       // stale version, duplicate key
  kUnavailable,    // storage or another dependency failed
};

const char* ErrorCodeName(ErrorCode code);

// Why a dependency failed, for kUnavailable. A full disk or a read-only database lasts until an
// operator acts, unlike a busy or flaky one, so a boundary tells its user so (the HTTP layer
// words each one for clients, http/error_mapping.h; the storage message stays for the log).
enum class Outage {
  kOther,            // busy, I/O error, corrupt file, ...: retrying may help
  kStorageFull,      // the disk (or quota) holding the database is full
  kStorageReadOnly,  // the database cannot be written: read-only file or filesystem
};

struct Error {
  ErrorCode code = ErrorCode::kInvalid;
  std::string message;  // Vietnamese, shown to the user as is
  // The rule's code string (CodeOf: "R1", "S9", ...) for kRuleViolation, else empty; carried
  // as the string the API and the CLI show.
  std::string rule;
  std::string field;    // the input field at fault, when there is one
  Outage outage = Outage::kOther;  // for kUnavailable

  static Error NotFound(std::string message) { return {ErrorCode::kNotFound, std::move(message)}; }
  static Error Invalid(std::string message, std::string field = {}) {
    return {ErrorCode::kInvalid, std::move(message), {}, std::move(field)};
  }
  static Error Rule(RuleCode rule, std::string message, std::string field = {}) {
    return {ErrorCode::kRuleViolation, std::move(message), std::string(CodeOf(rule)),
            std::move(field)};
  }
  static Error Forbidden(std::string message) { return {ErrorCode::kForbidden, std::move(message)}; }
  static Error Conflict(std::string message) { return {ErrorCode::kConflict, std::move(message)}; }
  static Error Unavailable(std::string message, Outage outage = Outage::kOther) {
    return {ErrorCode::kUnavailable, std::move(message), {}, {}, outage};
  }
};

// Either a value or an Error. Expected failures travel in Result; bugs are asserted.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : data_(std::move(error)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<T>(data_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(data_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(data_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<Error>(data_);
  }

 private:
  std::variant<T, Error> data_;
};

struct Unit {};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    assert(!ok());
    return *error_;
  }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

inline Status Ok() { return {}; }

}  // namespace ptdv

// Propagates an error from an expression yielding Result<...>.
#define PTDV_RETURN_IF_ERROR(expr)              \
  do {                                          \
    auto&& ptdv_status_ = (expr);               \
    if (!ptdv_status_.ok()) return ptdv_status_.error(); \
  } while (false)

#define PTDV_CONCAT_INNER(a, b) a##b
#define PTDV_CONCAT(a, b) PTDV_CONCAT_INNER(a, b)
// Declares `lhs` from a Result<T>, returning the error on failure.
#define PTDV_ASSIGN_OR_RETURN(lhs, expr)                                    \
  auto PTDV_CONCAT(ptdv_result_, __LINE__) = (expr);                        \
  if (!PTDV_CONCAT(ptdv_result_, __LINE__).ok())                            \
    return PTDV_CONCAT(ptdv_result_, __LINE__).error();                     \
  lhs = std::move(PTDV_CONCAT(ptdv_result_, __LINE__)).value()
