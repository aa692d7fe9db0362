// The organisation tree of the "Tổ chức đảng" page, built from the flat list of
// GET /api/v1/organisations (parents before children) — pure, so it is tested without a browser.

import { foldVietnamese, formatDate } from './format';

// The fields of a unit the tree needs (OrgTreeRow has them all).
export interface OrgRowLike {
  id: number;
  parent_id: number | null;
  code: string;
  name: string;
}

export interface OrgNode<T extends OrgRowLike> {
  row: T;
  children: OrgNode<T>[];
  // The unit itself matches the search (false when there is no search).
  match: boolean;
}

export interface OrgTreeView<T extends OrgRowLike> {
  roots: OrgNode<T>[];
  // Ids of the units that match the search, in tree order.
  matches: number[];
  // What to expand: with a search, every ancestor of every match (so each match shows); without
  // one, the roots (the user's own unit shows its units at once).
  expanded: number[];
}

// Whether `row` matches the search `needle` (already folded): its name or its code, both without
// diacritics ("khu vuc" finds "Chi bộ Khu vực 1", "dong ba" finds "Đông Ba", "tayloc" the code
// HUE-TAYLOC).
export function orgMatches(row: Pick<OrgRowLike, 'name' | 'code'>, needle: string): boolean {
  if (!needle) return false;
  return foldVietnamese(row.name).includes(needle) || foldVietnamese(row.code).includes(needle);
}

// The tree of `rows` with the search `filter` (as typed: any case, with or without diacritics).
// A unit whose parent is not in `rows` (outside the user's scope) is a root. Siblings are in
// Vietnamese alphabetical order. With a search, only the matches, their ancestors and their
// descendants stay; without one, everything.
export function buildOrgTree<T extends OrgRowLike>(rows: readonly T[], filter: string): OrgTreeView<T> {
  const needle = foldVietnamese(filter);
  const ids = new Set(rows.map((o) => o.id));
  const byParent = new Map<number | null, T[]>();
  for (const o of rows) {
    const parent = o.parent_id !== null && ids.has(o.parent_id) ? o.parent_id : null;
    const list = byParent.get(parent);
    if (list) list.push(o);
    else byParent.set(parent, [o]);
  }
  for (const list of byParent.values()) list.sort((a, b) => a.name.localeCompare(b.name, 'vi'));

  const matches: number[] = [];
  const expanded = new Set<number>();
  const seen = new Set<number>();
  // `inMatch`: an ancestor matched, so this unit stays whatever it is called.
  const build = (o: T, inMatch: boolean): OrgNode<T> | null => {
    if (seen.has(o.id)) return null;  // a cycle in bad data must not hang the page
    seen.add(o.id);
    const match = orgMatches(o, needle);
    if (match) matches.push(o.id);
    const children: OrgNode<T>[] = [];
    let below = false;
    for (const c of byParent.get(o.id) ?? []) {
      const matchesBefore = matches.length;
      const node = build(c, inMatch || match);
      if (!node) continue;
      if (matches.length > matchesBefore) below = true;
      if (!needle || inMatch || match || matches.length > matchesBefore) children.push(node);
    }
    if (below) expanded.add(o.id);
    if (needle && !inMatch && !match && !below) return null;
    return { row: o, children, match };
  };
  const roots: OrgNode<T>[] = [];
  for (const r of byParent.get(null) ?? []) {
    const node = build(r, false);
    if (node) roots.push(node);
  }
  return {
    roots,
    matches,
    expanded: needle ? [...expanded] : roots.map((n) => n.row.id),
  };
}

// The expanded keys after the user clicks a unit's switcher: `open` adds it, otherwise removes it.
export function toggleExpanded(expanded: readonly number[], id: number, open: boolean): number[] {
  const rest = expanded.filter((k) => k !== id);
  return open ? [...rest, id] : rest;
}

// The address of a unit's page; `on` (ISO) shows it as on that date, omitted for the server's
// today.
export function unitPath(code: string, on?: string): string {
  const path = `/don-vi/${encodeURIComponent(code)}`;
  return on ? `${path}?on=${on}` : path;
}

// A unit's life: "từ 01/07/2021 đến 31/12/2024", or "từ 01/01/2019 (chưa có ngày kết thúc)".
export function validityText(from: string, to: string | null): string {
  return to ? `từ ${formatDate(from)} đến ${formatDate(to)}` : `từ ${formatDate(from)} (chưa có ngày kết thúc)`;
}
