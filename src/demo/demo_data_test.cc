#include "demo/demo_data.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "demo/demo_names.h"
#include "domain/search_key.h"
#include "service/test_store.h"
#include "storage/store.h"

namespace ptdv {
namespace {

// DOMAIN §1, written out independently of the generator.
const std::set<std::string>& HueWardCommuneNames() {
  static const std::set<std::string> kNames = [] {
    std::set<std::string> names;
    for (const char* w :
         {"An Cựu",    "An Đông",   "An Hòa",     "An Tây",     "Đông Ba",    "Gia Hội",
          "Hương An",  "Hương Hồ",  "Hương Long", "Hương Sơ",   "Hương Vinh", "Kim Long",
          "Phú Hậu",   "Phú Hội",   "Phú Nhuận",  "Phú Thượng", "Phước Vĩnh", "Phường Đúc",
          "Tây Lộc",   "Thuận An",  "Thuận Hòa",  "Thuận Lộc",  "Thủy Biều",  "Thủy Vân",
          "Thủy Xuân", "Trường An", "Vĩnh Ninh",  "Vỹ Dạ",      "Xuân Phú"}) {
      names.insert(std::string("Đảng ủy phường ") + w);
    }
    for (const char* c : {"Hải Dương", "Hương Phong", "Hương Thọ", "Phú Dương", "Phú Mậu",
                          "Phú Thanh", "Thủy Bằng"}) {
      names.insert(std::string("Đảng ủy xã ") + c);
    }
    return names;
  }();
  return kNames;
}

class DemoDataTest : public ::testing::Test {
 protected:
  std::unique_ptr<Store> Open(const std::string& name) {
    return test::OpenMigratedStore(dir_.File(name));
  }

  DemoSummary Load(Store& store, DemoOptions options = {}) {
    auto summary = LoadDemo(store, options, calendar_, rules_);
    EXPECT_TRUE(summary.ok()) << summary.error().message;
    return summary.ok() ? *summary : DemoSummary{};
  }

  std::unique_ptr<Transaction> Read(Store& store) {
    auto tx = store.Begin(Access::kReadOnly);
    EXPECT_TRUE(tx.ok());
    return std::move(tx).value();
  }

  // The city-scale demo (Thành ủy Huế) loaded into a store of the fixture's, read.
  std::unique_ptr<Transaction> ReadCity() {
    city_ = Open("city.db");
    Load(*city_);
    return Read(*city_);
  }

  static std::vector<CaseRecord> AllRecords(Transaction& tx, bool open_only = false) {
    CaseFilter filter;
    filter.limit = 10'000'000;
    filter.open_only = open_only;
    auto records = tx.Cases().ListRecords(filter, EventDocuments::kLoad);
    EXPECT_TRUE(records.ok());
    return records.ok() ? *records : std::vector<CaseRecord>{};
  }

  // Every row a user sees, flattened: the case and person tables.
  static std::vector<std::string> Dump(Transaction& tx) {
    std::vector<std::string> rows;
    auto people = tx.People().Search("", {}, 10'000'000);
    EXPECT_TRUE(people.ok());
    for (const Person& p : *people) {
      rows.push_back(fmt::format("P|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", p.id, p.full_name,
                                 SexCode(p.sex), FormatIsoDate(p.birth_date), p.ethnicity,
                                 p.religion, OccupationCode(p.occupation), p.professional_education,
                                 p.youth_union_member, p.id_number, p.phone, p.address, p.org_id));
    }
    for (const CaseRecord& r : AllRecords(tx)) {
      const Case& c = r.header;
      rows.push_back(fmt::format("C|{}|{}|{}|{}|{}|{}|{}|{}", c.id, c.person_id, c.cell_id,
                                 StageCode(c.stage), FormatIsoDate(c.opened_on),
                                 c.next_deadline ? FormatIsoDate(*c.next_deadline) : "",
                                 c.next_deadline_rule, r.events.size()));
      for (const CaseEvent& e : r.events) {
        std::string docs;
        for (const Document& d : e.documents) docs += d.form_code + "/" + d.number + ";";
        rows.push_back(fmt::format("E|{}|{}|{}|{}|{}|{}", e.seq, ActionCode(e.action),
                                   FormatIsoDate(e.date), e.vote ? e.vote->in_favour : -1,
                                   e.member_person_id.value_or(0), docs));
      }
    }
    return rows;
  }

  // Official members of `cell` on `on`, without `person` (the probationary member voted on).
  static int OfficialWithout(Transaction& tx, Id cell, Date on, Id person) {
    int count = *tx.Memberships().CountOfficial(cell, on);
    auto own = tx.Memberships().ListForPerson(person);
    for (const Membership& m : *own) {
      if (m.org_id == cell && m.kind == MembershipKind::kOfficial && m.ValidOn(on)) --count;
    }
    return count;
  }

  // Replays every stored case through ApplyAction (see EveryEventReplaysThroughTheWorkflow).
  void ReplayAll(Store& store);

  test::TempDir dir_{"ptdv-demo"};
  std::unique_ptr<Store> city_;  // ReadCity's
  WorkingCalendar calendar_;
  std::vector<RuleSet> rules_ = DefaultRuleSets();
  const Date today_ = DefaultDemoDay();
};

TEST_F(DemoDataTest, CityDemoLoads) {
  auto store = Open("city.db");
  DemoSummary s = Load(*store);
  EXPECT_EQ(s.provinces, 1);
  EXPECT_EQ(s.districts, 1);
  EXPECT_GT(s.members, 5000);
  EXPECT_LT(s.members, 15000);
  EXPECT_GE(s.cases, 400);
  EXPECT_LE(s.cases, 700);
  EXPECT_GT(s.open_cases, s.cases / 2);
  EXPECT_GT(s.events, s.cases * 3);
  auto tx = Read(*store);
  auto hue = tx->Organisations().GetByCode("HUE");
  ASSERT_TRUE(hue.ok());
  EXPECT_EQ(hue->name, "Thành ủy Huế");
  EXPECT_EQ(hue->kind, OrgKind::kCityCommittee);
  auto tth = tx->Organisations().Get(*hue->parent_id);
  ASSERT_TRUE(tth.ok());
  EXPECT_EQ(tth->code, "TTH");
  EXPECT_EQ(tth->name, "Tỉnh ủy Thừa Thiên Huế");
  EXPECT_EQ(tx->Organisations().GetByCode("HUE-TTCT")->name, "Trung tâm Chính trị thành phố Huế");
  EXPECT_EQ(tx->Organisations().GetByCode("HUE-BTC")->name, "Ban Tổ chức Thành ủy");
  EXPECT_EQ(tx->Organisations().GetByCode("HUE-QUOCHOC")->kind, OrgKind::kGrassrootsCell);
  EXPECT_EQ(static_cast<long>(AllRecords(*tx).size()), s.cases);
  EXPECT_EQ(tx->Audit().Verify()->entries, 1);
}

TEST_F(DemoDataTest, HueHasExactlyItsThirtySixWardAndCommuneCommittees) {
  auto tx = ReadCity();
  Id hue = tx->Organisations().GetByCode("HUE")->id;
  std::set<std::string> names;
  int committees = 0;
  std::vector<Id> subtree = *tx->Organisations().SubtreeIds(hue, today_);
  for (Id id : subtree) {
    Organisation o = *tx->Organisations().Get(id);
    if (o.kind != OrgKind::kGrassrootsCommittee) continue;
    if (o.name.rfind("Đảng ủy phường ", 0) != 0 && o.name.rfind("Đảng ủy xã ", 0) != 0) continue;
    ++committees;
    names.insert(o.name);
    EXPECT_EQ(o.parent_id, hue);
    EXPECT_EQ(o.valid_from, MakeDate(2021, 7, 1));
    EXPECT_EQ(o.valid_to, MakeDate(2024, 12, 31));
    EXPECT_GE(o.committee_member_count, 7);
    EXPECT_LE(o.committee_member_count, 15);
  }
  EXPECT_EQ(committees, 36);
  EXPECT_EQ(names, HueWardCommuneNames());
  EXPECT_EQ(tx->Organisations().GetByCode("HUE-TAYLOC")->name, "Đảng ủy phường Tây Lộc");
  EXPECT_EQ(tx->Organisations().GetByCode("HUE-HUONGPHONG")->name, "Đảng ủy xã Hương Phong");
  EXPECT_EQ(tx->Organisations().GetByCode("HUE-PHUONGDUC")->name, "Đảng ủy phường Phường Đúc");
  // Each ward holds 4-12 cells (scale 1) of 8-40 official members, plus the special cells.
  Id tay_loc = tx->Organisations().GetByCode("HUE-TAYLOC")->id;
  int cells = 0;
  std::vector<Id> ward = *tx->Organisations().SubtreeIds(tay_loc, today_);
  for (Id id : ward) {
    Organisation o = *tx->Organisations().Get(id);
    if (o.kind != OrgKind::kCell) continue;
    ++cells;
    EXPECT_GE(*tx->Memberships().CountOfficial(id, today_), 3) << o.name;
  }
  EXPECT_GE(cells, 4);
  EXPECT_LE(cells, 12);
  // Intermediate committees exist somewhere in Huế.
  EXPECT_EQ(tx->Organisations().GetByCode("HUE-CQCQ-BP1")->kind, OrgKind::kIntermediateCommittee);
  EXPECT_TRUE(tx->Organisations().GetByCode("HUE-CA")->authorised_to_admit);
  // §7: the 2023 targets of Nghị quyết 14-NQ/TU, split among the 36 (docs/demo-data.md).
  auto targets = *tx->Targets().ListForYear({hue}, 2023);
  ASSERT_EQ(targets.size(), 4u);  // the total, teachers, pupils and students, militia
  EXPECT_FALSE(targets[0].category.has_value());
  EXPECT_EQ(targets[0].count, 191);
  EXPECT_NE(targets[0].legal_basis.find("14-NQ/TU"), std::string::npos);
  auto splits = *tx->Targets().Children(targets[0].id);
  EXPECT_EQ(splits.size(), 36u);
  int sum = 0;
  for (const auto& t : splits) sum += t.count;
  EXPECT_EQ(sum, 151);
  EXPECT_TRUE(CheckSplitSum(targets[0], splits, "Thành ủy Huế").ok());
}

// S1, R3, P2: every certificate a demo case records comes from one of the Political Centre's
// classes, with the same number and date, issued on or after the class's last day; and classes
// around the reference day show the Centre's work (docs/demo-data.md).
TEST_F(DemoDataTest, EveryCertificateComesFromAClass) {
  auto tx = ReadCity();
  auto classes = *tx->Classes().List({}, std::nullopt);
  ASSERT_GE(classes.size(), 10u);
  std::map<Id, std::vector<Enrolment>> certified;  // by case
  int shortened = 0, upcoming = 0, nominated = 0, awaiting_results = 0;
  for (const TrainingClass& c : classes) {
    if (c.format == ClassFormat::kShortened) ++shortened;
    if (c.starts_on > today_) ++upcoming;
    const auto attendance = *tx->Classes().ListAttendance(c.id);
    const auto enrolments = *tx->Classes().ListEnrolments(c.id);
    for (const Enrolment& e : enrolments) {
      if (e.state == EnrolmentState::kNominated) ++nominated;
      if (e.Certified()) {
        EXPECT_GE(*e.certificate_date, c.ends_on) << c.code;
        EXPECT_EQ(e.verification_code.size(), static_cast<std::size_t>(kVerificationCodeLength));
        std::vector<Attendance> own;
        for (const Attendance& a : attendance) {
          if (a.enrolment_id == e.id) own.push_back(a);
        }
        EXPECT_GE(SessionsAttended(own) * 100, c.min_attendance_percent * c.session_count)
            << c.code;
        certified[e.case_id].push_back(e);
      } else if (c.ends_on < today_ && e.state == EnrolmentState::kEnrolled) {
        ++awaiting_results;
      }
    }
  }
  EXPECT_GE(shortened, 1);
  EXPECT_GE(upcoming, 2);
  EXPECT_GE(nominated, 1);
  EXPECT_GE(awaiting_results, 1);
  int certificates = 0;
  for (const CaseRecord& r : AllRecords(*tx)) {
    for (const CaseEvent& e : r.events) {
      if (e.action != Action::kRecordCertificate &&
          e.action != Action::kRecordNewMemberCertificate) {
        continue;
      }
      ++certificates;
      ASSERT_FALSE(e.documents.empty());
      const auto& mine = certified[r.header.id];
      EXPECT_TRUE(std::any_of(mine.begin(), mine.end(),
                              [&](const Enrolment& en) {
                                return en.certificate_number == e.documents[0].number &&
                                       en.certificate_date == e.date;
                              }))
          << "case " << r.header.id << " certificate " << e.documents[0].number;
    }
  }
  EXPECT_GT(certificates, 100);
}

// S13: some admitted cases have their ceremony due soon — within the rule set's
// due_soon_working_days [?] of the reference day — so "Sắp đến hạn" is not empty.
TEST_F(DemoDataTest, SomeCeremoniesAreDueSoon) {
  auto tx = ReadCity();
  const Date soon = calendar_.AddWorkingDays(today_, rules_.back().due_soon_working_days);
  int due_soon = 0;
  for (const CaseRecord& r : AllRecords(*tx, /*open_only=*/true)) {
    const auto& d = r.header.next_deadline;
    if (d && *d >= today_ && *d <= soon && r.header.next_deadline_rule == "S13") ++due_soon;
  }
  EXPECT_GE(due_soon, 2);
}

// DOMAIN §7: targets for every year the demo covers, so progress against a target shows.
TEST_F(DemoDataTest, TargetsCoverEveryYear) {
  auto store = Open("later.db");
  DemoOptions options;
  options.today = MakeDate(2026, 3, 2);
  Load(*store, options);
  auto tx = Read(*store);
  const Id hue = tx->Organisations().GetByCode("HUE")->id;
  const Id tay_loc = tx->Organisations().GetByCode("HUE-TAYLOC")->id;
  for (int year : {2025, 2026}) {
    auto city = *tx->Targets().ListForYear({hue}, year);
    ASSERT_EQ(city.size(), 4u) << year;
    EXPECT_EQ(city[0].count, 191) << year;
    auto ward = *tx->Targets().ListForYear({tay_loc}, year);
    EXPECT_GE(ward.size(), 2u) << year;  // the ward's total and at least one category
  }
}

TEST_F(DemoDataTest, EveryStageAppears) {
  auto store = Open("city.db");
  DemoSummary s = Load(*store);
  auto tx = Read(*store);
  for (int i = 0; i <= static_cast<int>(Stage::kCancelled); ++i) {
    Stage stage = static_cast<Stage>(i);
    EXPECT_GT(s.cases_by_stage[stage], 0) << StageCode(stage);
    CaseFilter filter;
    filter.stage = stage;
    EXPECT_EQ(*tx->Cases().Count(filter), s.cases_by_stage[stage]) << StageCode(stage);
  }
}

TEST_F(DemoDataTest, SameSeedGivesIdenticalTablesAndAnotherSeedDoesNot) {
  auto first = Open("first.db");
  auto second = Open("second.db");
  auto other = Open("other.db");
  Load(*first);
  Load(*second);
  DemoOptions options;
  options.seed = 7;
  Load(*other, options);
  auto a = Dump(*Read(*first));
  auto b = Dump(*Read(*second));
  auto c = Dump(*Read(*other));
  ASSERT_GT(a.size(), 10000u);
  EXPECT_TRUE(a == b);
  EXPECT_FALSE(a == c);
}

TEST_F(DemoDataTest, VoteDenominatorsAreTheOfficialCountOnTheVoteDateOrTheCommitteeSize) {
  auto tx = ReadCity();
  int cell_votes = 0, committee_votes = 0, recognition_votes = 0;
  for (const CaseRecord& r : AllRecords(*tx)) {
    auto chain = *tx->Organisations().Ancestors(r.header.cell_id);
    int committee = 0;
    for (const Organisation& o : chain) {
      if (o.kind == OrgKind::kGrassrootsCommittee || o.kind == OrgKind::kGrassrootsCell) {
        committee = o.committee_member_count;
        break;
      }
    }
    for (const CaseEvent& e : r.events) {
      if (!e.vote) continue;
      const RuleSet rules =
          RuleSetInForce(rules_, e.date).ok() ? *RuleSetInForce(rules_, e.date) : RuleSet2021();
      EXPECT_TRUE(rules.VotePasses(e.vote->in_favour, e.vote->eligible));
      EXPECT_LE(e.vote->in_favour + e.vote->against, e.vote->present);
      EXPECT_LE(e.vote->present, e.vote->eligible);
      switch (e.action) {
        case Action::kCellVote:
          // S9: the denominator is every official member of the cell on the vote date.
          EXPECT_EQ(e.vote->eligible, *tx->Memberships().CountOfficial(r.header.cell_id, e.date))
              << "case " << r.header.id;
          ++cell_votes;
          break;
        case Action::kRecognitionCellVote:
          // P4: the same, the probationary member aside.
          EXPECT_EQ(e.vote->eligible,
                    OfficialWithout(*tx, r.header.cell_id, e.date, r.header.person_id))
              << "case " << r.header.id;
          ++recognition_votes;
          break;
        case Action::kGrassrootsVote:
        case Action::kRecognitionGrassrootsVote:
          // S11: the members of the grassroots committee.
          EXPECT_EQ(e.vote->eligible, committee) << "case " << r.header.id;
          ++committee_votes;
          break;
        default:
          ADD_FAILURE() << "unexpected vote on " << ActionCode(e.action);
      }
    }
  }
  EXPECT_GT(cell_votes, 100);
  EXPECT_GT(committee_votes, 50);
  EXPECT_GT(recognition_votes, 20);
}

// Introducers and helpers are official members of the applicant's own cell when they act (R5),
// with at least 12 months together except the one imported case.
TEST_F(DemoDataTest, IntroducersAreOfficialMembersOfTheSameCell) {
  auto tx = ReadCity();
  int introducers = 0, short_together = 0;
  for (const CaseRecord& r : AllRecords(*tx)) {
    for (const CaseEvent& e : r.events) {
      if (!e.member_person_id) continue;
      auto m = *tx->Memberships().ValidOn(*e.member_person_id, e.date);
      ASSERT_TRUE(m.has_value()) << "case " << r.header.id;
      EXPECT_EQ(m->kind, MembershipKind::kOfficial);
      EXPECT_EQ(m->org_id, r.header.cell_id);
      if (e.action == Action::kAddIntroducer) {
        ++introducers;
        ASSERT_TRUE(e.together_since.has_value());
        if (WholeMonthsBetween(*e.together_since, e.date) < 12) ++short_together;
      }
    }
  }
  EXPECT_GT(introducers, 100);
  EXPECT_GE(short_together, 1);
  EXPECT_LT(short_together, introducers / 10);
}

// Probationary from the ceremony, official from ceremony + 12 months (S13, P6).
TEST_F(DemoDataTest, MembershipsFollowTheCases) {
  auto tx = ReadCity();
  for (const CaseRecord& r : AllRecords(*tx)) {
    auto list = *tx->Memberships().ListForPerson(r.header.person_id);
    const Case& c = r.header;
    if (!c.ceremony_date) {
      EXPECT_TRUE(list.empty()) << "case " << c.id;
      continue;
    }
    ASSERT_FALSE(list.empty()) << "case " << c.id;
    std::sort(list.begin(), list.end(),
              [](const Membership& a, const Membership& b) { return a.valid_from < b.valid_from; });
    EXPECT_EQ(list.front().kind, MembershipKind::kProbationary);
    EXPECT_EQ(list.front().valid_from, *c.ceremony_date);
    if (c.stage == Stage::kOfficial) {
      ASSERT_EQ(list.size(), 2u);
      EXPECT_EQ(list.back().kind, MembershipKind::kOfficial);
      EXPECT_EQ(list.back().valid_from, AddMonths(*c.ceremony_date, 12));
      EXPECT_EQ(c.official_date, AddMonths(*c.ceremony_date, 12));
    } else if (c.stage == Stage::kRemoved) {
      EXPECT_EQ(list.front().valid_to, c.closed_on);
    } else {
      EXPECT_EQ(list.size(), 1u);
      EXPECT_FALSE(list.front().valid_to.has_value());
    }
  }
}

// Every recorded event is one the live system accepts (ApplyAction with the facts on the event's
// date), save the introducer deliberately imported from paper with 11 months together, and the
// stored header is exactly the live projection.
TEST_F(DemoDataTest, EveryEventReplaysThroughTheWorkflow) {
  for (std::uint64_t seed : {2023u, 11u}) {
    SCOPED_TRACE(seed);
    auto store = Open(fmt::format("city-{}.db", seed));
    DemoOptions options;
    options.seed = seed;
    Load(*store, options);
    ReplayAll(*store);
  }
}

void DemoDataTest::ReplayAll(Store& store) {
  auto tx = Read(store);
  int replayed = 0, refused_r5 = 0;
  for (const CaseRecord& stored : AllRecords(*tx)) {
    CaseHistory history;
    history.header = stored.header;
    history.header.stage = Stage::kSource;
    history.header.certificate_date.reset();
    history.header.dossier_date.reset();
    history.header.cell_vote_date.reset();
    history.header.decision_date.reset();
    history.header.ceremony_date.reset();
    history.header.official_date.reset();
    history.header.closed_on.reset();
    history.header.next_deadline.reset();
    history.header.next_deadline_rule.clear();
    for (const CaseEvent& e : stored.events) {
      CaseHistory with_member = history;
      with_member.events.push_back(e);  // so the context loads the member's memberships
      auto ctx = DemoCaseContext(*tx, with_member, rules_, calendar_, e.date);
      ASSERT_TRUE(ctx.ok()) << ctx.error().message;
      ctx->today = today_;
      if (e.action == Action::kRecognitionCellVote) {
        ctx->cell_official_count =
            OfficialWithout(*tx, stored.header.cell_id, e.date, stored.header.person_id);
      }
      auto applied = ApplyAction(history, e, *ctx);
      if (!applied.ok()) {
        if (applied.error().rule == "R5" && e.note == "Nhập từ hồ sơ giấy") {
          ++refused_r5;
        } else {
          ADD_FAILURE() << "case " << stored.header.id << " event " << e.seq << " "
                        << ActionCode(e.action) << " on " << FormatIsoDate(e.date) << ": ["
                        << applied.error().rule << "] " << applied.error().message;
          break;
        }
      } else {
        Id id = history.header.id;
        history.header = *applied;
        history.header.id = id;
      }
      history.events.push_back(e);
      ++replayed;
    }
    auto ctx = DemoCaseContext(*tx, history, rules_, calendar_, today_);
    ASSERT_TRUE(ctx.ok());
    Case projected = ProjectHeader(history, *ctx);
    const Case& c = stored.header;
    EXPECT_EQ(projected.stage, c.stage) << "case " << c.id;
    EXPECT_EQ(projected.certificate_date, c.certificate_date) << "case " << c.id;
    EXPECT_EQ(projected.cell_vote_date, c.cell_vote_date) << "case " << c.id;
    EXPECT_EQ(projected.decision_date, c.decision_date) << "case " << c.id;
    EXPECT_EQ(projected.ceremony_date, c.ceremony_date) << "case " << c.id;
    EXPECT_EQ(projected.official_date, c.official_date) << "case " << c.id;
    EXPECT_EQ(projected.closed_on, c.closed_on) << "case " << c.id;
    EXPECT_EQ(projected.next_deadline, c.next_deadline) << "case " << c.id;
    EXPECT_EQ(projected.next_deadline_rule, c.next_deadline_rule) << "case " << c.id;
    for (const CaseEvent& e : stored.events) {
      EXPECT_LE(e.date, today_);
      std::string_view form = ExpectedForm(e.action);
      if (form.empty()) continue;
      EXPECT_TRUE(std::any_of(e.documents.begin(), e.documents.end(),
                              [&](const Document& d) { return d.form_code == form; }))
          << "case " << c.id << " " << ActionCode(e.action);
    }
  }
  EXPECT_GT(replayed, 2000);
  EXPECT_GE(refused_r5, 1);
}

// Tây Lộc shows each kind of trouble: overdue S12/S13/P4/P5 and cases blocked by R1/R3/R5/R6/S5.
TEST_F(DemoDataTest, TayLocHasOverdueAndBlockedCases) {
  auto tx = ReadCity();
  Id tay_loc = tx->Organisations().GetByCode("HUE-TAYLOC")->id;
  CaseFilter filter;
  filter.cell_ids = *tx->Organisations().SubtreeIds(tay_loc, today_);
  filter.open_only = true;
  filter.limit = 100000;
  std::set<std::string> overdue, blocked;
  std::vector<CaseRecord> records = *tx->Cases().ListRecords(filter, EventDocuments::kLoad);
  ASSERT_FALSE(records.empty());
  for (const CaseRecord& r : records) {
    auto ctx = DemoCaseContext(*tx, r, rules_, calendar_, today_);
    ASSERT_TRUE(ctx.ok());
    Evaluation ev = Evaluate(r, *ctx, today_);
    EXPECT_EQ(ev.stage, r.header.stage);
    for (const Deadline& d : ev.deadlines) {
      if (d.status == DeadlineStatus::kOverdue) overdue.insert(std::string(CodeOf(d.rule)));
    }
    for (const Condition& c : ev.unmet) blocked.insert(std::string(CodeOf(c.rule)));
  }
  for (const char* rule : {"S12", "S13", "P4", "P5", "S5", "R6", "R3"}) {
    EXPECT_TRUE(overdue.contains(rule)) << rule;
  }
  for (const char* rule : {"R1", "R3", "R5", "R6", "R7"}) {
    EXPECT_TRUE(blocked.contains(rule)) << rule;
  }
}

TEST_F(DemoDataTest, ScaleThreeHasAboutThreeTimesTheCases) {
  auto one = Open("one.db");
  auto three = Open("three.db");
  DemoSummary s1 = Load(*one);
  DemoOptions options;
  options.scale = 3;
  DemoSummary s3 = Load(*three, options);
  EXPECT_GT(s3.cases, s1.cases * 5 / 2);
  EXPECT_LT(s3.cases, s1.cases * 7 / 2);
  EXPECT_GT(s3.members, s1.members * 2);
  EXPECT_EQ(s3.districts, 1);
  for (int i = 0; i <= static_cast<int>(Stage::kCancelled); ++i) {
    EXPECT_GT(s3.cases_by_stage[static_cast<Stage>(i)], 0);
  }
}

TEST_F(DemoDataTest, AboveFiveScaleAddsDistrictsAndProvinces) {
  auto store = Open("province.db");
  DemoOptions options;
  options.scale = 14;
  DemoSummary s = Load(*store, options);
  EXPECT_EQ(s.districts, 14);
  EXPECT_EQ(s.provinces, 2);  // Thừa Thiên Huế (Huế + 8) and one generated province
  auto tx = Read(*store);
  auto a_luoi = tx->Organisations().GetByCode("TTH-ALUOI");
  ASSERT_TRUE(a_luoi.ok());
  EXPECT_EQ(a_luoi->name, "Huyện ủy A Lưới");
  // Huế keeps its exact 36 units.
  Id hue = tx->Organisations().GetByCode("HUE")->id;
  std::set<std::string> names;
  std::vector<Id> subtree = *tx->Organisations().SubtreeIds(hue, today_);
  for (Id id : subtree) {
    Organisation o = *tx->Organisations().Get(id);
    if (HueWardCommuneNames().contains(o.name)) names.insert(o.name);
  }
  EXPECT_EQ(names, HueWardCommuneNames());
}

// After 2024-12-31 the 2021-2024 units are history; continuation units carry the stable codes
// and the open cases.
TEST_F(DemoDataTest, AfterTwentyTwentyFourContinuationUnitsHoldTheOpenCases) {
  auto store = Open("later.db");
  DemoOptions options;
  options.today = MakeDate(2025, 6, 2);
  DemoSummary s = Load(*store, options);
  auto tx = Read(*store);
  Organisation hue = *tx->Organisations().GetByCode("HUE");
  Organisation old_hue = *tx->Organisations().GetByCode("HUE-2021");
  EXPECT_EQ(hue.valid_from, MakeDate(2025, 1, 1));
  EXPECT_EQ(old_hue.valid_to, MakeDate(2024, 12, 31));
  EXPECT_EQ(old_hue.successor_id, hue.id);
  Organisation tay_loc = *tx->Organisations().GetByCode("HUE-TAYLOC");
  EXPECT_EQ(tx->Organisations().GetByCode("HUE-TAYLOC-2021")->successor_id, tay_loc.id);
  // The tree of 15/11/2023 is intact under the historical rows.
  std::set<std::string> names_2023, names_now;
  std::vector<Id> old_tree = *tx->Organisations().SubtreeIds(old_hue.id, MakeDate(2023, 11, 15));
  for (Id id : old_tree) {
    names_2023.insert(tx->Organisations().Get(id)->name);
  }
  std::vector<Id> current = *tx->Organisations().SubtreeIds(hue.id, options.today);
  for (Id id : current) names_now.insert(tx->Organisations().Get(id)->name);
  for (const std::string& n : HueWardCommuneNames()) {
    EXPECT_TRUE(names_2023.contains(n)) << n;
    EXPECT_TRUE(names_now.contains(n)) << n;
  }
  // Every open case is in a current cell; official counts continue across the cut-over.
  CaseFilter filter;
  filter.cell_ids = current;
  filter.open_only = true;
  filter.limit = 1000000;
  EXPECT_EQ(*tx->Cases().Count(filter), s.open_cases);
  for (int i = 0; i <= static_cast<int>(Stage::kCancelled); ++i) {
    EXPECT_GT(s.cases_by_stage[static_cast<Stage>(i)], 0) << i;
  }
}

TEST_F(DemoDataTest, LoadingTwiceIsAConflict) {
  auto store = Open("city.db");
  Load(*store);
  auto again = LoadDemo(*store, DemoOptions{}, calendar_, rules_);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_F(DemoDataTest, RejectsInvalidOptionsWithoutWriting) {
  auto store = Open("city.db");
  DemoOptions zero;
  zero.scale = 0;
  DemoOptions early;
  early.today = MakeDate(2021, 6, 30);
  for (const DemoOptions& options : {zero, early}) {
    auto result = LoadDemo(*store, options, calendar_, rules_);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::kInvalid);
  }
  EXPECT_EQ(Read(*store)->Organisations().GetByCode("TTH").error().code, ErrorCode::kNotFound);
}

TEST_F(DemoDataTest, PeopleLookVietnameseAndTheirSensitiveFieldsWellFormed) {
  auto tx = ReadCity();
  auto people = *tx->People().Search("", {}, 10'000'000);
  std::set<std::string> id_numbers;
  std::map<std::string, int> families;
  int teachers = 0, students = 0, militia = 0, minorities = 0, buddhists = 0;
  for (const Person& p : people) {
    EXPECT_EQ(NormaliseNfc(p.full_name), p.full_name);
    EXPECT_EQ(p.search_key, SearchKey(p.full_name));
    ASSERT_EQ(p.id_number.size(), 12u) << p.id_number;
    EXPECT_EQ(p.id_number.substr(0, 3), "046");  // Thừa Thiên Huế
    EXPECT_TRUE(id_numbers.insert(p.id_number).second) << p.id_number;
    ASSERT_EQ(p.phone.size(), 10u);
    EXPECT_EQ(p.phone.substr(0, 2), "09");
    EXPECT_NE(p.address.find("thành phố Huế"), std::string::npos) << p.address;
    families[p.full_name.substr(0, p.full_name.find(' '))]++;
    teachers += p.occupation == Occupation::kTeacher;
    students += p.occupation == Occupation::kStudent;
    militia += p.occupation == Occupation::kMilitia;
    minorities += p.ethnicity != "Kinh";
    buddhists += p.religion == "Phật giáo";
  }
  const double n = static_cast<double>(people.size());
  EXPECT_GT(families["Nguyễn"] / n, 0.22);
  EXPECT_LT(families["Nguyễn"] / n, 0.38);
  EXPECT_GT(families["Võ"] / n, 0.03);  // Huế: many Võ, Hồ, Phan, Tôn Thất / Tôn Nữ
  EXPECT_GT(families["Hồ"] / n, 0.02);
  EXPECT_GT(families["Tôn"] / n, 0.01);
  EXPECT_GT(teachers, 300);
  EXPECT_GT(students, 40);
  EXPECT_GT(militia, 100);
  // Most applicants come from the conference's source categories (DOMAIN header).
  int focus = 0;
  auto records = AllRecords(*tx);
  for (const CaseRecord& r : records) {
    SourceCategory c = r.header.category;
    focus += c == SourceCategory::kTeacher || c == SourceCategory::kStudent ||
             c == SourceCategory::kMilitia;
  }
  EXPECT_GT(focus, static_cast<int>(records.size()) * 45 / 100);
  EXPECT_GT(minorities, 0);
  EXPECT_GT(buddhists, 0);
}

TEST(DemoRandom, IsReproducibleAndInRange) {
  DemoRandom a(2023), b(2023), c(2024);
  std::vector<std::uint64_t> xs, ys, zs;
  for (int i = 0; i < 100; ++i) {
    xs.push_back(a.Next());
    ys.push_back(b.Next());
    zs.push_back(c.Next());
  }
  EXPECT_EQ(xs, ys);
  EXPECT_NE(xs, zs);
  // Pinned: the demo data must not change with the platform or the standard library.
  DemoRandom pinned(1);
  EXPECT_EQ(pinned.Next(), 0xb3f2af6d0fc710c5ULL);
  for (int i = 0; i < 10000; ++i) {
    int v = a.Between(-3, 5);
    EXPECT_GE(v, -3);
    EXPECT_LE(v, 5);
  }
  EXPECT_EQ(MixSeed(2023, "HUE"), MixSeed(2023, "HUE"));
  EXPECT_NE(MixSeed(2023, "HUE"), MixSeed(2023, "TTH"));
}

TEST(DemoNames, AreGenderedAndCoded) {
  DemoRandom rng(5);
  for (int i = 0; i < 200; ++i) {
    VietnameseName man = RandomName(rng, Sex::kMale, 1960, NameFlavour::kHue);
    VietnameseName woman = RandomName(rng, Sex::kFemale, 1960, NameFlavour::kHue);
    EXPECT_NE(man.family, "Tôn Nữ");
    EXPECT_NE(woman.family, "Tôn Thất");
    EXPECT_EQ(man.middle.find("Thị"), std::string::npos);
    EXPECT_EQ(woman.middle.find("Văn"), std::string::npos);
  }
  EXPECT_EQ(RandomNameInFamily(rng, "Tôn Nữ", Sex::kMale, 1960, NameFlavour::kHue).family,
            "Tôn Thất");
  EXPECT_EQ(AsciiCode("Tây Lộc"), "TAYLOC");
  EXPECT_EQ(AsciiCode("Phường Đúc"), "PHUONGDUC");
  EXPECT_EQ(AsciiCode("Vỹ Dạ"), "VYDA");
}

}  // namespace
}  // namespace ptdv
