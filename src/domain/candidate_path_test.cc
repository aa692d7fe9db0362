#include "domain/candidate_path.h"

#include <gtest/gtest.h>

namespace ptdv {
namespace {

Date D(int y, unsigned m, unsigned d) { return MakeDate(y, m, d); }

TEST(CandidatePath, EveryStageHasAPlainNextStep) {
  struct Row {
    Stage stage;
    std::string_view label;
    bool has_by;
  };
  const Row rows[] = {
      {Stage::kSource,
       "Chi bộ xem xét, công nhận là quần chúng cảm tình Đảng và phân công đảng "
       "viên giúp đỡ",
       true},
      {Stage::kSympathiser, "Học lớp bồi dưỡng nhận thức về Đảng", true},
      {Stage::kCertified, "Viết đơn xin vào Đảng và tự khai lý lịch", true},
      {Stage::kDossier, "Chi bộ hoàn thiện hồ sơ và họp xét đề nghị kết nạp", true},
      {Stage::kCellApproved, "Đảng ủy cơ sở xét, đề nghị cấp trên quyết định kết nạp", true},
      {Stage::kGrassrootsApproved, "Cấp ủy cấp trên xem xét, ra quyết định kết nạp", true},
      {Stage::kAdmitted, "Dự lễ kết nạp Đảng", true},
      {Stage::kOfficial, "Đã là đảng viên chính thức", false},
      {Stage::kWithdrawn, "Hồ sơ không còn được theo dõi", false},
  };
  for (const Row& row : rows) {
    Case header{.stage = row.stage, .next_deadline = D(2024, 3, 1)};
    CandidateNextStep next = CandidateNext(header);
    EXPECT_EQ(next.label, row.label) << StageCode(row.stage);
    EXPECT_EQ(next.by.has_value(), row.has_by) << StageCode(row.stage);
  }
  // S2-S3: the person brings the application and the biography.
  Case certified{.stage = Stage::kCertified};
  EXPECT_EQ(CandidateNext(certified).to_bring.size(), 3u);
  EXPECT_FALSE(CandidateNext(certified).by.has_value()) << "no deadline runs";
}

// P1: twelve months of probation from the ceremony.
TEST(CandidatePath, ProbationEndsTwelveMonthsAfterTheCeremony) {
  Case header{.stage = Stage::kProbation, .ceremony_date = D(2023, 3, 31)};
  EXPECT_EQ(CandidateNext(header).by, D(2024, 3, 31));
}

TEST(CandidatePath, MilestonesOnlyForStepsPassed) {
  Case header{.stage = Stage::kProbation,
              .opened_on = D(2022, 1, 5),
              .certificate_date = D(2022, 3, 1),
              .dossier_date = D(2022, 6, 1),
              .cell_vote_date = D(2022, 9, 1),
              .decision_date = D(2022, 10, 1),
              .ceremony_date = D(2022, 10, 20)};
  auto all = CandidateMilestones(header, D(2022, 1, 10));
  ASSERT_EQ(all.size(), 7u);
  EXPECT_EQ(all[1].date, D(2022, 1, 10));
  EXPECT_EQ(all.back().label, "Được kết nạp vào Đảng (lễ kết nạp)");
  // A dossier whose cell vote was recorded but did not carry: nothing about the vote.
  Case dossier{.stage = Stage::kDossier,
               .opened_on = D(2022, 1, 5),
               .dossier_date = D(2022, 6, 1),
               .cell_vote_date = D(2022, 9, 1)};
  auto shown = CandidateMilestones(dossier, std::nullopt);
  ASSERT_EQ(shown.size(), 2u);
  EXPECT_EQ(shown.back().label, "Nộp đơn xin vào Đảng và lý lịch");
}

TEST(CandidatePath, ALinkOpensToItsLastDayUnlessRevoked) {
  CandidateLink link{.expires_on = D(2024, 1, 31)};
  EXPECT_TRUE(link.OpensOn(D(2024, 1, 31)));
  EXPECT_FALSE(link.OpensOn(D(2024, 2, 1)));
  link.revoked_at = std::chrono::sys_seconds{};
  EXPECT_FALSE(link.OpensOn(D(2024, 1, 1)));
}

}  // namespace
}  // namespace ptdv
