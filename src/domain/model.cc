#include "domain/model.h"

#include <array>
#include <utility>

namespace ptdv {
namespace {

// One row per enumerator: its stable code (storage, API, CLI) and its Vietnamese label.
template <typename E>
struct Entry {
  E value;
  std::string_view code;
  std::string_view label;
};

template <typename E, std::size_t N>
std::string_view CodeOf(const std::array<Entry<E>, N>& table, E value) {
  for (const auto& e : table) {
    if (e.value == value) return e.code;
  }
  return {};
}

template <typename E, std::size_t N>
std::string_view LabelOf(const std::array<Entry<E>, N>& table, E value) {
  for (const auto& e : table) {
    if (e.value == value) return e.label;
  }
  return {};
}

template <typename E, std::size_t N>
std::optional<E> FromCode(const std::array<Entry<E>, N>& table, std::string_view code) {
  for (const auto& e : table) {
    if (e.code == code) return e.value;
  }
  return std::nullopt;
}

constexpr std::array<Entry<OrgKind>, 8> kOrgKinds{{
    {OrgKind::kProvincialCommittee, "provincial_committee", "Tỉnh ủy"},
    {OrgKind::kCityCommittee, "city_committee", "Thành ủy, huyện ủy"},
    {OrgKind::kGrassrootsCommittee, "grassroots_committee", "Đảng bộ cơ sở"},
    {OrgKind::kIntermediateCommittee, "intermediate_committee", "Đảng ủy bộ phận"},
    {OrgKind::kCell, "cell", "Chi bộ"},
    {OrgKind::kGrassrootsCell, "grassroots_cell", "Chi bộ cơ sở"},
    {OrgKind::kPoliticalCentre, "political_centre", "Trung tâm chính trị"},
    {OrgKind::kOrganisationBoard, "organisation_board", "Ban Tổ chức"},
}};

constexpr std::array<Entry<Sex>, 2> kSexes{{
    {Sex::kMale, "male", "Nam"},
    {Sex::kFemale, "female", "Nữ"},
}};

constexpr std::array<Entry<GeneralEducation>, 5> kEducations{{
    {GeneralEducation::kNone, "none", "Chưa biết chữ"},
    {GeneralEducation::kLiteracy, "literacy", "Biết đọc, biết viết"},
    {GeneralEducation::kPrimary, "primary", "Tiểu học"},
    {GeneralEducation::kLowerSecondary, "lower_secondary", "Trung học cơ sở"},
    {GeneralEducation::kUpperSecondary, "upper_secondary", "Trung học phổ thông"},
}};

constexpr std::array<Entry<Occupation>, 13> kOccupations{{
    {Occupation::kCivilServant, "civil_servant", "Cán bộ, công chức"},
    {Occupation::kPublicEmployee, "public_employee", "Viên chức"},
    {Occupation::kBusinessEmployee, "business_employee", "Người lao động doanh nghiệp nhà nước"},
    {Occupation::kWorker, "worker", "Công nhân"},
    {Occupation::kFarmer, "farmer", "Nông dân"},
    {Occupation::kStudent, "student", "Học sinh, sinh viên"},
    {Occupation::kTeacher, "teacher", "Giáo viên"},
    {Occupation::kArmedForces, "armed_forces", "Quân đội, công an"},
    {Occupation::kMilitia, "militia", "Dân quân"},
    {Occupation::kPrivateEnterpriseEmployee, "private_enterprise_employee",
     "Người lao động doanh nghiệp tư nhân"},
    {Occupation::kFdiEmployee, "fdi_employee", "Người lao động doanh nghiệp có vốn nước ngoài"},
    {Occupation::kPrivateBusinessOwner, "private_business_owner", "Chủ doanh nghiệp tư nhân"},
    {Occupation::kOther, "other", "Khác"},
}};

constexpr std::array<Entry<WorkplaceType>, 5> kWorkplaces{{
    {WorkplaceType::kState, "state", "Nhà nước"},
    {WorkplaceType::kPrivate, "private", "Tư nhân"},
    {WorkplaceType::kFdi, "fdi", "Có vốn đầu tư nước ngoài"},
    {WorkplaceType::kHousehold, "household", "Hộ gia đình"},
    {WorkplaceType::kNone, "none", "Không"},
}};

constexpr std::array<Entry<Stage>, 17> kStages{{
    {Stage::kSource, "source", "Quần chúng ưu tú (nguồn)"},
    {Stage::kSympathiser, "sympathiser", "Cảm tình Đảng"},
    {Stage::kCertified, "certified", "Đã học lớp bồi dưỡng nhận thức về Đảng"},
    {Stage::kDossier, "dossier", "Lập hồ sơ đề nghị kết nạp"},
    {Stage::kCellApproved, "cell_approved", "Chi bộ đã xét, đề nghị kết nạp"},
    {Stage::kIntermediateAppraised, "intermediate_appraised", "Đảng ủy bộ phận đã thẩm định"},
    {Stage::kGrassrootsApproved, "grassroots_approved", "Đảng ủy cơ sở đã xét, đề nghị"},
    {Stage::kAdmitted, "admitted", "Đã có quyết định kết nạp"},
    {Stage::kProbation, "probation", "Đảng viên dự bị"},
    {Stage::kRecognitionCellApproved, "recognition_cell_approved",
     "Chi bộ đã xét, đề nghị công nhận chính thức"},
    {Stage::kRecognitionIntermediateAppraised, "recognition_intermediate_appraised",
     "Đảng ủy bộ phận đã thẩm định công nhận chính thức"},
    {Stage::kRecognitionGrassrootsApproved, "recognition_grassroots_approved",
     "Đảng ủy cơ sở đã đề nghị công nhận chính thức"},
    {Stage::kOfficial, "official", "Đảng viên chính thức"},
    {Stage::kWithdrawn, "withdrawn", "Dừng theo dõi"},
    {Stage::kNotAdmitted, "not_admitted", "Không được kết nạp"},
    {Stage::kRemoved, "removed", "Xóa tên trong danh sách đảng viên dự bị"},
    {Stage::kCancelled, "cancelled", "Hủy quyết định kết nạp"},
}};

constexpr std::array<Entry<Action>, 28> kActions{{
    {Action::kMarkSympathiser, "mark_sympathiser", "Đưa vào danh sách cảm tình Đảng"},
    {Action::kAssignHelper, "assign_helper", "Phân công đảng viên giúp đỡ"},
    {Action::kRecordCertificate, "record_certificate",
     "Ghi nhận giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng"},
    {Action::kOpenDossier, "open_dossier", "Nhận đơn xin vào Đảng và lý lịch"},
    {Action::kStampBiography, "stamp_biography", "Đảng ủy cơ sở đóng dấu giáp lai lý lịch"},
    {Action::kRequestVerification, "request_verification", "Gửi công văn thẩm tra lý lịch"},
    {Action::kRecordVerificationReply, "record_verification_reply",
     "Ghi nhận kết quả thẩm tra lý lịch"},
    {Action::kConcludeVerification, "conclude_verification", "Kết luận thẩm tra lý lịch"},
    {Action::kAddIntroducer, "add_introducer", "Ghi nhận người giới thiệu"},
    {Action::kRecordUnionResolution, "record_union_resolution",
     "Ghi nhận nghị quyết giới thiệu của Đoàn / Công đoàn"},
    {Action::kRecordOpinions, "record_opinions", "Tổng hợp ý kiến nhận xét"},
    {Action::kRecordConsent, "record_consent", "Ghi nhận văn bản đồng ý / căn cứ ngoại lệ"},
    {Action::kCellVote, "cell_vote", "Chi bộ xét, đề nghị kết nạp"},
    {Action::kIntermediateAppraisal, "intermediate_appraisal", "Đảng ủy bộ phận thẩm định"},
    {Action::kGrassrootsVote, "grassroots_vote", "Đảng ủy cơ sở xét, đề nghị"},
    {Action::kExtendDecision, "extend_decision", "Gia hạn thời gian ra quyết định kết nạp"},
    {Action::kAdmissionDecision, "admission_decision", "Quyết định kết nạp"},
    {Action::kCeremony, "ceremony", "Lễ kết nạp"},
    {Action::kRecordNewMemberCertificate, "record_new_member_certificate",
     "Ghi nhận chứng nhận lớp bồi dưỡng lý luận chính trị cho đảng viên mới"},
    {Action::kRecognitionCellVote, "recognition_cell_vote",
     "Chi bộ xét, đề nghị công nhận đảng viên chính thức"},
    {Action::kRecognitionIntermediate, "recognition_intermediate",
     "Đảng ủy bộ phận thẩm định công nhận chính thức"},
    {Action::kRecognitionGrassrootsVote, "recognition_grassroots_vote",
     "Đảng ủy cơ sở xét, đề nghị công nhận chính thức"},
    {Action::kExtendRecognitionDecision, "extend_recognition_decision",
     "Gia hạn thời gian ra quyết định công nhận chính thức"},
    {Action::kRecognitionDecision, "recognition_decision", "Công nhận đảng viên chính thức"},
    {Action::kWithdraw, "withdraw", "Dừng theo dõi"},
    {Action::kRejectAdmission, "reject_admission", "Không kết nạp"},
    {Action::kRemoveName, "remove_name", "Xóa tên trong danh sách đảng viên dự bị"},
    {Action::kCancelDecision, "cancel_decision", "Hủy quyết định kết nạp"},
}};

constexpr std::array<Entry<Relation>, 7> kRelations{{
    {Relation::kSelf, "self", "Bản thân"},
    {Relation::kFather, "father", "Cha"},
    {Relation::kMother, "mother", "Mẹ"},
    {Relation::kParentInLaw, "parent_in_law", "Cha, mẹ vợ (chồng)"},
    {Relation::kGuardian, "guardian", "Người nuôi dưỡng"},
    {Relation::kSpouse, "spouse", "Vợ (chồng)"},
    {Relation::kChild, "child", "Con"},
}};

constexpr std::array<Entry<Finding>, 3> kFindings{{
    {Finding::kPending, "pending", "Chưa có kết quả"},
    {Finding::kClear, "clear", "Không có vấn đề"},
    {Finding::kPoliticalIssue, "political_issue", "Có vấn đề chính trị"},
}};

constexpr std::array<Entry<ConsentKind>, 4> kConsents{{
    {ConsentKind::kOver60, "over_60", "Ban Thường vụ Tỉnh ủy đồng ý kết nạp người trên 60 tuổi"},
    {ConsentKind::kEducationException, "education_exception",
     "Căn cứ ngoại lệ về trình độ học vấn"},
    {ConsentKind::kLateCeremony, "late_ceremony", "Cấp ủy cấp trên đồng ý tổ chức lễ kết nạp muộn"},
    {ConsentKind::kNoYouthUnion, "no_youth_union", "Nơi không có tổ chức Đoàn"},
}};

constexpr std::array<Entry<SourceCategory>, 8> kCategories{{
    {SourceCategory::kTeacher, "teacher", "Giáo viên"},
    {SourceCategory::kStudent, "student", "Học sinh, sinh viên"},
    {SourceCategory::kMilitia, "militia", "Dân quân"},
    {SourceCategory::kYouthUnion, "youth_union", "Đoàn viên"},
    {SourceCategory::kWorker, "worker", "Công nhân, người lao động"},
    {SourceCategory::kPrivateEnterprise, "private_enterprise", "Doanh nghiệp ngoài nhà nước"},
    {SourceCategory::kCivilServant, "civil_servant", "Cán bộ, công chức, viên chức"},
    {SourceCategory::kOther, "other", "Khác"},
}};

}  // namespace

std::string_view OrgKindCode(OrgKind v) { return CodeOf(kOrgKinds, v); }
std::optional<OrgKind> OrgKindFromCode(std::string_view c) { return FromCode(kOrgKinds, c); }
std::string_view OrgKindLabel(OrgKind v) { return LabelOf(kOrgKinds, v); }
bool HoldsMembers(OrgKind kind) {
  return kind == OrgKind::kCell || kind == OrgKind::kGrassrootsCell;
}

std::string_view SexCode(Sex v) { return CodeOf(kSexes, v); }
std::optional<Sex> SexFromCode(std::string_view c) { return FromCode(kSexes, c); }
std::string_view GeneralEducationCode(GeneralEducation v) { return CodeOf(kEducations, v); }
std::optional<GeneralEducation> GeneralEducationFromCode(std::string_view c) {
  return FromCode(kEducations, c);
}
std::string_view GeneralEducationLabel(GeneralEducation v) { return LabelOf(kEducations, v); }
std::string_view OccupationCode(Occupation v) { return CodeOf(kOccupations, v); }
std::optional<Occupation> OccupationFromCode(std::string_view c) {
  return FromCode(kOccupations, c);
}
std::string_view OccupationLabel(Occupation v) { return LabelOf(kOccupations, v); }
std::string_view WorkplaceTypeCode(WorkplaceType v) { return CodeOf(kWorkplaces, v); }
std::optional<WorkplaceType> WorkplaceTypeFromCode(std::string_view c) {
  return FromCode(kWorkplaces, c);
}

std::string_view StageCode(Stage v) { return CodeOf(kStages, v); }
std::optional<Stage> StageFromCode(std::string_view c) { return FromCode(kStages, c); }
std::string_view StageLabel(Stage v) { return LabelOf(kStages, v); }
bool IsClosed(Stage s) {
  return s == Stage::kOfficial || s == Stage::kWithdrawn || s == Stage::kNotAdmitted ||
         s == Stage::kRemoved || s == Stage::kCancelled;
}

std::string_view ActionCode(Action v) { return CodeOf(kActions, v); }
std::optional<Action> ActionFromCode(std::string_view c) { return FromCode(kActions, c); }
std::string_view ActionLabel(Action v) { return LabelOf(kActions, v); }

std::string_view RelationCode(Relation v) { return CodeOf(kRelations, v); }
std::optional<Relation> RelationFromCode(std::string_view c) { return FromCode(kRelations, c); }
std::string_view RelationLabel(Relation v) { return LabelOf(kRelations, v); }

std::string_view FindingCode(Finding v) { return CodeOf(kFindings, v); }
std::optional<Finding> FindingFromCode(std::string_view c) { return FromCode(kFindings, c); }

std::string_view ConsentKindCode(ConsentKind v) { return CodeOf(kConsents, v); }
std::optional<ConsentKind> ConsentKindFromCode(std::string_view c) {
  return FromCode(kConsents, c);
}

std::string_view SourceCategoryCode(SourceCategory v) { return CodeOf(kCategories, v); }
std::optional<SourceCategory> SourceCategoryFromCode(std::string_view c) {
  return FromCode(kCategories, c);
}
std::string_view SourceCategoryLabel(SourceCategory v) { return LabelOf(kCategories, v); }

}  // namespace ptdv
