#pragma once

// Deterministic pseudo-random numbers and Vietnamese names for the demo data (DOMAIN §9).
//
// Everything here is reproducible bit for bit on every platform and standard library: the
// generator is xoshiro256** seeded through splitmix64, and every draw is integer arithmetic
// (std::uniform_*_distribution is implementation-defined and is never used).

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "domain/model.h"

namespace ptdv {

// xoshiro256** (Blackman & Vigna), state filled from splitmix64(seed). Not thread-safe; cheap to
// copy. Not for cryptography.
class DemoRandom {
 public:
  explicit DemoRandom(std::uint64_t seed);

  std::uint64_t Next();
  // Uniform in [0, n) (Lemire's multiply-shift, bias below 2^-40 for the ranges used here).
  // REQUIRES: n > 0.
  std::uint64_t Below(std::uint64_t n);
  // Uniform in [lo, hi]. REQUIRES: lo <= hi.
  int Between(int lo, int hi);
  // True with probability per_mille / 1000.
  bool Chance(int per_mille);
  // An index drawn with the given non-negative integer weights. REQUIRES: a positive total.
  std::size_t Weighted(std::span<const int> weights);
  std::size_t Weighted(std::initializer_list<int> weights) {
    return Weighted(std::span<const int>(weights.begin(), weights.size()));
  }
  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[static_cast<std::size_t>(Below(items.size()))];
  }

 private:
  std::uint64_t state_[4];
};

// A seed derived from `seed` and a salt (e.g. a district code), so that every district draws
// from its own stream and its content does not depend on the order districts are generated in.
std::uint64_t MixSeed(std::uint64_t seed, std::string_view salt);

// Whose name pool to draw from.
enum class NameFlavour {
  kNational,  // the family-name shares of DOMAIN §9
  kHue,       // more Võ, Hồ, Phan, Lê; Tôn Thất / Tôn Nữ
  kTaOi,      // Tà Ôi (A Lưới)
  kCoTu,      // Cơ Tu (Nam Đông)
};

struct VietnameseName {
  std::string family;  // "Nguyễn", "Tôn Thất", "Tôn Nữ"
  std::string middle;  // "Văn", "Thị Thanh"; may be empty
  std::string given;   // "Đức"

  std::string Full() const;  // "Nguyễn Văn Đức", NFC
};

// A name for a person of `sex` born in `birth_year`. Older generations carry more Văn / Thị;
// younger women more two-syllable middle names (Ngọc Bảo, Thị Quỳnh).
VietnameseName RandomName(DemoRandom& rng, Sex sex, int birth_year, NameFlavour flavour);

// A name in the same family (father, sibling): the family name follows the lineage, so the
// father of "Tôn Nữ Thị Hoa" is a "Tôn Thất".
VietnameseName RandomNameInFamily(DemoRandom& rng, std::string_view family, Sex sex, int birth_year,
                                  NameFlavour flavour);

// A two-syllable Vietnamese-sounding place name ("Phú An", "Tân Hòa") for generated provinces,
// districts and communes. Not a claim that such a place exists.
std::string RandomPlaceName(DemoRandom& rng);

// Upper-case ASCII code from a Vietnamese name: "Tây Lộc" -> "TAYLOC", "Phường Đúc" ->
// "PHUONGDUC".
std::string AsciiCode(std::string_view vietnamese);

}  // namespace ptdv
