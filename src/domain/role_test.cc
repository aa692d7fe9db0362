#include "domain/role.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace ptdv {
namespace {

constexpr Role kAdmin = Role::kCityAdmin;
constexpr Role kBoard = Role::kOrganisationBoard;
constexpr Role kStaff = Role::kGrassrootsStaff;
constexpr Role kSecretary = Role::kCellSecretary;
constexpr Role kCentre = Role::kPoliticalCentre;
constexpr Role kLeader = Role::kLeader;
constexpr Role kMassOrg = Role::kMassOrganisation;

std::string Names(const std::set<Role>& roles) {
  std::string out;
  for (Role r : roles) out += std::string(RoleCode(r)) + " ";
  return out;
}

TEST(Role, CodesRoundTripAndLabelsAreVietnamese) {
  EXPECT_EQ(AllRoles().size(), 7u);
  std::set<std::string_view> codes;
  for (Role role : AllRoles()) {
    EXPECT_EQ(RoleFromCode(RoleCode(role)), role);
    EXPECT_FALSE(RoleLabel(role).empty());
    codes.insert(RoleCode(role));
  }
  EXPECT_EQ(codes.size(), 7u);
  EXPECT_EQ(RoleCode(Role::kMassOrganisation), "mass_organisation");
  EXPECT_EQ(RoleCode(Role::kOrganisationBoard), "organisation_board");
  EXPECT_EQ(RoleLabel(Role::kCellSecretary), "Bí thư chi bộ");
  EXPECT_FALSE(RoleFromCode("admin").has_value());
  EXPECT_FALSE(RoleFromCode("").has_value());
  EXPECT_FALSE(RoleFromCode("City_Admin").has_value());

  std::set<std::string_view> permission_codes;
  for (Permission p : AllPermissions()) permission_codes.insert(PermissionCode(p));
  EXPECT_EQ(permission_codes.size(), AllPermissions().size());
  EXPECT_FALSE(permission_codes.contains(""));
}

// The whole matrix, written out: adding a role or a permission fails here until decided.
TEST(Role, PermissionMatrix) {
  using P = Permission;
  struct Row {
    Permission permission;
    std::set<Role> roles;
  };
  const Row rows[] = {
      {.permission = P::kReadCases,
       .roles = {kAdmin, kBoard, kStaff, kSecretary, kCentre, kLeader}},
      {.permission = P::kReadPersonal, .roles = {kBoard, kStaff, kSecretary}},
      {.permission = P::kWritePeople, .roles = {kStaff, kSecretary}},
      {.permission = P::kRecordCellStep, .roles = {kStaff, kSecretary}},
      {.permission = P::kRecordGrassrootsStep, .roles = {kStaff}},
      {.permission = P::kRecordDecision, .roles = {kAdmin, kBoard, kStaff}},
      {.permission = P::kRecordCertificate, .roles = {kStaff, kCentre}},
      {.permission = P::kManageUsers, .roles = {kAdmin, kStaff}},
      {.permission = P::kManageCalendar, .roles = {kAdmin}},
      {.permission = P::kManageRules, .roles = {kAdmin}},
      {.permission = P::kReadAudit, .roles = {kAdmin, kBoard, kStaff}},
      {.permission = P::kReadAggregates,
       .roles = {kAdmin, kBoard, kStaff, kSecretary, kCentre, kLeader}},
      {.permission = P::kManageTargets, .roles = {kAdmin, kBoard}},
      {.permission = P::kManageOrganisations, .roles = {kAdmin, kBoard}},
      {.permission = P::kNominate, .roles = {kMassOrg}},
  };
  ASSERT_EQ(std::size(rows), AllPermissions().size());
  for (const Row& row : rows) {
    std::set<Role> allowed;
    for (Role role : AllRoles()) {
      if (Allows(role, row.permission)) allowed.insert(role);
    }
    EXPECT_EQ(Names(allowed), Names(row.roles)) << PermissionCode(row.permission);
  }
}

// A mass organisation reads no case and records no step: it nominates and gives opinions.
TEST(Role, MassOrganisationsOnlyNominate) {
  for (Permission p : AllPermissions()) {
    EXPECT_EQ(Allows(kMassOrg, p), p == Permission::kNominate) << PermissionCode(p);
  }
  for (int i = 0; i < 100; ++i) {
    std::optional<Action> a = ActionFromCode(ActionCode(static_cast<Action>(i)));
    if (!a) continue;
    EXPECT_FALSE(MayRecord(kMassOrg, *a, GrassrootsAuthority::kAuthorisedToAdmit))
        << ActionCode(*a);
  }
}

TEST(Role, LeadersOnlyRead) {
  for (Permission p : AllPermissions()) {
    bool read = p == Permission::kReadCases || p == Permission::kReadAggregates;
    EXPECT_EQ(Allows(kLeader, p), read) << PermissionCode(p);
  }
}

// Who records which step (DOMAIN §4-5): every action, every role, both authorities.
TEST(Role, MayRecordFollowsTheProcedure) {
  const std::set<Role> cell = {kStaff, kSecretary};
  const std::set<Role> grassroots = {kStaff};
  const std::set<Role> superior = {kAdmin, kBoard};
  const std::set<Role> superior_or_grassroots = {kAdmin, kBoard, kStaff};
  const std::set<Role> certificates = {kStaff, kCentre};
  struct Row {
    Action action;
    std::set<Role> roles;             // when the grassroots committee is not authorised
    std::set<Role> roles_authorised;  // when it is authorised to admit
  };
  const Row rows[] = {
      {.action = Action::kMarkSympathiser, .roles = cell, .roles_authorised = cell},
      {.action = Action::kAssignHelper, .roles = cell, .roles_authorised = cell},
      {.action = Action::kRecordCertificate,
       .roles = certificates,
       .roles_authorised = certificates},
      {.action = Action::kOpenDossier, .roles = cell, .roles_authorised = cell},
      {.action = Action::kStampBiography, .roles = grassroots, .roles_authorised = grassroots},
      {.action = Action::kRequestVerification, .roles = cell, .roles_authorised = cell},
      {.action = Action::kRecordVerificationReply, .roles = cell, .roles_authorised = cell},
      {.action = Action::kConcludeVerification,
       .roles = grassroots,
       .roles_authorised = grassroots},
      {.action = Action::kAddIntroducer, .roles = cell, .roles_authorised = cell},
      {.action = Action::kRecordUnionResolution, .roles = cell, .roles_authorised = cell},
      {.action = Action::kRecordOpinions, .roles = cell, .roles_authorised = cell},
      {.action = Action::kRecordConsent,
       .roles = superior_or_grassroots,
       .roles_authorised = superior_or_grassroots},
      {.action = Action::kCellVote, .roles = cell, .roles_authorised = cell},
      {.action = Action::kIntermediateAppraisal,
       .roles = grassroots,
       .roles_authorised = grassroots},
      {.action = Action::kGrassrootsVote, .roles = grassroots, .roles_authorised = grassroots},
      {.action = Action::kExtendDecision,
       .roles = superior,
       .roles_authorised = superior_or_grassroots},
      {.action = Action::kAdmissionDecision,
       .roles = superior,
       .roles_authorised = superior_or_grassroots},
      {.action = Action::kCeremony, .roles = cell, .roles_authorised = cell},
      {.action = Action::kRecordNewMemberCertificate,
       .roles = certificates,
       .roles_authorised = certificates},
      {.action = Action::kRecognitionCellVote, .roles = cell, .roles_authorised = cell},
      {.action = Action::kRecognitionIntermediate,
       .roles = grassroots,
       .roles_authorised = grassroots},
      {.action = Action::kRecognitionGrassrootsVote,
       .roles = grassroots,
       .roles_authorised = grassroots},
      {.action = Action::kExtendRecognitionDecision,
       .roles = superior,
       .roles_authorised = superior_or_grassroots},
      {.action = Action::kRecognitionDecision,
       .roles = superior,
       .roles_authorised = superior_or_grassroots},
      {.action = Action::kWithdraw, .roles = cell, .roles_authorised = cell},
      {.action = Action::kRejectAdmission,
       .roles = superior,
       .roles_authorised = superior_or_grassroots},
      {.action = Action::kRemoveName,
       .roles = superior,
       .roles_authorised = superior_or_grassroots},
      {.action = Action::kCancelDecision,
       .roles = superior,
       .roles_authorised = superior_or_grassroots},
  };
  // Every action has a row: the codes of the table and of the model agree.
  std::set<Action> covered;
  for (const Row& row : rows) covered.insert(row.action);
  for (int i = 0; i < 100; ++i) {
    std::optional<Action> a = ActionFromCode(ActionCode(static_cast<Action>(i)));
    if (a) {
      EXPECT_TRUE(covered.contains(*a)) << ActionCode(*a) << " has no row";
    }
  }
  for (const Row& row : rows) {
    std::set<Role> allowed, allowed_authorised;
    for (Role role : AllRoles()) {
      if (MayRecord(role, row.action, GrassrootsAuthority::kNotAuthorised)) allowed.insert(role);
      if (MayRecord(role, row.action, GrassrootsAuthority::kAuthorisedToAdmit)) {
        allowed_authorised.insert(role);
      }
    }
    EXPECT_EQ(Names(allowed), Names(row.roles)) << ActionCode(row.action);
    EXPECT_EQ(Names(allowed_authorised), Names(row.roles_authorised)) << ActionCode(row.action);
  }
}

TEST(Role, LeadersAndTheCentreNeverRecordCaseSteps) {
  for (int i = 0; i < 100; ++i) {
    std::optional<Action> a = ActionFromCode(ActionCode(static_cast<Action>(i)));
    if (!a) continue;
    for (auto authority :
         {GrassrootsAuthority::kNotAuthorised, GrassrootsAuthority::kAuthorisedToAdmit}) {
      EXPECT_FALSE(MayRecord(kLeader, *a, authority)) << ActionCode(*a);
      bool certificate =
          *a == Action::kRecordCertificate || *a == Action::kRecordNewMemberCertificate;
      EXPECT_EQ(MayRecord(kCentre, *a, authority), certificate) << ActionCode(*a);
    }
  }
}

TEST(Role, MayGrantNeverEscalates) {
  struct Row {
    Role actor;
    std::set<Role> grantable;
  };
  const Row rows[] = {
      {.actor = kAdmin,
       .grantable = {kAdmin, kBoard, kStaff, kSecretary, kCentre, kLeader, kMassOrg}},
      {.actor = kBoard, .grantable = {}},
      {.actor = kStaff, .grantable = {kStaff, kSecretary, kMassOrg}},
      {.actor = kSecretary, .grantable = {}},
      {.actor = kCentre, .grantable = {}},
      {.actor = kLeader, .grantable = {}},
      {.actor = kMassOrg, .grantable = {}},
  };
  for (const Row& row : rows) {
    std::set<Role> granted;
    for (Role target : AllRoles()) {
      if (MayGrant(row.actor, target)) granted.insert(target);
    }
    EXPECT_EQ(Names(granted), Names(row.grantable)) << RoleCode(row.actor);
    // Granting needs kManageUsers, and a grantable role never holds a permission the granting
    // role lacks, except that an administrator is the top.
    if (!granted.empty()) {
      EXPECT_TRUE(Allows(row.actor, Permission::kManageUsers));
    }
    if (row.actor == kAdmin) continue;
    for (Role target : granted) {
      for (Permission p : AllPermissions()) {
        // kNominate is an organisation's own voice (its nominations and opinions), no power
        // over anyone's data: a ward's staff open the accounts of the ward's organisations.
        if (p == Permission::kNominate) continue;
        if (Allows(target, p)) {
          EXPECT_TRUE(Allows(row.actor, p))
              << RoleCode(row.actor) << " grants " << RoleCode(target);
        }
      }
    }
  }
}

TEST(Role, RoleFitsOrganisation) {
  using K = OrgKind;
  struct Row {
    Role role;
    std::set<OrgKind> kinds;
  };
  const std::set<OrgKind> city = {K::kCityCommittee, K::kProvincialCommittee};
  const Row rows[] = {
      {.role = kAdmin, .kinds = city},
      {.role = kBoard, .kinds = city},
      {.role = kCentre, .kinds = city},
      {.role = kStaff,
       .kinds = {K::kGrassrootsCommittee, K::kIntermediateCommittee, K::kGrassrootsCell}},
      {.role = kSecretary, .kinds = {K::kCell, K::kGrassrootsCell}},
      {.role = kLeader,
       .kinds = {K::kCityCommittee, K::kProvincialCommittee, K::kGrassrootsCommittee,
                 K::kIntermediateCommittee, K::kGrassrootsCell}},
      {.role = kMassOrg, .kinds = {K::kGrassrootsCommittee, K::kGrassrootsCell}},
  };
  const OrgKind all[] = {K::kProvincialCommittee,
                         K::kCityCommittee,
                         K::kGrassrootsCommittee,
                         K::kIntermediateCommittee,
                         K::kCell,
                         K::kGrassrootsCell,
                         K::kPoliticalCentre,
                         K::kOrganisationBoard};
  for (const Row& row : rows) {
    for (OrgKind kind : all) {
      EXPECT_EQ(RoleFitsOrganisation(row.role, kind), row.kinds.contains(kind))
          << RoleCode(row.role) << " at " << OrgKindCode(kind);
    }
  }
}

}  // namespace
}  // namespace ptdv
