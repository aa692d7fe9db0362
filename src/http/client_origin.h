#pragma once

#include <string>
#include <string_view>

#include "http/headers.h"
#include "http/network_list.h"

namespace ptdv::http {

// Where a request came from, as the rest of the server sees it (login throttling, the audit's
// address, the access log, the ops-network check, HSTS).
struct ClientOrigin {
  std::string address;     // the client's IP address
  bool https = false;      // the client reached the trusted proxy over TLS
  bool forwarded = false;  // `address` was taken from X-Forwarded-For
};

// The client behind the TCP peer `peer`. Only when `peer` is one of `trusted_proxies` are
// X-Forwarded-For and X-Forwarded-Proto read; from anyone else they are ignored and the peer
// is the client. X-Forwarded-For (all its fields, in order) is walked from the right, skipping
// trusted proxies: the first address that is not one is the client, since a client can prepend
// anything it likes but cannot forge what the trusted proxies appended. An entry that is not an
// IP address ends the walk (the hop to its right is the client). X-Forwarded-Proto: its
// right-most value, "https" (any case) means TLS.
ClientOrigin ResolveClientOrigin(std::string_view peer, const Headers& headers,
                                 const NetworkList& trusted_proxies);

}  // namespace ptdv::http
