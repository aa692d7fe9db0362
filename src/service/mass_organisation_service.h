#pragma once

// Use cases of the ward's mass organisations (domain/mass_organisation.h): the ward's side —
// their list with what each achieved, opening one, the nominations waiting for a decision,
// accepting one into the pool of sources (S0) or declining it with a reason, and the opinions
// expected and given on a case (S6, S7) — and the organisation's own side — its nominations, the
// cases on which its opinion is asked and giving it. Each use case is one transaction; every
// write is authorised and audited in it.
//
// What a mass organisation's account sees (Role::kMassOrganisation, permission kNominate only):
// its own organisation and nominations, and for the cases of its ward on which its opinion is
// expected only the person's name and birth year, the cell and the stage. Never a case file,
// another organisation's nominations, or anything outside its ward.

#include <optional>
#include <string>
#include <vector>

#include "domain/mass_organisation.h"
#include "service/actor.h"
#include "service/clock.h"
#include "service/org_service.h"
#include "storage/store.h"

namespace ptdv {

struct MassOrganisationStats {
  MassOrganisation organisation;
  Organisation unit;  // the ward's party unit
  int nominated = 0;
  int waiting = 0;
  int accepted = 0;
  int declined = 0;
  int became_members = 0;  // accepted nominations whose case reached the admission decision
  int opinions_given = 0;
};

struct MassOrganisationList {
  Organisation org;
  std::vector<MassOrganisationStats> items;  // the organisations of the unit's subtree
};

struct NominationRow {
  Nomination nomination;
  MassOrganisation organisation;
  Organisation unit;
  std::optional<Case> source_case;   // the case an acceptance opened
  std::optional<Organisation> cell;  // its cell
};

struct NominationInput {
  std::string full_name;
  Date birth_date{};
  Sex sex = Sex::kMale;
  SourceCategory category = SourceCategory::kOther;
  std::string reason;
  std::string evidence;
  Date nominated_on{};
};

struct OpinionRow {
  Opinion opinion;
  MassOrganisation organisation;
  Organisation unit;
};

struct CaseOpinionLine {
  MassOrganisation organisation;
  Organisation unit;
  OpinionKind kind = OpinionKind::kOpinion;
  std::optional<OpinionReason> reason;  // none: given without being expected
  std::optional<Opinion> opinion;       // none: still missing
};

struct CaseOpinions {
  Case header;
  std::vector<CaseOpinionLine> lines;  // expected first (domain order), then the others given
  int missing = 0;                     // expected lines without an opinion
};

struct OpinionRequest {
  Case header;
  std::string full_name;
  int birth_year = 0;
  Organisation cell;
  std::vector<CaseOpinionLine> lines;  // this organisation's expected lines
};

struct OpinionRequests {
  MassOrganisation organisation;
  Organisation unit;
  std::vector<OpinionRequest> items;  // by cell code, then name
};

// Thread-safe if the Store is; holds no mutable state of its own.
class MassOrganisationService {
 public:
  // Everything must outlive the service.
  MassOrganisationService(Store& store, const Clock& clock);

  // --- the ward's side ---
  // The organisations of the subtree of the unit `which` names, with what each achieved
  // (read_cases). Errors as ChosenOrganisation.
  Result<MassOrganisationList> List(const Actor& actor, const OrgChoice& which);
  // Opens an organisation of `kind` beside the unit `which` names (manage_users: the ward's
  // staff open its organisations' accounts). kInvalid for a unit that is no grassroots
  // committee or grassroots cell, or a name empty or over 200 characters; kConflict when the
  // unit has one of that kind. Audited "mass_organisation.create".
  Result<MassOrganisationStats> Create(const Actor& actor, const OrgChoice& which, MassOrgKind kind,
                                       std::string name);
  // The nominations of the organisations of the subtree of `which` (read_cases), newest first,
  // only those of `status` when given.
  Result<std::vector<NominationRow>> Nominations(const Actor& actor, const OrgChoice& which,
                                                 std::optional<NominationStatus> status);
  // Accepts a waiting nomination (write_people): in one transaction, the person (an existing
  // person of the ward with the same name and birth date, else a new one kept by the cell) and
  // a case at stage source (S0) in the cell `cell` names, of the nomination's category, opened
  // on `accepted_on`. kNotFound for a nomination outside the scope; kConflict when it was
  // decided already (or meanwhile) or the person has an open case; kInvalid for a cell outside
  // the organisation's ward, a date in the future or before the nomination. Audited
  // "person.create" (when new), "case.open" and "nomination.accept".
  Result<NominationRow> Accept(const Actor& actor, Id nomination_id, const OrgChoice& cell,
                               Date accepted_on);
  // Declines a waiting nomination with `reason` (required, at most 2,000 characters; write_people).
  // Errors as Accept. Audited "nomination.decline".
  Result<NominationRow> Decline(const Actor& actor, Id nomination_id, std::string reason,
                                Date declined_on);
  // The opinions expected and given on the case (read_cases). kNotFound outside the scope.
  Result<CaseOpinions> OpinionsOn(const Actor& actor, Id case_id);

  // --- the organisation's own side (nominate) ---
  // kForbidden for any actor that is not a mass organisation's account.
  Result<MassOrganisationStats> Mine(const Actor& actor);
  Result<std::vector<NominationRow>> MyNominations(const Actor& actor);
  // kInvalid (naming the field) for an empty name or reason, a birth date before 1900 or in the
  // future, a nomination date in the future, a reason or evidence over 2,000 / 4,000
  // characters. Audited "nomination.create".
  Result<NominationRow> Nominate(const Actor& actor, const NominationInput& input);
  // The ward's cases at stage dossier (S6-S7) on which the organisation's opinion is expected.
  Result<OpinionRequests> MyOpinionRequests(const Actor& actor);
  // Gives the organisation's opinion or resolution on the case. kNotFound for a case outside
  // the ward; kConflict when the case is past the stage of opinions (OpenToOpinions) or the
  // organisation already gave that kind; kForbidden when its opinion of that kind is not
  // expected on the case (R4 for a resolution); kInvalid for empty content (at most 4,000
  // characters) or a date in the future or before the case was opened. Audited "case.opinion".
  Result<OpinionRow> GiveOpinion(const Actor& actor, Id case_id, OpinionKind kind, Date given_on,
                                 std::string content);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace ptdv
