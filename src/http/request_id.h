#pragma once

#include <string>
#include <string_view>

namespace ptdv::http {

// A fresh request id: 16 lowercase hex digits from a per-thread generator seeded by
// std::random_device. It names one request in the X-Request-Id header, in the "request_id" of
// an error body and in the access log, so an operator finds the log line a user quotes.
// Thread-safe.
std::string NewRequestId();

// True for an id a trusted proxy may hand on in X-Request-Id: 1 to 64 characters among
// letters, digits, '-', '_' and '.'; anything else is replaced by a fresh id, so the log and
// the headers never carry a client's arbitrary text.
bool IsAcceptableRequestId(std::string_view id);

}  // namespace ptdv::http
