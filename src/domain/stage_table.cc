#include "domain/workflow_internal.h"

namespace ptdv {
namespace workflow_internal {

// ---------------------------------------------------------------------------------------------
// Stage table.

bool AllowedAtStage(Action action, Stage st) {
  switch (action) {
    case Action::kMarkSympathiser: return st == Stage::kSource;
    // S0: the cell assigns a helper to a source as well as to a sympathiser (the resolution that
    // lists a sympathiser names one too); P2: and to a probationary member.
    case Action::kAssignHelper:
      return !IsClosed(st);
    case Action::kRecordCertificate:
      return st == Stage::kSource || st == Stage::kSympathiser || st == Stage::kCertified ||
             st == Stage::kDossier;
    case Action::kOpenDossier: return st == Stage::kCertified;
    case Action::kStampBiography:
    case Action::kRequestVerification:
    case Action::kRecordVerificationReply:
    case Action::kConcludeVerification:
    case Action::kAddIntroducer:
    case Action::kRecordUnionResolution:
    case Action::kRecordOpinions:
    case Action::kCellVote:
      return st == Stage::kDossier;
    case Action::kRecordConsent:
      return st == Stage::kSource || st == Stage::kSympathiser || st == Stage::kCertified ||
             st == Stage::kDossier || st == Stage::kAdmitted;
    case Action::kIntermediateAppraisal: return st == Stage::kCellApproved;
    case Action::kGrassrootsVote:
      return st == Stage::kCellApproved || st == Stage::kIntermediateAppraised;
    case Action::kExtendDecision:
    case Action::kRejectAdmission:
      return st == Stage::kCellApproved || st == Stage::kIntermediateAppraised ||
             st == Stage::kGrassrootsApproved || (action == Action::kRejectAdmission &&
                                                  st == Stage::kDossier);
    case Action::kAdmissionDecision:
      return st == Stage::kGrassrootsApproved || st == Stage::kCellApproved;
    case Action::kCeremony: return st == Stage::kAdmitted;
    case Action::kRecordNewMemberCertificate:
    case Action::kRecognitionCellVote:
      return st == Stage::kProbation;
    case Action::kRecognitionIntermediate: return st == Stage::kRecognitionCellApproved;
    case Action::kRecognitionGrassrootsVote:
      return st == Stage::kRecognitionCellApproved ||
             st == Stage::kRecognitionIntermediateAppraised;
    case Action::kExtendRecognitionDecision:
      return st == Stage::kRecognitionCellApproved ||
             st == Stage::kRecognitionIntermediateAppraised ||
             st == Stage::kRecognitionGrassrootsApproved;
    case Action::kRecognitionDecision:
      return st == Stage::kRecognitionGrassrootsApproved ||
             st == Stage::kRecognitionCellApproved || st == Stage::kProbation;
    case Action::kWithdraw:
      return st == Stage::kSource || st == Stage::kSympathiser || st == Stage::kCertified ||
             st == Stage::kDossier;
    case Action::kRemoveName:
      return st == Stage::kProbation || st == Stage::kRecognitionCellApproved ||
             st == Stage::kRecognitionIntermediateAppraised ||
             st == Stage::kRecognitionGrassrootsApproved;
    case Action::kCancelDecision:
      return st == Stage::kAdmitted || st == Stage::kProbation ||
             st == Stage::kRecognitionCellApproved ||
             st == Stage::kRecognitionIntermediateAppraised ||
             st == Stage::kRecognitionGrassrootsApproved || st == Stage::kOfficial;
  }
  return false;
}


// Case-specific refinements of the stage table (levels that exist, P7 escalation, once-only).
bool AllowedFor(Action action, const CaseState& s, const CaseContext& context,
                const RuleSet& rules) {
  if (!AllowedAtStage(action, s.stage)) return false;
  switch (action) {
    case Action::kIntermediateAppraisal:
    case Action::kRecognitionIntermediate:
      return context.has_intermediate_level;
    case Action::kGrassrootsVote:
      if (context.cell_is_grassroots) return false;
      return s.stage == Stage::kIntermediateAppraised || !context.has_intermediate_level;
    case Action::kRecognitionGrassrootsVote:
      if (context.cell_is_grassroots) return false;
      return s.stage == Stage::kRecognitionIntermediateAppraised ||
             !context.has_intermediate_level;
    case Action::kAdmissionDecision:
      return s.stage == Stage::kGrassrootsApproved ||
             (s.stage == Stage::kCellApproved && context.cell_is_grassroots);
    case Action::kRecognitionDecision:
      if (s.stage == Stage::kProbation) {
        return s.failed_recognition_votes >= rules.max_failed_recognition_votes;  // P7
      }
      return s.stage == Stage::kRecognitionGrassrootsApproved ||
             (s.stage == Stage::kRecognitionCellApproved && context.cell_is_grassroots);
    case Action::kRecognitionCellVote:
      return s.failed_recognition_votes < rules.max_failed_recognition_votes;
    case Action::kExtendDecision: return !s.decision_extended;
    case Action::kExtendRecognitionDecision: return !s.recognition_extended;
    default: return true;
  }
}

}  // namespace workflow_internal

using workflow_internal::AllowedAtStage;
using workflow_internal::kAllActions;

std::vector<Action> ActionsAtStage(Stage stage) {
  std::vector<Action> out;
  for (Action a : kAllActions) {
    if (AllowedAtStage(a, stage)) out.push_back(a);
  }
  return out;
}

std::string_view ExpectedForm(Action action) {
  switch (action) {
    case Action::kOpenDossier: return "1-KNĐ";
    case Action::kRequestVerification: return "20-KNĐ";
    case Action::kAddIntroducer: return "3-KNĐ";
    case Action::kRecordUnionResolution: return "4-KNĐ";
    case Action::kRecordOpinions: return "5-KNĐ";
    case Action::kCellVote: return "6-KNĐ";
    case Action::kIntermediateAppraisal: return "7-KNĐ";
    case Action::kGrassrootsVote: return "8-KNĐ";
    case Action::kAdmissionDecision: return "9-KNĐ";
    case Action::kRecognitionCellVote: return "13-KNĐ";
    case Action::kRecognitionIntermediate: return "14-KNĐ";
    case Action::kRecognitionGrassrootsVote: return "15-KNĐ";
    case Action::kRecognitionDecision: return "16-KNĐ";
    default: return "";
  }
}

std::span<const std::string_view> EventFields(Action action) {
  using F = std::string_view;
  static constexpr F kPlain[] = {"date", "documents", "note"};
  static constexpr F kHelper[] = {"date", "documents", "note", "member_person_id"};
  static constexpr F kRequest[] = {"date", "documents", "note", "relative_name", "relation",
                                   "relative_is_member"};
  static constexpr F kReply[] = {"date", "documents", "note", "relative_name", "relation",
                                 "relative_is_member", "finding"};
  static constexpr F kIntroducer[] = {"date", "documents", "note", "member_person_id",
                                      "together_since", "replacement"};
  static constexpr F kConsent[] = {"date", "documents", "note", "consent"};
  static constexpr F kVote[] = {"date", "documents", "note", "vote"};
  static constexpr F kExtension[] = {"date", "documents", "note", "extension_working_days"};
  static constexpr F kDecision[] = {"date", "documents", "note", "received_on"};
  switch (action) {
    case Action::kMarkSympathiser:
    case Action::kAssignHelper:
      return kHelper;
    case Action::kRequestVerification:
      return kRequest;
    case Action::kRecordVerificationReply:
      return kReply;
    case Action::kAddIntroducer:
      return kIntroducer;
    case Action::kRecordConsent:
      return kConsent;
    case Action::kCellVote:
    case Action::kGrassrootsVote:
    case Action::kRecognitionCellVote:
    case Action::kRecognitionGrassrootsVote:
      return kVote;
    case Action::kExtendDecision:
    case Action::kExtendRecognitionDecision:
      return kExtension;
    case Action::kAdmissionDecision:
      return kDecision;
    default:
      return kPlain;
  }
}

}  // namespace ptdv
