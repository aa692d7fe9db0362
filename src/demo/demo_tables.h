#pragma once

// The fixed tables of the demo (DOMAIN §1, §9): Huế's wards and communes, the districts of
// Thừa Thiên Huế, school names and the dates of Huế's 2021-2024 tree. Internal to src/demo.

#include <array>
#include <chrono>
#include <string_view>

#include "demo/demo_names.h"
#include "domain/date.h"

namespace ptdv::demo {

inline Date Plus(Date d, int n) { return d + std::chrono::days(n); }
inline int DaysFrom(Date from, Date to) { return static_cast<int>((to - from).count()); }

// DOMAIN §1: Huế's 36 units were valid from 2021-07-01 to 2024-12-31.
inline Date TreeFrom() { return MakeDate(2021, 7, 1); }
inline Date TreeTo() { return MakeDate(2024, 12, 31); }
inline Date ContinuationFrom() { return MakeDate(2025, 1, 1); }

// ---------------------------------------------------------------------------------------------
// Place names.

// DOMAIN §1: the 29 wards and 7 communes of Huế city, 2021-2024. Never hard-coded elsewhere.
inline constexpr std::array<std::string_view, 29> kHueWards{
    "An Cựu",    "An Đông",   "An Hòa",     "An Tây",     "Đông Ba",    "Gia Hội",
    "Hương An",  "Hương Hồ",  "Hương Long", "Hương Sơ",   "Hương Vinh", "Kim Long",
    "Phú Hậu",   "Phú Hội",   "Phú Nhuận",  "Phú Thượng", "Phước Vĩnh", "Phường Đúc",
    "Tây Lộc",   "Thuận An",  "Thuận Hòa",  "Thuận Lộc",  "Thủy Biều",  "Thủy Vân",
    "Thủy Xuân", "Trường An", "Vĩnh Ninh",  "Vỹ Dạ",      "Xuân Phú"};
inline constexpr std::array<std::string_view, 7> kHueCommunes{
    "Hải Dương", "Hương Phong", "Hương Thọ", "Phú Dương", "Phú Mậu", "Phú Thanh", "Thủy Bằng"};

// The other district-level units of Thừa Thiên Huế; their inner units are generated.
struct NamedDistrict {
  std::string_view name;
  std::string_view kind;  // "thị xã", "huyện"
  std::string_view minority;
  int minority_share;  // per mille
  NameFlavour flavour;
};
inline constexpr std::array<NamedDistrict, 8> kThuaThienHueDistricts{{
    {"Hương Thủy", "thị xã", "", 0, NameFlavour::kHue},
    {"Hương Trà", "thị xã", "", 0, NameFlavour::kHue},
    {"Phong Điền", "huyện", "", 0, NameFlavour::kHue},
    {"Quảng Điền", "huyện", "", 0, NameFlavour::kHue},
    {"Phú Vang", "huyện", "", 0, NameFlavour::kHue},
    {"Phú Lộc", "huyện", "", 0, NameFlavour::kHue},
    {"Nam Đông", "huyện", "Cơ Tu", 400, NameFlavour::kCoTu},
    {"A Lưới", "huyện", "Tà Ôi", 600, NameFlavour::kTaOi},
}};

inline constexpr std::array<std::string_view, 10> kMinorities{
    "Tày", "Thái", "Mường", "H'Mông", "Dao", "Ê Đê", "Gia Rai", "Ba Na", "Khmer", "Nùng"};

// Schools are named after historical figures, as they commonly are.
inline constexpr std::array<std::string_view, 30> kFigures{
    "Nguyễn Du",         "Lê Lợi",           "Trần Hưng Đạo",    "Nguyễn Trãi",  "Lý Thường Kiệt",
    "Chu Văn An",        "Phan Bội Châu",    "Phan Chu Trinh",   "Hai Bà Trưng", "Lê Quý Đôn",
    "Nguyễn Bỉnh Khiêm", "Quang Trung",      "Trần Phú",         "Võ Thị Sáu",   "Nguyễn Văn Trỗi",
    "Hàm Nghi",          "Duy Tân",          "Huỳnh Thúc Kháng", "Trần Cao Vân", "Lý Tự Trọng",
    "Đặng Thai Mai",     "Tô Hiến Thành",    "Nguyễn Chí Diểu",  "Phan Sào Nam", "Đào Duy Anh",
    "Hoàng Hoa Thám",    "Nguyễn Khoa Đăng", "Trưng Vương",      "Ngô Quyền",    "Kim Đồng"};
inline constexpr std::array<std::string_view, 10> kKindergartens{
    "Hoa Mai",    "Hoa Sen", "Hoa Hồng",  "Sơn Ca",   "Vành Khuyên",
    "Hoa Phượng", "Họa Mi",  "Bình Minh", "Tuổi Thơ", "Hướng Dương"};

inline constexpr std::array<std::string_view, 5> kWithdrawReasons{
    "Chuyển nơi cư trú, công tác", "Đi học, làm việc xa", "Không tiếp tục phấn đấu",
    "Đi lao động ở nước ngoài", "Gia đình có hoàn cảnh khó khăn, xin tạm dừng"};

}  // namespace ptdv::demo
