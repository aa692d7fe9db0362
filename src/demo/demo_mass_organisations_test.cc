// The demo's mass organisations and candidate links (demo/demo_mass_organisations.h): what a
// newcomer sees, and a personal link at every stage of the demo showing the right next step and
// nothing else.

#include "demo/demo_mass_organisations.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "demo/demo_data.h"
#include "demo/demo_users.h"
#include "domain/candidate_path.h"
#include "service/candidate_link_service.h"
#include "service/mass_organisation_service.h"
#include "service/test_store.h"
#include "storage/audit_hash.h"

namespace ptdv {
namespace {

using test::Must;

class DemoMassOrganisationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::OpenMigratedStore(dir_.File("demo.db"));
    DemoOptions options;
    options.today = today_;
    ASSERT_TRUE(LoadDemo(*store_, options, WorkingCalendar(), DefaultRuleSets()).ok());
    ASSERT_TRUE(CreateDemoUsers(*store_, clock_, PasswordHashParameters::Minimum()).ok());
    auto added =
        AddDemoMassOrganisations(*store_, clock_, today_, PasswordHashParameters::Minimum());
    ASSERT_TRUE(added.ok()) << added.error().message;
    summary_ = *added;
  }

  test::TempDir dir_{"ptdv-demo-mass"};
  const Date today_ = MakeDate(2023, 11, 15);
  FixedClock clock_{today_};
  std::unique_ptr<Store> store_;
  DemoMassOrganisationSummary summary_;
};

TEST_F(DemoMassOrganisationsTest, EveryWardHasItsOrganisationsAndTayLocTheirWork) {
  EXPECT_GE(summary_.organisations, 36 * 5) << "every ward and commune, and the other committees";
  EXPECT_EQ(summary_.organisations % 5, 0);
  EXPECT_GE(summary_.nominations, 8);
  EXPECT_GE(summary_.opinions, 1);
  ASSERT_EQ(summary_.accounts.size(), 2u);
  EXPECT_EQ(summary_.accounts[0].first, "doanthanhnien.tayloc");
  MassOrganisationService service(*store_, clock_);
  const Actor staff{.login = "taylocdu", .role = "grassroots_staff", .scope_root = [&] {
                      auto tx = Must(store_->Begin(Access::kReadOnly));
                      return Must(tx->Organisations().GetByCode("HUE-TAYLOC")).id;
                    }()};
  auto list = Must(service.List(staff, OrgChoice{}));
  ASSERT_EQ(list.items.size(), 5u);
  std::map<MassOrgKind, MassOrganisationStats> by_kind;
  for (const auto& s : list.items) by_kind[s.organisation.kind] = s;
  const auto& youth = by_kind.at(MassOrgKind::kYouthUnion);
  EXPECT_GE(youth.waiting, 2) << "nominations wait for the ward";
  EXPECT_EQ(youth.declined, 1);
  EXPECT_GE(youth.accepted, 3);
  EXPECT_GE(youth.became_members, 1) << "the seed's measure: nominated people who became members";
  EXPECT_GE(youth.opinions_given, 1);
  // The Youth Union's account sees the dossiers awaiting its opinion, one still missing.
  auto tx = Must(store_->Begin(Access::kReadOnly));
  const User account = Must(tx->Users().GetByLogin("doanthanhnien.tayloc"));
  const Actor youth_actor{.login = account.login,
                          .role = "mass_organisation",
                          .scope_root = account.org_id,
                          .mass_organisation_id = account.mass_organisation_id};
  auto requests = Must(service.MyOpinionRequests(youth_actor));
  int missing = 0, given = 0;
  for (const auto& r : requests.items) {
    for (const auto& line : r.lines) (line.opinion ? given : missing) += 1;
  }
  EXPECT_GE(given, 1);
  EXPECT_GE(missing, 1);
}

// Each demo link opens the page of its case with the next step the stage calls for, and the
// fields of the page are exactly those of CandidateView.
TEST_F(DemoMassOrganisationsTest, ALinkAtEveryStageShowsTheRightNextStep) {
  ASSERT_GE(summary_.links.size(), 4u) << "a link for the cases at the stages on the way";
  CandidateLinkService links(*store_, clock_);
  std::set<std::string> stages;
  for (const auto& link : summary_.links) {
    const std::string token = link.path.substr(kCandidatePagePath.size());
    auto view = links.View(token, "127.0.0.1");
    ASSERT_TRUE(view.ok()) << link.full_name << ": " << view.error().message;
    EXPECT_EQ(view->full_name, link.full_name);
    EXPECT_EQ(view->stage_label, link.stage_label);
    // The next step the stage of the stored case calls for (domain/candidate_path.h).
    auto tx = Must(store_->Begin(Access::kReadOnly));
    auto stored = Must(tx->CandidateLinks().FindByTokenHash(Sha256Hex(token)));
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->views, 1) << "every view is counted";
    const Case header = Must(tx->Cases().Get(stored->case_id));
    const CandidateNextStep expected = CandidateNext(header);
    EXPECT_EQ(view->next.label, expected.label) << link.stage_label;
    EXPECT_EQ(view->next.by, expected.by) << link.stage_label;
    EXPECT_EQ(view->next.to_bring, expected.to_bring) << link.stage_label;
    auto trail = Must(tx->Audit().ListForEntity("case", header.id));
    EXPECT_EQ(trail.back().action, "candidate.view");
    stages.insert(view->stage_label);
    EXPECT_FALSE(view->next.label.empty());
    EXPECT_FALSE(view->milestones.empty());
    EXPECT_EQ(view->milestones.front().label, "Được giới thiệu vào nguồn phát triển đảng viên");
  }
  EXPECT_EQ(stages.size(), summary_.links.size()) << "one link per stage";
}

// Across the whole city, one case at every stage the demo holds: its link shows the next step
// of that stage; a revoked link and an expired one open nothing.
TEST_F(DemoMassOrganisationsTest, EveryStageOfTheDemoHasItsNextStepAndLinksClose) {
  std::map<Stage, Case> one_per_stage;
  {
    auto tx = Must(store_->Begin(Access::kReadOnly));
    for (const Case& c : Must(tx->Cases().List(CaseFilter{.limit = 1000000}))) {
      one_per_stage.emplace(c.stage, c);
    }
  }
  ASSERT_GE(one_per_stage.size(), 10u);
  CandidateLinkService links(*store_, clock_);
  const Actor system;
  int opened = 0;
  for (const auto& [stage, header] : one_per_stage) {
    SCOPED_TRACE(std::string(StageCode(stage)));
    auto issued = links.Issue(system, header.id, today_ + std::chrono::days(30));
    if (IsClosed(stage) && stage != Stage::kOfficial) {
      EXPECT_FALSE(issued.ok()) << "no link for a case that stopped";
      continue;
    }
    ASSERT_TRUE(issued.ok()) << issued.error().message;
    auto view = Must(links.View(issued->token, "10.0.0.1"));
    EXPECT_EQ(view.next.label, CandidateNext(header).label);
    EXPECT_EQ(view.stage_label, StageLabel(stage));
    ++opened;
    // Revoked: the same page answers as for a token that never existed.
    Must(links.Revoke(system, header.id, issued->link.id));
    auto revoked = links.View(issued->token, "10.0.0.1");
    ASSERT_FALSE(revoked.ok());
    EXPECT_EQ(revoked.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(revoked.error().message, links.View("khong-co", "10.0.0.1").error().message);
  }
  EXPECT_GE(opened, 8);
  // Expired: valid to its last day, closed the day after.
  const Case& any = one_per_stage.at(Stage::kDossier);
  auto issued = Must(links.Issue(system, any.id, today_ + std::chrono::days(1)));
  clock_.Advance(std::chrono::days(1));
  EXPECT_TRUE(links.View(issued.token, "10.0.0.1").ok()) << "its last day";
  clock_.Advance(std::chrono::days(1));
  EXPECT_EQ(links.View(issued.token, "10.0.0.1").error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace ptdv
