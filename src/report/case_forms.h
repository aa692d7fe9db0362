#pragma once

// The forms of Hướng dẫn 12-HD/BTCTW a case's dossier holds (DOMAIN §4-5), filled from what the
// system knows about the case and laid out as party documents (report/party_document.h, DOMAIN
// §10). What the system does not know is left as a dotted line, never guessed. 1-KNĐ, 2-KNĐ,
// 10-KNĐ and the introducers' letters are written by hand: they print with the known header
// data and dotted lines for the rest.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "report/party_document.h"
#include "service/form_service.h"

namespace ptdv::report {

// One form that can be printed for a case: the form, its title and the step it comes from (an
// introducer's letter, a verification request: one per step), or none when no step recorded it
// yet (the form then prints with dotted lines to fill by hand).
struct PrintableForm {
  std::string code;   // "6-KNĐ"
  std::string title;  // "Nghị quyết của chi bộ đề nghị kết nạp đảng viên"
  std::optional<Id> event_id;
  std::string detail;  // which one, when a case has several: "Người giới thiệu: Trần Văn B"
};

// The forms of the case, in the order of the procedure: the admission forms always; the
// recognition forms (10-KNĐ … 16-KNĐ) once the admission ceremony is recorded; 7-KNĐ and 14-KNĐ
// only where an intermediate committee sits above the cell, 8-KNĐ and 15-KNĐ only where the
// cell is not itself a grassroots cell.
std::vector<PrintableForm> PrintableForms(const CaseFormFacts& facts);

// The filled form `code` of the case, from step `event_id` (default: the latest step holding
// that form, else none). kNotFound for a form the case has no use for, or a step of the case
// that is not of that form.
Result<PartyDocument> CaseForm(const CaseFormFacts& facts, std::string_view code,
                               std::optional<Id> event_id);

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
