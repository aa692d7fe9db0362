// Administering the organisation tree (components/OrgAdmin.tsx): which kind of unit sits under
// which, the units a form may offer as the unit above or as a successor, and the fields a change
// really changes — pure, so it is tested without a browser. The server decides; these only keep
// the forms from offering what it would refuse.

import type { Organisation, OrgChange, OrgKind, OrgMerge, OrgMoves, OrgNew, OrgTreeRow } from '../api/types';
import { foldVietnamese } from './format';

// The Vietnamese names of the kinds (src/domain/model.cc kOrgKinds; change both together).
export const kOrgKindLabels: Record<OrgKind, string> = {
  provincial_committee: 'Tỉnh ủy',
  city_committee: 'Thành ủy, huyện ủy',
  grassroots_committee: 'Đảng bộ cơ sở',
  intermediate_committee: 'Đảng ủy bộ phận',
  cell: 'Chi bộ',
  grassroots_cell: 'Chi bộ cơ sở',
  political_centre: 'Trung tâm chính trị',
  organisation_board: 'Ban Tổ chức',
};

// The kinds of party unit that may be added under a unit of each kind (DOMAIN §1: chi bộ → đảng
// ủy bộ phận → đảng bộ cơ sở or chi bộ cơ sở → the city committee → the province). Nothing is
// added under a cell. The server's MayHold (src/service/org_admin.cc) also places the political
// centre and the organisation board under a committee; the forms do not offer those.
const kChildKinds: Record<OrgKind, OrgKind[]> = {
  provincial_committee: ['city_committee', 'grassroots_committee', 'grassroots_cell'],
  city_committee: ['grassroots_committee', 'grassroots_cell'],
  grassroots_committee: ['intermediate_committee', 'cell'],
  intermediate_committee: ['cell'],
  cell: [],
  grassroots_cell: [],
  political_centre: [],
  organisation_board: [],
};

// The fields of a unit the forms start from (GET /organisations/{code} `organisation`).
export type AdminUnit = Pick<OrgTreeRow, 'id' | 'code' | 'name' | 'kind' | 'parent_id' | 'committee_member_count' |
  'authorised_to_admit' | 'valid_to'>;

const kKinds = Object.keys(kOrgKindLabels) as OrgKind[];

function asKind(kind: string): OrgKind | undefined {
  return kKinds.find((k) => k === kind);
}

export function kindLabel(kind: string): string {
  const k = asKind(kind);
  return k ? kOrgKindLabels[k] : 'Đơn vị';
}

// The kinds that may sit under a unit of kind `parent`.
export function childKinds(parent: string): OrgKind[] {
  const k = asKind(parent);
  return k ? kChildKinds[k] : [];
}

// The kinds of unit that may hold a unit of kind `child`.
export function parentKinds(child: string): OrgKind[] {
  return kKinds.filter((k) => kChildKinds[k].includes(child as OrgKind));
}

// Whether a unit of this kind has a committee (cấp ủy) whose size is recorded.
export function hasCommittee(kind: string): boolean {
  return kind === 'grassroots_committee' || kind === 'intermediate_committee' ||
    kind === 'city_committee' || kind === 'provincial_committee';
}

// Only a grassroots committee may be authorised to decide admissions itself (S12).
export function mayBeAuthorised(kind: string): boolean {
  return kind === 'grassroots_committee';
}

// Cells merge into cells, grassroots and intermediate committees into either (the server refuses
// a unit holding members into one that does not, and the reverse: domain HoldsMembers); a city
// committee only into a city committee.
function family(kind: string): string {
  if (kind === 'cell' || kind === 'grassroots_cell') return 'cell';
  if (kind === 'grassroots_committee' || kind === 'intermediate_committee') return 'committee';
  return kind;
}

// The ids of `id` and every unit below it in `rows`.
function subtreeIds(rows: readonly OrgTreeRow[], id: number): Set<number> {
  const out = new Set<number>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of rows) {
      if (r.parent_id !== null && out.has(r.parent_id) && !out.has(r.id)) {
        out.add(r.id);
        grew = true;
      }
    }
  }
  return out;
}

const byName = (a: OrgTreeRow, b: OrgTreeRow) => a.name.localeCompare(b.name, 'vi');

// The units `unit` may be moved under: of a kind that may hold it, neither itself nor below it.
export function parentChoices(rows: readonly OrgTreeRow[], unit: { id: number; kind: string }): OrgTreeRow[] {
  const kinds = parentKinds(unit.kind);
  const own = subtreeIds(rows, unit.id);
  return rows.filter((r) => kinds.includes(r.kind) && !own.has(r.id)).sort(byName);
}

// The units that may take over what `unit` holds when it is dissolved: of the same family (a
// cell's successor is a cell), neither itself nor below it. `rows` is the tree on a date, so
// every unit in it exists then.
export function successorChoices(rows: readonly OrgTreeRow[], unit: { id: number; kind: string }): OrgTreeRow[] {
  const own = subtreeIds(rows, unit.id);
  return rows.filter((r) => family(r.kind) === family(unit.kind) && !own.has(r.id)).sort(byName);
}

// Select options of units, named and searchable by name or code with or without diacritics.
export interface UnitOption { value: string; label: string; search: string }

export function unitOptions(rows: readonly OrgTreeRow[]): UnitOption[] {
  return rows.map((r) => ({ value: r.code, label: `${r.name} (${r.kind_label || kindLabel(r.kind)})`, search: foldVietnamese(`${r.name} ${r.code}`) }));
}

export function matchesUnit(input: string, option: UnitOption | undefined): boolean {
  return !!option && option.search.includes(foldVietnamese(input));
}

// What the "Sửa thông tin" form holds.
export interface OrgChangeValues {
  name: string;
  committee_member_count?: number | null;
  authorised_to_admit?: boolean;
  parent?: string;
  effective: string;
}

// The body of PATCH /organisations/{code}: the date and only what differs from `before`; null
// when nothing does.
export function changedFields(
  before: { name: string; committee_member_count: number; authorised_to_admit: boolean; parent?: string },
  values: OrgChangeValues,
): OrgChange | null {
  const body: OrgChange = { effective: values.effective };
  const name = values.name.trim();
  if (name && name !== before.name) body.name = name;
  const count = values.committee_member_count;
  if (typeof count === 'number' && count !== before.committee_member_count) body.committee_member_count = count;
  if (values.authorised_to_admit !== undefined && values.authorised_to_admit !== before.authorised_to_admit) {
    body.authorised_to_admit = values.authorised_to_admit;
  }
  if (values.parent && values.parent !== before.parent) body.parent = values.parent;
  return Object.keys(body).length > 1 ? body : null;
}

// A new unit's code as typed: no spaces around, capitals ("hue-tayloc-cb9" → "HUE-TAYLOC-CB9").
export function normaliseCode(code: string): string {
  return code.trim().toUpperCase();
}

export const kCodePattern = /^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/;

// Merging units under one parent (components/OrgMerge.tsx, POST /organisations/merge).

// The units under `parent` a merge may take: its party units (the kinds childKinds allows; not its
// political centre or organisation board) in `rows`, the tree on the merge date.
export function mergeCandidates(rows: readonly OrgTreeRow[], parent: { id: number; kind: string }): OrgTreeRow[] {
  const kinds = childKinds(parent.kind);
  return rows.filter((r) => r.parent_id === parent.id && kinds.includes(r.kind)).sort(byName);
}

// The family of the units chosen among `candidates` (the first one's), or null before any is.
export function chosenFamily(candidates: readonly OrgTreeRow[], chosen: readonly string[]): string | null {
  const first = candidates.find((r) => chosen.includes(r.code));
  return first ? family(first.kind) : null;
}

// The options of the units to merge: once one is chosen, those of another family are disabled.
export function mergeOptions(candidates: readonly OrgTreeRow[], chosen: readonly string[]): (UnitOption & { disabled: boolean })[] {
  const fam = chosenFamily(candidates, chosen);
  return unitOptions(candidates).map((o, i) => ({ ...o, disabled: fam !== null && family(candidates[i].kind) !== fam }));
}

// The existing units that may receive the merged ones: the candidates not chosen, of their family.
export function receivingChoices(candidates: readonly OrgTreeRow[], chosen: readonly string[]): OrgTreeRow[] {
  const fam = chosenFamily(candidates, chosen);
  return candidates.filter((r) => !chosen.includes(r.code) && (fam === null || family(r.kind) === fam));
}

// The kinds a unit founded by the merge may have under `parent`: of the chosen units' family. The
// first is the first chosen unit's kind, the form's default.
export function newUnitKinds(parent: string, candidates: readonly OrgTreeRow[], chosen: readonly string[]): OrgKind[] {
  const first = candidates.find((r) => chosen.includes(r.code));
  if (!first) return childKinds(parent);
  const kinds = childKinds(parent).filter((k) => family(k) === family(first.kind));
  return kinds.includes(first.kind) ? [first.kind, ...kinds.filter((k) => k !== first.kind)] : kinds;
}

// What the "Sáp nhập" form holds.
export interface OrgMergeValues {
  effective: string;
  units: string[];
  target: 'existing' | 'new';
  into?: string;
  code?: string;
  name?: string;
  kind?: OrgKind;
  committee_member_count?: number | null;
  authorised_to_admit?: boolean;
}

// The body of POST /organisations/merge: the units and the date with either the existing
// receiving unit or the new one, founded under `parent` on the merge date.
export function mergeBody(parent: string, v: OrgMergeValues): OrgMerge {
  const body: OrgMerge = { units: v.units, effective: v.effective };
  if (v.target === 'existing') return { ...body, into: v.into };
  const kind = v.kind as OrgKind;
  const unit: OrgNew = { code: normaliseCode(v.code ?? ''), name: (v.name ?? '').trim(), kind, parent, valid_from: v.effective };
  if (hasCommittee(kind) && typeof v.committee_member_count === 'number') unit.committee_member_count = v.committee_member_count;
  if (mayBeAuthorised(kind)) unit.authorised_to_admit = !!v.authorised_to_admit;
  return { ...body, new_unit: unit };
}

// Splitting a unit into several (components/OrgSplit.tsx, POST /organisations/{code}/split). The
// generated schema does not describe it yet: the body and the answer are written out here.

// One part of the split: an existing unit (`into`) or one founded that day (`new_unit`, as in a
// merge), and the codes of the units directly below the split unit it receives.
export interface OrgSplitPart {
  into?: string;
  new_unit?: OrgNew;
  units: string[];
}

// The body of POST /organisations/{code}/split: the first part is the split unit's successor (it
// also receives the people, memberships and accounts the unit holds itself).
export interface OrgSplit {
  effective: string;
  parts: OrgSplitPart[];
}

// What one part receives, in the order of the request.
export interface OrgSplitPartPlan {
  into: Organisation;
  new: boolean;
  moves: OrgMoves;
}

// The answer of POST /organisations/{code}/split?commit=: the preview and the result alike.
export interface OrgSplitPlan {
  organisation: Organisation;
  effective: string;
  committed: boolean;
  parts: OrgSplitPartPlan[];
  moves: OrgMoves;
}

// Units holding members (cells) are not split: their members are moved and the cell dissolved.
export function maySplit(kind: string): boolean {
  return childKinds(kind).length > 0;
}

// The units directly below `unit` in `rows` (the tree on the split date): each goes to one part.
export function splitChildren(rows: readonly OrgTreeRow[], unit: { id: number }): OrgTreeRow[] {
  return rows.filter((r) => r.parent_id === unit.id).sort(byName);
}

// The kinds a unit founded by the split may have under the split unit's parent (`parent`, the
// kind of the unit above, or undefined for a top unit): of the split unit's family, its own first.
export function splitKinds(parent: string | undefined, kind: string): OrgKind[] {
  const own = asKind(kind);
  const kinds = parent === undefined ? (own ? [own] : []) : childKinds(parent).filter((k) => family(k) === family(kind));
  return own && kinds.includes(own) ? [own, ...kinds.filter((k) => k !== own)] : kinds;
}

// What one part of the "Chia tách" form holds.
export interface OrgSplitPartValues {
  target: 'existing' | 'new';
  into?: string;
  code?: string;
  name?: string;
  kind?: OrgKind;
  committee_member_count?: number | null;
  authorised_to_admit?: boolean;
  units?: string[];
}

// What the "Chia tách" form holds.
export interface OrgSplitValues {
  effective: string;
  parts: OrgSplitPartValues[];
}

// Why the form may not be sent, in words, or null: at least two parts, each existing unit chosen
// once, every unit below given to exactly one part, and each part but the first (which receives
// what the unit holds itself) given at least one.
export function splitProblem(children: readonly OrgTreeRow[], v: OrgSplitValues): string | null {
  const parts = v.parts ?? [];
  if (parts.length < 2) return 'Cần ít nhất hai đơn vị tiếp nhận để chia tách.';
  const name = (code: string) => children.find((c) => c.code === code)?.name ?? code;
  const into = parts.filter((p) => p.target === 'existing' && p.into).map((p) => p.into as string);
  const twice = into.find((c, i) => into.indexOf(c) !== i);
  if (twice) return `Đơn vị ${twice} được chọn ở hai phần; mỗi phần cần một đơn vị tiếp nhận khác nhau.`;
  const given = parts.flatMap((p) => p.units ?? []);
  const repeated = given.find((c, i) => given.indexOf(c) !== i);
  if (repeated) return `${name(repeated)} được giao cho hai đơn vị tiếp nhận; mỗi đơn vị trực thuộc chỉ chuyển sang một đơn vị.`;
  const left = children.filter((c) => !given.includes(c.code));
  if (left.length > 0) {
    return `Chưa giao ${left.map((c) => c.name).join(', ')} cho đơn vị tiếp nhận nào: mỗi đơn vị trực thuộc phải chuyển sang đúng một đơn vị tiếp nhận.`;
  }
  const empty = parts.findIndex((p, i) => i > 0 && (p.units ?? []).length === 0);
  if (empty > 0) return `Phần ${empty + 1} chưa nhận đơn vị trực thuộc nào: chọn các đơn vị chuyển sang, hoặc bỏ phần này.`;
  return null;
}

// The body of POST /organisations/{code}/split: each part with its existing unit or the one founded
// under `parent` (the split unit's parent) on the split date.
export function splitBody(parent: string | undefined, v: OrgSplitValues): OrgSplit {
  return {
    effective: v.effective,
    parts: v.parts.map((p) => {
      const units = p.units ?? [];
      if (p.target === 'existing') return { into: p.into, units };
      const kind = p.kind as OrgKind;
      const unit: OrgNew = { code: normaliseCode(p.code ?? ''), name: (p.name ?? '').trim(), kind, valid_from: v.effective };
      if (parent) unit.parent = parent;
      if (hasCommittee(kind) && typeof p.committee_member_count === 'number') unit.committee_member_count = p.committee_member_count;
      if (mayBeAuthorised(kind)) unit.authorised_to_admit = !!p.authorised_to_admit;
      return { new_unit: unit, units };
    }),
  };
}
