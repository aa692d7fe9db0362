#include "http/network_list.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cassert>
#include <charconv>

#include "domain/text.h"

namespace ptdv::http {

bool ParseIpAddress(std::string_view text, std::array<std::uint8_t, 16>& bytes, bool& is_v4) {
  if (text.empty() || text.size() > 45) return false;
  std::string copy(text);  // inet_pton needs a terminated string
  bytes.fill(0);
  if (in_addr v4; inet_pton(AF_INET, copy.c_str(), &v4) == 1) {
    bytes[10] = 0xff;
    bytes[11] = 0xff;
    const auto* octets = reinterpret_cast<const std::uint8_t*>(&v4.s_addr);
    for (int i = 0; i < 4; ++i) bytes[12 + i] = octets[i];
    is_v4 = true;
    return true;
  }
  if (in6_addr v6; inet_pton(AF_INET6, copy.c_str(), &v6) == 1) {
    for (int i = 0; i < 16; ++i) bytes[i] = v6.s6_addr[i];
    is_v4 = false;
    return true;
  }
  return false;
}

Result<NetworkList> NetworkList::Parse(std::string_view list) {
  NetworkList result;
  for (std::string_view entry : SplitTrimmed(list, ',', kHttpSpace)) {
    if (entry.empty()) continue;
    auto invalid = [&] {
      return Error::Invalid("Địa chỉ hoặc mạng không hợp lệ: «" + std::string(entry) +
                            "» (cần dạng 10.0.0.1 hoặc 10.0.0.0/8)");
    };
    std::string_view address = entry;
    int prefix_bits = -1;
    if (std::size_t slash = entry.find('/'); slash != std::string_view::npos) {
      address = entry.substr(0, slash);
      std::string_view bits = entry.substr(slash + 1);
      auto [end, error] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix_bits);
      if (bits.empty() || error != std::errc() || end != bits.data() + bits.size() ||
          prefix_bits < 0) {
        return invalid();
      }
    }
    Network network;
    bool is_v4 = false;
    if (!ParseIpAddress(address, network.bytes, is_v4)) return invalid();
    int size_bits = is_v4 ? 32 : 128;
    if (prefix_bits < 0) prefix_bits = size_bits;
    if (prefix_bits > size_bits) return invalid();
    network.prefix_bits = prefix_bits + (is_v4 ? 96 : 0);
    result.networks_.push_back(network);
    if (!result.text_.empty()) result.text_ += ",";
    result.text_ += entry;
  }
  return result;
}

NetworkList NetworkList::Loopback() {
  Result<NetworkList> loopback = Parse("127.0.0.0/8,::1");
  assert(loopback.ok());
  return std::move(loopback).value();
}

bool NetworkList::Contains(std::string_view address) const {
  std::array<std::uint8_t, 16> bytes;
  bool is_v4 = false;
  if (!ParseIpAddress(address, bytes, is_v4)) return false;
  for (const Network& network : networks_) {
    int whole = network.prefix_bits / 8;
    int rest = network.prefix_bits % 8;
    bool match = std::equal(bytes.begin(), bytes.begin() + whole, network.bytes.begin());
    if (match && rest != 0) {
      auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
      match = (bytes[whole] & mask) == (network.bytes[whole] & mask);
    }
    if (match) return true;
  }
  return false;
}

}  // namespace ptdv::http
