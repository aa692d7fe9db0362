#pragma once

// Test helper for the workflow tests: one admission case (CaseHistory) with the facts around it
// (CaseContext), the default computed working calendar, and a standard timeline that walks the
// case to any stage through ApplyAction, so every step of a test is validated like a real one.
// Header-only; used by domain/*_test.cc only.

#include <fmt/format.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "domain/date.h"
#include "domain/model.h"
#include "domain/rule_set.h"
#include "domain/workflow.h"
#include "domain/working_calendar.h"

namespace ptdv::test {

inline constexpr Id kCaseId = 1;
inline constexpr Id kApplicantId = 1;
inline constexpr Id kCellId = 10;
// Party members the cases name (person ids). Official since 2010 unless said otherwise.
inline constexpr Id kHelperId = 101;
inline constexpr Id kIntroducerAId = 102;
inline constexpr Id kIntroducerBId = 103;
inline constexpr Id kProbationaryMemberId = 104;  // đảng viên dự bị since 2023-01-01
inline constexpr Id kReplacementIntroducerId = 105;
inline constexpr Id kRecentlyOfficialId = 106;  // dự bị 2022-05-01, chính thức from 2023-05-01

inline Date D(int year, unsigned month, unsigned day) { return MakeDate(year, month, day); }

// The default computed calendar, no overrides. Immutable (thread-safe reads), so one instance
// serves every test.
inline const WorkingCalendar& TestCalendar() {
  static const WorkingCalendar cal;
  return cal;
}

inline Document Doc(std::string form_code, std::string number = "01") {
  return {.form_code = std::move(form_code), .number = std::move(number)};
}

// Dates of the standard walk: a 38-year-old with upper-secondary education, introduced by two
// official members, in a cell of 9 official members under a grassroots committee of 15.
// The cell votes on 20/4/2023; the ceremony is on 20/6/2023; probation ends on 20/6/2024.
struct Timeline {
  Date opened = D(2023, 1, 5);
  Date sympathiser = D(2023, 1, 10);
  Date certificate = D(2023, 2, 15);
  Date dossier = D(2023, 3, 1);
  Date stamp = D(2023, 3, 2);
  Date verification_request = D(2023, 3, 3);
  Date verification_reply = D(2023, 3, 20);
  Date verification_conclusion = D(2023, 3, 27);
  Date introductions = D(2023, 4, 3);
  Date together_since = D(2021, 1, 4);  // R5: introducers with the applicant since
  Date union_resolution = D(2023, 4, 5);
  Date opinions = D(2023, 4, 10);
  Date cell_vote = D(2023, 4, 20);
  Date intermediate = D(2023, 4, 27);
  Date grassroots_vote = D(2023, 5, 10);
  Date decision = D(2023, 6, 1);
  Date decision_received = D(2023, 6, 5);
  Date ceremony = D(2023, 6, 20);
  Date new_member_certificate = D(2024, 3, 15);
  Date recognition_vote = D(2024, 6, 20);
  Date recognition_intermediate = D(2024, 6, 27);
  Date recognition_grassroots_vote = D(2024, 7, 1);
  Date recognition_decision = D(2024, 7, 15);
};

// What CompleteDossier records (S4-S7). The default is a complete dossier on the two-member
// route (R4).
struct DossierParts {
  bool stamp = true;              // S4
  bool verify_self = true;        // R7: request and clear reply for the applicant
  bool conclude = true;           // S5
  int introducers = 2;            // R4/R5: 0, 1 or 2 of kIntroducerAId, kIntroducerBId
  bool union_resolution = false;  // R4: 4-KNĐ
  bool opinions = true;           // S7
};

inline Vote AllInFavour(int eligible) {
  return {.eligible = eligible, .present = eligible, .in_favour = eligible};
}

inline Membership OfficialSince(Id person, Date from) {
  return {.person_id = person,
          .org_id = kCellId,
          .kind = MembershipKind::kOfficial,
          .valid_from = from};
}

class CaseBuilder {
 public:
  CaseBuilder() {
    history.header = {.id = kCaseId,
                      .person_id = kApplicantId,
                      .cell_id = kCellId,
                      .stage = Stage::kSource,
                      .opened_on = t.opened};
    context.person = {.id = kApplicantId,
                      .full_name = "Nguyễn Văn An",
                      .search_key = "nguyen van an",
                      .birth_date = D(1985, 6, 15),
                      .general_education = GeneralEducation::kUpperSecondary,
                      .org_id = kCellId};
    context.rule_sets = DefaultRuleSets();
    context.calendar = &TestCalendar();
    context.today = D(2025, 12, 31);
    context.cell_official_count = 9;
    context.committee_member_count = 15;
    for (Id id : {kHelperId, kIntroducerAId, kIntroducerBId, kReplacementIntroducerId}) {
      context.member_memberships[id] = {OfficialSince(id, D(2010, 1, 1))};
    }
    context.member_memberships[kProbationaryMemberId] = {{.person_id = kProbationaryMemberId,
                                                          .org_id = kCellId,
                                                          .kind = MembershipKind::kProbationary,
                                                          .valid_from = D(2023, 1, 1)}};
    context.member_memberships[kRecentlyOfficialId] = {
        {.person_id = kRecentlyOfficialId,
         .org_id = kCellId,
         .kind = MembershipKind::kProbationary,
         .valid_from = D(2022, 5, 1),
         .valid_to = D(2023, 4, 30)},
        OfficialSince(kRecentlyOfficialId, D(2023, 5, 1))};
  }
  // context.calendar points at a static; copying is safe but pointless.
  CaseBuilder(const CaseBuilder&) = delete;
  CaseBuilder& operator=(const CaseBuilder&) = delete;

  CaseHistory history;
  CaseContext context;
  Timeline t;
  DossierParts dossier_parts;
  std::vector<Stage> stages_seen;  // the header's stage after each successful Apply

  // Records `event` through ApplyAction; on success appends it (with its seq) and takes the new
  // header. The result is ApplyAction's.
  Result<Case> Apply(CaseEvent event) {
    SyncOpened();
    event.case_id = history.header.id;
    event.seq = static_cast<int>(history.events.size()) + 1;
    event.id = event.seq;
    Result<Case> result = ApplyAction(history, event, context);
    if (result.ok()) {
      history.events.push_back(std::move(event));
      history.header = result.value();
      stages_seen.push_back(history.header.stage);
    }
    return result;
  }

  // Appends `event` without validation and reprojects the header, as a bulk loader does.
  CaseBuilder& Append(CaseEvent event) {
    SyncOpened();
    event.case_id = history.header.id;
    event.seq = static_cast<int>(history.events.size()) + 1;
    event.id = event.seq;
    history.events.push_back(std::move(event));
    history.header = ProjectHeader(history, context);
    return *this;
  }

  Evaluation EvaluateOn(Date on) const { return Evaluate(history, context, on); }
  Stage stage() const { return history.header.stage; }

  // S4-S7 on a case in kDossier, following `parts` and the timeline. "" on success, else the
  // first refusal.
  std::string CompleteDossier(const DossierParts& parts) {
    if (parts.stamp) {
      if (auto e = Step({.action = Action::kStampBiography, .date = t.stamp}); !e.empty()) return e;
    }
    if (parts.verify_self) {
      if (auto e = Step({.action = Action::kRequestVerification,
                         .date = t.verification_request,
                         .documents = {Doc("20-KNĐ")},
                         .relative_name = context.person.full_name,
                         .relation = Relation::kSelf});
          !e.empty()) {
        return e;
      }
      if (auto e = Step({.action = Action::kRecordVerificationReply,
                         .date = t.verification_reply,
                         .relative_name = context.person.full_name,
                         .relation = Relation::kSelf,
                         .finding = Finding::kClear});
          !e.empty()) {
        return e;
      }
    }
    if (parts.conclude) {
      if (auto e =
              Step({.action = Action::kConcludeVerification, .date = t.verification_conclusion});
          !e.empty()) {
        return e;
      }
    }
    const Id introducers[] = {kIntroducerAId, kIntroducerBId};
    for (int i = 0; i < parts.introducers && i < 2; ++i) {
      if (auto e = Step(Introduction(introducers[i], t.introductions)); !e.empty()) return e;
    }
    if (parts.union_resolution) {
      if (auto e = Step({.action = Action::kRecordUnionResolution,
                         .date = t.union_resolution,
                         .documents = {Doc("4-KNĐ")}});
          !e.empty()) {
        return e;
      }
    }
    if (parts.opinions) {
      if (auto e = Step(
              {.action = Action::kRecordOpinions, .date = t.opinions, .documents = {Doc("5-KNĐ")}});
          !e.empty()) {
        return e;
      }
    }
    return "";
  }

  CaseEvent Introduction(Id member, Date letter) const {
    return {.action = Action::kAddIntroducer,
            .date = letter,
            .documents = {Doc("3-KNĐ")},
            .member_person_id = member,
            .together_since = t.together_since};
  }

  CaseEvent CellVote(Vote vote) const {
    return {.action = Action::kCellVote,
            .date = t.cell_vote,
            .documents = {Doc("6-KNĐ", "01-NQ/CB")},
            .vote = vote};
  }

  // The recognition cell vote with the whole P3 file (10-, 11-, 12-, 13-KNĐ).
  CaseEvent RecognitionVote(Date date, Vote vote) const {
    return {.action = Action::kRecognitionCellVote,
            .date = date,
            .documents = {Doc("10-KNĐ"), Doc("11-KNĐ"), Doc("12-KNĐ"), Doc("13-KNĐ")},
            .vote = vote};
  }

  // Walks the standard timeline through ApplyAction until the stage reaches `target`
  // (REQUIRES: target <= kOfficial). "" on success, else a description of the refused step.
  std::string AdvanceTo(Stage target) {
    while (stage() < target) {
      std::string error = NextStep();
      if (!error.empty()) return error;
    }
    return "";
  }

 private:
  void SyncOpened() {
    if (history.events.empty()) history.header.opened_on = t.opened;
  }

  std::string Step(CaseEvent event) {
    Action action = event.action;
    Date date = event.date;
    Result<Case> result = Apply(std::move(event));
    if (result.ok()) return "";
    return fmt::format("{} on {} refused: {} [{}] {}", ActionCode(action), FormatIsoDate(date),
                       ErrorCodeName(result.error().code), result.error().rule,
                       result.error().message);
  }

  bool Recorded(Action action) const {
    for (const auto& e : history.events) {
      if (e.action == action) return true;
    }
    return false;
  }

  std::string NextStep() {
    switch (stage()) {
      case Stage::kSource:
        return Step({.action = Action::kMarkSympathiser,
                     .date = t.sympathiser,
                     .documents = {Doc("BB")},
                     .member_person_id = kHelperId});
      case Stage::kSympathiser:
        return Step({.action = Action::kRecordCertificate,
                     .date = t.certificate,
                     .documents = {Doc("GCN", "123-GCN/TTCT")}});
      case Stage::kCertified:
        return Step({.action = Action::kOpenDossier,
                     .date = t.dossier,
                     .documents = {Doc("1-KNĐ"), Doc("2-KNĐ")}});
      case Stage::kDossier:
        if (!Recorded(Action::kStampBiography)) {
          if (auto e = CompleteDossier(dossier_parts); !e.empty()) return e;
        }
        return Step(CellVote(AllInFavour(context.cell_official_count)));
      case Stage::kCellApproved:
        if (context.has_intermediate_level) {
          return Step({.action = Action::kIntermediateAppraisal,
                       .date = t.intermediate,
                       .documents = {Doc("7-KNĐ")}});
        }
        if (context.cell_is_grassroots) return Decision();
        return Step({.action = Action::kGrassrootsVote,
                     .date = t.grassroots_vote,
                     .documents = {Doc("8-KNĐ")},
                     .vote = AllInFavour(context.committee_member_count)});
      case Stage::kIntermediateAppraised:
        return Step({.action = Action::kGrassrootsVote,
                     .date = t.grassroots_vote,
                     .documents = {Doc("8-KNĐ")},
                     .vote = AllInFavour(context.committee_member_count)});
      case Stage::kGrassrootsApproved:
        return Decision();
      case Stage::kAdmitted:
        return Step({.action = Action::kCeremony, .date = t.ceremony, .documents = {Doc("BB")}});
      case Stage::kProbation:
        if (!Recorded(Action::kRecordNewMemberCertificate)) {
          if (auto e = Step({.action = Action::kRecordNewMemberCertificate,
                             .date = t.new_member_certificate,
                             .documents = {Doc("GCN", "45-GCN/TTCT")}});
              !e.empty()) {
            return e;
          }
        }
        return Step(RecognitionVote(t.recognition_vote, AllInFavour(context.cell_official_count)));
      case Stage::kRecognitionCellApproved:
        if (context.has_intermediate_level) {
          return Step({.action = Action::kRecognitionIntermediate,
                       .date = t.recognition_intermediate,
                       .documents = {Doc("14-KNĐ")}});
        }
        if (context.cell_is_grassroots) return RecognitionDecision();
        return Step({.action = Action::kRecognitionGrassrootsVote,
                     .date = t.recognition_grassroots_vote,
                     .documents = {Doc("15-KNĐ")},
                     .vote = AllInFavour(context.committee_member_count)});
      case Stage::kRecognitionIntermediateAppraised:
        return Step({.action = Action::kRecognitionGrassrootsVote,
                     .date = t.recognition_grassroots_vote,
                     .documents = {Doc("15-KNĐ")},
                     .vote = AllInFavour(context.committee_member_count)});
      case Stage::kRecognitionGrassrootsApproved:
        return RecognitionDecision();
      default:
        return fmt::format("no standard step from stage {}", StageCode(stage()));
    }
  }

  std::string Decision() {
    return Step({.action = Action::kAdmissionDecision,
                 .date = t.decision,
                 .documents = {Doc("9-KNĐ", "1234-QĐ/TU")},
                 .received_on = t.decision_received});
  }

  std::string RecognitionDecision() {
    return Step({.action = Action::kRecognitionDecision,
                 .date = t.recognition_decision,
                 .documents = {Doc("16-KNĐ", "2345-QĐ/TU")}});
  }
};

}  // namespace ptdv::test
