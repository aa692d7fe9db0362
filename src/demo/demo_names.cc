#include "demo/demo_names.h"

#include <array>
#include <cassert>
#include <vector>

#include "domain/search_key.h"

namespace ptdv {
namespace {

std::uint64_t SplitMix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// Family names with their approximate shares in basis points (DOMAIN §9). The "Huế" column
// shifts weight to the names common in Huế: Võ, Hồ, Phan, Lê, and the Nguyễn Phước lineages
// Tôn Thất (men) / Tôn Nữ (women), written here as "Tôn".
struct FamilyShare {
  std::string_view family;
  int national;
  int hue;
};

constexpr std::string_view kTon = "Tôn";

constexpr std::array<FamilyShare, 38> kFamilies{{
    {"Nguyễn", 3800, 3000},
    {"Trần", 1100, 900},
    {"Lê", 950, 1150},
    {"Phạm", 700, 400},
    {"Hoàng", 250, 200},
    {"Huỳnh", 250, 200},
    {"Phan", 450, 650},
    {"Vũ", 200, 30},
    {"Võ", 190, 600},
    {"Đặng", 210, 200},
    {"Bùi", 200, 150},
    {"Đỗ", 140, 100},
    {"Hồ", 130, 450},
    {"Ngô", 130, 200},
    {"Dương", 100, 120},
    {"Lý", 50, 40},
    {kTon, 0, 250},
    {"Nguyễn Phước", 0, 30},
    // Others share the rest.
    {"Trương", 70, 80},
    {"Đoàn", 70, 80},
    {"Lương", 60, 60},
    {"Mai", 60, 60},
    {"Cao", 60, 70},
    {"Châu", 50, 60},
    {"Đinh", 60, 50},
    {"Hà", 60, 40},
    {"Tạ", 40, 30},
    {"Thái", 50, 60},
    {"Lưu", 50, 30},
    {"Văn", 40, 60},
    {"Tô", 40, 30},
    {"Lâm", 50, 40},
    {"Kiều", 30, 20},
    {"Trịnh", 60, 40},
    {"Đào", 60, 50},
    {"Chu", 30, 10},
    {"Phùng", 30, 20},
    {"Hứa", 20, 20},
}};

// Tà Ôi (A Lưới) and Cơ Tu (Nam Đông) family names; many also use Hồ, Lê, Nguyễn.
constexpr std::array<std::string_view, 9> kTaOiFamilies{"Hồ",     "Kăn",   "Căn", "Ra Pát", "Pả",
                                                        "A Viết", "Quỳnh", "Lê",  "Nguyễn"};
constexpr std::array<std::string_view, 9> kCoTuFamilies{
    "Alăng", "Bhling", "Zơrâm", "Ating", "Bríu", "Cơlâu", "Pơloong", "Hồ", "Nguyễn"};
constexpr std::array<std::string_view, 16> kMinorityGiven{
    "Ka",    "Pi",   "Lơ", "Hươi", "Nhôi",  "Bươn", "Ăm", "Bốc",
    "Xiêng", "Ring", "Pư", "Dũi",  "Thiên", "Blui", "Zơ", "Hiên"};

constexpr std::array<std::string_view, 58> kMaleGiven{
    "Hùng", "Dũng",  "Tuấn",  "Minh", "Quang", "Hải",  "Long",  "Nam",   "Phúc", "Khoa",
    "Huy",  "Hoàng", "Thắng", "Sơn",  "Trung", "Đức",  "Hiếu",  "Nghĩa", "Tài",  "Vinh",
    "Bảo",  "Khánh", "Thịnh", "Lộc",  "Tín",   "Nhân", "Phong", "Quốc",  "Toàn", "Thành",
    "Tâm",  "Hậu",   "Định",  "Hòa",  "Bình",  "Châu", "Cường", "Đạt",   "Hưng", "Kiên",
    "Lâm",  "Luân",  "Mạnh",  "Nhật", "Phát",  "Quân", "Sang",  "Tiến",  "Trí",  "Trọng",
    "Tùng", "Việt",  "Vũ",    "Anh",  "Duy",   "Hiển", "Thiện", "Lực"};
constexpr std::array<std::string_view, 60> kFemaleGiven{
    "Lan",    "Hoa",  "Hương", "Mai",    "Thảo",  "Trang",  "Hằng",  "Linh",  "Ngọc",  "Nhung",
    "Phương", "Thủy", "Tuyết", "Vân",    "Yến",   "Hà",     "Hạnh",  "Hiền",  "Huyền", "Loan",
    "Ly",     "My",   "Nga",   "Nhi",    "Oanh",  "Quyên",  "Quỳnh", "Tâm",   "Thanh", "Thu",
    "Thư",    "Trâm", "Uyên",  "Vy",     "Xuân",  "Diệu",   "Duyên", "Giang", "Hồng",  "Khánh",
    "Liên",   "Ngân", "Nhàn",  "Phượng", "Sương", "Thùy",   "Tiên",  "Trinh", "Vi",    "Như",
    "Châu",   "An",   "Hòa",   "Lài",    "Mận",   "Nguyệt", "Thoa",  "Cúc",   "Dung",  "Kiều"};
constexpr std::array<std::string_view, 20> kMaleMiddle{
    "Đức",  "Minh",  "Quang", "Hữu", "Công", "Thanh", "Ngọc",  "Xuân",  "Đình", "Anh",
    "Quốc", "Trọng", "Viết",  "Bá",  "Nhật", "Gia",   "Hoàng", "Phước", "Tấn",  "Duy"};
constexpr std::array<std::string_view, 18> kFemaleMiddle{
    "Ngọc", "Thu",  "Thanh", "Minh",  "Kim",  "Bảo", "Hoài", "Phương", "Khánh",
    "Diệu", "Thùy", "Mỹ",    "Quỳnh", "Bích", "Như", "Hồng", "Tường",  "Lệ"};

// Per-mille chance of "Văn" / "Thị" for someone born in `year`: about 80 % in 1950, 20 % in 2005.
int TraditionalMiddleShare(int year) {
  if (year <= 1950) return 800;
  if (year >= 2005) return 200;
  return 800 - (year - 1950) * 600 / 55;
}

bool IsTon(std::string_view family) {
  return family == kTon || family == "Tôn Thất" || family == "Tôn Nữ";
}

std::string LineageFamily(std::string_view family, Sex sex) {
  if (IsTon(family)) return sex == Sex::kMale ? "Tôn Thất" : "Tôn Nữ";
  return std::string(family);
}

std::string DrawFamily(DemoRandom& rng, NameFlavour flavour) {
  switch (flavour) {
    case NameFlavour::kTaOi:
      return std::string(rng.Pick(std::span<const std::string_view>(kTaOiFamilies)));
    case NameFlavour::kCoTu:
      return std::string(rng.Pick(std::span<const std::string_view>(kCoTuFamilies)));
    case NameFlavour::kNational:
    case NameFlavour::kHue: {
      std::array<int, kFamilies.size()> weights{};
      for (std::size_t i = 0; i < kFamilies.size(); ++i) {
        weights[i] = flavour == NameFlavour::kHue ? kFamilies[i].hue : kFamilies[i].national;
      }
      return std::string(kFamilies[rng.Weighted(weights)].family);
    }
  }
  return "Nguyễn";
}

VietnameseName Compose(DemoRandom& rng, std::string family, Sex sex, int birth_year,
                       NameFlavour flavour) {
  VietnameseName name;
  name.family = std::move(family);
  bool minority = flavour == NameFlavour::kTaOi || flavour == NameFlavour::kCoTu;
  if (minority) {
    name.middle = sex == Sex::kMale ? "Văn" : "Thị";
    if (rng.Chance(300)) name.middle.clear();
    name.given = rng.Chance(600)
                     ? std::string(rng.Pick(std::span<const std::string_view>(kMinorityGiven)))
                     : std::string(sex == Sex::kMale
                                       ? rng.Pick(std::span<const std::string_view>(kMaleGiven))
                                       : rng.Pick(std::span<const std::string_view>(kFemaleGiven)));
    return name;
  }
  const bool ton = name.family == "Tôn Thất" || name.family == "Tôn Nữ";
  const int traditional = TraditionalMiddleShare(birth_year);
  if (sex == Sex::kMale) {
    if (ton && rng.Chance(600)) {
      name.middle.clear();  // "Tôn Thất Hùng"
    } else if (rng.Chance(traditional)) {
      name.middle = "Văn";
    } else {
      name.middle = rng.Pick(std::span<const std::string_view>(kMaleMiddle));
      if (birth_year >= 1985 && rng.Chance(100)) {
        name.middle += " ";
        name.middle += rng.Pick(std::span<const std::string_view>(kMaleMiddle));
      }
    }
    name.given = rng.Pick(std::span<const std::string_view>(kMaleGiven));
  } else {
    if (rng.Chance(traditional)) {
      name.middle = "Thị";
      // "Nguyễn Thị Thanh Hương"
      if (rng.Chance(250)) {
        name.middle += " ";
        name.middle += rng.Pick(std::span<const std::string_view>(kFemaleMiddle));
      }
    } else {
      name.middle = rng.Pick(std::span<const std::string_view>(kFemaleMiddle));
      if (birth_year >= 1985 && rng.Chance(250)) {
        name.middle += " ";
        name.middle += rng.Pick(std::span<const std::string_view>(kFemaleMiddle));
      }
    }
    name.given = rng.Pick(std::span<const std::string_view>(kFemaleGiven));
  }
  // Avoid "Ngọc Ngọc", "Minh Minh".
  if (name.middle.size() >= name.given.size() &&
      name.middle.compare(name.middle.size() - name.given.size(), name.given.size(), name.given) ==
          0) {
    name.middle = sex == Sex::kMale ? "Văn" : "Thị";
  }
  return name;
}

constexpr std::array<std::string_view, 40> kPlaceSyllables{
    "An",    "Bình", "Phú", "Tân", "Hòa",   "Long",  "Thạnh", "Hưng",  "Yên",  "Quảng",
    "Đông",  "Tây",  "Nam", "Bắc", "Vĩnh",  "Phước", "Thuận", "Đức",   "Minh", "Lộc",
    "Thanh", "Hải",  "Sơn", "Hà",  "Trung", "Định",  "Lạc",   "Mỹ",    "Xuân", "Hiệp",
    "Khánh", "Cẩm",  "Gia", "Kim", "Lâm",   "Ninh",  "Thái",  "Thịnh", "Tiên", "Vân"};

}  // namespace

DemoRandom::DemoRandom(std::uint64_t seed) {
  std::uint64_t x = seed;
  for (auto& s : state_) s = SplitMix64(x);
}

std::uint64_t DemoRandom::Next() {
  const std::uint64_t result = Rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = Rotl(state_[3], 45);
  return result;
}

std::uint64_t DemoRandom::Below(std::uint64_t n) {
  assert(n > 0);
  return static_cast<std::uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
}

int DemoRandom::Between(int lo, int hi) {
  assert(lo <= hi);
  return lo + static_cast<int>(Below(static_cast<std::uint64_t>(hi - lo) + 1));
}

bool DemoRandom::Chance(int per_mille) { return static_cast<int>(Below(1000)) < per_mille; }

std::size_t DemoRandom::Weighted(std::span<const int> weights) {
  long total = 0;
  for (int w : weights) total += w;
  assert(total > 0);
  long draw = static_cast<long>(Below(static_cast<std::uint64_t>(total)));
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (draw < weights[i]) return i;
    draw -= weights[i];
  }
  return weights.size() - 1;
}

std::uint64_t MixSeed(std::uint64_t seed, std::string_view salt) {
  // FNV-1a over the salt, then splitmix64 to spread the bits.
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : salt) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  std::uint64_t x = seed ^ h;
  return SplitMix64(x);
}

std::string VietnameseName::Full() const {
  std::string full = family;
  if (!middle.empty()) {
    full += ' ';
    full += middle;
  }
  full += ' ';
  full += given;
  return full;
}

VietnameseName RandomName(DemoRandom& rng, Sex sex, int birth_year, NameFlavour flavour) {
  std::string family = DrawFamily(rng, flavour);
  // Minority communities in Huế also carry Kinh names; the converse is handled by the caller.
  return Compose(rng, LineageFamily(family, sex), sex, birth_year, flavour);
}

VietnameseName RandomNameInFamily(DemoRandom& rng, std::string_view family, Sex sex, int birth_year,
                                  NameFlavour flavour) {
  return Compose(rng, LineageFamily(family, sex), sex, birth_year, flavour);
}

std::string RandomPlaceName(DemoRandom& rng) {
  std::span<const std::string_view> syllables(kPlaceSyllables);
  std::size_t first = rng.Below(syllables.size());
  std::size_t second = rng.Below(syllables.size() - 1);
  if (second >= first) ++second;
  std::string name(syllables[first]);
  name += ' ';
  name += syllables[second];
  return name;
}

std::string AsciiCode(std::string_view vietnamese) {
  std::string key = SearchKey(vietnamese);
  std::string code;
  code.reserve(key.size());
  for (char c : key) {
    if (c >= 'a' && c <= 'z') {
      code += static_cast<char>(c - 'a' + 'A');
    } else if (c >= '0' && c <= '9') {
      code += c;
    }
  }
  return code;
}

}  // namespace ptdv
