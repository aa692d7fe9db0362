#pragma once

// R15: re-admission (kết nạp lại) of a person who was a party member before (DOMAIN §3; Quy định
// 24-QĐ/TW, 3.4 / Hướng dẫn 12-HD/BTCTW). The facts of the previous membership are kept on the
// person (Person::previous_membership); the conditions they impose are checked at the date of
// the cell's vote, with the other eligibility conditions (domain/workflow.h).
//
// This header only needs dates, so that domain/model.h can hold the facts on Person; the
// Condition and RuleSet it names come from domain/workflow.h and domain/rule_set.h.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/result.h"

namespace ptdv {

struct Condition;
struct RuleSet;

// How the previous membership ended (hình thức ra khỏi Đảng).
enum class MembershipEnd {
  kLeftForFamilyHardship,  // xin ra khỏi Đảng vì hoàn cảnh gia đình đặc biệt khó khăn
  kAskedToLeave,           // tự xin ra khỏi Đảng (other reasons)
  kAbandonedActivity,      // tự bỏ sinh hoạt đảng
  kRemoved,                // bị xóa tên
  kExpelled,               // bị khai trừ
};
std::string_view MembershipEndCode(MembershipEnd v);  // "family_hardship", "asked_to_leave", ...
std::optional<MembershipEnd> MembershipEndFromCode(std::string_view code);
std::string_view MembershipEndLabel(MembershipEnd v);  // Vietnamese

// A criminal conviction of the person (án hình sự), as far as R15 cares.
enum class CriminalRecord {
  kNone,
  kLessSerious,          // tội ít nghiêm trọng: re-admission counts from the cleared record
  kCorruptionOrSerious,  // tội tham nhũng, or a serious crime (tội nghiêm trọng) or worse
};
std::string_view CriminalRecordCode(CriminalRecord v);  // "none", "less_serious", ...
std::optional<CriminalRecord> CriminalRecordFromCode(std::string_view code);
std::string_view CriminalRecordLabel(CriminalRecord v);  // Vietnamese

// The facts of a person's previous party membership (đã từng là đảng viên). Sensitive: the whole
// record is personal data (domain/disclosure.h).
struct PreviousMembership {
  Date left_on{};  // date of the decision by which the person left the Party
  MembershipEnd ended_by = MembershipEnd::kRemoved;
  CriminalRecord criminal_record = CriminalRecord::kNone;
  std::optional<Date> record_cleared_on;  // xóa án tích; only with kLessSerious
  bool caused_serious_disunity = false;   // gây mất đoàn kết nội bộ nghiêm trọng
  bool readmitted_before = false;         // already re-admitted once: R15 allows it only once
  // Written consent of the provincial Ban Thường vụ (văn bản đồng ý của Ban Thường vụ Tỉnh ủy).
  std::string consent_number;
  std::optional<Date> consent_date;

  bool operator==(const PreviousMembership&) const = default;
};

// The R15 conditions `previous` leaves unmet at `on` (the date of the cell's vote, or the
// evaluation date before it) under `rules`: each with rule "R15". Empty when re-admission is
// allowed. Reasons that exclude re-admission for good (how the membership ended, a conviction,
// serious disunity, a previous re-admission) are blocking; a waiting period not yet over is not
// (time resolves it). A condition that states a conviction, disunity or how the membership ended
// keeps that in personal_message; its message says only that the person cannot be re-admitted.
std::vector<Condition> ReadmissionConditions(const PreviousMembership& previous,
                                             const RuleSet& rules, Date on);

// The first date on which the R15 waiting periods are over (36 months after leaving; for a
// less-serious crime also 60 months after the record was cleared); nullopt when a cleared record
// is required but its date is missing.
std::optional<Date> ReadmissionWaitEnds(const PreviousMembership& previous, const RuleSet& rules);

// Checks the facts as entered. kInvalid, naming the field, for: a leaving date in the future or
// not after `birth_date`; a clearing date without a less-serious conviction, or in the future;
// a consent number without its date or a date without its number; a consent date in the future
// or before leaving.
Status ValidatePreviousMembership(const PreviousMembership& previous, Date birth_date, Date today);

}  // namespace ptdv
