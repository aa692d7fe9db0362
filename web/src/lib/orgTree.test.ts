import { describe, expect, it } from 'vitest';
import { buildOrgTree, orgMatches, toggleExpanded, type OrgNode, type OrgRowLike } from './orgTree';

const row = (id: number, parent_id: number | null, code: string, name: string): OrgRowLike => ({ id, parent_id, code, name });

// The city, two wards, their cells; a unit of the ward of Đông Ba stands out by its đ.
const kRows = [
  row(1, null, 'HUE', 'Thành ủy Huế'),
  row(2, 1, 'HUE-TAYLOC', 'Đảng ủy phường Tây Lộc'),
  row(3, 2, 'HUE-TAYLOC-CB01', 'Chi bộ Khu vực 1'),
  row(4, 2, 'HUE-TAYLOC-CB02', 'Chi bộ Tổ dân phố 2'),
  row(5, 1, 'HUE-DONGBA', 'Đảng ủy phường Đông Ba'),
  row(6, 5, 'HUE-DONGBA-CB01', 'Chi bộ Khu vực 3'),
  row(7, 5, 'HUE-DONGBA-QS', 'Chi bộ Quân sự'),
];

const names = (nodes: OrgNode<OrgRowLike>[]): unknown[] =>
  nodes.map((n) => (n.children.length ? [n.row.name, names(n.children)] : n.row.name));

describe('organisation tree', () => {
  it('builds the whole tree, siblings in Vietnamese order, and expands the roots', () => {
    const view = buildOrgTree(kRows, '');
    expect(names(view.roots)).toEqual([
      ['Thành ủy Huế', [
        ['Đảng ủy phường Đông Ba', ['Chi bộ Khu vực 3', 'Chi bộ Quân sự']],
        ['Đảng ủy phường Tây Lộc', ['Chi bộ Khu vực 1', 'Chi bộ Tổ dân phố 2']],
      ]],
    ]);
    expect(view.expanded).toEqual([1]);
    expect(view.matches).toEqual([]);
  });

  it('roots a ward user\'s tree at the ward, whose parent is out of scope, and opens it', () => {
    const view = buildOrgTree(kRows.filter((o) => o.id !== 1 && o.id !== 5 && o.parent_id !== 5), '');
    expect(names(view.roots)).toEqual([['Đảng ủy phường Tây Lộc', ['Chi bộ Khu vực 1', 'Chi bộ Tổ dân phố 2']]]);
    expect(view.expanded).toEqual([2]);
  });

  it('finds units typed without diacritics and expands the ancestors of every match', () => {
    const view = buildOrgTree(kRows, 'khu vuc');
    expect(view.matches.sort()).toEqual([3, 6]);
    expect(view.expanded.sort()).toEqual([1, 2, 5]);
    // Only the matches and the way to them stay.
    expect(names(view.roots)).toEqual([
      ['Thành ủy Huế', [
        ['Đảng ủy phường Đông Ba', ['Chi bộ Khu vực 3']],
        ['Đảng ủy phường Tây Lộc', ['Chi bộ Khu vực 1']],
      ]],
    ]);
  });

  it('folds đ to d, ignores case and spacing, and matches codes', () => {
    expect(buildOrgTree(kRows, 'dong ba').matches).toEqual([5]);
    expect(buildOrgTree(kRows, '  ĐÔNG   BA ').matches).toEqual([5]);
    expect(buildOrgTree(kRows, 'Đông Ba').matches).toEqual([5]);
    expect(buildOrgTree(kRows, 'dang uy phuong tay loc').matches).toEqual([2]);
    expect(buildOrgTree(kRows, 'tayloc-cb02').matches).toEqual([4]);
    expect(orgMatches(kRows[3], 'to dan pho')).toBe(true);
    expect(orgMatches(kRows[3], '')).toBe(false);
  });

  it('keeps the units under a match, folded, so they can still be opened', () => {
    const view = buildOrgTree(kRows, 'tay loc');
    expect(view.matches).toEqual([2]);
    expect(view.expanded).toEqual([1]);
    expect(names(view.roots)).toEqual([
      ['Thành ủy Huế', [['Đảng ủy phường Tây Lộc', ['Chi bộ Khu vực 1', 'Chi bộ Tổ dân phố 2']]]],
    ]);
  });

  it('expands a matching ward too when units below it also match', () => {
    const view = buildOrgTree(kRows, 'huế');
    expect(view.matches.length).toBe(kRows.length);  // every code starts with HUE
    expect(view.expanded.sort()).toEqual([1, 2, 5]);
  });

  it('shows nothing when nothing matches', () => {
    const view = buildOrgTree(kRows, 'không có');
    expect(view.roots).toEqual([]);
    expect(view.expanded).toEqual([]);
  });

  it('survives a cycle in the data', () => {
    const view = buildOrgTree([row(1, null, 'A', 'A'), row(2, 3, 'B', 'B'), row(3, 2, 'C', 'C')], '');
    expect(names(view.roots)).toEqual(['A']);
  });

  it('toggles one unit, keeping the others', () => {
    expect(toggleExpanded([1, 2], 5, true)).toEqual([1, 2, 5]);
    expect(toggleExpanded([1, 2, 5], 2, false)).toEqual([1, 5]);
    expect(toggleExpanded([1], 1, true)).toEqual([1]);
  });
});
