#include "service/case_service.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "service/case_context.h"
#include "service/org_service.h"
#include "service/reference_data.h"
#include "service/test_store.h"

namespace ptdv {
namespace {

using test::Must;

// A fresh SQLite store in its own temp directory, with two wards of one city.
class CaseServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::OpenMigratedStore(dir_.File("t.db"));
    service_ = std::make_unique<CaseService>(*store_, calendar_, DefaultRuleSets(), clock_);
    OrgService orgs(*store_, clock_);
    const test::TwoWardCity city =
        test::CreateTwoWardCity(orgs, admin_, {.committee_member_count = 7});
    city_ = city.city;
    ward_a_ = city.ward_a;
    ward_b_ = city.ward_b;
    cell_a_ = city.cell_a;
    cell_b_ = city.cell_b;
    for (int i = 0; i < 3; ++i) {
      members_.push_back(
          AddOfficialMember("Lê Văn Một", MakeDate(1970, 1, 1), MakeDate(2010, 1, 1)));
    }
    person_ = Must(service_->CreatePerson(admin_, {.full_name = "Nguyễn Văn Đức",
                                                   .birth_date = MakeDate(1990, 5, 10),
                                                   .org_id = cell_a_}));
    case_ = Must(service_->OpenCase(admin_, person_, cell_a_, SourceCategory::kTeacher,
                                    MakeDate(2024, 1, 5)));
  }
  // A new person in cell A, an official member since `since`.
  Id AddOfficialMember(const std::string& full_name, Date birth, Date since) {
    Id member = Must(service_->CreatePerson(
        admin_, {.full_name = full_name, .birth_date = birth, .org_id = cell_a_}));
    OrgService orgs(*store_, clock_);
    Must(orgs.AddMembership(admin_, {.person_id = member, .org_id = cell_a_, .valid_from = since}));
    return member;
  }

  // Ends the last membership of `person` on `on`, as the storage layer stores an exit.
  void EndLastMembership(Id person, Date on) {
    auto tx = Must(store_->Begin(Access::kReadWrite));
    auto list = Must(tx->Memberships().ListForPerson(person));
    ASSERT_FALSE(list.empty());
    Must(tx->Memberships().Close(list.back().id, on));
    Must(tx->Commit());
  }

  // The helper's resolution making the case's person a sympathiser (S0) on 10/1/2024.
  CaseEvent MarkSympathiser() const {
    return {.action = Action::kMarkSympathiser,
            .date = MakeDate(2024, 1, 10),
            .member_person_id = members_[0]};
  }

  long AuditEntries() {
    auto tx = store_->Begin(Access::kReadOnly);
    return (*tx)->Audit().Verify()->entries;
  }

  test::TempDir dir_{"ptdv-svc"};
  std::unique_ptr<Store> store_;
  WorkingCalendar calendar_;
  FixedClock clock_{MakeDate(2026, 11, 27)};
  Actor admin_;
  std::unique_ptr<CaseService> service_;
  Id city_ = 0, ward_a_ = 0, ward_b_ = 0, cell_a_ = 0, cell_b_ = 0, person_ = 0, case_ = 0;
  std::vector<Id> members_;
};

TEST_F(CaseServiceTest, RecordMovesTheStageAndAuditsInTheSameTransaction) {
  long before = AuditEntries();
  auto updated = service_->Record(admin_, case_, MarkSympathiser(), 1);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->stage, Stage::kSympathiser);
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(AuditEntries(), before + 1);
  auto view = service_->Show(admin_, case_, MakeDate(2024, 1, 11));
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->record.events.size(), 1u);
  EXPECT_EQ(view->record.events[0].actor, "system");
}

// R15: the previous membership is recorded on the person (versioned, audited, scoped) and the
// case's eligibility then carries its conditions.
TEST_F(CaseServiceTest, PreviousMembershipAddsR15ToTheCasesConditions) {
  for (CaseEvent e : {MarkSympathiser(), CaseEvent{.action = Action::kRecordCertificate,
                                         .date = MakeDate(2024, 1, 20),
                                         .documents = {{.form_code = "GCN", .number = "1"}}}}) {
    ASSERT_TRUE(service_->Record(admin_, case_, std::move(e), std::nullopt).ok());
  }
  auto rules_of = [&](Date on) {
    std::vector<std::string> rules;
    for (const Condition& c : Must(service_->Show(admin_, case_, on)).evaluation.unmet) {
      if (c.rule == RuleCode::kR15)
        rules.push_back(c.personal_message.empty() ? c.message : c.personal_message);
    }
    return rules;
  };
  EXPECT_TRUE(rules_of(MakeDate(2024, 3, 1)).empty());

  const long before = AuditEntries();
  PreviousMembership previous{.left_on = MakeDate(2022, 6, 1), .ended_by = MembershipEnd::kRemoved};
  // A stale version and facts the rules refuse change nothing.
  EXPECT_EQ(service_->SetPreviousMembership(admin_, person_, previous, 7).error().code,
            ErrorCode::kConflict);
  PreviousMembership future = previous;
  future.left_on = MakeDate(2027, 1, 1);
  EXPECT_EQ(service_->SetPreviousMembership(admin_, person_, future, std::nullopt).error().field,
            "left_on");
  EXPECT_EQ(AuditEntries(), before);

  Person saved = Must(service_->SetPreviousMembership(admin_, person_, previous, 1));
  EXPECT_EQ(saved.version, 2);
  EXPECT_EQ(Must(service_->GetPerson(admin_, person_)).previous_membership, previous);
  EXPECT_EQ(AuditEntries(), before + 1);
  auto unmet = rules_of(MakeDate(2024, 3, 1));
  ASSERT_EQ(unmet.size(), 2u);
  EXPECT_NE(unmet[0].find("chưa đủ 36 tháng"), std::string::npos) << unmet[0];
  EXPECT_NE(unmet[1].find("văn bản đồng ý"), std::string::npos) << unmet[1];

  Must(service_->SetPreviousMembership(admin_, person_, std::nullopt, 2));
  EXPECT_TRUE(rules_of(MakeDate(2024, 3, 1)).empty());
  EXPECT_EQ(AuditEntries(), before + 2);
}

TEST_F(CaseServiceTest, StaleVersionIsAConflictAndChangesNothing) {
  ASSERT_TRUE(service_->Record(admin_, case_, MarkSympathiser(), 1).ok());
  long before = AuditEntries();
  auto stale = service_->Record(admin_, case_,
                                {.action = Action::kAssignHelper,
                                 .date = MakeDate(2024, 1, 12),
                                 .member_person_id = members_[1]},
                                1);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(AuditEntries(), before);
  EXPECT_EQ(service_->Show(admin_, case_, MakeDate(2024, 1, 12))->record.events.size(), 1u);
}

// Outside one's scope, a case, a person and a unit answer as if they did not exist, in the
// words used for a missing one.
TEST_F(CaseServiceTest, ActorOfAnotherWardIsForbiddenAndNothingChanges) {
  Actor ward_b_staff{.login = "vyda", .role = "grassroots_staff", .scope_root = ward_b_};
  long before = AuditEntries();
  auto record = service_->Record(ward_b_staff, case_, MarkSympathiser(), std::nullopt);
  ASSERT_FALSE(record.ok());
  EXPECT_EQ(record.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(record.error().message, fmt::format("Không tìm thấy hồ sơ (mã {})", case_));
  EXPECT_EQ(service_->Show(ward_b_staff, case_, MakeDate(2024, 1, 10)).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(service_->GetPerson(ward_b_staff, person_).error().message,
            fmt::format("Không tìm thấy người (mã {})", person_));
  EXPECT_EQ(service_->GetPerson(ward_b_staff, 987654).error().message,
            "Không tìm thấy người (mã 987654)");
  EXPECT_EQ(service_->DeadlinesFor(ward_b_staff, ward_a_, MakeDate(2024, 1, 10)).error().code,
            ErrorCode::kNotFound);
  // Searching within their own scope does not reveal ward A's people.
  auto found = service_->SearchPeople(ward_b_staff, "nguyen van duc", std::nullopt, 10);
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->empty());
  EXPECT_EQ(AuditEntries(), before);
  // Their own ward's staff may.
  Actor ward_a_staff{.login = "ancuu", .role = "grassroots_staff", .scope_root = ward_a_};
  EXPECT_TRUE(service_->Record(ward_a_staff, case_, MarkSympathiser(), std::nullopt).ok());
}

TEST_F(CaseServiceTest, SearchIgnoresDiacriticsAndCase) {
  for (const char* query : {"nguyen van duc", "NGUYỄN VĂN ĐỨC", "van  duc", "Đức"}) {
    auto found = service_->SearchPeople(admin_, query, std::nullopt, 10);
    ASSERT_TRUE(found.ok()) << query;
    ASSERT_EQ(found->size(), 1u) << query;
    EXPECT_EQ(found->front().full_name, "Nguyễn Văn Đức");
  }
}

TEST_F(CaseServiceTest, OpenCaseRefusesDuplicatesAndNonCells) {
  auto again = service_->OpenCase(admin_, person_, cell_a_, SourceCategory::kTeacher,
                                  MakeDate(2024, 2, 1));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto ward = service_->OpenCase(admin_, person_, ward_a_, SourceCategory::kTeacher,
                                 MakeDate(2024, 2, 1));
  ASSERT_FALSE(ward.ok());
  EXPECT_EQ(ward.error().code, ErrorCode::kInvalid);
}

TEST_F(CaseServiceTest, DeadlinesListTheOverdueDecision) {
  // Put a case straight into cell_approved through its events is not possible without the whole
  // dossier; walk the minimum needed and check S12 appears overdue 60 working days later.
  Id c = case_;
  auto rec = [&](CaseEvent e) {
    auto r = service_->Record(admin_, c, std::move(e), std::nullopt);
    ASSERT_TRUE(r.ok()) << r.error().message;
  };
  rec(MarkSympathiser());
  rec({.action = Action::kRecordCertificate, .date = MakeDate(2024, 1, 20),
       .documents = {{.form_code = "GCN", .number = "1"}}});
  rec({.action = Action::kOpenDossier, .date = MakeDate(2024, 2, 1)});
  rec({.action = Action::kStampBiography, .date = MakeDate(2024, 2, 2)});
  rec({.action = Action::kRequestVerification, .date = MakeDate(2024, 2, 3),
       .relative_name = "Nguyễn Văn Đức", .relation = Relation::kSelf});
  rec({.action = Action::kRecordVerificationReply, .date = MakeDate(2024, 2, 20),
       .relative_name = "Nguyễn Văn Đức", .relation = Relation::kSelf,
       .finding = Finding::kClear});
  rec({.action = Action::kConcludeVerification, .date = MakeDate(2024, 2, 21)});
  for (int i = 0; i < 2; ++i) {
    rec({.action = Action::kAddIntroducer, .date = MakeDate(2024, 2, 22),
         .member_person_id = members_[i], .together_since = MakeDate(2020, 1, 1)});
  }
  rec({.action = Action::kRecordOpinions, .date = MakeDate(2024, 2, 23)});
  rec({.action = Action::kCellVote, .date = MakeDate(2024, 3, 1),
       .vote = Vote{.eligible = 3, .present = 3, .in_favour = 2}});
  auto rows = service_->DeadlinesFor(admin_, city_, MakeDate(2024, 9, 2));
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().deadline.rule, RuleCode::kS12);
  EXPECT_EQ(rows->front().deadline.status, DeadlineStatus::kOverdue);
  EXPECT_EQ(rows->front().deadline.due, calendar_.AddWorkingDays(MakeDate(2024, 3, 1), 60));
  // Ward B sees none of ward A's deadlines.
  EXPECT_TRUE(service_->DeadlinesFor(admin_, ward_b_, MakeDate(2024, 9, 2))->empty());
}

TEST_F(CaseServiceTest, OnlyTheBodiesTheProcedureNamesMayRecordAStep) {
  // A cell's step: cell secretaries and grassroots staff may; leaders and the Political Centre
  // may not (domain/role.h MayRecord). Nothing is written on refusal.
  Actor leader{.login = "lanhdao", .role = "leader", .scope_root = city_};
  Actor centre{.login = "ttct", .role = "political_centre", .scope_root = city_};
  Actor secretary{.login = "bithu", .role = "cell_secretary", .scope_root = cell_a_};
  const CaseEvent sympathiser = MarkSympathiser();
  long before = AuditEntries();
  for (const Actor& refused : {leader, centre}) {
    auto r = service_->Record(refused, case_, sympathiser, 1);
    ASSERT_FALSE(r.ok()) << refused.role;
    EXPECT_EQ(r.error().code, ErrorCode::kForbidden) << refused.role;
  }
  EXPECT_EQ(AuditEntries(), before);
  ASSERT_TRUE(service_->Record(secretary, case_, sympathiser, 1).ok());
  // The certificate (S1 / R3) is the Political Centre's, not the cell secretary's.
  CaseEvent certificate{.action = Action::kRecordCertificate,
                        .date = MakeDate(2024, 1, 20),
                        .documents = {{.form_code = "GCN", .number = "1"}}};
  EXPECT_EQ(service_->Record(secretary, case_, certificate, 2).error().code,
            ErrorCode::kForbidden);
  EXPECT_TRUE(service_->Record(centre, case_, certificate, 2).ok());
}

TEST_F(CaseServiceTest, AdmissionDecisionFallsToGrassrootsStaffOnlyWhenAuthorised) {
  auto decide = [&](const Actor& actor) {
    auto tx = store_->Begin(Access::kReadWrite);
    return AuthoriseAction(**tx, actor, Action::kAdmissionDecision, cell_a_);
  };
  Actor staff{.login = "ancuu", .role = "grassroots_staff", .scope_root = ward_a_};
  Actor board{.login = "bantochuc", .role = "organisation_board", .scope_root = city_};
  EXPECT_EQ(decide(staff).error().code, ErrorCode::kForbidden);
  EXPECT_NE(decide(staff).error().message.find("Quyết định kết nạp"), std::string::npos)
      << decide(staff).error().message;
  EXPECT_TRUE(decide(board).ok());
  {
    auto tx = store_->Begin(Access::kReadWrite);
    Organisation ward = Must((*tx)->Organisations().Get(ward_a_));
    ward.authorised_to_admit = true;
    ASSERT_TRUE((*tx)->Organisations().Update(ward).ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  EXPECT_TRUE(decide(staff).ok());
}

TEST_F(CaseServiceTest, FindCasesSearchesCountsPagesAndFiltersByDeadline) {
  // Ward A: the setup's case (teacher) plus four more; ward B: one.
  std::vector<Id> cases{case_};
  for (auto [name, category] : {std::pair{"Trần Thị An", SourceCategory::kStudent},
                                std::pair{"Lê Văn Bình", SourceCategory::kMilitia},
                                std::pair{"Hồ Thị Cúc", SourceCategory::kTeacher},
                                std::pair{"Phan Đình Dũng", SourceCategory::kTeacher}}) {
    Id p = Must(service_->CreatePerson(
        admin_, {.full_name = name, .birth_date = MakeDate(2000, 1, 1), .org_id = cell_a_}));
    cases.push_back(Must(service_->OpenCase(admin_, p, cell_a_, category, MakeDate(2024, 1, 5))));
  }
  Id other = Must(service_->CreatePerson(
      admin_, {.full_name = "Nguyễn Văn Đức", .birth_date = MakeDate(1991, 1, 1),
               .org_id = cell_b_}));
  Must(service_->OpenCase(admin_, other, cell_b_, SourceCategory::kTeacher, MakeDate(2024, 1, 5)));
  // Two sympathisers; one gets its certificate, whose 60-month validity (R3) is the deadline
  // that "due soon" and "overdue" find in 2028-2029.
  for (Id c : {cases[1], cases[2]}) {
    ASSERT_TRUE(service_->Record(admin_, c, MarkSympathiser(), std::nullopt).ok());
  }
  ASSERT_TRUE(service_
                  ->Record(admin_, cases[1],
                           {.action = Action::kRecordCertificate,
                            .date = MakeDate(2024, 1, 20),
                            .documents = {{.form_code = "GCN", .number = "7"}}},
                           std::nullopt)
                  .ok());

  Actor staff{.login = "ancuu", .role = "grassroots_staff", .scope_root = ward_a_};
  CaseQuery q{.on = MakeDate(2024, 2, 1)};
  CasePage all = Must(service_->FindCases(staff, ward_a_, q));
  EXPECT_EQ(all.total, 5);
  EXPECT_EQ(all.rows.size(), 5u);
  using Counts = std::vector<std::pair<Stage, int>>;
  EXPECT_EQ(all.counts_by_stage, (Counts{{Stage::kSource, 3},
                                         {Stage::kSympathiser, 1},
                                         {Stage::kCertified, 1}}));
  EXPECT_EQ(all.rows.front().cell_code, "HUE-A-CB1");

  // The stage filter narrows rows and total, not the counts per step.
  q.stage = Stage::kSource;
  CasePage sources = Must(service_->FindCases(staff, ward_a_, q));
  EXPECT_EQ(sources.total, 3);
  EXPECT_EQ(sources.rows.size(), 3u);
  EXPECT_EQ(sources.counts_by_stage, all.counts_by_stage);
  
  q.stage.reset();

  // Unaccented text finds the accented name; only within the actor's scope.
  q.text = "nguyen van duc";
  CasePage duc = Must(service_->FindCases(staff, ward_a_, q));
  ASSERT_EQ(duc.total, 1);
  EXPECT_EQ(duc.rows[0].person_name, "Nguyễn Văn Đức");
  EXPECT_EQ(duc.rows[0].header.id, case_);
  EXPECT_EQ(Must(service_->FindCases(admin_, city_, q)).total, 2);
  q.text.clear();

  // Pages: sorted by name, two per page.
  q.sort = CaseSort::kPersonName;
  q.page_size = 2;
  q.page = 3;
  CasePage last = Must(service_->FindCases(staff, ward_a_, q));
  EXPECT_EQ(last.total, 5);
  ASSERT_EQ(last.rows.size(), 1u);
  EXPECT_EQ(last.rows[0].person_name, "Trần Thị An");
  q.page = 0;
  EXPECT_EQ(service_->FindCases(staff, ward_a_, q).error().field, "page");
  q.page = 1;
  q.page_size = CaseQuery::kMaxPageSize + 1;
  EXPECT_EQ(service_->FindCases(staff, ward_a_, q).error().field, "page_size");
  q.page_size = 50;

  // Another ward's staff may not list ward A.
  Actor vyda{.login = "vyda", .role = "grassroots_staff", .scope_root = ward_b_};
  EXPECT_EQ(service_->FindCases(vyda, ward_a_, q).error().code, ErrorCode::kNotFound);

  // Deadline filters agree with each row's earliest duty.
  int found_with_status = 0;
  for (Date on : {MakeDate(2024, 2, 1), MakeDate(2028, 12, 1), MakeDate(2029, 3, 1)}) {
    q.on = on;
    for (CaseDue due : {CaseDue::kOverdue, CaseDue::kDueSoon}) {
      q.due = due;
      CasePage page = Must(service_->FindCases(staff, ward_a_, q));
      EXPECT_EQ(page.total, static_cast<int>(page.rows.size()));
      for (const auto& row : page.rows) {
        ASSERT_TRUE(row.deadline);
        EXPECT_EQ(row.deadline->status, due == CaseDue::kOverdue ? DeadlineStatus::kOverdue
                                                                 : DeadlineStatus::kDueSoon);
      }
      // Every case of the plain list whose duty has that status is found.
      q.due = CaseDue::kAny;
      int expected = 0;
      for (const auto& row : Must(service_->FindCases(staff, ward_a_, q)).rows) {
        if (row.deadline && row.deadline->status == (due == CaseDue::kOverdue
                                                          ? DeadlineStatus::kOverdue
                                                          : DeadlineStatus::kDueSoon)) {
          ++expected;
        }
      }
      EXPECT_EQ(page.total, expected) << FormatIsoDate(on);
      found_with_status += page.total;
    }
  }
  EXPECT_EQ(found_with_status, 2);  // due soon on 01/12/2028, overdue on 01/03/2029
  // Blocked: every row says why.
  q.due = CaseDue::kBlocked;
  q.on = MakeDate(2024, 2, 1);
  CasePage blocked = Must(service_->FindCases(staff, ward_a_, q));
  // Sources waiting for the cell (S0) and the sympathiser waiting for the class (R3) are not
  // blocked; the certified case lacks its dossier, introducers and opinions.
  EXPECT_EQ(blocked.total, 1);
  ASSERT_EQ(blocked.rows.size(), 1u);
  EXPECT_EQ(blocked.rows[0].header.id, cases[1]);
  for (const auto& row : blocked.rows) {
    EXPECT_FALSE(row.unmet.empty());
    for (const auto& c : row.unmet) EXPECT_TRUE(c.blocking) << c.rule;
  }
  // Asked again, the judgements and conditions remembered give the same rows, conditions and
  // texts.
  auto describe = [](const CasePage& page) {
    std::vector<std::string> out{std::to_string(page.total)};
    for (const auto& row : page.rows) {
      out.push_back(std::to_string(row.header.id));
      for (const auto& c : row.unmet) {
        out.push_back(std::string(CodeOf(c.rule)) + " " + c.MessageFor(page.disclosure));
      }
    }
    return out;
  };
  EXPECT_EQ(describe(Must(service_->FindCases(staff, ward_a_, q))), describe(blocked));
}

// The case list remembers each row's duty per case version (service/duty_cache.h): a step
// recorded after a list was read shows in the next list, and a repeated list answers the same.
TEST_F(CaseServiceTest, CaseListDutiesFollowEveryRecordedStep) {
  CaseQuery q{.on = MakeDate(2028, 12, 1)};
  auto duty_of_case = [&] {
    for (auto& row : Must(service_->FindCases(admin_, ward_a_, q)).rows) {
      if (row.header.id == case_) return row.deadline;
    }
    return std::optional<Deadline>{};
  };
  EXPECT_FALSE(duty_of_case());
  ASSERT_TRUE(service_->Record(admin_, case_, MarkSympathiser(), std::nullopt).ok());
  EXPECT_FALSE(duty_of_case());  // a sympathiser has no deadline yet
  ASSERT_TRUE(service_
                  ->Record(admin_, case_,
                           {.action = Action::kRecordCertificate, .date = MakeDate(2024, 1, 20),
                            .documents = {{.form_code = "GCN", .number = "1"}}},
                           std::nullopt)
                  .ok());
  auto duty = duty_of_case();
  ASSERT_TRUE(duty);  // R3: the certificate expires on 20/01/2029, due soon on 01/12/2028
  EXPECT_EQ(duty->rule, RuleCode::kR3);
  EXPECT_EQ(duty->status, DeadlineStatus::kDueSoon);
  EXPECT_EQ(duty_of_case()->due, duty->due);  // the cached answer is the same
  q.on = MakeDate(2029, 3, 1);                 // another day: judged again
  EXPECT_EQ(duty_of_case()->status, DeadlineStatus::kOverdue);
}

// SummariesIn (the dashboards) remembers each case's facts and due state per version and each
// blocked judgement under its context's fingerprint: after every step, and after facts outside
// the case change, it answers what a service with nothing remembered answers.
TEST_F(CaseServiceTest, SummariesFollowEveryRecordedStepAndContextChange) {
  struct Seen {
    DueState due;
    std::vector<std::tuple<Stage, Date, std::optional<Date>>> stays;
    std::vector<Id> named;
    bool operator==(const Seen& o) const {
      return due.overdue == o.due.overdue && due.due_soon == o.due.due_soon &&
             due.blocked == o.due.blocked && stays == o.stays && named == o.named;
    }
  };
  auto summarise = [&](CaseService& service, Date on) {
    auto tx = Must(store_->Begin(Access::kReadOnly));
    CaseFilter filter;
    filter.cell_ids = {cell_a_};
    auto headers = Must(tx->Cases().List(filter));
    auto summaries = Must(service.SummariesIn(*tx, headers, on, MakeDate(2024, 1, 1)));
    EXPECT_EQ(summaries.size(), 1u);
    Seen seen{.due = summaries.at(0).due};
    for (const auto& s : summaries.at(0).facts->stays)
      seen.stays.emplace_back(s.stage, s.entered, s.left);
    seen.named = summaries.at(0).facts->named_members;
    return seen;
  };
  // The cached answer (asked twice: the second from the caches) against a fresh service's.
  auto check = [&](Date on) {
    CaseService fresh(*store_, calendar_, DefaultRuleSets(), clock_);
    Seen want = summarise(fresh, on);
    EXPECT_TRUE(summarise(*service_, on) == want);
    EXPECT_TRUE(summarise(*service_, on) == want);
    return want;
  };
  const Date feb = MakeDate(2024, 2, 1);
  Seen s = check(feb);
  EXPECT_EQ(s.stays.size(), 1u);
  EXPECT_FALSE(s.due.blocked);  // a source waits for the cell (S0): routine
  ASSERT_TRUE(service_->Record(admin_, case_, MarkSympathiser(), std::nullopt).ok());
  s = check(feb);
  EXPECT_EQ(s.stays.size(), 2u);
  EXPECT_EQ(s.named, std::vector<Id>{members_[0]});
  EXPECT_FALSE(s.due.blocked);  // a sympathiser awaiting the class (R3): routine
  ASSERT_TRUE(service_
                  ->Record(admin_, case_,
                           {.action = Action::kRecordCertificate,
                            .date = MakeDate(2024, 1, 20),
                            .documents = {{.form_code = "GCN", .number = "1"}}},
                           std::nullopt)
                  .ok());
  s = check(feb);
  EXPECT_EQ(s.stays.size(), 3u);
  EXPECT_TRUE(s.due.blocked);  // certified: dossier, introducers and opinions missing
  EXPECT_TRUE(check(MakeDate(2028, 12, 1)).due.due_soon);  // R3: the certificate expires
  EXPECT_TRUE(check(MakeDate(2029, 3, 1)).due.overdue);
  // Facts outside the case: the person edited, a member joins the cell, the helper leaves.
  Person person = Must(service_->GetPerson(admin_, person_));
  person.phone = "0905000000";
  Must(service_->UpdatePerson(admin_, person, std::nullopt));
  check(feb);
  AddOfficialMember("Trần Thị Hai", MakeDate(1980, 1, 1), MakeDate(2015, 1, 1));
  check(feb);
  EndLastMembership(members_[0], MakeDate(2023, 12, 31));
  check(feb);
}

// Every fact an evaluation reads besides the case's events is in its fingerprint: the
// person's version, the cell's official count, the named members' memberships. Prefetched or
// loaded one by one, the fingerprint is the same.
TEST_F(CaseServiceTest, ContextFingerprintChangesWithEveryFactItNames) {
  const Date on = MakeDate(2024, 2, 1);
  auto fingerprint = [&](bool prefetch) {
    auto tx = Must(store_->Begin(Access::kReadOnly));
    Case header = Must(tx->Cases().Get(case_));
    CaseContextLoader loader(*tx, service_->rule_sets(), calendar_, clock_.Today(), on);
    if (prefetch) {
      EXPECT_TRUE(loader.PrefetchVersions({person_}).ok());
      EXPECT_TRUE(loader.PrefetchCells({cell_a_}).ok());
      EXPECT_TRUE(loader.PrefetchMembers({members_[0]}).ok());
    }
    std::string out;
    EXPECT_TRUE(loader.AppendFingerprint(header, {members_[0]}, out).ok());
    return out;
  };
  auto both = [&] {
    std::string prefetched = fingerprint(true);
    EXPECT_EQ(prefetched, fingerprint(false));
    return prefetched;
  };
  const std::string first = both();
  EXPECT_EQ(first, both());  // nothing changed
  Person person = Must(service_->GetPerson(admin_, person_));
  person.address = "12 Lê Lợi";
  Must(service_->UpdatePerson(admin_, person, std::nullopt));
  const std::string edited = both();
  EXPECT_NE(edited, first);
  AddOfficialMember("Trần Thị Hai", MakeDate(1980, 1, 1), MakeDate(2015, 1, 1));
  const std::string counted = both();  // the cell's official count on `on` grew
  EXPECT_NE(counted, edited);
  EndLastMembership(members_[0], MakeDate(2030, 1, 1));
  EXPECT_NE(both(), counted);  // the member's membership now ends (later: the count is equal)
}

}  // namespace
}  // namespace ptdv
