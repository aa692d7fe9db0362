#pragma once

// The words printed forms are written with (DOMAIN §10): the place and date line, the names of
// units in capitals, the place a committee dates its documents from, form codes as users type
// them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/model.h"

namespace ptdv::report {

// A form's code as users type it ("6-knd", " 6-KNĐ") in the form the catalogue uses ("6-KNĐ").
std::string NormaliseFormCode(std::string_view code);

// "Huế, ngày 05 tháng 4 năm 2024" (a day below 10 and the months 1 and 2 with a leading zero, as
// the format rules write them), or with dotted lines when the date is unknown.
std::string PlaceAndDate(std::string_view place, std::optional<Date> date);

// The place documents are dated from: the name of the nearest city (else province) committee
// above the cell without its kind ("Thành ủy Huế" → "Huế").
std::string PlaceOf(const std::vector<Organisation>& chain);
// The same from a committee's name.
std::string PlaceFromName(std::string_view name);

// The name of a unit in capitals, as it heads a document ("Đảng ủy phường Tây Lộc" → "ĐẢNG ỦY
// PHƯỜNG TÂY LỘC").
std::string Capitals(std::string_view text);

}  // namespace ptdv::report
