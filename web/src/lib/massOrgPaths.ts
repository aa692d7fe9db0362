// The role of the mass organisations (tổ chức chính trị - xã hội) and the addresses of their
// pages, apart from lib/massOrg.tsx so that the frame of every page (App.tsx,
// components/AppLayout.tsx) stays light. The help (lib/help.ts) names the same addresses.
import type { User } from '../api/types';
import { can } from '../auth/AuthContext';

// The role of a mass organisation's account (src/domain/role.cc Role::kMassOrganisation).
export const kMassOrgRole = 'mass_organisation';
export const kMassOrgRoleLabel = 'Tổ chức chính trị - xã hội';

// The organisation's own pages (permission nominate) and the ward's (read_cases).
export const kMyOrgPath = '/to-chuc-doan-the';
export const kOpinionRequestsPath = '/cho-y-kien';
export const kNominationsPath = '/doan-the-gioi-thieu';

// Where a user starts: «Việc cần làm» for whoever reads cases, the organisation's page for a
// mass organisation's account (it reads none).
export function homePath(user: User | null): string {
  return !user || can(user, 'read_cases') ? '/' : kMyOrgPath;
}
