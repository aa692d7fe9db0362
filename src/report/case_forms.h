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
#include "report/form_words.h"
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

}  // namespace ptdv::report
