#pragma once

#include <string>
#include <string_view>

namespace ptdv {

// A diacritic-free, case-folded search key: "Nguyễn Văn Đức" -> "nguyen van duc". NFC and NFD
// input give the same key; đ/Đ (which Unicode does not decompose) become d. Runs of white space
// collapse to one space; leading and trailing space is dropped. Invalid UTF-8 bytes are dropped.
std::string SearchKey(std::string_view text);

// NFC normalisation for stored names (so NFD input is stored the same way).
std::string NormaliseNfc(std::string_view text);

// A name as stored: NFC, runs of white space collapsed to one space, none at either end.
std::string CleanName(std::string_view name);

}  // namespace ptdv
