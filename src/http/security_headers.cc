#include "http/security_headers.h"

namespace ptdv::http {

void AddSecurityHeaders(Response& response, Transport transport) {
  Headers& headers = response.headers;
  headers.Set("Content-Security-Policy", std::string(kContentSecurityPolicy));
  headers.Set("X-Content-Type-Options", "nosniff");
  headers.Set("Referrer-Policy", "no-referrer");
  headers.Set("X-Frame-Options", "DENY");
  headers.Set("Cross-Origin-Opener-Policy", "same-origin");
  if (transport == Transport::kHttps) {
    headers.Set("Strict-Transport-Security", std::string(kStrictTransportSecurity));
  } else {
    headers.Remove("Strict-Transport-Security");
  }
  if (!headers.Has("Cache-Control")) headers.Set("Cache-Control", "no-store");
}

}  // namespace ptdv::http
