#include "domain/rule_set.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace ptdv {
namespace {

Date D(int year, unsigned month, unsigned day) { return MakeDate(year, month, day); }

TEST(RuleSet, RuleSetInForcePicksTheSetByDate) {
  struct Row {
    Date date;
    std::string want;
  };
  const Row rows[] = {
      {.date = D(2021, 7, 30), .want = "2021"},
      {.date = D(2023, 10, 20), .want = "2021"},
      {.date = D(2024, 12, 31), .want = "2021"},
      {.date = D(2025, 1, 19), .want = "2021"},
      {.date = D(2025, 1, 20), .want = "2025"},
      {.date = D(2025, 7, 1), .want = "2025"},
      {.date = D(2030, 1, 1), .want = "2025"},
      // Before the first shipped set: the earliest one applies.
      {.date = D(2020, 1, 1), .want = "2021"},
  };
  const std::vector<RuleSet> sets = DefaultRuleSets();
  for (const Row& row : rows) {
    Result<RuleSet> found = RuleSetInForce(sets, row.date);
    ASSERT_TRUE(found.ok()) << FormatIsoDate(row.date);
    EXPECT_EQ(found->code, row.want) << FormatIsoDate(row.date);
  }
}

TEST(RuleSet, RuleSetInForceWithNoSetIsNotFound) {
  Result<RuleSet> found = RuleSetInForce({}, D(2024, 1, 1));
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.error().code, ErrorCode::kNotFound);

  // A gap after the last set's end is not covered either.
  std::vector<RuleSet> only_2021 = {RuleSet2021()};
  found = RuleSetInForce(only_2021, D(2025, 2, 1));
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.error().code, ErrorCode::kNotFound);
  EXPECT_NE(found.error().message.find("01/02/2025"), std::string::npos);
}

TEST(RuleSet, ShippedSetsAreContiguousWithTheirLegalBasis) {
  RuleSet r2021 = RuleSet2021();
  RuleSet r2025 = RuleSet2025();
  EXPECT_EQ(r2021.in_force_from, D(2021, 7, 30));
  EXPECT_EQ(r2021.in_force_to, D(2025, 1, 19));
  EXPECT_EQ(r2025.in_force_from, D(2025, 1, 20));
  EXPECT_FALSE(r2025.in_force_to.has_value());
  EXPECT_NE(r2021.legal_basis.find("24-QĐ/TW"), std::string::npos);
  EXPECT_NE(r2025.legal_basis.find("232-QĐ/TW"), std::string::npos);
  // Admission numbers unchanged from 2021 (DOMAIN header).
  for (const RuleParameter& p : RuleParameters()) {
    EXPECT_EQ(*GetRuleParameter(r2021, p.name), *GetRuleParameter(r2025, p.name)) << p.name;
  }
}

TEST(RuleSet, DefaultsMatchTheRules) {
  struct Row {
    std::string_view name;
    std::string_view rule;
    long want;
  };
  const Row rows[] = {
      {.name = "min_age_months", .rule = "R1", .want = 216},
      {.name = "max_age_months", .rule = "R1", .want = 720},
      {.name = "certificate_validity_months", .rule = "R3", .want = 60},
      {.name = "youth_min_age_years", .rule = "R4", .want = 16},
      {.name = "youth_max_age_years", .rule = "R4", .want = 30},
      {.name = "introducer_together_months", .rule = "R5", .want = 12},
      {.name = "dossier_stale_months", .rule = "R6", .want = 12},
      {.name = "stale_redo_verification", .rule = "R6", .want = 1},
      {.name = "vote_numerator", .rule = "S9", .want = 2},
      {.name = "vote_denominator", .rule = "S9", .want = 3},
      {.name = "decision_working_days", .rule = "S12", .want = 60},
      {.name = "decision_extension_max_working_days", .rule = "S12", .want = 30},
      {.name = "ceremony_working_days", .rule = "S13", .want = 30},
      {.name = "probation_months", .rule = "P1", .want = 12},
      {.name = "recognition_vote_working_days", .rule = "P4", .want = 30},
      {.name = "recognition_decision_working_days", .rule = "P5", .want = 30},
      {.name = "recognition_extension_max_working_days", .rule = "P5", .want = 30},
      {.name = "max_failed_recognition_votes", .rule = "P7", .want = 3},
      {.name = "readmission_wait_months", .rule = "R15", .want = 36},
      {.name = "readmission_after_cleared_record_months", .rule = "R15", .want = 60},
  };
  const RuleSet rules = RuleSet2025();
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(row.name));
    Result<long> value = GetRuleParameter(rules, row.name);
    ASSERT_TRUE(value.ok());
    EXPECT_EQ(*value, row.want);
    bool listed = false;
    for (const RuleParameter& p : RuleParameters()) {
      if (p.name == row.name) {
        listed = true;
        EXPECT_EQ(p.rule, row.rule);
        EXPECT_FALSE(p.description.empty());
      }
    }
    EXPECT_TRUE(listed);
  }
}

TEST(RuleSet, EveryListedParameterIsReadableAndWritable) {
  std::set<std::string_view> names;
  RuleSet rules = RuleSet2021();
  for (const RuleParameter& p : RuleParameters()) {
    SCOPED_TRACE(std::string(p.name));
    EXPECT_TRUE(names.insert(p.name).second) << "duplicate";
    Result<long> value = GetRuleParameter(rules, p.name);
    ASSERT_TRUE(value.ok());
    EXPECT_TRUE(SetRuleParameter(rules, p.name, *value).ok());
  }
  EXPECT_EQ(names.size(), RuleParameters().size());
}

TEST(RuleSet, SetRuleParameterRejectsUnknownNamesAndOutOfRangeValues) {
  struct Row {
    std::string_view name;
    long value;
    std::string want_field;  // "" = accepted
  };
  const Row rows[] = {
      {.name = "decision_working_days", .value = 45, .want_field = ""},
      {.name = "decision_working_days", .value = 1, .want_field = ""},
      {.name = "decision_working_days", .value = 1000, .want_field = ""},
      {.name = "decision_working_days", .value = 0, .want_field = "value"},
      {.name = "decision_working_days", .value = -60, .want_field = "value"},
      {.name = "decision_working_days", .value = 1001, .want_field = "value"},
      {.name = "probation_months", .value = 61, .want_field = "value"},
      {.name = "vote_denominator", .value = 0, .want_field = "value"},
      {.name = "max_age_months", .value = 1201, .want_field = "value"},
      {.name = "stale_redo_verification", .value = 0, .want_field = ""},
      {.name = "stale_redo_verification", .value = 2, .want_field = "value"},
      {.name = "decision_days", .value = 60, .want_field = "name"},
      {.name = "", .value = 1, .want_field = "name"},
      {.name = "DECISION_WORKING_DAYS", .value = 60, .want_field = "name"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(row.name) + " = " + std::to_string(row.value));
    RuleSet rules = RuleSet2021();
    const RuleSet before = rules;
    Status status = SetRuleParameter(rules, row.name, row.value);
    if (row.want_field.empty()) {
      ASSERT_TRUE(status.ok()) << status.error().message;
      EXPECT_EQ(*GetRuleParameter(rules, row.name), row.value);
    } else {
      ASSERT_FALSE(status.ok());
      EXPECT_EQ(status.error().code, ErrorCode::kInvalid);
      EXPECT_EQ(status.error().field, row.want_field);
      EXPECT_FALSE(status.error().message.empty());
      // Nothing changed.
      for (const RuleParameter& p : RuleParameters()) {
        EXPECT_EQ(*GetRuleParameter(rules, p.name), *GetRuleParameter(before, p.name)) << p.name;
      }
    }
  }
  Result<long> unknown = GetRuleParameter(RuleSet2021(), "decision_days");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalid);
}

// S9, S11, P4: at least 2/3 of the denominator in favour.
TEST(RuleSet, VotePassesAtTwoThirds) {
  struct Row {
    int eligible;
    int needed;
  };
  const Row rows[] = {
      {.eligible = 1, .needed = 1},    {.eligible = 3, .needed = 2}, {.eligible = 4, .needed = 3},
      {.eligible = 8, .needed = 6},    {.eligible = 9, .needed = 6}, {.eligible = 15, .needed = 10},
      {.eligible = 100, .needed = 67},
  };
  const RuleSet rules = RuleSet2021();
  for (const Row& row : rows) {
    SCOPED_TRACE(row.eligible);
    EXPECT_EQ(rules.VotesNeeded(row.eligible), row.needed);
    EXPECT_TRUE(rules.VotePasses(row.needed, row.eligible));
    EXPECT_FALSE(rules.VotePasses(row.needed - 1, row.eligible));
  }
  EXPECT_FALSE(rules.VotePasses(0, 0));
}

TEST(RuleSet, VoteRatioIsData) {
  RuleSet rules = RuleSet2021();
  ASSERT_TRUE(SetRuleParameter(rules, "vote_numerator", 1).ok());
  ASSERT_TRUE(SetRuleParameter(rules, "vote_denominator", 2).ok());
  EXPECT_EQ(rules.VotesNeeded(9), 5);
  EXPECT_TRUE(rules.VotePasses(5, 9));
  EXPECT_FALSE(rules.VotePasses(4, 9));
}

}  // namespace
}  // namespace ptdv
