#include "service/random_token.h"

#include <sodium.h>

#include <array>
#include <cassert>
#include <cstddef>

namespace ptdv {
namespace {

constexpr std::size_t kTokenBytes = 32;

}  // namespace

std::string RandomToken() {
  static const bool initialised = sodium_init() >= 0;
  assert(initialised);
  (void)initialised;
  std::array<unsigned char, kTokenBytes> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, kRandomTokenLength + 1> text{};
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(bytes.data(), bytes.size());
  return std::string(text.data(), kRandomTokenLength);
}

}  // namespace ptdv
