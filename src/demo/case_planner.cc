// The planner of the demo cases: decides what each case will be (its stage, anomaly and how far
// it got), who applies, the gaps between its steps and where its timeline is anchored. The
// dates themselves come from case_timeline.h.

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "demo/case_timeline.h"
#include "demo/demo_tables.h"
#include "demo/district_generator.h"

namespace ptdv::demo {

Scenario DistrictGenerator::RandomScenario(const CellRec& cell) {
  std::array<int, kStageWeights.size()> weights{};
  for (std::size_t i = 0; i < kStageWeights.size(); ++i) weights[i] = kStageWeights[i].second;
  Scenario s;
  s.stage = FitStage(kStageWeights[rng_.Weighted(weights)].first, cell.intermediate,
                     cell.grassroots_cell);
  const GrassrootsRec& g = data_.grassroots[static_cast<std::size_t>(cell.grassroots)];
  const bool commune = data_.places[static_cast<std::size_t>(g.place)].commune && g.residential;
  // Under a đảng ủy bộ phận, half the cases past a cell vote are at the appraisal step.
  if (cell.intermediate &&
      (s.stage == Stage::kCellApproved || s.stage == Stage::kRecognitionCellApproved) &&
      rng_.Chance(500)) {
    s.stage = s.stage == Stage::kCellApproved ? Stage::kIntermediateAppraised
                                              : Stage::kRecognitionIntermediateAppraised;
  }
  switch (s.stage) {
    case Stage::kDossier: {
      static constexpr std::array<Anomaly, 7> k{
          Anomaly::kNone,      Anomaly::kR3Expired,  Anomaly::kR5Short, Anomaly::kR6Stale,
          Anomaly::kS5Pending, Anomaly::kR1Underage, Anomaly::kNone};
      s.anomaly = k[rng_.Weighted({620, 50, 40, 70, 100, 40, 80})];
      break;
    }
    case Stage::kCellApproved:
    case Stage::kIntermediateAppraised:
    case Stage::kGrassrootsApproved: {
      static constexpr std::array<Anomaly, 3> k{Anomaly::kNone, Anomaly::kS12Overdue,
                                                Anomaly::kS12Extended};
      s.anomaly = k[rng_.Weighted({750, 180, 70})];
      break;
    }
    case Stage::kAdmitted:
      s.anomaly = rng_.Chance(200) ? Anomaly::kS13Overdue : Anomaly::kNone;
      break;
    case Stage::kProbation: {
      static constexpr std::array<Anomaly, 3> k{Anomaly::kNone, Anomaly::kP4Due,
                                                Anomaly::kP4Overdue};
      s.anomaly = k[rng_.Weighted({700, 150, 150})];
      break;
    }
    case Stage::kRecognitionCellApproved:
    case Stage::kRecognitionIntermediateAppraised:
    case Stage::kRecognitionGrassrootsApproved:
      s.anomaly = rng_.Chance(200) ? Anomaly::kP5Overdue : Anomaly::kNone;
      break;
    case Stage::kNotAdmitted:
      s.anomaly = rng_.Chance(500) ? Anomaly::kPoliticalIssue : Anomaly::kNone;
      break;
    default:
      break;
  }
  // Consents apply from the dossier on (R1a is rare; R2 exceptions where minorities live).
  if (s.stage >= Stage::kDossier && s.stage != Stage::kWithdrawn && s.anomaly == Anomaly::kNone &&
      s.stage != Stage::kNotAdmitted) {
    if (g.minority_share >= 300 && rng_.Chance(150)) {
      s.consent = ConsentKind::kEducationException;
    } else if (commune && rng_.Chance(4)) {
      s.consent = ConsentKind::kOver60;
    }
  }
  return s;
}

int DistrictGenerator::PickCell(int grassroots_index, const Scenario& scenario) {
  // Cells of the grassroots unit, weighted by size and by the Huế conference's focus.
  std::vector<int> cells;
  std::vector<int> weights;
  for (std::size_t i = 0; i < data_.cells.size(); ++i) {
    const CellRec& c = data_.cells[i];
    if (c.grassroots != grassroots_index) continue;
    if ((scenario.stage == Stage::kIntermediateAppraised ||
         scenario.stage == Stage::kRecognitionIntermediateAppraised) &&
        !c.intermediate) {
      continue;
    }
    int w = static_cast<int>(c.members.size());
    switch (c.type) {
      case CellType::kMilitary:
        w *= 3;
        break;
      case CellType::kSchool:
        w *= 2;
        break;
      case CellType::kHighSchool:
        w *= 3;
        break;
      default:
        break;
    }
    cells.push_back(static_cast<int>(i));
    weights.push_back(std::max(1, w));
  }
  if (cells.empty()) return -1;
  return cells[rng_.Weighted(weights)];
}

CasePlan DistrictGenerator::PlanCase(const CellRec& cell, const Scenario& sc) {
  CasePlan plan;
  plan.intermediate = cell.intermediate;
  plan.grassroots_cell = cell.grassroots_cell;
  plan.consent = sc.consent;
  plan.extension = sc.anomaly == Anomaly::kS12Extended;
  switch (sc.stage) {
    case Stage::kDossier:
      plan.level = PlanDossierLevel(sc, plan);
      break;
    case Stage::kWithdrawn: {
      static constexpr std::array<int, 7> k{kLvSource,   kLvSympathiser, kLvCertificate, kLvDossier,
                                            kLvRequests, kLvConclude,    kLvIntroducers};
      plan.level = k[rng_.Weighted({150, 300, 250, 80, 80, 70, 70})];
      plan.exit = Action::kWithdraw;
      break;
    }
    case Stage::kNotAdmitted:
      plan.level = sc.anomaly == Anomaly::kPoliticalIssue
                       ? kLvReplies
                       : (cell.grassroots_cell ? kLvCellVote : kLvGrassroots);
      plan.exit = Action::kRejectAdmission;
      break;
    case Stage::kRemoved:
      plan.level = kLvCeremony;
      plan.exit = Action::kRemoveName;
      break;
    case Stage::kCancelled:
      plan.level = kLvDecision;
      plan.exit = Action::kCancelDecision;
      break;
    case Stage::kSource:
      plan.level = kLvSource;
      break;
    case Stage::kSympathiser:
      plan.level = kLvSympathiser;
      break;
    case Stage::kCertified:
      plan.level = kLvCertificate;
      break;
    case Stage::kCellApproved:
      plan.level = kLvCellVote;
      break;
    case Stage::kIntermediateAppraised:
      plan.level = kLvIntermediate;
      break;
    case Stage::kGrassrootsApproved:
      plan.level = kLvGrassroots;
      break;
    case Stage::kAdmitted:
      plan.level = kLvDecision;
      break;
    case Stage::kProbation:
      plan.level = kLvCeremony;
      break;
    case Stage::kRecognitionCellApproved:
      plan.level = kLvRecognitionCellVote;
      break;
    case Stage::kRecognitionIntermediateAppraised:
      plan.level = kLvRecognitionIntermediate;
      break;
    case Stage::kRecognitionGrassrootsApproved:
      plan.level = kLvRecognitionGrassroots;
      break;
    case Stage::kOfficial:
      plan.level = kLvRecognitionDecision;
      break;
  }
  if (plan.level < kLvOpinions) plan.consent.reset();
  return plan;
}

int DistrictGenerator::PlanDossierLevel(const Scenario& sc, const CasePlan& plan) {
  switch (sc.anomaly) {
    case Anomaly::kS5Pending:
      return kLvRequests;
    case Anomaly::kR5Short:
      return rng_.Chance(500) ? kLvIntroducers : kLvOpinions;
    case Anomaly::kR3Expired:
    case Anomaly::kR6Stale:
    case Anomaly::kR1Underage:
      return rng_.Between(kLvConclude, kLvOpinions);
    default:
      return plan.consent
                 ? kLvOpinions
                 : kLvDossier + static_cast<int>(rng_.Weighted({100, 80, 220, 120, 150, 150, 180}));
  }
}

Profile DistrictGenerator::PlanProfile(const Scenario& sc, const CasePlan& plan, CellType type,
                                       bool commune) {
  Profile profile = PickProfile(rng_, type, commune);
  if (sc.anomaly == Anomaly::kR1Underage) profile = PupilProfile();
  if (sc.anomaly == Anomaly::kR5Short) {
    profile.min_age_months = std::max(profile.min_age_months, Years(32));
    profile.max_age_months = std::max(profile.max_age_months, Years(45));
    if (profile.pupil || profile.occupation == Occupation::kStudent ||
        profile.occupation == Occupation::kMilitia) {
      profile = {Occupation::kCivilServant, Years(32), Years(45), 500};
    }
  }
  if (plan.consent == ConsentKind::kOver60) {
    profile = {rng_.Chance(500) ? Occupation::kFarmer : Occupation::kOther, 722, 760, 700};
  }
  return profile;
}

void DistrictGenerator::PlanRelatives(const Scenario& sc, const Profile& profile, CasePlan& plan) {
  int rough_age = (profile.min_age_months + profile.max_age_months) / 24;
  bool married = rough_age >= 25 && rng_.Chance(rough_age >= 30 ? 750 : 400);
  plan.relatives = married ? 4 : 3;
  plan.relative_is_member[1] = rng_.Chance(150);  // a father who is a party member is exempt
  if (sc.anomaly == Anomaly::kS5Pending) {
    plan.relative_is_member[1] = false;
    plan.withheld_reply = rng_.Between(1, plan.relatives - 1);
  }
}

Gaps DistrictGenerator::DrawGaps(Stage stage) {
  // Gaps (calendar days). Decision, ceremony and recognition gaps are chosen so that the
  // working-day deadlines (S12 60, S13 30, P4 30, P5 30) hold whatever the holidays.
  Gaps gaps{};
  gaps.sympathiser = rng_.Between(20, 150);
  gaps.certificate = rng_.Between(15, 150);
  gaps.dossier = rng_.Between(7, 100);
  gaps.stamp = rng_.Between(2, 10);
  gaps.requests = rng_.Between(1, 7);
  for (int& r : gaps.replies) r = rng_.Between(10, 40);
  gaps.conclude = rng_.Between(2, 10);
  gaps.intro1 = rng_.Between(1, 10);
  gaps.intro2 = rng_.Between(0, 5);
  gaps.union_resolution = rng_.Between(0, 7);
  gaps.opinions = rng_.Between(2, 15);
  gaps.consent = rng_.Between(5, 20);
  gaps.cell_vote = rng_.Between(3, 25);
  gaps.intermediate = rng_.Between(3, 14);
  gaps.grassroots = rng_.Between(5, 25);
  gaps.extension = rng_.Between(70, 76);
  gaps.decision = rng_.Between(25, 62);
  gaps.received = rng_.Between(1, 7);
  gaps.ceremony = rng_.Between(7, 30);
  gaps.helper = rng_.Between(0, 3);
  gaps.new_member_certificate = rng_.Between(60, 300);
  gaps.recognition_vote = rng_.Between(1, 30);
  gaps.recognition_intermediate = rng_.Between(3, 10);
  gaps.recognition_grassroots = rng_.Between(5, 12);
  gaps.recognition_decision = rng_.Between(12, 28);
  switch (stage) {
    case Stage::kWithdrawn:
      gaps.exit = rng_.Between(20, 240);
      break;
    case Stage::kNotAdmitted:
      gaps.exit = rng_.Between(10, 45);
      break;
    case Stage::kRemoved:
      gaps.exit = rng_.Between(90, 320);
      break;
    case Stage::kCancelled:
      gaps.exit = rng_.Between(10, 40);
      break;
    default:
      gaps.exit = 0;
      break;
  }
  return gaps;
}

// The slack that puts the S13 deadline (the ceremony within ceremony_working_days of receiving
// the admission decision) `working_days` working days after today.
int DistrictGenerator::DueSoonCeremonySlack(const Timeline& guess, int working_days) const {
  auto rules = RuleSetInForce(rule_sets_, today_);
  const int period = rules.ok() ? rules->ceremony_working_days : RuleSet{}.ceremony_working_days;
  const Date deadline = calendar_.AddWorkingDays(today_, working_days);
  Date received = Plus(deadline, -2 * period);
  while (calendar_.AddWorkingDays(received, period) < deadline) received = Plus(received, 1);
  const Date decision = Plus(received, -DaysFrom(guess.decision, guess.received));
  return std::max(0, DaysFrom(decision, today_));
}

DistrictGenerator::Anchor DistrictGenerator::ChooseAnchor(const Scenario& sc, const CasePlan& plan,
                                                          const Gaps& gaps, const Timeline& guess) {
  const Date guess_last = LastEventDate(guess, plan);
  Anchor anchor;
  auto after = [&](Date Timeline::*step) { return std::max(0, DaysFrom(guess.*step, guess_last)); };
  switch (sc.stage) {
    case Stage::kSource:
      anchor.step = &Timeline::opened;
      anchor.slack = rng_.Between(0, 300);
      break;
    case Stage::kSympathiser:
      anchor.step = &Timeline::sympathiser;
      anchor.slack = rng_.Between(0, 240);
      break;
    case Stage::kCertified:
      anchor.step = &Timeline::certificate;
      anchor.slack = rng_.Between(0, 420);
      break;
    case Stage::kDossier:
      anchor.step = &Timeline::dossier;
      anchor.slack = DossierSlack(sc, plan, guess, after(anchor.step), anchor);
      break;
    case Stage::kCellApproved:
    case Stage::kIntermediateAppraised:
    case Stage::kGrassrootsApproved: {
      anchor.step = &Timeline::cell_vote;
      int p = after(anchor.step);
      if (sc.anomaly == Anomaly::kS12Overdue) {
        anchor.slack = std::max(p, rng_.Between(100, 170));
      } else if (sc.anomaly == Anomaly::kS12Extended) {
        anchor.slack = std::max(p, rng_.Between(88, 98));
      } else {
        anchor.slack = rng_.Between(p, std::max(p, 70));
      }
      break;
    }
    case Stage::kAdmitted:
      anchor.step = &Timeline::decision;
      anchor.slack =
          sc.anomaly == Anomaly::kS13Overdue ? rng_.Between(65, 120) : rng_.Between(0, 25);
      // One admitted case in three has its ceremony due soon (S13), so the lists and
      // dashboards show what the rule set's due_soon_working_days [?] calls due soon. Derived
      // from the slack already drawn, so the rest of the district's stream is unchanged.
      if (sc.anomaly != Anomaly::kS13Overdue && anchor.slack % 3 == 0) {
        anchor.slack = DueSoonCeremonySlack(guess, 2 + anchor.slack % 2);
      }
      break;
    case Stage::kProbation:
      if (sc.anomaly == Anomaly::kP4Due) {
        anchor.step = &Timeline::probation_end;
        anchor.slack = rng_.Between(0, 30);
      } else if (sc.anomaly == Anomaly::kP4Overdue) {
        anchor.step = &Timeline::probation_end;
        anchor.slack = rng_.Between(65, 160);
      } else {
        anchor.step = &Timeline::ceremony;
        anchor.slack = rng_.Between(gaps.helper, 350);
      }
      break;
    case Stage::kRecognitionCellApproved:
    case Stage::kRecognitionIntermediateAppraised:
    case Stage::kRecognitionGrassrootsApproved: {
      anchor.step = &Timeline::recognition_vote;
      int p = after(anchor.step);
      anchor.slack = sc.anomaly == Anomaly::kP5Overdue ? std::max(p, rng_.Between(65, 130))
                                                       : rng_.Between(p, std::max(p, 30));
      break;
    }
    case Stage::kOfficial:
      anchor.step = &Timeline::recognition_decision;
      anchor.slack = rng_.Between(0, 200);
      break;
    case Stage::kWithdrawn:
    case Stage::kNotAdmitted:
      anchor.step = &Timeline::exit;
      anchor.slack = rng_.Between(0, 400);
      break;
    case Stage::kRemoved:
    case Stage::kCancelled:
      anchor.step = &Timeline::exit;
      anchor.slack = rng_.Between(0, 300);
      break;
  }
  return anchor;
}

// Sets anchor.step to the requests for a pending verification (S5); returns the slack.
int DistrictGenerator::DossierSlack(const Scenario& sc, const CasePlan& plan, const Timeline& guess,
                                    int after_anchor, Anchor& anchor) {
  if (sc.anomaly == Anomaly::kR6Stale) {
    // Opened so long ago that its introductions, opinions and verification conclusion
    // (at most ~110 days after the opening) are stale too.
    return DaysFrom(Plus(AddMonths(today_, -12), -rng_.Between(120, 220)), today_);
  }
  if (sc.anomaly == Anomaly::kS5Pending) {
    anchor.step = &Timeline::requests;
    return rng_.Between(60, 120);  // past the 30-working-day service level
  }
  if (plan.level == kLvRequests) {
    // Some replies still to come, within the service level.
    return DaysFrom(guess.dossier, guess.requests) + rng_.Between(0, 35);
  }
  return std::min(after_anchor + rng_.Between(0, 60), 320);
}

void DistrictGenerator::BackdateCertificate(Timeline& t) {
  // A long-standing sympathiser whose awareness certificate is now older than 60 months.
  Date old = Office(AddMonths(today_, -rng_.Between(61, 66)));
  int shift = DaysFrom(old, t.certificate);
  t.certificate = old;
  t.sympathiser = Plus(t.sympathiser, -shift);
  t.opened = Plus(t.opened, -shift);
}

DistrictGenerator::Applicant DistrictGenerator::PlanApplicant(int cell_index, const Scenario& sc,
                                                              CasePlan& plan,
                                                              const Profile& profile, Sex sex,
                                                              const Timeline& t) {
  // The applicant's age: at the cell vote once there is one, else today (R1 by months).
  const bool voted = plan.level >= kLvCellVote && !(plan.exit && plan.level < kLvCellVote);
  Date age_reference = voted ? t.cell_vote : today_;
  int age_months = rng_.Between(profile.min_age_months, profile.max_age_months);
  if (sc.anomaly == Anomaly::kR1Underage) {
    age_reference = today_;
    age_months = rng_.Between(212, 215);
  } else if (profile.pupil && !voted) {
    // A pupil source is 17; by the dossier (evaluated today) 18 already.
    age_months = plan.level >= kLvDossier ? rng_.Between(217, 222) : rng_.Between(204, 215);
  }
  Date birth = BirthForAge(age_reference, age_months);
  const int age_years_at_reference = WholeMonthsBetween(birth, age_reference) / 12;
  // R4: in youth age (16-30) the Youth Union route applies: a member and one official member.
  plan.youth_route = age_years_at_reference >= 16 && age_years_at_reference <= 30;
  if (sc.anomaly == Anomaly::kR5Short) plan.youth_route = false;

  Applicant applicant;
  std::string family;
  applicant.person = NewPerson(cell_index, sex, birth, profile.occupation, profile.pupil,
                               plan.youth_route, &family);
  Person& person = applicant.person;
  if (plan.consent == ConsentKind::kEducationException) {
    if (!spec_.minority.empty()) person.ethnicity = spec_.minority;
    person.general_education = GeneralEducation::kPrimary;
    person.occupation = Occupation::kFarmer;
    person.workplace_type = WorkplaceType::kHousehold;
  }
  applicant.index = static_cast<int>(data_.people.size());
  applicant.birth = birth;
  const int age_today = WholeMonthsBetween(birth, today_) / 12;
  applicant.category = CategoryOf(person.occupation, person.youth_union_member, age_today);
  const CellRec& cell = data_.cells[static_cast<std::size_t>(cell_index)];
  DrawRelatives(data_.grassroots[static_cast<std::size_t>(cell.grassroots)], sc, plan, sex, family,
                applicant);
  return applicant;
}

void DistrictGenerator::DrawRelatives(const GrassrootsRec& g, const Scenario& sc,
                                      const CasePlan& plan, Sex sex, const std::string& family,
                                      Applicant& applicant) {
  std::array<Relative, 4>& relatives = applicant.relatives;
  const Person& person = applicant.person;
  const int birth_year = YearOf(applicant.birth);
  auto replier = [&] {
    const PlaceRec& p = data_.places[static_cast<std::size_t>(
        rng_.Between(0, static_cast<int>(data_.places.size()) - 1))];
    return fmt::format("Đảng ủy {}", p.name);
  };
  relatives[0] = {person.full_name, Relation::kSelf, false, Finding::kClear, g.committee_name};
  relatives[1] = {
      RandomNameInFamily(rng_, family, Sex::kMale, birth_year - rng_.Between(24, 34), spec_.flavour)
          .Full(),
      Relation::kFather, plan.relative_is_member[1], Finding::kClear, replier()};
  relatives[2] = {
      RandomName(rng_, Sex::kFemale, birth_year - rng_.Between(22, 32), spec_.flavour).Full(),
      Relation::kMother, false, Finding::kClear, replier()};
  relatives[3] = {RandomName(rng_, sex == Sex::kMale ? Sex::kFemale : Sex::kMale,
                             birth_year + rng_.Between(-3, 3), spec_.flavour)
                      .Full(),
                  Relation::kSpouse, false, Finding::kClear, replier()};
  if (sc.anomaly == Anomaly::kPoliticalIssue) {
    relatives[static_cast<std::size_t>(rng_.Between(1, 2))].finding = Finding::kPoliticalIssue;
  }
}

}  // namespace ptdv::demo
