#pragma once

// The mass organisations of a ward (tổ chức chính trị - xã hội: Mặt trận Tổ quốc, Đoàn Thanh
// niên, Hội Liên hiệp Phụ nữ, Công đoàn, Hội Cựu chiến binh, Hội Nông dân) and its militia
// command (Ban Chỉ huy quân sự): they nominate outstanding people as sources (S0) and give
// their opinions on a case (S7), the Youth Union and the trade union also their introduction
// resolution (S6, 4-KNĐ; R4). Pure: no I/O.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/model.h"

namespace ptdv {

enum class MassOrgKind {
  kFatherlandFront,  // Ủy ban Mặt trận Tổ quốc
  kYouthUnion,       // Đoàn Thanh niên Cộng sản Hồ Chí Minh
  kWomensUnion,      // Hội Liên hiệp Phụ nữ
  kTradeUnion,       // Công đoàn
  kVeterans,         // Hội Cựu chiến binh
  kFarmersUnion,     // Hội Nông dân
  kMilitiaCommand,   // Ban Chỉ huy quân sự
};
// "fatherland_front", "youth_union", "womens_union", "trade_union", "veterans",
// "farmers_union", "militia_command": the CHECK of mass_organisation.kind
// (migrations/*/0019_mass_organisations.sql) lists the same codes: change both together.
std::string_view MassOrgKindCode(MassOrgKind kind);
std::optional<MassOrgKind> MassOrgKindFromCode(std::string_view code);
std::string_view MassOrgKindLabel(MassOrgKind kind);  // Vietnamese

// One organisation of a ward. `org_id` is the ward's party unit (grassroots committee or
// grassroots cell) beside which it works: the scope of its account and of its nominations.
struct MassOrganisation {
  Id id = 0;
  Id org_id = 0;
  MassOrgKind kind = MassOrgKind::kYouthUnion;
  std::string name;  // "Đoàn Thanh niên phường Tây Lộc"
};

enum class NominationStatus { kWaiting, kAccepted, kDeclined };
std::string_view NominationStatusCode(NominationStatus status);  // "waiting", ...
std::optional<NominationStatus> NominationStatusFromCode(std::string_view code);
std::string_view NominationStatusLabel(NominationStatus status);

// A person an organisation recommends as a source (S0). The ward's committee accepts it (the
// person and a case at stage source are created in the cell it chooses) or declines it with a
// reason; either decision is final.
struct Nomination {
  Id id = 0;
  Id mass_organisation_id = 0;
  std::string full_name;
  Date birth_date{};
  Sex sex = Sex::kMale;
  SourceCategory category = SourceCategory::kOther;
  std::string reason;    // why the organisation recommends the person
  std::string evidence;  // achievements, titles, the organisation's own resolution
  Date nominated_on{};
  NominationStatus status = NominationStatus::kWaiting;
  std::optional<Date> decided_on;
  std::string decision_note;  // the reason of a decline
  std::optional<Id> case_id;  // the source case an acceptance opened
  std::string actor;          // login of the organisation's account
  std::string recorded_at;    // ISO timestamp
  std::string decided_by;     // login of the ward's user who decided
  int version = 1;            // optimistic concurrency: every decision increments it
};

enum class OpinionKind {
  kOpinion,          // S7: the organisation's opinion of the applicant (nhận xét)
  kUnionResolution,  // S6 / R4: 4-KNĐ, Youth Union or trade union committee
};
std::string_view OpinionKindCode(OpinionKind kind);  // "opinion", "union_resolution"
std::optional<OpinionKind> OpinionKindFromCode(std::string_view code);
std::string_view OpinionKindLabel(OpinionKind kind);
// The form of an opinion of `kind`: "4-KNĐ" for a union resolution; none for an opinion
// (the cell committee summarises the opinions in its 5-KNĐ).
std::optional<std::string_view> OpinionKindForm(OpinionKind kind);

// Whether an organisation of `org_kind` may give an opinion of `kind`: any organisation an
// opinion; only the Youth Union and the trade union an introduction resolution (R4).
bool MayGive(MassOrgKind org_kind, OpinionKind kind);

struct Opinion {
  Id id = 0;
  Id case_id = 0;
  Id mass_organisation_id = 0;
  OpinionKind kind = OpinionKind::kOpinion;
  Date given_on{};
  std::string content;
  std::string actor;
  std::string recorded_at;
};

// Why an organisation's opinion on a case is expected (S7: "the mass organisations where the
// applicant is active").
enum class OpinionReason {
  kNominated,         // the organisation nominated the person
  kYouthUnionMember,  // the person is a Youth Union member (đoàn viên)
  kTradeUnionMember,  // the person is a trade union member (công đoàn viên)
  kMilitia,           // the case's source category is the militia
};
std::string_view OpinionReasonLabel(OpinionReason reason);  // plain Vietnamese

struct ExpectedOpinion {
  Id mass_organisation_id = 0;
  OpinionKind kind = OpinionKind::kOpinion;
  OpinionReason reason = OpinionReason::kNominated;
};

// What the organisations of the case's ward (`organisations`) are expected to give on a case of
// `category` for `person`, nominated by `nominated_by` (if any), in the order of `organisations`
// and, per organisation, opinion before resolution:
//   - an opinion (S7) from the nominating organisation, the Youth Union when the person is a
//     Youth Union member, the trade union when a trade union member, and the militia command
//     when the case's category is the militia;
//   - the introduction resolution 4-KNĐ (S6, R4) from the Youth Union when the person is a
//     Youth Union member (R4: a member of youth age is introduced by the Youth Union route).
// An organisation is listed once per kind, with the first reason that applies.
std::vector<ExpectedOpinion> ExpectedOpinions(const std::vector<MassOrganisation>& organisations,
                                              const Person& person, SourceCategory category,
                                              std::optional<Id> nominated_by);

// Whether a case at `stage` is open to the organisations' opinions and resolutions: the dossier
// is being compiled (S6-S7), before the cell's vote (S9).
bool OpenToOpinions(Stage stage);

// Whether a case at `stage` counts as having become a member (S12 decision onwards, including
// the probation and official stages; not the exits).
bool BecameMember(Stage stage);

}  // namespace ptdv
