#include "domain/workflow_internal.h"

#include "domain/readmission.h"

#include <algorithm>

#include <fmt/format.h>

namespace ptdv::workflow_internal {
// ---------------------------------------------------------------------------------------------
// Conditions for the cell vote (S8 re-checks R1-R7 at the meeting date).

namespace {

// How a condition names an introducer: the member's name, never an internal id.
std::string IntroducerName(const CaseContext& context, Id member) {
  auto it = context.member_names.find(member);
  return it != context.member_names.end() && !it->second.empty() ? "đồng chí " + it->second
                                                                 : std::string("(chưa rõ họ tên)");
}

void CheckIntroducer(const IntroducerState& i, const CaseContext& context, const RuleSet& rules,
                     std::vector<Condition>& out) {
  // R5: official at the date of the introduction letter [?], with >= 12 months together unless
  // a replacement introducer.
  if (!IsOfficialOn(context, i.member, i.letter_date)) {
    out.push_back({RuleCode::kR5,
                   fmt::format("Chưa đủ điều kiện: người giới thiệu {} không phải là "
                               "đảng viên chính thức tại ngày giới thiệu {}",
                               IntroducerName(context, i.member), FormatVnDate(i.letter_date))});
  }
  if (i.replacement == Replacement::kNo) {
    if (!i.together_since) {
      out.push_back(
          {RuleCode::kR5, fmt::format("Chưa đủ điều kiện: chưa ghi thời gian người giới thiệu "
                                      "{} công tác, sinh hoạt cùng người vào Đảng",
                                      IntroducerName(context, i.member))});
    } else {
      int months = WholeMonthsBetween(*i.together_since, i.letter_date);
      if (months < rules.introducer_together_months) {
        out.push_back(
            {RuleCode::kR5, fmt::format("Chưa đủ điều kiện: người giới thiệu {} mới công tác, sinh "
                                        "hoạt cùng người vào Đảng {} tháng, cần ít nhất {} tháng",
                                        IntroducerName(context, i.member), std::max(months, 0),
                                        rules.introducer_together_months)});
      }
    }
  }
}

// R4 / R5 / R6: the introduction letters on the case: how many are valid, their introducers'
// names ("đồng chí A, đồng chí B"), and each letter's problems.
struct Introductions {
  int valid = 0;
  std::string names;
  std::vector<Condition> problems;
};

Introductions CheckIntroductions(const CaseState& s, const CaseContext& context,
                                 const RuleSet& rules, Date stale_before) {
  Introductions out;
  for (const auto& i : s.introducers) {
    std::vector<Condition> problems;
    CheckIntroducer(i, context, rules, problems);
    if (i.letter_date < stale_before) {
      problems.push_back(
          {RuleCode::kR6, fmt::format("Chưa đủ điều kiện: giấy giới thiệu của {} "
                                      "ngày {} đã quá {} tháng, phải làm lại",
                                      IntroducerName(context, i.member),
                                      FormatVnDate(i.letter_date), rules.dossier_stale_months)});
    }
    if (problems.empty()) {
      ++out.valid;
      out.names += (out.names.empty() ? "" : ", ") + IntroducerName(context, i.member);
    }
    out.problems.insert(out.problems.end(), problems.begin(), problems.end());
  }
  return out;
}

}  // namespace

std::vector<Condition> CellVoteConditions(const CaseState& s, const CaseContext& context,
                                          const RuleSet& rules, Date on) {
  std::vector<Condition> out;
  const Person& p = context.person;

  // S2, S3: the application letter (1-KNĐ) and the biography (2-KNĐ), received together when
  // the dossier is opened.
  if (!s.dossier_date) {
    out.push_back({RuleCode::kS2, "Chưa đủ điều kiện: chưa có đơn xin vào Đảng (1-KNĐ)"});
    out.push_back({RuleCode::kS3, "Chưa đủ điều kiện: chưa có lý lịch người xin vào Đảng "
                                  "(2-KNĐ)"});
  }
  // R1: 18 to 60 by months at the cell-meeting date (Điều lệ Đảng, Điều 1; Quy định 24-QĐ/TW).
  int months = MonthIndexDifference(p.birth_date, on);
  if (months < rules.min_age_months) {
    out.push_back({RuleCode::kR1, fmt::format("Chưa đủ điều kiện: chưa đủ 18 tuổi tính theo tháng tại ngày "
                                     "chi bộ xét ({} tháng, cần ít nhất {} tháng)",
                                     months, rules.min_age_months)});
  } else if (months > rules.max_age_months && !s.consents.contains(ConsentKind::kOver60)) {
    // R1a: over 60 only with the provincial Standing Committee's prior written consent.
    out.push_back({RuleCode::kR1a, "Chưa đủ điều kiện: trên 60 tuổi, cần có văn bản đồng ý của Ban Thường "
                          "vụ Tỉnh ủy trước khi kết nạp"});
  }
  // R15: a former member is re-admitted only under the re-admission conditions.
  if (p.previous_membership) {
    for (auto& c : ReadmissionConditions(*p.previous_membership, rules, on)) out.push_back(c);
  }
  // R2: lower-secondary diploma or higher, or a recorded exception, whose floor is literacy.
  if (p.general_education == GeneralEducation::kNone ||
      (p.general_education < GeneralEducation::kLowerSecondary &&
       !s.consents.contains(ConsentKind::kEducationException))) {
    out.push_back({RuleCode::kR2, fmt::format("Chưa đủ điều kiện: trình độ học vấn «{}» chưa đạt tốt "
                                     "nghiệp trung học cơ sở và chưa ghi căn cứ ngoại lệ",
                                     GeneralEducationLabel(p.general_education))});
  }
  // R3: awareness certificate valid 60 months up to the cell-meeting date.
  if (!s.certificate_date) {
    out.push_back({RuleCode::kR3, "Chưa đủ điều kiện: chưa có giấy chứng nhận học lớp bồi dưỡng nhận thức "
                         "về Đảng"});
  } else if (AddMonths(*s.certificate_date, rules.certificate_validity_months) < on) {
    out.push_back({RuleCode::kR3, fmt::format("Chưa đủ điều kiện: giấy chứng nhận học lớp bồi dưỡng nhận "
                                     "thức về Đảng cấp ngày {} đã quá {} tháng",
                                     FormatVnDate(*s.certificate_date),
                                     rules.certificate_validity_months)});
  }
  // S4: the biography is edge-stamped before verification.
  if (!s.biography_stamped) {
    out.push_back({RuleCode::kS4, "Chưa đủ điều kiện: lý lịch chưa được đảng ủy cơ sở đóng dấu giáp lai"});
  }
  // R7 / S5: verification of the applicant and each close relative.
  bool self_covered = false;
  for (const auto& r : s.relatives) {
    if (r.relation == Relation::kSelf) self_covered = true;
    // DOMAIN §8: the message every role reads names the relation only; the relative's name
    // and a political finding are in personal_message (Disclosure::kPersonal).
    if (!r.is_member && !r.replied_on) {
      out.push_back({.rule = RuleCode::kR7,
                     .message = fmt::format("Chưa đủ điều kiện: chưa có kết quả thẩm tra lý lịch "
                                            "của {}",
                                            RelationLabel(r.relation)),
                     .personal_message = fmt::format("Chưa đủ điều kiện: chưa có kết quả thẩm tra "
                                                     "lý lịch của {} {}",
                                                     RelationLabel(r.relation), r.name)});
    } else if (r.finding == Finding::kPoliticalIssue && !s.verification_concluded) {
      out.push_back({.rule = RuleCode::kR7,
                     .message = fmt::format("Chưa đủ điều kiện: kết quả thẩm tra lý lịch của {} "
                                            "cần cấp ủy xem xét, kết luận",
                                            RelationLabel(r.relation)),
                     .personal_message = fmt::format(
                         "Chưa đủ điều kiện: kết quả thẩm tra {} {} có vấn đề chính trị, cần cấp "
                         "ủy xem xét, kết luận (Quy định 58-QĐ/TW)",
                         RelationLabel(r.relation), r.name)});
    }
  }
  if (!self_covered) {
    out.push_back({RuleCode::kR7, "Chưa đủ điều kiện: chưa thẩm tra lý lịch của người xin vào Đảng"});
  }
  if (!s.verification_concluded) {
    out.push_back({RuleCode::kS5, "Chưa đủ điều kiện: đảng ủy cơ sở chưa kết luận, chứng nhận lý lịch"});
  }
  // R6: introductions, union resolution and opinions older than 12 months must be redone.
  Date stale_before = AddMonths(on, -rules.dossier_stale_months);
  auto stale = [&](std::optional<Date> d) { return d && *d < stale_before; };
  // R4 / R5: introducers. A letter's problems block only when the route lacks valid
  // introductions: a replaced introducer's letter (R5) stays on the case and cannot be removed.
  const Introductions letters = CheckIntroductions(s, context, rules, stale_before);
  const int valid_introducers = letters.valid;
  std::vector<Condition> introduction_problems = letters.problems;
  bool union_ok = s.union_resolution && !stale(s.union_resolution);
  if (stale(s.union_resolution)) {
    introduction_problems.push_back(
        {RuleCode::kR6, fmt::format("Chưa đủ điều kiện: nghị quyết giới thiệu của Đoàn / Công đoàn ngày {} "
                           "đã quá {} tháng, phải làm lại",
                           FormatVnDate(*s.union_resolution), rules.dossier_stale_months)});
  }
  bool youth_route = context.youth_union_present && IsYouth(rules, p, on) &&
                     !s.consents.contains(ConsentKind::kNoYouthUnion);
  bool introductions_ok = youth_route ? union_ok && valid_introducers >= 1
                                      : valid_introducers >= 2 ||
                                            (valid_introducers >= 1 && union_ok);
  if (!introductions_ok) {
    out.insert(out.end(), introduction_problems.begin(), introduction_problems.end());
  }
  if (youth_route) {
    if (!p.youth_union_member) {
      out.push_back({RuleCode::kR4, "Chưa đủ điều kiện: người trong độ tuổi thanh niên nơi có tổ chức Đoàn "
                           "phải là đoàn viên"});
    }
    if (!union_ok) {
      out.push_back({RuleCode::kR4, "Chưa đủ điều kiện: người trong độ tuổi thanh niên phải được Ban Chấp "
                           "hành Đoàn cơ sở giới thiệu (nghị quyết 4-KNĐ)"});
    }
    if (valid_introducers < 1) {
      out.push_back({RuleCode::kR4, "Chưa đủ điều kiện: cần một đảng viên chính thức giới thiệu (3-KNĐ)"});
    }
  } else if (!introductions_ok) {
    out.push_back(
        {RuleCode::kR4, fmt::format("Chưa đủ điều kiện: cần giấy giới thiệu của hai đảng viên "
                                    "chính thức, hoặc của một đảng viên chính thức và nghị quyết "
                                    "giới thiệu của Đoàn / Công đoàn — mới có: {}",
                                    letters.names.empty() ? "chưa có ai" : letters.names)});
  }
  // S7: opinions of mass organisations and the residence cell.
  if (!s.opinions) {
    out.push_back({RuleCode::kS7, "Chưa đủ điều kiện: chưa tổng hợp ý kiến nhận xét của đoàn thể và chi bộ "
                         "nơi cư trú (5-KNĐ)"});
  } else if (stale(s.opinions)) {
    out.push_back({RuleCode::kR6, fmt::format("Chưa đủ điều kiện: bản tổng hợp ý kiến nhận xét ngày {} đã "
                                     "quá {} tháng, phải làm lại",
                                     FormatVnDate(*s.opinions), rules.dossier_stale_months)});
  }
  if (rules.stale_redo_verification && stale(s.verification_concluded)) {
    out.push_back({RuleCode::kR6, fmt::format("Chưa đủ điều kiện: kết luận thẩm tra lý lịch ngày {} đã quá "
                                     "{} tháng, phải thẩm tra lại",
                                     FormatVnDate(*s.verification_concluded),
                                     rules.dossier_stale_months)});
  }
  return out;
}

}  // namespace ptdv::workflow_internal
