#pragma once

// Generates one district of the demo in memory: its units, members and admission cases. Every
// district draws from its own random stream (MixSeed of the seed and the district code), so
// its content does not depend on the order districts are generated in. Internal to src/demo.
//
// The member functions are defined by topic:
//   district_generator.cc  structure (units, cells), the district as a whole, FillVotes
//   district_people.cc     people and base members
//   case_planner.cc        what each case will be: scenario, stage level, applicant, gaps,
//                          where its timeline is anchored (the timeline is case_timeline.h)
//   case_records.cc        the case's events with their documents, and the new membership
// The order of the random draws is part of the output: changing it changes the data set.

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "demo/applicant_profile.h"
#include "demo/case_plan.h"
#include "demo/demo_data.h"
#include "demo/demo_names.h"
#include "demo/district_data.h"
#include "demo/province_plan.h"
#include "domain/rule_set.h"
#include "domain/working_calendar.h"

namespace ptdv::demo {

class DistrictGenerator {
 public:
  DistrictGenerator(const DemoOptions& options, const WorkingCalendar& calendar,
                    const std::vector<RuleSet>& rule_sets, const ProvinceSpec& province,
                    const DistrictSpec& spec, double density)
      : options_(options),
        calendar_(calendar),
        rule_sets_(rule_sets),
        province_(province),
        spec_(spec),
        density_(density),
        today_(options.today),
        rng_(MixSeed(options.seed, spec.code)) {}

  DistrictData Generate();

 private:
  // The anchor of a case's timeline: the step the next deadline runs from, and how many days
  // before today it falls.
  struct Anchor {
    Date Timeline::*step = &Timeline::opened;
    int slack = 0;
  };
  // The person who applies, with the relatives whose background is verified (R7).
  struct Applicant {
    Person person;
    int index = 0;  // index the person will have in data_.people
    Date birth{};
    SourceCategory category = SourceCategory::kOther;
    std::array<Relative, 4> relatives;
  };
  // Who acts on a case and who issues its documents.
  struct CaseParties {
    int sympathiser_helper = -1;  // person indices
    int introducer1 = -1;
    int introducer2 = -1;
    int ceremony_helper = -1;
    std::string cell_name;
    std::string cell_committee;
    std::string decider;
    std::string decision_suffix;
    std::string intermediate_name;
  };
  // Everything an event's documents depend on.
  struct CaseStory {
    const GrassrootsRec& grassroots;
    const Scenario& scenario;
    const CasePlan& plan;
    const Timeline& timeline;
    const Applicant& applicant;
    const CaseParties& parties;
  };

  // Structure.
  int AddUnit(OrgKind kind, std::string code, std::string name, int parent,
              int committee_member_count = 0, bool authorised = false);
  int AddPlace(std::string name, bool commune);
  int AddGrassroots(int unit, std::string committee_name, std::string youth_union, int place,
                    bool residential, int minority_share);
  int AddCell(int unit, int grassroots, CellType type, bool intermediate, bool grassroots_cell,
              int number, std::pair<int, int> members);
  void AddResidentialUnit(std::string_view name, bool commune, int minority_share,
                          const std::string& code);
  void AddHueAgencies();
  void AddGeneratedAgencies();
  std::string UniqueName(std::string name);
  std::string UniqueCode(std::string code);

  // The district as a whole: which grassroots units get how many cases, and the planted ones.
  struct Planted {
    int grassroots = 0;
    std::vector<Scenario> scenarios;
  };
  struct CaseBase {
    int grassroots = 0;
    int count = 0;
  };
  void AddHueUnits(std::vector<Planted>& planted, std::vector<CaseBase>& case_bases);
  void AddGeneratedUnits(std::vector<Planted>& planted, std::vector<CaseBase>& case_bases);

  // People.
  // `family`, when given, receives the family name (for relatives' names).
  Person NewPerson(int cell, Sex sex, Date birth, Occupation occupation, bool pupil,
                   bool youth_union, std::string* family = nullptr);
  void AddBaseMembers(int cell, int count);
  std::string IdNumber(Sex sex, Date birth);
  std::string Address(int cell);
  Date BirthForAge(Date reference, int age_months);
  int PickMember(const CellRec& cell, std::initializer_list<Date> dates, int exclude);
  bool BaseOfficialOn(int person, const CellRec& cell, Date d) const;
  int CountOfficial(int cell, Date on, int exclude_person) const;

  // Cases: the builder (district_generator.cc) runs the planner, the timeline and the records
  // in this order.
  int CasesFor(int base) const;
  void AddCases(int grassroots_index, int count, std::vector<Scenario> planted);
  void BuildCase(int cell, Scenario scenario);
  // Planner (case_planner.cc).
  Scenario RandomScenario(const CellRec& cell);
  int PickCell(int grassroots_index, const Scenario& scenario);
  CasePlan PlanCase(const CellRec& cell, const Scenario& scenario);
  int PlanDossierLevel(const Scenario& scenario, const CasePlan& plan);
  Profile PlanProfile(const Scenario& scenario, const CasePlan& plan, CellType type, bool commune);
  void PlanRelatives(const Scenario& scenario, const Profile& profile, CasePlan& plan);
  Gaps DrawGaps(Stage stage);
  Anchor ChooseAnchor(const Scenario& scenario, const CasePlan& plan, const Gaps& gaps,
                      const Timeline& guess);
  int DueSoonCeremonySlack(const Timeline& guess, int working_days) const;
  int DossierSlack(const Scenario& scenario, const CasePlan& plan, const Timeline& guess,
                   int after_anchor, Anchor& anchor);
  void BackdateCertificate(Timeline& t);  // R3: an awareness certificate over 60 months old
  Applicant PlanApplicant(int cell_index, const Scenario& scenario, CasePlan& plan,
                          const Profile& profile, Sex sex, const Timeline& t);
  void DrawRelatives(const GrassrootsRec& g, const Scenario& scenario, const CasePlan& plan,
                     Sex sex, const std::string& family, Applicant& applicant);
  // Records (case_records.cc).
  CaseParties ChooseParties(const CellRec& cell, const GrassrootsRec& g,
                            const std::vector<Planned>& schedule, const Timeline& t);
  CaseRec RecordCase(int cell_index, const CaseStory& story, const std::vector<Planned>& schedule);
  void DocumentProcedureStep(const CaseStory& story, const Planned& p, EventRec& er,
                             int& request_number);
  void DocumentDecisionStep(const CaseStory& story, const Planned& p, EventRec& er);
  void AddApplicantMembership(int cell_index, Stage final_stage, Applicant applicant,
                              const std::vector<Planned>& schedule);
  Date Office(Date d) const;
  std::string Number(Date d, int per_day, std::string_view suffix);
  void FillVotes();

  const DemoOptions& options_;
  const WorkingCalendar& calendar_;
  const std::vector<RuleSet>& rule_sets_;
  const ProvinceSpec& province_;
  const DistrictSpec& spec_;
  double density_;
  Date today_;
  DemoRandom rng_;
  DistrictData data_;
  std::set<std::string> names_;
  std::set<std::string> codes_;
  std::map<int, int> id_sequence_;  // CCCD: per (sex-century digit, year) sequence
  int district_unit_ = 0;
  std::string centre_name_;
  std::string decider_;
  int figure_ = 0;
};

}  // namespace ptdv::demo
