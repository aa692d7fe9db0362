#include "report/form_words.h"

#include <fmt/format.h>
#include <utf8proc.h>

#include <array>

#include "report/party_document.h"

namespace ptdv::report {

std::string NormaliseFormCode(std::string_view code) {
  while (!code.empty() && code.front() == ' ') code.remove_prefix(1);
  while (!code.empty() && code.back() == ' ') code.remove_suffix(1);
  std::string out = Capitals(code);
  if (out.ends_with("-KND")) out.replace(out.size() - 1, 1, "Đ");
  return out;
}

std::string Capitals(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto remaining = static_cast<utf8proc_ssize_t>(text.size());
  while (remaining > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(bytes, remaining, &cp);
    if (n <= 0) break;
    utf8proc_uint8_t buffer[4];
    utf8proc_ssize_t written = utf8proc_encode_char(utf8proc_toupper(cp), buffer);
    out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(written));
    bytes += n;
    remaining -= n;
  }
  return out;
}

std::string PlaceAndDate(std::string_view place, std::optional<Date> date) {
  const std::string where = place.empty() ? std::string(kDots) : std::string(place);
  if (!date) {
    return fmt::format("{}, ngày {} tháng {} năm {}", where, kShortDots, kShortDots, kShortDots);
  }
  const std::chrono::year_month_day ymd(*date);
  const unsigned day = static_cast<unsigned>(ymd.day());
  const unsigned month = static_cast<unsigned>(ymd.month());
  return fmt::format("{}, ngày {:02} tháng {} năm {}", where, day,
                     month <= 2 ? fmt::format("{:02}", month) : std::to_string(month),
                     static_cast<int>(ymd.year()));
}

std::string PlaceFromName(std::string_view name) {
  static constexpr std::array<std::string_view, 10> kKinds{
      "Thành ủy ",          "Tỉnh ủy ",      "Huyện ủy ", "Quận ủy ", "Thị ủy ",
      "Đảng bộ thành phố ", "Đảng bộ tỉnh ", "Đảng ủy ",  "Đảng bộ ", "Chi bộ "};
  for (std::string_view kind : kKinds) {
    if (name.starts_with(kind)) return std::string(name.substr(kind.size()));
  }
  return std::string(name);
}

std::string PlaceOf(const std::vector<Organisation>& chain) {
  // The nearest committee above the cell that names a place: the city, else the province.
  for (const Organisation& org : chain) {
    if (org.kind == OrgKind::kCityCommittee || org.kind == OrgKind::kProvincialCommittee) {
      return PlaceFromName(org.name);
    }
  }
  return "";
}

}  // namespace ptdv::report
