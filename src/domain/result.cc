#include "domain/result.h"

namespace ptdv {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kInvalid: return "invalid";
    case ErrorCode::kRuleViolation: return "rule_violation";
    case ErrorCode::kForbidden: return "forbidden";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kUnavailable: return "unavailable";
  }
  return "invalid";
}

}  // namespace ptdv
