#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace ptdv::http {

// A set of IP networks: single addresses ("10.0.0.7", "::1") and CIDR blocks ("10.0.0.0/8",
// "fd00::/8"). IPv4 addresses are kept as IPv4-mapped IPv6, so "127.0.0.1" also matches a peer
// written "::ffff:127.0.0.1" (a dual-stack listener).
// Thread-safe for concurrent reads; a value type.
class NetworkList {
 public:
  NetworkList() = default;

  // Parses a comma-separated list (spaces around entries ignored; an empty list is empty).
  // kInvalid naming the first entry that is not an address or a CIDR block with a prefix
  // length within the address's size.
  static Result<NetworkList> Parse(std::string_view list);
  // 127.0.0.0/8 and ::1.
  static NetworkList Loopback();

  // False for text that is not an IP address.
  bool Contains(std::string_view address) const;
  bool empty() const { return networks_.empty(); }
  // The entries as given, comma-separated (for messages and logs).
  const std::string& text() const { return text_; }

 private:
  struct Network {
    std::array<std::uint8_t, 16> bytes{};  // IPv6 or IPv4-mapped IPv6
    int prefix_bits = 128;
  };
  std::vector<Network> networks_;
  std::string text_;
};

// The 16 bytes of an IPv6 address, or of the IPv4-mapped form of an IPv4 address; false for
// text that is not an IP address (ports, brackets and zone ids are not accepted).
bool ParseIpAddress(std::string_view text, std::array<std::uint8_t, 16>& bytes, bool& is_v4);

}  // namespace ptdv::http
