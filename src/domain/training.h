#pragma once

// Classes of the Political Centre (DOMAIN §1 "Trung tâm chính trị", S1): the awareness
// class (lớp bồi dưỡng nhận thức về Đảng, whose certificate satisfies R3) and the new-member
// class (lớp bồi dưỡng lý luận chính trị cho đảng viên mới, P2). Wards nominate sympathisers, the
// Centre enrols them, records attendance per session and the final assessment, and issues
// numbered certificates. Pure: the service gathers the facts, these functions decide.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/model.h"
#include "domain/result.h"
#include "domain/rule_set.h"

namespace ptdv {

enum class ClassKind {
  kAwareness,  // lớp bồi dưỡng nhận thức về Đảng: certificate → R3 (S1)
  kNewMember,  // lớp bồi dưỡng lý luận chính trị cho đảng viên mới: certificate → P2
};
std::string_view ClassKindCode(ClassKind kind);  // "awareness", "new_member"
std::optional<ClassKind> ClassKindFromCode(std::string_view code);
std::string_view ClassKindLabel(ClassKind kind);  // DOMAIN §9
// The case action a certificate of this class records (kRecordCertificate /
// kRecordNewMemberCertificate) and the rule it satisfies (R3 / P2).
Action CertificateAction(ClassKind kind);
RuleCode CertificateRule(ClassKind kind);

// The Huế conference of 20/10/2023 asked for shorter classes that stay effective (DOMAIN
// header): a class is held in the standard or the shortened format.
enum class ClassFormat { kStandard, kShortened };
std::string_view ClassFormatCode(ClassFormat format);  // "standard", "shortened"
std::optional<ClassFormat> ClassFormatFromCode(std::string_view code);

struct TrainingClass {
  Id id = 0;
  ClassKind kind = ClassKind::kAwareness;
  std::string code;  // unique: "HUE-NT-2023-01"
  std::string name;  // "Lớp bồi dưỡng nhận thức về Đảng khóa 1 năm 2023"
  // The unit whose Political Centre runs the class (the city committee), or a committee with
  // admission power where there is no centre (R3). It scopes who manages the class; the units
  // below it nominate.
  Id organiser_id = 0;
  ClassFormat format = ClassFormat::kStandard;
  std::string place;
  int capacity = 0;  // enrolled learners at most
  Date starts_on{};
  Date ends_on{};
  int session_count = 1;
  // S1 [?]: share of the sessions a learner must attend to be certified, in percent. Per
  // class; defaults to the rule set's class_min_attendance_percent.
  int min_attendance_percent = 0;
  int version = 1;
};

// Where a nominated learner stands. nominated → enrolled | refused | withdrawn;
// enrolled → withdrawn; refused → enrolled (the Centre reconsiders). Fixed once certified.
enum class EnrolmentState { kNominated, kEnrolled, kRefused, kWithdrawn };
std::string_view EnrolmentStateCode(EnrolmentState state);
std::optional<EnrolmentState> EnrolmentStateFromCode(std::string_view code);
std::string_view EnrolmentStateLabel(EnrolmentState state);

enum class Assessment { kPending, kPassed, kFailed };
std::string_view AssessmentCode(Assessment assessment);  // "pending", "passed", "failed"
std::optional<Assessment> AssessmentFromCode(std::string_view code);

struct Enrolment {
  Id id = 0;
  Id class_id = 0;
  Id person_id = 0;
  Id case_id = 0;            // the admission case the certificate lands on
  Id nominating_org_id = 0;  // the ward (grassroots unit) that nominated the learner
  EnrolmentState state = EnrolmentState::kNominated;
  Assessment assessment = Assessment::kPending;
  // Set together when the certificate is issued; the verification code is unique.
  std::string certificate_number;  // "125-GCN/TTCT"
  std::optional<Date> certificate_date;
  std::string verification_code;   // 10 characters of Crockford base32; empty until issued

  bool Certified() const { return certificate_date.has_value(); }
};

struct Attendance {
  Id enrolment_id = 0;
  int session = 1;  // 1 ... class.session_count
  bool present = false;
};

// Checks a class before it is stored: kInvalid naming the field for an empty code or name, a
// capacity or session count below 1, an end before the start, or a minimum attendance outside
// 0..100.
Status ValidateClass(const TrainingClass& training_class);

// Whether the enrolment may move from `from` to `to` (see EnrolmentState). kConflict with a
// Vietnamese message otherwise, and for any change after the certificate was issued.
Status CheckEnrolmentChange(const Enrolment& enrolment, EnrolmentState to);

// Sessions the learner attended.
int SessionsAttended(const std::vector<Attendance>& attendance);

// Whether a certificate dated `date` may be issued to `enrolment` (REQUIRES: attendance is the
// enrolment's own). kConflict when it was already issued; kRuleViolation with the class's rule
// (R3 for the awareness class, P2 for the new-member class) when the learner is not enrolled,
// not assessed as passed, or attended fewer sessions than min_attendance_percent of the class
// (S1 [?]); kInvalid when `date` is before the last day of the class or after `today`, or the
// number is empty.
Status CheckCertifiable(const TrainingClass& training_class, const Enrolment& enrolment,
                        const std::vector<Attendance>& attendance, const std::string& number,
                        Date date, Date today);

// Whether a certificate of `kind` issued on `issued` is still valid on `on`: the awareness
// certificate for rules.certificate_validity_months (R3, 60); the new-member certificate has no
// expiry of its own (P2).
bool CertificateValidOn(ClassKind kind, Date issued, Date on, const RuleSet& rules);
// The last day of validity of an awareness certificate (R3); nullopt for the new-member class.
std::optional<Date> CertificateExpiry(ClassKind kind, Date issued, const RuleSet& rules);

// Verification codes: 10 characters of Crockford's base32 alphabet (0-9, A-Z without I, L, O,
// U), 50 random bits. NormaliseVerificationCode upper-cases, drops spaces and hyphens, reads
// I and L as 1 and O as 0 (Crockford), and returns nullopt for anything else or a wrong length.
inline constexpr int kVerificationCodeLength = 10;
std::string EncodeVerificationCode(const unsigned char (&random)[8]);
std::optional<std::string> NormaliseVerificationCode(std::string_view text);

}  // namespace ptdv
