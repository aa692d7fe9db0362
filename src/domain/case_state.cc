#include "domain/workflow_internal.h"

#include <algorithm>

namespace ptdv::workflow_internal {
// Stage an action moves to (when it moves the stage at all). Context-free part of the table.
std::optional<Stage> TargetStage(Action action) {
  switch (action) {
    case Action::kMarkSympathiser: return Stage::kSympathiser;
    case Action::kRecordCertificate: return Stage::kCertified;  // only from source/sympathiser
    case Action::kOpenDossier: return Stage::kDossier;
    case Action::kCellVote: return Stage::kCellApproved;
    case Action::kIntermediateAppraisal: return Stage::kIntermediateAppraised;
    case Action::kGrassrootsVote: return Stage::kGrassrootsApproved;
    case Action::kAdmissionDecision: return Stage::kAdmitted;
    case Action::kCeremony: return Stage::kProbation;
    case Action::kRecognitionCellVote: return Stage::kRecognitionCellApproved;
    case Action::kRecognitionIntermediate: return Stage::kRecognitionIntermediateAppraised;
    case Action::kRecognitionGrassrootsVote: return Stage::kRecognitionGrassrootsApproved;
    case Action::kRecognitionDecision: return Stage::kOfficial;
    case Action::kWithdraw: return Stage::kWithdrawn;
    case Action::kRejectAdmission: return Stage::kNotAdmitted;
    case Action::kRemoveName: return Stage::kRemoved;
    case Action::kCancelDecision: return Stage::kCancelled;
    default: return std::nullopt;
  }
}

const RuleSet& RuleSetFor(const CaseContext& context, Date date, RuleSet& fallback) {
  auto found = RuleSetInForce(context.rule_sets, date);
  if (found.ok()) {
    fallback = std::move(found).value();
  } else {
    fallback = RuleSet2025();
  }
  return fallback;
}

namespace {

RelativeState* FindRelative(CaseState& state, const CaseEvent& e) {
  for (auto& r : state.relatives) {
    if (r.relation == e.relation && r.name == e.relative_name) return &r;
  }
  return nullptr;
}

}  // namespace

// Applies one event to the state, assuming it was valid when recorded.
void Fold(CaseState& s, const CaseEvent& e, const CaseContext& context) {
  RuleSet scratch;
  switch (e.action) {
    case Action::kMarkSympathiser:
      s.sympathiser_on = e.date;
      if (e.member_person_id) s.helper = e.member_person_id;
      break;
    case Action::kAssignHelper:
      if (e.member_person_id) s.helper = e.member_person_id;
      break;
    case Action::kRecordCertificate:
      s.certificate_date = e.date;
      break;
    case Action::kOpenDossier:
      s.dossier_date = e.date;
      break;
    case Action::kStampBiography:
      s.biography_stamped = e.date;
      break;
    case Action::kRequestVerification: {
      RelativeState* r = FindRelative(s, e);
      if (r == nullptr) {
        s.relatives.push_back({});
        r = &s.relatives.back();
        r->name = e.relative_name;
        r->relation = e.relation.value_or(Relation::kSelf);
      }
      r->is_member = e.relative_is_member;
      r->requested_on = e.date;
      r->replied_on.reset();
      r->finding = r->is_member ? Finding::kClear : Finding::kPending;
      break;
    }
    case Action::kRecordVerificationReply:
      if (RelativeState* r = FindRelative(s, e)) {
        r->replied_on = e.date;
        r->finding = e.finding;
      }
      break;
    case Action::kConcludeVerification:
      s.verification_concluded = e.date;
      break;
    case Action::kAddIntroducer:
      if (e.member_person_id) {
        // A replacement introducer takes the place of an earlier one (R5).
        std::erase_if(s.introducers,
                      [&](const IntroducerState& i) { return i.member == *e.member_person_id; });
        s.introducers.push_back(
            {*e.member_person_id, e.date, e.together_since, e.replacement});
      }
      break;
    case Action::kRecordUnionResolution:
      s.union_resolution = e.date;
      break;
    case Action::kRecordOpinions:
      s.opinions = e.date;
      break;
    case Action::kRecordConsent:
      if (e.consent) s.consents[*e.consent] = e.date;
      break;
    case Action::kCellVote:
      s.cell_vote = e.date;
      break;
    case Action::kIntermediateAppraisal:
      s.intermediate = e.date;
      break;
    case Action::kGrassrootsVote:
      s.grassroots_vote = e.date;
      break;
    case Action::kExtendDecision:
      s.decision_extended = true;
      s.decision_extension = e.extension_working_days;
      break;
    case Action::kAdmissionDecision:
      s.decision = e.date;
      s.decision_received = e.received_on.value_or(e.date);
      break;
    case Action::kCeremony:
      s.ceremony = e.date;
      break;
    case Action::kRecordNewMemberCertificate:
      s.new_member_certificate = e.date;
      break;
    case Action::kRecognitionCellVote: {
      const RuleSet& rules = RuleSetFor(context, e.date, scratch);
      if (e.vote && rules.VotePasses(e.vote->in_favour, e.vote->eligible)) {
        s.recognition_vote = e.date;
      } else if (e.vote && rules.VotePasses(e.vote->against, e.vote->eligible)) {
        // P4: 2/3 against is the cell's proposal to remove the name, not a failed vote.
        s.removal_proposed = true;
      } else {
        ++s.failed_recognition_votes;  // P7: no 2/3 either way
      }
      break;
    }
    case Action::kRecognitionIntermediate:
      s.recognition_intermediate = e.date;
      break;
    case Action::kRecognitionGrassrootsVote:
      s.recognition_grassroots = e.date;
      break;
    case Action::kExtendRecognitionDecision:
      s.recognition_extended = true;
      s.recognition_extension = e.extension_working_days;
      break;
    case Action::kRecognitionDecision: {
      s.recognition_decision = e.date;
      // P6: recognition takes effect at the exact end of probation, even when decided late.
      const RuleSet& rules = RuleSetFor(context, e.date, scratch);
      if (s.ceremony) s.official_date = AddMonths(*s.ceremony, rules.probation_months);
      break;
    }
    case Action::kWithdraw:
    case Action::kRejectAdmission:
    case Action::kRemoveName:
    case Action::kCancelDecision:
      s.closed_on = e.date;
      break;
  }
  // S14: the new member's file is opened at the ceremony or after it, on whichever step carries
  // its forms.
  if (s.ceremony) {
    for (const Document& d : e.documents) {
      if (std::ranges::find(kMemberFileForms, d.form_code) != kMemberFileForms.end()) {
        s.member_file_forms.insert(d.form_code);
      }
    }
  }
  if (auto target = TargetStage(e.action)) {
    bool moves = true;
    if (e.action == Action::kRecordCertificate) {
      moves = s.stage == Stage::kSource || s.stage == Stage::kSympathiser;
    }
    if (e.action == Action::kRecognitionCellVote) moves = s.recognition_vote.has_value();
    if (moves) {
      s.stage = *target;
      // A certificate may predate the step before it (R3 counts from its issue date); the
      // chronology never moves backwards.
      if (!s.last_step_date || *s.last_step_date < e.date) s.last_step_date = e.date;
    }
  }
}

CaseState FoldAll(const CaseHistory& history, const CaseContext& context) {
  CaseState s;
  for (const auto& e : history.events) Fold(s, e, context);
  return s;
}

bool IsOfficialOn(const CaseContext& context, Id member, Date on) {
  auto it = context.member_memberships.find(member);
  if (it == context.member_memberships.end()) return false;
  for (const auto& m : it->second) {
    if (m.kind == MembershipKind::kOfficial && m.ValidOn(on)) return true;
  }
  return false;
}

namespace {

int AgeYears(Date birth, Date on) { return WholeMonthsBetween(birth, on) / 12; }

}  // namespace

bool IsYouth(const RuleSet& rules, const Person& person, Date on) {
  int age = AgeYears(person.birth_date, on);
  return age >= rules.youth_min_age_years && age <= rules.youth_max_age_years;
}

}  // namespace ptdv::workflow_internal
