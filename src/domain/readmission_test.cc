#include "domain/readmission.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/disclosure.h"
#include "domain/rule_set.h"
#include "domain/test_case_builder.h"
#include "domain/workflow.h"

namespace ptdv {
namespace {

using test::CaseBuilder;
using test::D;

// A former member removed (xóa tên) on 20/4/2020 with the provincial consent: re-admissible
// from 20/4/2023 (R15, 36 months).
PreviousMembership Eligible() {
  return {.left_on = D(2020, 4, 20),
          .ended_by = MembershipEnd::kRemoved,
          .consent_number = "123-CV/TU",
          .consent_date = D(2023, 3, 1)};
}

std::string Describe(const std::vector<Condition>& conditions) {
  std::string out;
  for (const auto& c : conditions) {
    out += c.blocking ? "B:" : "W:";
    out += c.personal_message.empty() ? c.message : c.personal_message;
    out += "\n";
  }
  return out;
}

TEST(RuleR15, CodesRoundTrip) {
  for (auto v :
       {MembershipEnd::kLeftForFamilyHardship, MembershipEnd::kAskedToLeave,
        MembershipEnd::kAbandonedActivity, MembershipEnd::kRemoved, MembershipEnd::kExpelled}) {
    EXPECT_EQ(MembershipEndFromCode(MembershipEndCode(v)), v);
    EXPECT_FALSE(MembershipEndLabel(v).empty());
  }
  for (auto v : {CriminalRecord::kNone, CriminalRecord::kLessSerious,
                 CriminalRecord::kCorruptionOrSerious}) {
    EXPECT_EQ(CriminalRecordFromCode(CriminalRecordCode(v)), v);
    EXPECT_FALSE(CriminalRecordLabel(v).empty());
  }
  EXPECT_EQ(MembershipEndFromCode("left"), std::nullopt);
  EXPECT_EQ(CriminalRecordFromCode(""), std::nullopt);
}

// R15, branch by branch: what stays unmet at the cell's vote on `on`.
TEST(RuleR15, ConditionsAtTheCellVote) {
  struct Row {
    std::string name;
    PreviousMembership previous;
    Date on;
    // Substrings of the personal text of each expected condition, in order; "B:" / "W:" marks
    // blocking or waiting.
    std::vector<std::string> want;
  };
  auto with = [](auto change) {
    PreviousMembership p = Eligible();
    change(p);
    return p;
  };
  const Row rows[] = {
      {.name = "removed, 36 months to the day",
       .previous = Eligible(),
       .on = D(2023, 4, 20),
       .want = {}},
      {.name = "removed, one day short of 36 months",
       .previous = Eligible(),
       .on = D(2023, 4, 19),
       .want = {"W:Chưa đủ điều kiện: chưa đủ 36 tháng kể từ ngày ra khỏi Đảng 20/04/2020 "
                "(được xét kết nạp lại từ ngày 20/04/2023)"}},
      {.name = "expelled may be re-admitted",
       .previous = with([](auto& p) { p.ended_by = MembershipEnd::kExpelled; }),
       .on = D(2023, 5, 1),
       .want = {}},
      {.name = "left for hard family reasons may be re-admitted",
       .previous = with([](auto& p) { p.ended_by = MembershipEnd::kLeftForFamilyHardship; }),
       .on = D(2023, 5, 1),
       .want = {}},
      {.name = "asked to leave otherwise: never",
       .previous = with([](auto& p) { p.ended_by = MembershipEnd::kAskedToLeave; }),
       .on = D(2030, 1, 1),
       .want = {"B:tự xin ra khỏi Đảng"}},
      {.name = "abandoned activity: never",
       .previous = with([](auto& p) { p.ended_by = MembershipEnd::kAbandonedActivity; }),
       .on = D(2030, 1, 1),
       .want = {"B:tự bỏ sinh hoạt đảng"}},
      {.name = "serious disunity: never",
       .previous = with([](auto& p) { p.caused_serious_disunity = true; }),
       .on = D(2030, 1, 1),
       .want = {"B:mất đoàn kết nội bộ nghiêm trọng"}},
      {.name = "corruption or serious crime: never",
       .previous = with([](auto& p) { p.criminal_record = CriminalRecord::kCorruptionOrSerious; }),
       .on = D(2030, 1, 1),
       .want = {"B:tội tham nhũng hoặc tội nghiêm trọng"}},
      {.name = "only once",
       .previous = with([](auto& p) { p.readmitted_before = true; }),
       .on = D(2030, 1, 1),
       .want = {"B:đã được kết nạp lại một lần"}},
      {.name = "every exclusion at once, and too early",
       .previous = with([](auto& p) {
         p.ended_by = MembershipEnd::kAbandonedActivity;
         p.caused_serious_disunity = true;
         p.criminal_record = CriminalRecord::kCorruptionOrSerious;
         p.readmitted_before = true;
       }),
       .on = D(2021, 1, 1),
       .want = {"B:tự bỏ sinh hoạt", "B:mất đoàn kết", "B:tội tham nhũng", "B:một lần",
                "W:chưa đủ 36 tháng", "B:sau ngày chi bộ xét 01/01/2021"}},
      {.name = "less-serious crime, record not cleared",
       .previous = with([](auto& p) { p.criminal_record = CriminalRecord::kLessSerious; }),
       .on = D(2030, 1, 1),
       .want = {"B:chưa ghi ngày được xóa án tích"}},
      {.name = "less-serious crime, 60 months after the cleared record to the day",
       .previous = with([](auto& p) {
         p.criminal_record = CriminalRecord::kLessSerious;
         p.record_cleared_on = D(2019, 1, 31);
       }),
       .on = D(2024, 1, 31),
       .want = {}},
      {.name = "less-serious crime, one day short of 60 months after the cleared record",
       .previous = with([](auto& p) {
         p.criminal_record = CriminalRecord::kLessSerious;
         p.record_cleared_on = D(2019, 1, 31);
       }),
       .on = D(2024, 1, 30),
       .want = {"W:Chưa đủ điều kiện: chưa đủ 60 tháng kể từ ngày được xóa án tích 31/01/2019 "
                "(được xét kết nạp lại từ ngày 31/01/2024)"}},
      {.name = "less-serious crime: both waits apply, 36 months from leaving is later",
       .previous = with([](auto& p) {
         p.criminal_record = CriminalRecord::kLessSerious;
         p.record_cleared_on = D(2015, 1, 1);
       }),
       .on = D(2023, 4, 1),
       .want = {"W:chưa đủ 36 tháng"}},
      {.name = "no consent",
       .previous = with([](auto& p) {
         p.consent_number.clear();
         p.consent_date.reset();
       }),
       .on = D(2024, 1, 1),
       .want = {"B:Chưa đủ điều kiện: chưa có văn bản đồng ý của Ban Thường vụ Tỉnh ủy về việc "
                "kết nạp lại"}},
      {.name = "consent number without a date is no consent",
       .previous = with([](auto& p) { p.consent_date.reset(); }),
       .on = D(2024, 1, 1),
       .want = {"B:chưa có văn bản đồng ý"}},
      {.name = "consent dated after the vote",
       .previous = with([](auto& p) { p.consent_date = D(2024, 2, 1); }),
       .on = D(2024, 1, 31),
       .want = {"B:Chưa đủ điều kiện: văn bản đồng ý số 123-CV/TU của Ban Thường vụ Tỉnh ủy đề "
                "ngày 01/02/2024, sau ngày chi bộ xét 31/01/2024"}},
  };
  const RuleSet rules = RuleSet2025();
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    std::vector<Condition> got = ReadmissionConditions(row.previous, rules, row.on);
    ASSERT_EQ(got.size(), row.want.size()) << Describe(got);
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].rule, RuleCode::kR15);
      const std::string& text =
          got[i].personal_message.empty() ? got[i].message : got[i].personal_message;
      EXPECT_EQ(got[i].blocking, row.want[i].starts_with("B:")) << text;
      EXPECT_NE(text.find(row.want[i].substr(2)), std::string::npos) << text;
    }
  }
}

// What every role reads names no conviction, disunity or how the membership ended (DOMAIN §8).
TEST(RuleR15, PublicMessagesKeepTheReasonPersonal) {
  PreviousMembership p = Eligible();
  p.ended_by = MembershipEnd::kAbandonedActivity;
  p.caused_serious_disunity = true;
  p.criminal_record = CriminalRecord::kCorruptionOrSerious;
  for (const Condition& c : ReadmissionConditions(p, RuleSet2025(), D(2030, 1, 1))) {
    Condition shown = Disclosed(c, Disclosure::kPublic);
    EXPECT_EQ(
        shown.message,
        "Chưa đủ điều kiện: thuộc trường hợp không xem xét kết nạp lại người đã ra khỏi Đảng");
    EXPECT_FALSE(c.personal_message.empty());
    EXPECT_TRUE(shown.personal_message.empty());
  }
  PreviousMembership waiting = Eligible();
  waiting.criminal_record = CriminalRecord::kLessSerious;
  waiting.record_cleared_on = D(2022, 1, 1);
  auto conditions = ReadmissionConditions(waiting, RuleSet2025(), D(2024, 1, 1));
  ASSERT_EQ(conditions.size(), 1u);
  EXPECT_EQ(conditions[0].message.find("án tích"), std::string::npos) << conditions[0].message;
  EXPECT_NE(conditions[0].message.find("01/01/2027"), std::string::npos) << conditions[0].message;
}

// The 36 and 60 months are parameters of the rule set, not constants.
TEST(RuleR15, WaitingPeriodsAreRuleSetParameters) {
  RuleSet rules = RuleSet2025();
  ASSERT_TRUE(SetRuleParameter(rules, "readmission_wait_months", 24).ok());
  ASSERT_TRUE(SetRuleParameter(rules, "readmission_after_cleared_record_months", 12).ok());
  PreviousMembership p = Eligible();
  p.consent_date = D(2022, 1, 1);
  EXPECT_TRUE(ReadmissionConditions(p, rules, D(2022, 4, 20)).empty());
  auto early = ReadmissionConditions(p, rules, D(2022, 4, 19));
  ASSERT_EQ(early.size(), 1u);
  EXPECT_NE(early[0].message.find("chưa đủ 24 tháng"), std::string::npos) << early[0].message;
  EXPECT_EQ(ReadmissionWaitEnds(p, rules), D(2022, 4, 20));

  p.criminal_record = CriminalRecord::kLessSerious;
  p.record_cleared_on = D(2022, 1, 1);
  EXPECT_EQ(ReadmissionWaitEnds(p, rules), D(2023, 1, 1));
  EXPECT_EQ(ReadmissionWaitEnds(p, RuleSet2025()), D(2027, 1, 1));
  EXPECT_TRUE(ReadmissionConditions(p, rules, D(2023, 1, 1)).empty());
  EXPECT_EQ(ReadmissionConditions(p, rules, D(2022, 12, 31)).size(), 1u);
  p.record_cleared_on.reset();
  EXPECT_EQ(ReadmissionWaitEnds(p, rules), std::nullopt);

  EXPECT_FALSE(SetRuleParameter(rules, "readmission_wait_months", -1).ok());
  EXPECT_FALSE(SetRuleParameter(rules, "readmission_after_cleared_record_months", 241).ok());
}

TEST(RuleR15, ValidateChecksDatesAndConsent) {
  const Date birth = D(1970, 5, 1);
  const Date today = D(2024, 6, 1);
  struct Row {
    std::string name;
    PreviousMembership previous;
    std::string want_field;  // "" = accepted
  };
  auto with = [](auto change) {
    PreviousMembership p = Eligible();
    change(p);
    return p;
  };
  const Row rows[] = {
      {.name = "eligible facts", .previous = Eligible(), .want_field = ""},
      {.name = "no consent yet",
       .previous = with([](auto& p) {
         p.consent_number.clear();
         p.consent_date.reset();
       }),
       .want_field = ""},
      {.name = "left in the future",
       .previous = with([](auto& p) { p.left_on = D(2024, 6, 2); }),
       .want_field = "left_on"},
      {.name = "left before birth",
       .previous = with([](auto& p) { p.left_on = D(1970, 5, 1); }),
       .want_field = "left_on"},
      {.name = "cleared record without a less-serious conviction",
       .previous = with([](auto& p) { p.record_cleared_on = D(2021, 1, 1); }),
       .want_field = "record_cleared_on"},
      {.name = "cleared record in the future",
       .previous = with([](auto& p) {
         p.criminal_record = CriminalRecord::kLessSerious;
         p.record_cleared_on = D(2024, 7, 1);
       }),
       .want_field = "record_cleared_on"},
      {.name = "cleared record",
       .previous = with([](auto& p) {
         p.criminal_record = CriminalRecord::kLessSerious;
         p.record_cleared_on = D(2021, 1, 1);
       }),
       .want_field = ""},
      {.name = "consent number without a date",
       .previous = with([](auto& p) { p.consent_date.reset(); }),
       .want_field = "consent_date"},
      {.name = "consent date without a number",
       .previous = with([](auto& p) { p.consent_number.clear(); }),
       .want_field = "consent_number"},
      {.name = "consent in the future",
       .previous = with([](auto& p) { p.consent_date = D(2024, 6, 2); }),
       .want_field = "consent_date"},
      {.name = "consent before leaving",
       .previous = with([](auto& p) { p.consent_date = D(2020, 4, 19); }),
       .want_field = "consent_date"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    Status status = ValidatePreviousMembership(row.previous, birth, today);
    if (row.want_field.empty()) {
      EXPECT_TRUE(status.ok()) << status.error().message;
    } else {
      ASSERT_FALSE(status.ok());
      EXPECT_EQ(status.error().code, ErrorCode::kInvalid);
      EXPECT_EQ(status.error().field, row.want_field);
    }
  }
}

// The case's eligibility (S8 at the cell vote) includes R15 only for a former member.
TEST(RuleR15, CellVoteChecksR15OnlyForAFormerMember) {
  {
    CaseBuilder b;  // never a member: no R15
    ASSERT_EQ(b.AdvanceTo(Stage::kCellApproved), "");
  }
  {
    CaseBuilder b;  // the cell votes on 20/4/2023: 36 months after 20/4/2020 to the day
    b.context.person.previous_membership = Eligible();
    ASSERT_EQ(b.AdvanceTo(Stage::kCellApproved), "");
  }
  {
    CaseBuilder b;
    PreviousMembership p = Eligible();
    p.left_on = D(2020, 4, 21);
    b.context.person.previous_membership = p;
    ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
    b.CompleteDossier(b.dossier_parts);
    Evaluation before = b.EvaluateOn(b.t.cell_vote);
    ASSERT_EQ(before.unmet.size(), 1u);
    EXPECT_EQ(before.unmet[0].rule, RuleCode::kR15);
    EXPECT_FALSE(before.unmet[0].blocking);
    Result<Case> vote = b.Apply(b.CellVote(test::AllInFavour(b.context.cell_official_count)));
    ASSERT_FALSE(vote.ok());
    EXPECT_EQ(vote.error().code, ErrorCode::kRuleViolation);
    EXPECT_EQ(vote.error().rule, "R15");
  }
  {
    CaseBuilder b;
    PreviousMembership p = Eligible();
    p.ended_by = MembershipEnd::kAbandonedActivity;
    b.context.person.previous_membership = p;
    ASSERT_EQ(b.AdvanceTo(Stage::kDossier), "");
    b.CompleteDossier(b.dossier_parts);
    Evaluation ev = b.EvaluateOn(b.t.cell_vote);
    ASSERT_EQ(ev.unmet.size(), 1u);
    EXPECT_EQ(ev.unmet[0].rule, RuleCode::kR15);
    EXPECT_TRUE(ev.unmet[0].blocking);
  }
}

}  // namespace
}  // namespace ptdv
