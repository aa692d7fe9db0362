#pragma once

#include <string>
#include <string_view>

#include "http/response.h"

namespace ptdv::http {

// The policy of every answer. No inline or foreign script may run (the built UI loads only
// /assets/*.js); inline styles are allowed because Ant Design injects <style> elements at run
// time; images may be data: URLs (ECharts' "save as image", antd icons). No plugin, no <base>,
// no framing, forms post only here.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'; img-src 'self' data:; "
    "style-src 'self' 'unsafe-inline'";

// HSTS for one year, sent only over TLS (RFC 6797 §7.2: never over plain HTTP).
inline constexpr std::string_view kStrictTransportSecurity = "max-age=31536000";

enum class Transport {
  kPlain,  // plain HTTP, or a proxy that did not say (or is not trusted to say) it used TLS
  kHttps,  // the trusted proxy says the client used TLS (X-Forwarded-Proto: https)
};

// Adds the headers every answer carries, whatever its status:
//   Content-Security-Policy (kContentSecurityPolicy), X-Content-Type-Options: nosniff,
//   Referrer-Policy: no-referrer, X-Frame-Options: DENY, Cross-Origin-Opener-Policy: same-origin,
//   Strict-Transport-Security (only for kHttps),
// replacing any a route set, so no route weakens them; and Cache-Control: no-store when the
// route set no Cache-Control — API answers carry personal data, and a route whose answer is
// not personal says so itself (the OpenAPI document, the reference data, static files).
void AddSecurityHeaders(Response& response, Transport transport);

}  // namespace ptdv::http
