#include "http/client_origin.h"

#include <algorithm>
#include <array>
#include <vector>

#include "domain/text.h"

namespace ptdv::http {
namespace {

// The comma-separated entries of every field called `name`, in order.
std::vector<std::string_view> ListValues(const Headers& headers, std::string_view name) {
  std::vector<std::string_view> values;
  for (std::string_view field : headers.GetAll(name)) {
    std::vector<std::string_view> items = SplitTrimmed(field, ',', kHttpSpace);
    values.insert(values.end(), items.begin(), items.end());
  }
  return values;
}

bool IsIpAddress(std::string_view text) {
  std::array<std::uint8_t, 16> bytes;
  bool is_v4 = false;
  return ParseIpAddress(text, bytes, is_v4);
}

}  // namespace

ClientOrigin ResolveClientOrigin(std::string_view peer, const Headers& headers,
                                 const NetworkList& trusted_proxies) {
  ClientOrigin origin{.address = std::string(peer)};
  if (!trusted_proxies.Contains(peer)) return origin;

  std::vector<std::string_view> hops = ListValues(headers, "X-Forwarded-For");
  // From the nearest hop back towards the client.
  std::reverse(hops.begin(), hops.end());
  for (std::string_view address : hops) {
    // "[2001:db8::1]" is how some proxies write an IPv6 hop.
    if (address.size() > 2 && address.front() == '[' && address.back() == ']') {
      address = address.substr(1, address.size() - 2);
    }
    if (!IsIpAddress(address)) break;
    origin.address = std::string(address);
    origin.forwarded = true;
    if (!trusted_proxies.Contains(address)) break;
  }

  std::vector<std::string_view> protos = ListValues(headers, "X-Forwarded-Proto");
  origin.https = !protos.empty() && EqualsIgnoreCase(protos.back(), "https");
  return origin;
}

}  // namespace ptdv::http
