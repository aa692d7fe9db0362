#pragma once

// The domain model: organisations, people, memberships, admission cases and their events.
// Plain data, no I/O. Vietnamese terms are given once, in comments (DOMAIN.md §1-2, §9).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/readmission.h"

namespace ptdv {

using Id = std::int64_t;

// ---------------------------------------------------------------------------------------------
// Organisation tree (DOMAIN §1). Effective-dated: valid_from <= d and (no valid_to or d <= valid_to).

enum class OrgKind {
  kProvincialCommittee,    // cấp ủy trực thuộc Trung ương (Tỉnh ủy)
  kCityCommittee,          // cấp ủy cấp trên trực tiếp (Thành ủy / Huyện ủy): its Ban Thường vụ decides
  kGrassrootsCommittee,    // đảng bộ cơ sở / đảng ủy cơ sở
  kIntermediateCommittee,  // đảng ủy bộ phận
  kCell,                   // chi bộ (under a grassroots or intermediate committee)
  kGrassrootsCell,         // chi bộ cơ sở (a cell that is itself grassroots)
  kPoliticalCentre,        // Trung tâm chính trị
  kOrganisationBoard,      // Ban Tổ chức
};

std::string_view OrgKindCode(OrgKind kind);  // "grassroots_committee", ...
std::optional<OrgKind> OrgKindFromCode(std::string_view code);
std::string_view OrgKindLabel(OrgKind kind);  // Vietnamese

// Whether members (and so admission cases) are held directly by this kind of unit.
bool HoldsMembers(OrgKind kind);

struct Organisation {
  Id id = 0;
  std::optional<Id> parent_id;
  OrgKind kind = OrgKind::kCell;
  std::string code;  // stable, unique: "HUE", "HUE-TAYLOC", "HUE-TAYLOC-CB01"
  std::string name;  // "Đảng ủy phường Tây Lộc"
  // A grassroots committee authorised (được ủy quyền) to decide admissions itself (S12).
  bool authorised_to_admit = false;
  // Members of the committee (cấp ủy) of a grassroots/intermediate committee: S11 denominator.
  int committee_member_count = 0;
  Date valid_from{};
  std::optional<Date> valid_to;
  std::optional<Id> successor_id;

  bool ValidOn(Date d) const { return valid_from <= d && (!valid_to || d <= *valid_to); }
};

// ---------------------------------------------------------------------------------------------
// People (DOMAIN §2).

enum class Sex { kMale, kFemale };

// Phổ thông: highest general education completed (R2).
enum class GeneralEducation {
  kNone,
  kLiteracy,         // biết đọc, biết viết chữ quốc ngữ
  kPrimary,          // tiểu học
  kLowerSecondary,   // THCS
  kUpperSecondary,   // THPT
};

// Occupation / sector of DOMAIN §2, the pivots of the statistics of Hướng dẫn 11-HD/BTCTW.
enum class Occupation {
  kCivilServant,           // cán bộ, công chức
  kPublicEmployee,         // viên chức
  kBusinessEmployee,       // người lao động trong doanh nghiệp nhà nước
  kWorker,                 // công nhân
  kFarmer,                 // nông dân
  kStudent,                // học sinh, sinh viên
  kTeacher,                // giáo viên
  kArmedForces,            // quân đội, công an
  kMilitia,                // dân quân
  kPrivateEnterpriseEmployee,  // lao động doanh nghiệp tư nhân
  kFdiEmployee,            // lao động doanh nghiệp FDI
  kPrivateBusinessOwner,   // chủ doanh nghiệp tư nhân
  kOther,
};

enum class WorkplaceType { kState, kPrivate, kFdi, kHousehold, kNone };

std::string_view SexCode(Sex v);
std::optional<Sex> SexFromCode(std::string_view code);
std::string_view GeneralEducationCode(GeneralEducation v);
std::optional<GeneralEducation> GeneralEducationFromCode(std::string_view code);
std::string_view GeneralEducationLabel(GeneralEducation v);
std::string_view OccupationCode(Occupation v);
std::optional<Occupation> OccupationFromCode(std::string_view code);
std::string_view OccupationLabel(Occupation v);
std::string_view WorkplaceTypeCode(WorkplaceType v);
std::optional<WorkplaceType> WorkplaceTypeFromCode(std::string_view code);

struct Person {
  Id id = 0;
  std::string full_name;   // "Nguyễn Văn Đức", NFC
  std::string search_key;  // "nguyen van duc" (domain/search_key.h)
  Sex sex = Sex::kMale;
  Date birth_date{};
  std::string ethnicity = "Kinh";
  std::string religion;  // empty = none
  GeneralEducation general_education = GeneralEducation::kUpperSecondary;
  std::string professional_education;  // "Đại học", "Cao đẳng", ...
  Occupation occupation = Occupation::kOther;
  WorkplaceType workplace_type = WorkplaceType::kNone;
  bool youth_union_member = false;   // đoàn viên
  bool trade_union_member = false;   // công đoàn viên
  // Sensitive: shown only to roles that need them.
  std::string id_number;  // CCCD
  std::string phone;
  std::string address;
  // The unit that keeps the person's record (their cell or grassroots organisation).
  Id org_id = 0;
  int version = 1;  // optimistic concurrency: every update increments it
  // R15: the person was a party member before (đã từng là đảng viên); sensitive.
  std::optional<PreviousMembership> previous_membership;
};

// A party membership period in a cell. Official counts per cell on a date are the S9/P4
// denominators and come from these rows.
enum class MembershipKind { kProbationary, kOfficial };

struct Membership {
  Id id = 0;
  Id person_id = 0;
  Id org_id = 0;  // the cell (or grassroots cell)
  MembershipKind kind = MembershipKind::kOfficial;
  Date valid_from{};
  std::optional<Date> valid_to;  // inclusive; none = still current

  bool ValidOn(Date d) const { return valid_from <= d && (!valid_to || d <= *valid_to); }
};

// ---------------------------------------------------------------------------------------------
// Admission cases (DOMAIN §4-5). One case per person per admission attempt.

// Where the case stands. Ordered: a later stage is further along the procedure.
enum class Stage {
  kSource,                   // S0 quần chúng ưu tú (nguồn)
  kSympathiser,              // S0 cảm tình Đảng, helper assigned
  kCertified,                // S1 awareness-class certificate recorded
  kDossier,                  // S2-S8 hồ sơ đề nghị kết nạp being compiled
  kCellApproved,             // S9 chi bộ xét, đề nghị kết nạp (passed)
  kIntermediateAppraised,    // S10 đảng ủy bộ phận thẩm định
  kGrassrootsApproved,       // S11 đảng ủy cơ sở xét, đề nghị
  kAdmitted,                 // S12 quyết định kết nạp issued, awaiting the ceremony
  kProbation,                // S13 lễ kết nạp held; P1 12 months of probation
  kRecognitionCellApproved,  // P4 chi bộ xét công nhận chính thức
  kRecognitionIntermediateAppraised,  // P3 14-KNĐ
  kRecognitionGrassrootsApproved,     // P3 15-KNĐ
  kOfficial,                 // P6 đảng viên chính thức
  // Exits.
  kWithdrawn,     // rút khỏi nguồn / không tiếp tục
  kNotAdmitted,   // không được kết nạp
  kRemoved,       // xóa tên trong danh sách đảng viên dự bị (P1, P8)
  kCancelled,     // quyết định kết nạp bị hủy
};

std::string_view StageCode(Stage s);
std::optional<Stage> StageFromCode(std::string_view code);
std::string_view StageLabel(Stage s);  // Vietnamese, DOMAIN §9
bool IsClosed(Stage s);

// What a user records on a case. Some actions move the stage; others add facts to the dossier.
enum class Action {
  kMarkSympathiser,        // S0: cell resolution puts the source on the sympathiser list; helper
  kAssignHelper,           // S0/P2: (re)assign the helping member
  kRecordCertificate,      // S1 / R3: awareness-class certificate
  kOpenDossier,            // S2-S3: application 1-KNĐ and biography 2-KNĐ received
  kStampBiography,         // S4: grassroots committee edge-stamps the biography
  kRequestVerification,    // S5 / R7: 20-KNĐ to a relative's place
  kRecordVerificationReply,  // S5 / R7: reply for one relative
  kConcludeVerification,   // S5: grassroots committee certifies the biography
  kAddIntroducer,          // S6 / R4-R5: 3-KNĐ
  kRecordUnionResolution,  // S6 / R4: 4-KNĐ
  kRecordOpinions,         // S7: 5-KNĐ
  kRecordConsent,          // R1a / R2: a provincial consent or a recorded education exception
  kCellVote,               // S9: 6-KNĐ and minutes
  kIntermediateAppraisal,  // S10: 7-KNĐ
  kGrassrootsVote,         // S11: 8-KNĐ
  kExtendDecision,         // S12: once, <= 30 working days
  kAdmissionDecision,      // S12: 9-KNĐ
  kCeremony,               // S13
  kRecordNewMemberCertificate,  // P2
  kRecognitionCellVote,    // P4: 13-KNĐ (with 10-, 11-, 12-KNĐ)
  kRecognitionIntermediate,  // P3: 14-KNĐ
  kRecognitionGrassrootsVote,  // P3: 15-KNĐ
  kExtendRecognitionDecision,  // P5: once, <= 30 working days
  kRecognitionDecision,    // P5 / P6: 16-KNĐ
  kWithdraw,
  kRejectAdmission,        // không kết nạp
  kRemoveName,             // xóa tên (P1, P4, P8)
  kCancelDecision,         // hủy quyết định kết nạp
};

std::string_view ActionCode(Action a);
std::optional<Action> ActionFromCode(std::string_view code);
std::string_view ActionLabel(Action a);  // Vietnamese

// A document on the dossier: a form of Hướng dẫn 12-HD/BTCTW ("6-KNĐ") with its number and date.
struct Document {
  std::string form_code;  // "1-KNĐ" ... "20-KNĐ", "GCN-NT" (certificate), "BB" (minutes)
  std::string number;     // "12-NQ/CB"
  std::optional<Date> date;
  std::string issuer;     // "Trung tâm Chính trị thành phố Huế"
};

// A vote. `eligible` is the denominator the rule names: the cell's official members (S9, P4)
// or the committee's members (S11). Absentees count against (they are not in favour).
struct Vote {
  int eligible = 0;
  int present = 0;
  int in_favour = 0;
  int against = 0;
};

enum class Relation { kSelf, kFather, kMother, kParentInLaw, kGuardian, kSpouse, kChild };
std::string_view RelationCode(Relation r);
std::optional<Relation> RelationFromCode(std::string_view code);
std::string_view RelationLabel(Relation r);

enum class Finding { kPending, kClear, kPoliticalIssue };
std::string_view FindingCode(Finding f);
std::optional<Finding> FindingFromCode(std::string_view code);

enum class ConsentKind {
  kOver60,              // R1a: prior written consent of the provincial Ban Thường vụ
  kEducationException,  // R2: disadvantaged area / fishermen / village elders
  kLateCeremony,        // S13: the superior committee agrees to a late ceremony
  kNoYouthUnion,        // R4: no Youth Union where the applicant is, member route allowed
};
std::string_view ConsentKindCode(ConsentKind k);
std::optional<ConsentKind> ConsentKindFromCode(std::string_view code);

// Replacement introducer (R5): exempt from the 12 months together.
enum class Replacement { kNo, kYes };

// One recorded event. Fields beyond the common ones are set by the actions that need them.
struct CaseEvent {
  Id id = 0;
  Id case_id = 0;
  int seq = 0;  // 1, 2, ... within the case
  Action action = Action::kMarkSympathiser;
  Date date{};  // the date of the act (meeting, decision, letter), not of data entry
  std::string actor;        // user login
  std::string recorded_at;  // ISO timestamp of entry
  std::vector<Document> documents;
  std::optional<Vote> vote;
  std::optional<Id> member_person_id;  // helper or introducer (a party member)
  std::optional<Date> together_since;  // R5: worked/studied/lived with the applicant since
  Replacement replacement = Replacement::kNo;
  // Verification (R7): one relative per request/reply.
  std::string relative_name;
  std::optional<Relation> relation;
  bool relative_is_member = false;  // a fully declared party member is exempt
  Finding finding = Finding::kPending;
  std::optional<ConsentKind> consent;
  std::optional<Date> received_on;  // S13: the date the cell received the decision
  int extension_working_days = 0;   // S12 / P5 extensions
  std::string note;
};

// Source categories the Huế conference singles out, and the rest (DOMAIN §2, §7).
enum class SourceCategory {
  kTeacher,
  kStudent,      // học sinh, sinh viên
  kMilitia,      // dân quân
  kYouthUnion,   // đoàn viên
  kWorker,
  kPrivateEnterprise,
  kCivilServant,
  kOther,
};
std::string_view SourceCategoryCode(SourceCategory c);
std::optional<SourceCategory> SourceCategoryFromCode(std::string_view code);
std::string_view SourceCategoryLabel(SourceCategory c);

struct Case {
  Id id = 0;
  Id person_id = 0;
  Id cell_id = 0;  // the cell that proposes the person
  SourceCategory category = SourceCategory::kOther;
  Stage stage = Stage::kSource;
  Date opened_on{};
  int version = 1;  // optimistic concurrency: every change increments it
  // Projection of key dates kept on the row for lists, deadlines and reports (the events are
  // the source of truth; service/case_service keeps these in step in the same transaction).
  std::optional<Date> certificate_date;
  std::optional<Date> dossier_date;
  std::optional<Date> cell_vote_date;
  std::optional<Date> decision_date;
  std::optional<Date> ceremony_date;
  std::optional<Date> official_date;
  std::optional<Date> closed_on;
  std::optional<Date> next_deadline;  // earliest open deadline, for fast "overdue" lists
  std::string next_deadline_rule;     // its rule code
};

}  // namespace ptdv
