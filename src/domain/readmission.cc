#include "domain/readmission.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "domain/enum_table.h"
#include "domain/rule_set.h"
#include "domain/workflow.h"

namespace ptdv {
namespace {

constexpr std::array<EnumEntry<MembershipEnd>, 5> kEndNames{{
    {MembershipEnd::kLeftForFamilyHardship, "family_hardship",
     "Xin ra khỏi Đảng vì hoàn cảnh gia đình đặc biệt khó khăn"},
    {MembershipEnd::kAskedToLeave, "asked_to_leave", "Tự xin ra khỏi Đảng"},
    {MembershipEnd::kAbandonedActivity, "abandoned_activity", "Tự bỏ sinh hoạt đảng"},
    {MembershipEnd::kRemoved, "removed", "Bị xóa tên"},
    {MembershipEnd::kExpelled, "expelled", "Bị khai trừ"},
}};

constexpr std::array<EnumEntry<CriminalRecord>, 3> kRecordNames{{
    {CriminalRecord::kNone, "none", "Không có án hình sự"},
    {CriminalRecord::kLessSerious, "less_serious", "Bị kết án về tội ít nghiêm trọng"},
    {CriminalRecord::kCorruptionOrSerious, "corruption_or_serious",
     "Bị kết án về tội tham nhũng hoặc tội nghiêm trọng trở lên"},
}};

// What every reader may see of a condition that excludes re-admission for good: the reason
// itself is personal data (DOMAIN §8) and goes to personal_message.
constexpr std::string_view kExcluded =
    "Chưa đủ điều kiện: thuộc trường hợp không xem xét kết nạp lại người đã ra khỏi Đảng";

Condition Excluded(std::string_view reason) {
  return {.rule = RuleCode::kR15,
          .message = std::string(kExcluded),
          .blocking = true,
          .personal_message = fmt::format("{} ({})", kExcluded, reason)};
}

}  // namespace

std::string_view MembershipEndCode(MembershipEnd v) { return EnumCode(kEndNames, v); }

std::optional<MembershipEnd> MembershipEndFromCode(std::string_view code) {
  return EnumFromCode(kEndNames, code);
}

std::string_view MembershipEndLabel(MembershipEnd v) { return EnumLabel(kEndNames, v); }

std::string_view CriminalRecordCode(CriminalRecord v) { return EnumCode(kRecordNames, v); }

std::optional<CriminalRecord> CriminalRecordFromCode(std::string_view code) {
  return EnumFromCode(kRecordNames, code);
}

std::string_view CriminalRecordLabel(CriminalRecord v) { return EnumLabel(kRecordNames, v); }

std::optional<Date> ReadmissionWaitEnds(const PreviousMembership& previous, const RuleSet& rules) {
  Date ends = AddMonths(previous.left_on, rules.readmission_wait_months);
  if (previous.criminal_record == CriminalRecord::kLessSerious) {
    if (!previous.record_cleared_on) return std::nullopt;
    ends = std::max(ends, AddMonths(*previous.record_cleared_on,
                                    rules.readmission_after_cleared_record_months));
  }
  return ends;
}

std::vector<Condition> ReadmissionConditions(const PreviousMembership& previous,
                                             const RuleSet& rules, Date on) {
  std::vector<Condition> out;
  // R15: never for those who left by abandoning activity or by asking to leave (save hard family
  // reasons), who caused serious disunity, or who were convicted of corruption or of a serious
  // crime (Quy định 24-QĐ/TW, 3.4).
  switch (previous.ended_by) {
    case MembershipEnd::kAbandonedActivity:
      out.push_back(Excluded("đã tự bỏ sinh hoạt đảng"));
      break;
    case MembershipEnd::kAskedToLeave:
      out.push_back(
          Excluded("đã tự xin ra khỏi Đảng không vì hoàn cảnh gia đình đặc biệt khó khăn"));
      break;
    case MembershipEnd::kLeftForFamilyHardship:
    case MembershipEnd::kRemoved:
    case MembershipEnd::kExpelled:
      break;
  }
  if (previous.caused_serious_disunity) {
    out.push_back(Excluded("đã gây mất đoàn kết nội bộ nghiêm trọng"));
  }
  if (previous.criminal_record == CriminalRecord::kCorruptionOrSerious) {
    out.push_back(Excluded("đã bị kết án về tội tham nhũng hoặc tội nghiêm trọng trở lên"));
  }
  // R15: re-admission only once.
  if (previous.readmitted_before) {
    out.push_back({RuleCode::kR15,
                   "Chưa đủ điều kiện: đã được kết nạp lại một lần, chỉ được kết nạp lại "
                   "một lần"});
  }
  // R15: at least 36 months from leaving to the cell's vote; after a less-serious crime, at
  // least 60 months from the cleared record as well [parameters].
  if (on < AddMonths(previous.left_on, rules.readmission_wait_months)) {
    out.push_back(
        {RuleCode::kR15,
         fmt::format("Chưa đủ điều kiện: chưa đủ {} tháng kể từ ngày ra khỏi Đảng {} "
                     "(được xét kết nạp lại từ ngày {})",
                     rules.readmission_wait_months, FormatVnDate(previous.left_on),
                     FormatVnDate(AddMonths(previous.left_on, rules.readmission_wait_months))),
         /*blocking=*/false});
  }
  if (previous.criminal_record == CriminalRecord::kLessSerious) {
    if (!previous.record_cleared_on) {
      out.push_back({.rule = RuleCode::kR15,
                     .message = "Chưa đủ điều kiện: chưa ghi đủ căn cứ về thời gian để xem xét "
                                "kết nạp lại",
                     .blocking = true,
                     .personal_message = "Chưa đủ điều kiện: bị kết án về tội ít nghiêm trọng, "
                                         "chưa ghi ngày được xóa án tích"});
    } else {
      Date ends =
          AddMonths(*previous.record_cleared_on, rules.readmission_after_cleared_record_months);
      if (on < ends) {
        out.push_back(
            {.rule = RuleCode::kR15,
             .message = fmt::format("Chưa đủ điều kiện: chưa đủ thời gian để xem xét kết nạp "
                                    "lại (được xét từ ngày {})",
                                    FormatVnDate(ends)),
             .blocking = false,
             .personal_message = fmt::format(
                 "Chưa đủ điều kiện: chưa đủ {} tháng kể từ ngày được xóa án tích {} (được xét "
                 "kết nạp lại từ ngày {})",
                 rules.readmission_after_cleared_record_months,
                 FormatVnDate(*previous.record_cleared_on), FormatVnDate(ends))});
      }
    }
  }
  // R15: written consent of the provincial Ban Thường vụ, dated no later than the vote.
  if (previous.consent_number.empty() || !previous.consent_date) {
    out.push_back({RuleCode::kR15,
                   "Chưa đủ điều kiện: chưa có văn bản đồng ý của Ban Thường vụ Tỉnh ủy "
                   "về việc kết nạp lại"});
  } else if (on < *previous.consent_date) {
    out.push_back({RuleCode::kR15, fmt::format("Chưa đủ điều kiện: văn bản đồng ý số {} của Ban Thường vụ "
                                      "Tỉnh ủy đề ngày {}, sau ngày chi bộ xét {}",
                                      previous.consent_number, FormatVnDate(*previous.consent_date),
                                      FormatVnDate(on))});
  }
  return out;
}

Status ValidatePreviousMembership(const PreviousMembership& previous, Date birth_date, Date today) {
  if (previous.left_on > today) {
    return Error::Invalid(
        fmt::format("Ngày ra khỏi Đảng {} ở tương lai", FormatVnDate(previous.left_on)), "left_on");
  }
  if (previous.left_on <= birth_date) {
    return Error::Invalid(
        fmt::format("Ngày ra khỏi Đảng {} không sau ngày sinh", FormatVnDate(previous.left_on)),
        "left_on");
  }
  if (previous.record_cleared_on) {
    if (previous.criminal_record != CriminalRecord::kLessSerious) {
      return Error::Invalid("Ngày xóa án tích chỉ ghi khi bị kết án về tội ít nghiêm trọng",
                            "record_cleared_on");
    }
    if (*previous.record_cleared_on > today) {
      return Error::Invalid(
          fmt::format("Ngày xóa án tích {} ở tương lai", FormatVnDate(*previous.record_cleared_on)),
          "record_cleared_on");
    }
  }
  if (!previous.consent_number.empty() && !previous.consent_date) {
    return Error::Invalid("Cần nhập ngày của văn bản đồng ý", "consent_date");
  }
  if (previous.consent_date) {
    if (previous.consent_number.empty()) {
      return Error::Invalid("Cần nhập số văn bản đồng ý", "consent_number");
    }
    if (*previous.consent_date > today) {
      return Error::Invalid(
          fmt::format("Ngày văn bản đồng ý {} ở tương lai", FormatVnDate(*previous.consent_date)),
          "consent_date");
    }
    if (*previous.consent_date < previous.left_on) {
      return Error::Invalid(fmt::format("Ngày văn bản đồng ý {} trước ngày ra khỏi Đảng",
                                        FormatVnDate(*previous.consent_date)),
                            "consent_date");
    }
  }
  return Ok();
}

}  // namespace ptdv
