#include "domain/role.h"

#include <array>
#include <initializer_list>

namespace ptdv {
namespace {

struct RoleEntry {
  Role role;
  std::string_view code;
  std::string_view label;
};

constexpr std::array<RoleEntry, 7> kRoles{{
    {Role::kCityAdmin, "city_admin", "Quản trị hệ thống cấp thành phố"},
    {Role::kOrganisationBoard, "organisation_board", "Ban Tổ chức"},
    {Role::kGrassrootsStaff, "grassroots_staff", "Chuyên viên đảng ủy cơ sở"},
    {Role::kCellSecretary, "cell_secretary", "Bí thư chi bộ"},
    {Role::kPoliticalCentre, "political_centre", "Trung tâm Chính trị"},
    {Role::kLeader, "leader", "Lãnh đạo"},
    {Role::kMassOrganisation, "mass_organisation", "Tổ chức chính trị - xã hội"},
}};

constexpr std::array<Role, 7> kRoleList{Role::kCityAdmin,       Role::kOrganisationBoard,
                                        Role::kGrassrootsStaff, Role::kCellSecretary,
                                        Role::kPoliticalCentre, Role::kLeader,
                                        Role::kMassOrganisation};

struct PermissionEntry {
  Permission permission;
  std::string_view code;
};

constexpr std::array<PermissionEntry, 15> kPermissions{{
    {Permission::kReadCases, "read_cases"},
    {Permission::kReadPersonal, "read_personal"},
    {Permission::kWritePeople, "write_people"},
    {Permission::kRecordCellStep, "record_cell_step"},
    {Permission::kRecordGrassrootsStep, "record_grassroots_step"},
    {Permission::kRecordDecision, "record_decision"},
    {Permission::kRecordCertificate, "record_certificate"},
    {Permission::kManageUsers, "manage_users"},
    {Permission::kManageCalendar, "manage_calendar"},
    {Permission::kManageRules, "manage_rules"},
    {Permission::kReadAudit, "read_audit"},
    {Permission::kReadAggregates, "read_aggregates"},
    {Permission::kManageTargets, "manage_targets"},
    {Permission::kManageOrganisations, "manage_organisations"},
    {Permission::kNominate, "nominate"},
}};

constexpr std::array<Permission, 15> kPermissionList{Permission::kReadCases,
                                                     Permission::kReadPersonal,
                                                     Permission::kWritePeople,
                                                     Permission::kRecordCellStep,
                                                     Permission::kRecordGrassrootsStep,
                                                     Permission::kRecordDecision,
                                                     Permission::kRecordCertificate,
                                                     Permission::kManageUsers,
                                                     Permission::kManageCalendar,
                                                     Permission::kManageRules,
                                                     Permission::kReadAudit,
                                                     Permission::kReadAggregates,
                                                     Permission::kManageTargets,
                                                     Permission::kManageOrganisations,
                                                     Permission::kNominate};

constexpr unsigned Bit(Permission p) { return 1u << static_cast<unsigned>(p); }

constexpr unsigned Bits(std::initializer_list<Permission> permissions) {
  unsigned bits = 0;
  for (Permission p : permissions) bits |= Bit(p);
  return bits;
}

using P = Permission;

// The matrix. Least privilege: the administrator runs the system and, as part of the superior
// committee, may enter its decisions, but does not read the sensitive fields; the political
// centre sees cases (to find the holders of its certificates) but not the sensitive fields;
// leaders read lists and aggregates only. Targets (§7) are set by the city's resolution and
// entered by its organisation board or administrator, never by the units they bind. Printed in
// docs/architecture.md: change both together.
unsigned PermissionsOf(Role role) {
  switch (role) {
    case Role::kCityAdmin:
      return Bits({P::kReadCases, P::kRecordDecision, P::kManageUsers, P::kManageCalendar,
                   P::kManageRules, P::kReadAudit, P::kReadAggregates, P::kManageTargets,
                   P::kManageOrganisations});
    case Role::kOrganisationBoard:
      return Bits({P::kReadCases, P::kReadPersonal, P::kRecordDecision, P::kReadAudit,
                   P::kReadAggregates, P::kManageTargets, P::kManageOrganisations});
    case Role::kGrassrootsStaff:
      return Bits({P::kReadCases, P::kReadPersonal, P::kWritePeople, P::kRecordCellStep,
                   P::kRecordGrassrootsStep, P::kRecordDecision, P::kRecordCertificate,
                   P::kManageUsers, P::kReadAudit, P::kReadAggregates});
    case Role::kCellSecretary:
      return Bits({P::kReadCases, P::kReadPersonal, P::kWritePeople, P::kRecordCellStep,
                   P::kReadAggregates});
    case Role::kPoliticalCentre:
      return Bits({P::kReadCases, P::kRecordCertificate, P::kReadAggregates});
    case Role::kLeader:
      return Bits({P::kReadCases, P::kReadAggregates});
    case Role::kMassOrganisation:
      // Not read_cases: the organisation sees its own nominations and the names of the people
      // whose opinion it is asked for, nothing of their files
      // (service/mass_organisation_service.h).
      return Bits({P::kNominate});
  }
  return 0;
}

// Which body records an action (DOMAIN §4-5, "who" column).
enum class Recorder { kCell, kGrassroots, kConsent, kDecidingBody, kCertificate };

Recorder RecorderOf(Action action) {
  switch (action) {
    case Action::kMarkSympathiser:          // S0: cell resolution
    case Action::kAssignHelper:             // S0 / P2
    case Action::kOpenDossier:              // S2-S3 received by the cell
    case Action::kRequestVerification:      // S5: cell, grassroots
    case Action::kRecordVerificationReply:  // S5
    case Action::kAddIntroducer:            // S6: 3-KNĐ
    case Action::kRecordUnionResolution:    // S6: 4-KNĐ
    case Action::kRecordOpinions:           // S7: cell committee, 5-KNĐ
    case Action::kCellVote:                 // S9: 6-KNĐ
    case Action::kCeremony:                 // S13
    case Action::kRecognitionCellVote:      // P4: 13-KNĐ
    case Action::kWithdraw:                 // the cell takes a source off its list
      return Recorder::kCell;
    case Action::kStampBiography:             // S4
    case Action::kConcludeVerification:       // S5: the grassroots committee certifies
    case Action::kIntermediateAppraisal:      // S10: 7-KNĐ
    case Action::kGrassrootsVote:             // S11: 8-KNĐ
    case Action::kRecognitionIntermediate:    // P3: 14-KNĐ
    case Action::kRecognitionGrassrootsVote:  // P3: 15-KNĐ
      return Recorder::kGrassroots;
    case Action::kRecordConsent:  // R1a, R2, S13 late, R4
      return Recorder::kConsent;
    case Action::kExtendDecision:             // S12 extension
    case Action::kAdmissionDecision:          // S12: 9-KNĐ
    case Action::kExtendRecognitionDecision:  // P5 extension
    case Action::kRecognitionDecision:        // P5 / P6: 16-KNĐ
    case Action::kRejectAdmission:
    case Action::kRemoveName:      // P1, P4, P8
    case Action::kCancelDecision:  // wrongful admission (DOMAIN §4)
      return Recorder::kDecidingBody;
    case Action::kRecordCertificate:           // S1 / R3
    case Action::kRecordNewMemberCertificate:  // P2
      return Recorder::kCertificate;
  }
  return Recorder::kDecidingBody;  // unreachable; the most restrictive
}

}  // namespace

std::span<const Role> AllRoles() { return kRoleList; }

std::string_view RoleCode(Role role) {
  for (const auto& e : kRoles) {
    if (e.role == role) return e.code;
  }
  return {};
}

std::optional<Role> RoleFromCode(std::string_view code) {
  for (const auto& e : kRoles) {
    if (e.code == code) return e.role;
  }
  return std::nullopt;
}

std::string_view RoleLabel(Role role) {
  for (const auto& e : kRoles) {
    if (e.role == role) return e.label;
  }
  return {};
}

std::span<const Permission> AllPermissions() { return kPermissionList; }

std::string_view PermissionCode(Permission permission) {
  for (const auto& e : kPermissions) {
    if (e.permission == permission) return e.code;
  }
  return {};
}

bool Allows(Role role, Permission permission) {
  return (PermissionsOf(role) & Bit(permission)) != 0;
}

bool MayRecord(Role role, Action action, GrassrootsAuthority authority) {
  switch (RecorderOf(action)) {
    case Recorder::kCell:
      return Allows(role, Permission::kRecordCellStep);
    case Recorder::kGrassroots:
      return Allows(role, Permission::kRecordGrassrootsStep);
    case Recorder::kConsent:
      return Allows(role, Permission::kRecordGrassrootsStep) ||
             Allows(role, Permission::kRecordDecision);
    case Recorder::kDecidingBody:
      // S12 / P5: the superior committee's Ban Thường vụ decides, or the grassroots committee
      // authorised to admit (Quy định 24-QĐ/TW; DOMAIN §1, §4).
      if (!Allows(role, Permission::kRecordDecision)) return false;
      return role != Role::kGrassrootsStaff || authority == GrassrootsAuthority::kAuthorisedToAdmit;
    case Recorder::kCertificate:
      return Allows(role, Permission::kRecordCertificate);
  }
  return false;
}

bool MayGrant(Role actor, Role target) {
  switch (actor) {
    case Role::kCityAdmin:
      return true;
    case Role::kGrassrootsStaff:
      return target == Role::kGrassrootsStaff || target == Role::kCellSecretary ||
             target == Role::kMassOrganisation;
    case Role::kOrganisationBoard:
    case Role::kCellSecretary:
    case Role::kPoliticalCentre:
    case Role::kLeader:
    case Role::kMassOrganisation:
      return false;
  }
  return false;
}

bool RoleFitsOrganisation(Role role, OrgKind kind) {
  const bool city_level = kind == OrgKind::kCityCommittee || kind == OrgKind::kProvincialCommittee;
  switch (role) {
    case Role::kCityAdmin:
    case Role::kOrganisationBoard:
    case Role::kPoliticalCentre:
      return city_level;
    case Role::kGrassrootsStaff:
      return kind == OrgKind::kGrassrootsCommittee || kind == OrgKind::kIntermediateCommittee ||
             kind == OrgKind::kGrassrootsCell;
    case Role::kCellSecretary:
      return kind == OrgKind::kCell || kind == OrgKind::kGrassrootsCell;
    case Role::kLeader:
      return city_level || kind == OrgKind::kGrassrootsCommittee ||
             kind == OrgKind::kIntermediateCommittee || kind == OrgKind::kGrassrootsCell;
    case Role::kMassOrganisation:
      return kind == OrgKind::kGrassrootsCommittee || kind == OrgKind::kGrassrootsCell;
  }
  return false;
}

}  // namespace ptdv
