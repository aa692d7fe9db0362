#include "domain/training.h"

#include <gtest/gtest.h>

#include <set>

namespace ptdv {
namespace {

Date D(int y, unsigned m, unsigned d) { return MakeDate(y, m, d); }

TrainingClass Class(int sessions = 5, int percent = 80) {
  return {.kind = ClassKind::kAwareness,
          .code = "HUE-NT-2023-01",
          .name = "Lớp nhận thức khóa 1",
          .organiser_id = 1,
          .capacity = 2,
          .starts_on = D(2023, 3, 6),
          .ends_on = D(2023, 3, 10),
          .session_count = sessions,
          .min_attendance_percent = percent};
}

std::vector<Attendance> Present(int n) {
  std::vector<Attendance> out;
  for (int i = 1; i <= n; ++i) out.push_back({.enrolment_id = 7, .session = i, .present = true});
  return out;
}

TEST(Training, CodesRoundTrip) {
  for (ClassKind k : {ClassKind::kAwareness, ClassKind::kNewMember}) {
    EXPECT_EQ(ClassKindFromCode(ClassKindCode(k)), k);
    EXPECT_FALSE(ClassKindLabel(k).empty());
  }
  EXPECT_EQ(CertificateAction(ClassKind::kAwareness), Action::kRecordCertificate);
  EXPECT_EQ(CertificateAction(ClassKind::kNewMember), Action::kRecordNewMemberCertificate);
  EXPECT_EQ(CertificateRule(ClassKind::kAwareness), RuleCode::kR3);
  EXPECT_EQ(CertificateRule(ClassKind::kNewMember), RuleCode::kP2);
  for (auto s : {EnrolmentState::kNominated, EnrolmentState::kEnrolled, EnrolmentState::kRefused,
                 EnrolmentState::kWithdrawn}) {
    EXPECT_EQ(EnrolmentStateFromCode(EnrolmentStateCode(s)), s);
  }
  EXPECT_EQ(AssessmentFromCode("passed"), Assessment::kPassed);
  EXPECT_EQ(ClassFormatFromCode("shortened"), ClassFormat::kShortened);
  EXPECT_FALSE(ClassFormatFromCode("short").has_value());
}

TEST(Training, ValidateClassNamesTheField) {
  struct Row {
    void (*change)(TrainingClass&);
    std::string field;
  };
  const Row rows[] = {
      {[](TrainingClass&) {}, ""},
      {[](TrainingClass& c) { c.code.clear(); }, "code"},
      {[](TrainingClass& c) { c.name.clear(); }, "name"},
      {[](TrainingClass& c) { c.capacity = 0; }, "capacity"},
      {[](TrainingClass& c) { c.session_count = 0; }, "sessions"},
      {[](TrainingClass& c) { c.ends_on = D(2023, 3, 5); }, "ends_on"},
      {[](TrainingClass& c) { c.min_attendance_percent = 101; }, "min_attendance_percent"},
  };
  for (const Row& row : rows) {
    TrainingClass c = Class();
    row.change(c);
    Status s = ValidateClass(c);
    EXPECT_EQ(s.ok() ? "" : s.error().field, row.field);
  }
}

TEST(Training, EnrolmentMoves) {
  using S = EnrolmentState;
  struct Row {
    S from;
    S to;
    bool ok;
  };
  const Row rows[] = {
      {S::kNominated, S::kEnrolled, true},  {S::kNominated, S::kRefused, true},
      {S::kNominated, S::kWithdrawn, true}, {S::kEnrolled, S::kWithdrawn, true},
      {S::kRefused, S::kEnrolled, true},    {S::kEnrolled, S::kRefused, false},
      {S::kWithdrawn, S::kEnrolled, false}, {S::kEnrolled, S::kNominated, false},
      {S::kRefused, S::kWithdrawn, false},
  };
  for (const Row& row : rows) {
    Status s = CheckEnrolmentChange({.state = row.from}, row.to);
    EXPECT_EQ(s.ok(), row.ok) << EnrolmentStateCode(row.from) << "→" << EnrolmentStateCode(row.to);
    if (!s.ok()) {
      EXPECT_EQ(s.error().code, ErrorCode::kConflict);
    }
  }
  Enrolment certified{.state = S::kEnrolled, .certificate_date = D(2023, 3, 10)};
  EXPECT_EQ(CheckEnrolmentChange(certified, S::kWithdrawn).error().code, ErrorCode::kConflict);
}

// S1 [?] and R3 / P2: who may be certified.
TEST(Training, CheckCertifiable) {
  const Date today = D(2023, 4, 1);
  Enrolment ok{.state = EnrolmentState::kEnrolled, .assessment = Assessment::kPassed};
  EXPECT_TRUE(CheckCertifiable(Class(), ok, Present(4), "1", D(2023, 3, 10), today).ok());

  struct Row {
    std::string name;
    Enrolment enrolment;
    int present;
    Date date;
    ErrorCode code;
    std::string rule;
  };
  Enrolment nominated = ok;
  nominated.state = EnrolmentState::kNominated;
  Enrolment failed = ok;
  failed.assessment = Assessment::kFailed;
  Enrolment pending = ok;
  pending.assessment = Assessment::kPending;
  Enrolment issued = ok;
  issued.certificate_number = "1";
  issued.certificate_date = D(2023, 3, 10);
  const Row rows[] = {
      {"not enrolled", nominated, 5, D(2023, 3, 10), ErrorCode::kRuleViolation, "R3"},
      {"failed", failed, 5, D(2023, 3, 10), ErrorCode::kRuleViolation, "R3"},
      {"not assessed", pending, 5, D(2023, 3, 10), ErrorCode::kRuleViolation, "R3"},
      // 3 of 5 sessions = 60 % < 80 %.
      // asserts: S1
      {"attendance", ok, 3, D(2023, 3, 10), ErrorCode::kRuleViolation, "R3"},
      {"already issued", issued, 5, D(2023, 3, 10), ErrorCode::kConflict, ""},
      {"before the class ended", ok, 5, D(2023, 3, 9), ErrorCode::kInvalid, ""},
      {"in the future", ok, 5, D(2023, 4, 2), ErrorCode::kInvalid, ""},
  };
  for (const Row& row : rows) {
    Status s = CheckCertifiable(Class(), row.enrolment, Present(row.present), "1", row.date, today);
    ASSERT_FALSE(s.ok()) << row.name;
    EXPECT_EQ(s.error().code, row.code) << row.name;
    EXPECT_EQ(s.error().rule, row.rule) << row.name;
  }
  // The new-member class names P2; the share is exact at the boundary (4 of 5 = 80 %).
  TrainingClass new_member = Class();
  new_member.kind = ClassKind::kNewMember;
  EXPECT_EQ(CheckCertifiable(new_member, nominated, Present(5), "1", D(2023, 3, 10), today)
                .error()
                .rule,
            "P2");
  EXPECT_TRUE(CheckCertifiable(Class(3, 66), ok, Present(2), "1", D(2023, 3, 10), today).ok());
  EXPECT_FALSE(CheckCertifiable(Class(3, 66), ok, Present(1), "1", D(2023, 3, 10), today).ok());
  EXPECT_EQ(CheckCertifiable(Class(), ok, Present(5), "", D(2023, 3, 10), today).error().field,
            "number");
}

// R3: 60 months, the last valid day included.
TEST(Training, CertificateValidity) {
  RuleSet rules = RuleSet2021();
  EXPECT_EQ(CertificateExpiry(ClassKind::kAwareness, D(2023, 3, 10), rules), D(2028, 3, 10));
  EXPECT_TRUE(CertificateValidOn(ClassKind::kAwareness, D(2023, 3, 10), D(2028, 3, 10), rules));
  EXPECT_FALSE(CertificateValidOn(ClassKind::kAwareness, D(2023, 3, 10), D(2028, 3, 11), rules));
  EXPECT_FALSE(CertificateExpiry(ClassKind::kNewMember, D(2023, 3, 10), rules).has_value());
  EXPECT_TRUE(CertificateValidOn(ClassKind::kNewMember, D(2023, 3, 10), D(2040, 1, 1), rules));
  rules.certificate_validity_months = 36;  // a parameter, never a constant
  EXPECT_EQ(CertificateExpiry(ClassKind::kAwareness, D(2023, 3, 10), rules), D(2026, 3, 10));
}

TEST(Training, VerificationCodes) {
  const unsigned char zeros[8] = {};
  EXPECT_EQ(EncodeVerificationCode(zeros), "0000000000");
  const unsigned char ones[8] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  EXPECT_EQ(EncodeVerificationCode(ones), "ZZZZZZZZZZ");
  const unsigned char mixed[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  std::string code = EncodeVerificationCode(mixed);
  ASSERT_EQ(code.size(), 10u);
  EXPECT_EQ(NormaliseVerificationCode(code), code);
  EXPECT_EQ(NormaliseVerificationCode("abcde-fghjk"), "ABCDEFGHJK");
  EXPECT_EQ(NormaliseVerificationCode("0o1IL 23456"), "0011123456");  // Crockford's readings
  EXPECT_FALSE(NormaliseVerificationCode("ABCDEFGHJ").has_value());     // too short
  EXPECT_FALSE(NormaliseVerificationCode("ABCDEFGHJKM").has_value());   // too long
  EXPECT_FALSE(NormaliseVerificationCode("ABCDEFGHJU").has_value());    // U is not in it
  EXPECT_FALSE(NormaliseVerificationCode("ABCDE%GHJK").has_value());
}

}  // namespace
}  // namespace ptdv
