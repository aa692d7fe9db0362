import { describe, expect, it } from 'vitest';
import type { OrgKind, OrgTreeRow } from '../api/types';
import {
  changedFields, childKinds, matchesUnit, mergeBody, mergeCandidates, mergeOptions, newUnitKinds, normaliseCode, parentChoices,
  receivingChoices, successorChoices, unitOptions,
} from './orgAdmin';

const row = (id: number, parent_id: number | null, code: string, name: string, kind: OrgKind, valid_to: string | null = null): OrgTreeRow => ({
  id, parent_id, code, name, kind, kind_label: '', valid_from: '2019-01-01', valid_to, authorised_to_admit: false,
  official_members: 0, probationary_members: 0, committee_member_count: 0, successor_id: null,
});

// The city, two wards, an intermediate committee under Tây Lộc with a cell, two cells of Tây Lộc
// (one with a planned end) and a grassroots cell of the city.
const kRows = [
  row(1, null, 'HUE', 'Thành ủy Huế', 'city_committee'),
  row(2, 1, 'HUE-TAYLOC', 'Đảng ủy phường Tây Lộc', 'grassroots_committee'),
  row(3, 1, 'HUE-VYDA', 'Đảng ủy phường Vỹ Dạ', 'grassroots_committee'),
  row(4, 2, 'HUE-TAYLOC-BP1', 'Đảng ủy bộ phận Khu 1', 'intermediate_committee'),
  row(5, 4, 'HUE-TAYLOC-BP1-CB1', 'Chi bộ Khu 1A', 'cell'),
  row(6, 2, 'HUE-TAYLOC-CB02', 'Chi bộ Tổ dân phố 2', 'cell'),
  row(7, 2, 'HUE-TAYLOC-CB03', 'Chi bộ Tổ dân phố 3', 'cell', '2024-12-31'),
  row(8, 1, 'HUE-BV', 'Chi bộ Bệnh viện', 'grassroots_cell'),
];

const codes = (rows: OrgTreeRow[]) => rows.map((r) => r.code);

describe('orgAdmin', () => {
  it('offers the kinds that may sit under each kind, nothing under a cell', () => {
    expect(childKinds('city_committee')).toEqual(['grassroots_committee', 'grassroots_cell']);
    expect(childKinds('grassroots_committee')).toEqual(['intermediate_committee', 'cell']);
    expect(childKinds('intermediate_committee')).toEqual(['cell']);
    expect(childKinds('cell')).toEqual([]);
    expect(childKinds('grassroots_cell')).toEqual([]);
  });

  it('offers as the unit above only units that may hold the kind, never the unit or one below it', () => {
    expect(codes(parentChoices(kRows, kRows[5]))).toEqual(['HUE-TAYLOC-BP1', 'HUE-TAYLOC', 'HUE-VYDA']);
    expect(codes(parentChoices(kRows, kRows[3]))).toEqual(['HUE-TAYLOC', 'HUE-VYDA']);
    expect(codes(parentChoices(kRows, kRows[1]))).toEqual(['HUE']);
  });

  it('offers as successor units of the same family, outside the unit', () => {
    expect(codes(successorChoices(kRows, kRows[5]))).toEqual(['HUE-BV', 'HUE-TAYLOC-BP1-CB1', 'HUE-TAYLOC-CB03']);
    expect(codes(successorChoices(kRows, kRows[1]))).toEqual(['HUE-VYDA']);
    expect(codes(successorChoices(kRows, kRows[3]))).toEqual(['HUE-TAYLOC', 'HUE-VYDA']);
  });

  it('finds a unit typed without diacritics, by name or code', () => {
    const [, , vyda] = unitOptions(kRows);
    expect(matchesUnit('vy da', vyda)).toBe(true);
    expect(matchesUnit('hue-vyda', vyda)).toBe(true);
    expect(matchesUnit('tay loc', vyda)).toBe(false);
  });

  it('sends only the fields that changed, with the date', () => {
    const before = { name: 'Chi bộ 1', committee_member_count: 3, authorised_to_admit: false, parent: 'HUE-TAYLOC' };
    const same = { name: 'Chi bộ 1 ', committee_member_count: 3, authorised_to_admit: false, parent: 'HUE-TAYLOC', effective: '2023-12-01' };
    expect(changedFields(before, same)).toBeNull();
    expect(changedFields(before, { ...same, parent: 'HUE-VYDA' })).toEqual({ effective: '2023-12-01', parent: 'HUE-VYDA' });
    expect(changedFields(before, { ...same, name: 'Chi bộ Một', committee_member_count: 5, authorised_to_admit: true }))
      .toEqual({ effective: '2023-12-01', name: 'Chi bộ Một', committee_member_count: 5, authorised_to_admit: true });
  });

  it('writes a typed code in capitals without spaces around', () => {
    expect(normaliseCode(' hue-tayloc-cb9 ')).toBe('HUE-TAYLOC-CB9');
  });

  it('offers to merge the party units under a unit, of one family once one is chosen', () => {
    const city = kRows[0];
    const withBoard = [...kRows, row(9, 1, 'HUE-BTC', 'Ban Tổ chức Thành ủy', 'organisation_board')];
    const candidates = mergeCandidates(withBoard, city);
    expect(codes(candidates)).toEqual(['HUE-BV', 'HUE-TAYLOC', 'HUE-VYDA']);
    expect(mergeOptions(candidates, []).map((o) => o.disabled)).toEqual([false, false, false]);
    expect(mergeOptions(candidates, ['HUE-TAYLOC']).map((o) => o.disabled)).toEqual([true, false, false]);
    expect(codes(receivingChoices(candidates, ['HUE-TAYLOC']))).toEqual(['HUE-VYDA']);
    expect(codes(receivingChoices(candidates, ['HUE-BV']))).toEqual([]);
    // Under a ward: its intermediate committee and its cells (the one with a planned end too).
    const ward = mergeCandidates(kRows, kRows[1]);
    expect(codes(ward)).toEqual(['HUE-TAYLOC-CB02', 'HUE-TAYLOC-CB03', 'HUE-TAYLOC-BP1']);
    expect(codes(receivingChoices(ward, ['HUE-TAYLOC-CB02']))).toEqual(['HUE-TAYLOC-CB03']);
  });

  it('founds the merged unit of the kind of the units merged by default', () => {
    const ward = mergeCandidates(kRows, kRows[1]);
    expect(newUnitKinds('grassroots_committee', ward, [])).toEqual(['intermediate_committee', 'cell']);
    expect(newUnitKinds('grassroots_committee', ward, ['HUE-TAYLOC-CB02'])).toEqual(['cell']);
    expect(newUnitKinds('grassroots_committee', ward, ['HUE-TAYLOC-BP1'])).toEqual(['intermediate_committee']);
    const city = mergeCandidates(kRows, kRows[0]);
    expect(newUnitKinds('city_committee', city, ['HUE-VYDA', 'HUE-TAYLOC'])).toEqual(['grassroots_committee']);
    expect(newUnitKinds('city_committee', city, ['HUE-BV'])).toEqual(['grassroots_cell']);
  });

  it('sends either the existing receiving unit or the new one, founded on the day of the merge', () => {
    const v = { effective: '2025-07-01', units: ['HUE-TAYLOC', 'HUE-VYDA'], code: ' hue-phuxuan ', name: ' Đảng ủy phường Phú Xuân ',
      kind: 'grassroots_committee' as OrgKind, committee_member_count: 15, authorised_to_admit: true, into: 'HUE-BV' };
    expect(mergeBody('HUE', { ...v, target: 'existing' })).toEqual({ units: ['HUE-TAYLOC', 'HUE-VYDA'], effective: '2025-07-01', into: 'HUE-BV' });
    expect(mergeBody('HUE', { ...v, target: 'new' })).toEqual({
      units: ['HUE-TAYLOC', 'HUE-VYDA'], effective: '2025-07-01',
      new_unit: { code: 'HUE-PHUXUAN', name: 'Đảng ủy phường Phú Xuân', kind: 'grassroots_committee', parent: 'HUE',
        committee_member_count: 15, authorised_to_admit: true, valid_from: '2025-07-01' },
    });
    // A cell has neither a committee size nor authority to admit.
    expect(mergeBody('HUE-TAYLOC', { ...v, target: 'new', kind: 'cell', code: 'HUE-TAYLOC-CB2' }).new_unit)
      .toEqual({ code: 'HUE-TAYLOC-CB2', name: 'Đảng ủy phường Phú Xuân', kind: 'cell', parent: 'HUE-TAYLOC', valid_from: '2025-07-01' });
  });
});
