#pragma once

// Unguessable tokens for what a bearer opens without a password: session tokens and CSRF tokens
// (service/auth_service.h), a candidate's personal link (service/candidate_link_service.h).

#include <cstddef>
#include <string>

namespace ptdv {

// The length of every RandomToken(): sodium_base64_ENCODED_LEN(32, URLSAFE_NO_PADDING) without
// the terminating NUL.
inline constexpr std::size_t kRandomTokenLength = 43;

// 32 random bytes from libsodium as unpadded base64url: 43 characters, safe in cookies, headers
// and URL paths. Thread-safe.
std::string RandomToken();

}  // namespace ptdv
