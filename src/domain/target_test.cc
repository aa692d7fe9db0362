#include "domain/target.h"

#include <gtest/gtest.h>

namespace ptdv {
namespace {

Date D(int y, unsigned m, unsigned d) { return MakeDate(y, m, d); }

Target Part(int count) { return {.count = count}; }

// §7: the splits of a target never exceed it, and equal it once final; the message names the
// numbers.
TEST(Target, CheckSplitSum) {
  Target city{.id = 1, .org_id = 1, .year = 2023, .count = 100};
  EXPECT_TRUE(CheckSplitSum(city, {}, "Thành ủy Huế").ok());
  EXPECT_TRUE(CheckSplitSum(city, {Part(60), Part(40)}, "Thành ủy Huế").ok());
  Status over = CheckSplitSum(city, {Part(60), Part(50)}, "Thành ủy Huế");
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, ErrorCode::kRuleViolation);
  EXPECT_EQ(over.error().rule, "§7");  // asserts: §7
  EXPECT_NE(over.error().message.find("110"), std::string::npos) << over.error().message;
  EXPECT_NE(over.error().message.find("(100)"), std::string::npos) << over.error().message;
  EXPECT_NE(over.error().message.find("Thành ủy Huế"), std::string::npos);

  city.split_final = true;
  EXPECT_TRUE(CheckSplitSum(city, {Part(60), Part(40)}, "Thành ủy Huế").ok());
  Status short_of = CheckSplitSum(city, {Part(60), Part(30)}, "Thành ủy Huế");
  ASSERT_FALSE(short_of.ok());
  EXPECT_NE(short_of.error().message.find("(90)"), std::string::npos) << short_of.error().message;
  EXPECT_NE(short_of.error().message.find("(100)"), std::string::npos);
}

// Three admitted cases, hand-measured (calendar days):
//   opened → certificate: 31, 10, 0 (certificate older than the case) → lower median 10
//   certificate → dossier: 30, 30, 51                                   → 30
//   dossier → cell vote:   60, 30, 90                                   → 60
//   cell vote → decision:  60, 30, 60                                   → 60
std::vector<Case> Admitted() {
  auto c = [](Date cert, Date dossier, Date vote, Date decision) {
    return Case{.stage = Stage::kProbation,
                .opened_on = D(2022, 1, 1),
                .certificate_date = cert,
                .dossier_date = dossier,
                .cell_vote_date = vote,
                .decision_date = decision};
  };
  return {c(D(2022, 2, 1), D(2022, 3, 3), D(2022, 5, 2), D(2022, 7, 1)),
          c(D(2022, 1, 11), D(2022, 2, 10), D(2022, 3, 12), D(2022, 4, 11)),
          c(D(2021, 12, 1), D(2022, 1, 21), D(2022, 4, 21), D(2022, 6, 20)),
          // Open cases are not measured.
          Case{.stage = Stage::kDossier, .opened_on = D(2022, 1, 1),
               .certificate_date = D(2022, 1, 2), .dossier_date = D(2022, 1, 3)}};
}

TEST(Target, MeasuresSegmentsAndTakesTheLowerMedian) {
  SegmentSamples samples = MeasureSegments(Admitted());
  EXPECT_EQ(samples.days[0], (std::vector<int>{31, 10, 0}));
  EXPECT_EQ(samples.days[1], (std::vector<int>{30, 30, 51}));
  EXPECT_EQ(samples.days[2], (std::vector<int>{60, 30, 90}));
  EXPECT_EQ(samples.days[3], (std::vector<int>{60, 30, 60}));
  EXPECT_EQ(LowerMedian({31, 10, 0}), 10);
  EXPECT_EQ(LowerMedian({4, 1, 3, 2}), 2);  // even count: the lower of the two middle values
  EXPECT_FALSE(LowerMedian({}).has_value());
}

TEST(Target, ChoosesOwnThenCityThenDefaults) {
  const RuleSet rules = RuleSet2021();
  SegmentSamples own = MeasureSegments(Admitted());
  SegmentSamples none;
  SegmentMedians m = ChooseMedians(own, none, rules, 3);
  EXPECT_EQ((std::vector<int>{m.days[0], m.days[1], m.days[2], m.days[3]}),
            (std::vector<int>{10, 30, 60, 60}));
  EXPECT_EQ(m.source[0], "org");
  // Too few of the organisation's own: the city's.
  SegmentSamples two = own;
  two.days[3].pop_back();
  m = ChooseMedians(two, own, rules, 3);
  EXPECT_EQ(m.source[2], "org");
  EXPECT_EQ(m.source[3], "city");
  EXPECT_EQ(m.days[3], 60);
  // Neither: the rule set's defaults (§7 [?]).
  m = ChooseMedians(none, two, rules, 3);
  EXPECT_EQ((std::vector<int>{m.days[0], m.days[1], m.days[2], m.days[3]}),
            (std::vector<int>{10, 30, 60, rules.forecast_decision_days}));
  EXPECT_EQ(m.source[3], "default");
}

TEST(Target, ExpectedAdmissionAddsTheRemainingMedians) {
  SegmentMedians m;
  m.days[0] = 10;
  m.days[1] = 30;
  m.days[2] = 60;
  m.days[3] = 60;
  const Date today = D(2023, 10, 1);
  struct Row {
    std::string name;
    Case header;
    std::optional<Date> want;
  };
  const Row rows[] = {
      // 30 of the 60 days of the cell-vote segment spent: 30 + 60 = 90 days → 30/12/2023.
      {"dossier", {.stage = Stage::kDossier, .opened_on = D(2023, 1, 1),
                   .dossier_date = D(2023, 9, 1)},
       D(2023, 12, 30)},
      // 10 of 10 spent: 0 + 30 + 60 + 60 = 150 days → 28/02/2024.
      {"sympathiser", {.stage = Stage::kSympathiser, .opened_on = D(2023, 9, 21)},
       D(2024, 2, 28)},
      // Longer than the median already: due now.
      {"cell approved", {.stage = Stage::kCellApproved, .opened_on = D(2023, 1, 1),
                         .cell_vote_date = D(2023, 6, 1)},
       today},
      // Certified: the segment to the dossier, counted from the certificate (30 − 5 + 60 + 60).
      {"certified", {.stage = Stage::kCertified, .opened_on = D(2023, 9, 1),
                     .certificate_date = D(2023, 9, 26)},
       D(2024, 2, 23)},
      {"admitted", {.stage = Stage::kAdmitted, .decision_date = D(2023, 9, 1)}, std::nullopt},
      {"withdrawn", {.stage = Stage::kWithdrawn}, std::nullopt},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(ExpectedAdmission(row.header, m, today), row.want) << row.name;
  }
}

TEST(Target, PercentileTakesTheNearestRank) {
  EXPECT_EQ(Percentile({5}, 90), 5);
  EXPECT_EQ(Percentile({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90), 9);  // ceil(0.9·10) = 9th
  EXPECT_EQ(Percentile({10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 11}, 90), 10);  // ceil(9.9) = 10th
  EXPECT_EQ(Percentile({3, 1, 2}, 50), 2);
  EXPECT_EQ(Percentile({3, 1, 2}, 100), 3);
  EXPECT_FALSE(Percentile({}, 90).has_value());
}

}  // namespace
}  // namespace ptdv
