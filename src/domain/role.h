#pragma once

// Roles of the people who use PTĐV and what each may do (DOMAIN §1 for the bodies, §4-5 for who
// records which step). Pure: no I/O. The organisation scope (which subtree a user sees and changes)
// is separate: a user's scope root is their account's organisation, checked by the services.

#include <optional>
#include <span>
#include <string_view>

#include "domain/model.h"

namespace ptdv {

enum class Role {
  kCityAdmin,          // Quản trị hệ thống cấp thành phố: users, calendar, rule sets
  kOrganisationBoard,  // Ban Tổ chức: reads everything in scope, records the deciding body's acts
  kGrassrootsStaff,    // chuyên viên đảng ủy cơ sở: their subtree
  kCellSecretary,      // bí thư chi bộ: their cell's steps
  kPoliticalCentre,    // Trung tâm chính trị: certificates and classes
  kLeader,             // lãnh đạo: read-only, aggregates
  // A mass organisation of a ward (Mặt trận Tổ quốc, Đoàn Thanh niên, Hội Phụ nữ, Công đoàn,
  // Cựu chiến binh, Hội Nông dân, Ban Chỉ huy quân sự; domain/mass_organisation.h): nominates
  // sources and gives its opinions (S0, S6, S7). It reads no case file: its account names the
  // organisation it speaks for besides its ward.
  kMassOrganisation,
};

// Every role, in declaration order.
std::span<const Role> AllRoles();
// Stable codes for storage, API and CLI: "city_admin", "organisation_board", "grassroots_staff",
// "cell_secretary", "political_centre", "leader", "mass_organisation". The CHECK on
// user_account.role in migrations/sqlite/0002_accounts.sql (as widened by
// 0019_mass_organisations.sql) lists the same codes: change both together.
std::string_view RoleCode(Role role);
std::optional<Role> RoleFromCode(std::string_view code);
std::string_view RoleLabel(Role role);  // Vietnamese

enum class Permission {
  kReadCases,             // lists, case detail, deadlines (without the sensitive fields)
  kReadPersonal,          // sensitive fields: ID number, phone, address, verification findings
  kWritePeople,           // create and correct people; open cases
  kRecordCellStep,        // the cell's steps (S0, S2-S3, S5-S7, S9, S13, P4)
  kRecordGrassrootsStep,  // the grassroots/intermediate committee's steps (S4, S5, S10, S11, P3)
  kRecordDecision,        // the deciding body's acts (S12, P5, removal, cancellation)
  kRecordCertificate,     // awareness-class and new-member-class certificates (S1 / R3, P2)
  kManageUsers,
  kManageCalendar,
  kManageRules,
  kReadAudit,
  kReadAggregates,       // statistics and reports
  kManageTargets,        // yearly admission targets and their split among units (chỉ tiêu, §7)
  kManageOrganisations,  // the tree: found, change, dissolve and merge units (DOMAIN §1)
  kNominate,  // a mass organisation's own work: nominate sources (S0), give opinions (S6, S7)
};

std::span<const Permission> AllPermissions();
std::string_view PermissionCode(Permission permission);  // "read_cases", ...

// The permission matrix (docs/architecture.md "Accounts and roles" prints it). A grassroots
// staff member holds kRecordDecision only for a committee authorised to admit: MayRecord()
// decides per case, Allows() answers for the role in general.
bool Allows(Role role, Permission permission);

// Whether the grassroots committee above the case's cell is authorised (được ủy quyền) to decide
// admissions itself, so that it is the deciding body of S12 / P5 (DOMAIN §1).
enum class GrassrootsAuthority { kNotAuthorised, kAuthorisedToAdmit };

// Who may record `action` on a case, following the procedure (DOMAIN §4-5):
//   - the cell's steps (sympathiser, helper, dossier facts, verification letters and replies,
//     introducers, union resolution, opinions, S9 cell vote, S13 ceremony, P4 recognition vote,
//     withdrawal from the sources): cell secretaries and grassroots staff;
//   - the grassroots steps (S4 stamp, S5 conclusion, S10/P3 intermediate appraisal, S11/P3
//     grassroots resolution): grassroots staff (an intermediate committee's staff are
//     grassroots staff scoped to it);
//   - consents (R1a, R2, late S13, R4): grassroots staff and the superior committee's board or
//     administrator, who file the provincial or superior committee's letter;
//   - the deciding body's acts (S12 admission decision and its extension, P5 recognition
//     decision and its extension, not admitting, removal, cancellation): the superior
//     committee's organisation board and city administrator, and grassroots staff only when
//     `authority` is kAuthorisedToAdmit;
//   - certificates (S1 / R3, P2): the political centre, and grassroots staff recording one that
//     was issued on paper;
//   - leaders never record.
// Scope (whether the case's cell lies in the user's subtree) is checked separately.
bool MayRecord(Role role, Action action, GrassrootsAuthority authority);

// Which roles a user of `actor` role may create, reset, disable and list: a city administrator
// any role; grassroots staff only grassroots staff, cell secretaries and mass organisations (the
// accounts of their own subtree's cells and of their ward's organisations); every other role none.
// Together with the scope rule (the new account's organisation lies in the actor's subtree) no one
// can grant a broader scope or a more powerful role than their own.
bool MayGrant(Role actor, Role target);

// Whether a user of `role` may be scoped at a unit of `kind`: a cell secretary at a cell or
// grassroots cell; grassroots staff at a grassroots committee, intermediate committee or
// grassroots cell; the city-level roles (administrator, board, political centre) at a city or
// provincial committee, so that their subtree holds the cases they serve; a leader at any
// committee; a mass organisation at the grassroots committee (or grassroots cell) of its ward.
// Units that hold no subtree of their own (the political centre and board as units) fit no role.
bool RoleFitsOrganisation(Role role, OrgKind kind);

}  // namespace ptdv
