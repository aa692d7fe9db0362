#include "domain/source_pool.h"

#include <gtest/gtest.h>

namespace ptdv {
namespace {

TEST(SourcePool, HoldsSourcesAndSympathisersOnly) {
  EXPECT_TRUE(InSourcePool(Stage::kSource));
  EXPECT_TRUE(InSourcePool(Stage::kSympathiser));
  EXPECT_FALSE(InSourcePool(Stage::kCertified));
  EXPECT_FALSE(InSourcePool(Stage::kWithdrawn));
}

TEST(SourcePool, ReadsTheResolutionAndTheLatestHelperFromTheEvents) {
  CaseHistory history;
  EXPECT_FALSE(SourceFactsOf(history).sympathiser_resolution_on);
  history.events.push_back(
      {.action = Action::kMarkSympathiser, .date = MakeDate(2023, 2, 1), .member_person_id = 7});
  history.events.push_back(
      {.action = Action::kAssignHelper, .date = MakeDate(2023, 5, 1), .member_person_id = 9});
  SourceFacts facts = SourceFactsOf(history);
  EXPECT_EQ(facts.sympathiser_resolution_on, MakeDate(2023, 2, 1));
  EXPECT_EQ(facts.helper_person_id, 9);
}

// S0 [?]: a review is due one interval after the last, or after the case entered the pool.
TEST(SourcePool, ReviewFallsDueOneIntervalAfterTheLastReview) {
  EXPECT_EQ(SourceReviewDueOn(MakeDate(2023, 10, 5), MakeDate(2023, 1, 1), 1),
            MakeDate(2023, 11, 5));
  EXPECT_EQ(SourceReviewDueOn(std::nullopt, MakeDate(2023, 1, 31), 1), MakeDate(2023, 2, 28));
  EXPECT_EQ(SourceReviewDueOn(MakeDate(2023, 10, 5), MakeDate(2023, 1, 1), 3),
            MakeDate(2024, 1, 5));
}

}  // namespace
}  // namespace ptdv
