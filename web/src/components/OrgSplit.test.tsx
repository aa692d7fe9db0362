import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { callsTo, kUsers, mockApi, renderPage } from '../test/mockApi';
import OrgUnitPage from '../pages/OrgUnitPage';
import type { OrgTreeRow } from '../api/types';
import { splitBody, splitProblem } from '../lib/orgAdmin';

// "Chia tách đơn vị" (components/OrgSplit.tsx) on a unit's page: Tây Lộc's cells shared between Vỹ
// Dạ and a ward founded that day; what the preview sends and shows, and what the form refuses.

const unit = (id: number, parent_id: number | null, code: string, name: string, kind = 'cell', kind_label = 'Chi bộ') => ({
  id, parent_id, code, name, kind, kind_label, valid_from: '2019-01-01', valid_to: null as string | null, authorised_to_admit: false,
  official_members: 9, probationary_members: 1, committee_member_count: 0, successor_id: null,
});
const org = (o: ReturnType<typeof unit>) => {
  const { id, parent_id, kind, code, name, authorised_to_admit, committee_member_count, valid_from, valid_to, successor_id } = o;
  return { id, parent_id, kind, code, name, authorised_to_admit, committee_member_count, valid_from, valid_to, successor_id };
};

const kCity = unit(1, null, 'HUE', 'Thành ủy Huế', 'city_committee', 'Thành ủy, huyện ủy');
const kWard = unit(2, 1, 'HUE-TAYLOC', 'Đảng ủy phường Tây Lộc', 'grassroots_committee', 'Đảng bộ cơ sở');
const kVyDa = unit(3, 1, 'HUE-VYDA', 'Đảng ủy phường Vỹ Dạ', 'grassroots_committee', 'Đảng bộ cơ sở');
const kAnCuu = unit(4, 1, 'HUE-ANCUU', 'Đảng ủy phường An Cựu', 'grassroots_committee', 'Đảng bộ cơ sở');
const kCell1 = unit(21, 2, 'HUE-TAYLOC-CB01', 'Chi bộ Khu vực 1');
const kCell2 = unit(22, 2, 'HUE-TAYLOC-CB02', 'Chi bộ Tổ dân phố 2');
const kCell3 = unit(23, 2, 'HUE-TAYLOC-CB03', 'Chi bộ Tổ dân phố 3');
const kOtherCell = unit(31, 3, 'HUE-VYDA-CB01', 'Chi bộ Vỹ Dạ 1');
const kTree = { on: '2023-11-15', items: [kCity, kWard, kVyDa, kAnCuu, kCell1, kCell2, kCell3, kOtherCell] };
const kNewWard = { ...unit(8, 1, 'HUE-TAYLOC-BAC', 'Đảng ủy phường Tây Lộc Bắc', 'grassroots_committee', 'Đảng bộ cơ sở'), valid_from: '2023-12-01' };

const view = (o: ReturnType<typeof unit>, children: ReturnType<typeof unit>[] = []) =>
  ({ body: { on: '2023-11-15', organisation: { ...o, valid_on: true }, children } });

const moves = (units: number, people: number, official: number, probationary: number, accounts: number,
  open_cases: { stage: string; label: string; count: number }[] = []) =>
  ({ units, people, official_members: official, probationary_members: probationary, accounts, target: 0, open_cases });

const plan = (committed: boolean) => ({
  organisation: org(kWard), effective: '2023-12-01', committed,
  parts: [
    { into: org(kVyDa), new: false, moves: moves(1, 12, 8, 1, 2, [{ stage: 'sympathiser', label: 'Cảm tình Đảng', count: 2 }]) },
    { into: org(kNewWard), new: true, moves: moves(2, 30, 20, 2, 0, [{ stage: 'dossier', label: 'Lập hồ sơ đề nghị kết nạp', count: 1 }]) },
  ],
  moves: moves(3, 42, 28, 3, 2, [{ stage: 'sympathiser', label: 'Cảm tình Đảng', count: 2 }, { stage: 'dossier', label: 'Lập hồ sơ đề nghị kết nạp', count: 1 }]),
});

const dialog = () => within(screen.getByRole('dialog'));
// A part of the form (role group named "Phần n"), found by its label: getByRole is slow on a form this size.
const partBox = (n: number) => document.querySelector<HTMLElement>(`.ant-modal [role="group"][aria-label="Phần ${n}"]`);
const part = (n: number) => within(partBox(n)!);
const button = (name: string) => screen.getByRole('button', { name });
const splits = (calls: ReturnType<typeof mockApi>) => callsTo(calls, 'POST', '/organisations/HUE-TAYLOC/split');

function typeDate(label: string, text: string) {
  const input = dialog().getByLabelText(label);
  fireEvent.mouseDown(input);
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
  fireEvent.blur(input);
}

// The options of the Select `box` (its own list: another may still be open).
const optionsOf = (box: HTMLElement) => {
  const list = document.getElementById(`${box.id}_list`)?.closest('.ant-select-dropdown');
  return list ? [...list.querySelectorAll('.ant-select-item-option')] : [];
};
async function choose(box: HTMLElement, text: string) {
  fireEvent.mouseDown(box);
  await waitFor(() => expect(optionsOf(box).some((o) => o.textContent === text)).toBe(true));
  fireEvent.click(optionsOf(box).find((o) => o.textContent === text)!);
}
const checkbox = (n: number, name: string) => part(n).getByLabelText(name) as HTMLInputElement;
const check = (n: number, name: string) => fireEvent.click(checkbox(n, name));

async function openSplit(routes: Parameters<typeof mockApi>[0] = {}) {
  const calls = mockApi({
    'GET /organisations': { body: kTree },
    'GET /organisations/HUE-TAYLOC': view(kWard, [kCell1, kCell2, kCell3]),
    ...routes,
  }, kUsers.board);
  renderPage(<OrgUnitPage />, '/don-vi/HUE-TAYLOC', '/don-vi/:code');
  fireEvent.click(await screen.findByRole('button', { name: 'Chia tách đơn vị' }));
  await screen.findByLabelText('Ngày chia tách');
  // The units below, on the split date, in each part.
  await waitFor(() => expect(partBox(1) && part(1).queryByLabelText('Chi bộ Khu vực 1')).not.toBeNull());
  return calls;
}

// Part 1 to Vỹ Dạ with the first cell; part 2 a new ward with the two others.
async function fillTwoParts() {
  await choose(part(1).getByLabelText('Đơn vị tiếp nhận'), 'Đảng ủy phường Vỹ Dạ (Đảng bộ cơ sở)');
  check(1, 'Chi bộ Khu vực 1');
  fireEvent.click(part(2).getByLabelText('Thành lập đơn vị mới'));
  // The new unit's fields come with the choice, its kind and committee size once the kind is set.
  const code = await waitFor(() => {
    part(2).getByLabelText('Số cấp ủy viên');
    return part(2).getByLabelText('Mã đơn vị mới') as HTMLInputElement;
  });
  // Founded under the split unit's parent, of its kind.
  expect(code.value).toBe('HUE-');
  await waitFor(() => expect(part(2).getByLabelText('Loại đơn vị').closest('.ant-select')?.textContent).toBe('Đảng bộ cơ sở'));
  fireEvent.change(code, { target: { value: 'hue-tayloc-bac' } });
  fireEvent.change(part(2).getByLabelText('Tên đơn vị mới'), { target: { value: ' Đảng ủy phường Tây Lộc Bắc ' } });
  fireEvent.change(part(2).getByLabelText('Số cấp ủy viên'), { target: { value: '9' } });
  check(2, 'Chi bộ Tổ dân phố 2');
  check(2, 'Chi bộ Tổ dân phố 3');
}

describe('OrgSplit', () => {
  it('is offered on a committee, not on a cell nor to a ward', async () => {
    mockApi({ 'GET /organisations': { body: kTree }, 'GET /organisations/HUE-TAYLOC-CB01': view(kCell1) }, kUsers.board);
    const cell = renderPage(<OrgUnitPage />, '/don-vi/HUE-TAYLOC-CB01', '/don-vi/:code');
    await screen.findByRole('button', { name: 'Giải thể / sáp nhập' });
    expect(screen.queryByRole('button', { name: 'Chia tách đơn vị' })).toBeNull();
    cell.unmount();
    mockApi({ 'GET /organisations': { body: kTree }, 'GET /organisations/HUE-TAYLOC': view(kWard, [kCell1]) }, kUsers.ward);
    const ward = renderPage(<OrgUnitPage />, '/don-vi/HUE-TAYLOC', '/don-vi/:code');
    await screen.findByRole('link', { name: 'Chi bộ Khu vực 1' });
    expect(screen.queryByRole('button', { name: 'Chia tách đơn vị' })).toBeNull();
    ward.unmount();
    mockApi({ 'GET /organisations': { body: kTree }, 'GET /organisations/HUE-TAYLOC': view(kWard, [kCell1]) }, kUsers.board);
    renderPage(<OrgUnitPage />, '/don-vi/HUE-TAYLOC', '/don-vi/:code');
    await screen.findByRole('button', { name: 'Chia tách đơn vị' });
  });

  it('splits a ward between an existing ward and a new one after a preview of what each receives', async () => {
    const calls = await openSplit({
      'POST /organisations/HUE-TAYLOC/split': (call) => ({ body: plan(call.query.get('commit') === 'true') }),
    });
    expect(dialog().getByText(/Đơn vị tiếp nhận thứ nhất kế tục Đảng ủy phường Tây Lộc/)).toBeTruthy();
    // Each part is a group named by its number (a browser test finds its fields within it).
    expect(dialog().getByRole('group', { name: 'Phần 2' })).toBe(partBox(2));
    // Existing receivers: committees outside the ward, not the ward itself.
    const into = part(1).getByLabelText('Đơn vị tiếp nhận');
    fireEvent.mouseDown(into);
    await waitFor(() => expect(optionsOf(into).map((o) => o.textContent)).toEqual([
      'Đảng ủy phường An Cựu (Đảng bộ cơ sở)', 'Đảng ủy phường Vỹ Dạ (Đảng bộ cơ sở)',
    ]));
    await fillTwoParts();
    // A unit below given to one part is not offered to another.
    expect(checkbox(2, 'Chi bộ Khu vực 1').disabled).toBe(true);
    typeDate('Ngày chia tách', '01/12/2023');
    await waitFor(() => expect(callsTo(calls, 'GET', '/organisations').some((c) => c.query.get('on') === '2023-12-01')).toBe(true));
    expect(screen.queryByRole('button', { name: 'Xác nhận chia tách' })).toBeNull();
    fireEvent.click(button('Xem trước'));
    const preview = await screen.findByTestId('split-plan');
    expect(splits(calls)[0].query.get('commit')).toBe('false');
    expect(splits(calls)[0].body).toEqual({
      effective: '2023-12-01',
      parts: [
        { into: 'HUE-VYDA', units: ['HUE-TAYLOC-CB01'] },
        {
          new_unit: {
            code: 'HUE-TAYLOC-BAC', name: 'Đảng ủy phường Tây Lộc Bắc', kind: 'grassroots_committee', parent: 'HUE',
            committee_member_count: 9, authorised_to_admit: false, valid_from: '2023-12-01',
          },
          units: ['HUE-TAYLOC-CB02', 'HUE-TAYLOC-CB03'],
        },
      ],
    });
    expect(preview.textContent).toContain('Xem trước: chia tách Đảng ủy phường Tây Lộc');
    expect(preview.textContent).toContain('Từ ngày 01/12/2023, Đảng ủy phường Tây Lộc thôi hoạt động, chia cho 2 đơn vị dưới đây');
    expect(preview.textContent).toContain('Đảng ủy phường Vỹ Dạ kế tục đơn vị');
    // One row per part: name, note, units, people, official, probationary, open cases, accounts, target; then the sum.
    const cells = (tr: Element) => [...tr.querySelectorAll('td')].map((td) => td.textContent);
    expect([...preview.querySelectorAll('tbody tr.ant-table-row')].map(cells)).toEqual([
      ['Đảng ủy phường Vỹ Dạ', 'Kế tục đơn vị; Đơn vị có sẵn', '1', '12', '8', '1', '2', '2', '0'],
      ['Đảng ủy phường Tây Lộc Bắc', 'Thành lập mới (Đảng bộ cơ sở)', '2', '30', '20', '2', '1', '0', '0'],
    ]);
    expect(cells(preview.querySelector('tr.split-total')!)).toEqual(['Cộng', '', '3', '42', '28', '3', '3', '2', '0']);
    expect([...within(preview).getByTestId('split-cases-1').querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Cảm tình Đảng: 2']);
    expect([...within(preview).getByTestId('split-cases-2').querySelectorAll('li')].map((li) => li.textContent))
      .toEqual(['Lập hồ sơ đề nghị kết nạp: 1']);
    fireEvent.click(button('Xác nhận chia tách'));
    fireEvent.click(await screen.findByRole('button', { name: 'Đồng ý chia tách' }));
    await waitFor(() => expect(splits(calls)).toHaveLength(2));
    expect(splits(calls)[1].query.get('commit')).toBe('true');
    expect(splits(calls)[1].body).toEqual(splits(calls)[0].body);
    const done = await waitFor(() => document.querySelector('.org-admin-done') as HTMLElement);
    expect(done.textContent).toContain('Đã chia tách Đảng ủy phường Tây Lộc từ ngày 01/12/2023 cho Đảng ủy phường Vỹ Dạ, '
      + 'Đảng ủy phường Tây Lộc Bắc (thành lập mới); Đảng ủy phường Vỹ Dạ kế tục đơn vị.');
    expect(within(done).getByRole('link', { name: 'Đảng ủy phường Tây Lộc Bắc' }).getAttribute('href')).toBe('/don-vi/HUE-TAYLOC-BAC');
    expect(within(done).getByRole('link', { name: 'Xem đơn vị như trước ngày chia tách' }).getAttribute('href'))
      .toBe('/don-vi/HUE-TAYLOC?on=2023-11-30');
    expect(screen.queryByRole('dialog')).toBeNull();
    // The page and the tree reloaded.
    await waitFor(() => expect(callsTo(calls, 'GET', '/organisations/HUE-TAYLOC').length).toBeGreaterThan(1));
  });

  it('drops the preview on a change', async () => {
    await openSplit({ 'POST /organisations/HUE-TAYLOC/split': { body: plan(false) } });
    await fillTwoParts();
    fireEvent.click(button('Xem trước'));
    await screen.findByTestId('split-plan');
    fireEvent.change(part(2).getByLabelText('Tên đơn vị mới'), { target: { value: 'Đảng ủy phường Bắc Tây Lộc' } });
    await waitFor(() => expect(screen.queryByTestId('split-plan')).toBeNull());
    expect(screen.queryByRole('button', { name: 'Xác nhận chia tách' })).toBeNull();
  });

  it('adds and removes parts, and asks for two', async () => {
    const calls = await openSplit({ 'POST /organisations/HUE-TAYLOC/split': { body: plan(false) } });
    await fillTwoParts();
    fireEvent.click(button('Thêm đơn vị tiếp nhận'));
    await waitFor(() => expect(partBox(3)).not.toBeNull());
    // The third part may not be Vỹ Dạ again, nor take a cell given to another part.
    const into = part(3).getByLabelText('Đơn vị tiếp nhận');
    fireEvent.mouseDown(into);
    await waitFor(() => expect(optionsOf(into).find((o) => o.textContent === 'Đảng ủy phường Vỹ Dạ (Đảng bộ cơ sở)')
      ?.classList.contains('ant-select-item-option-disabled')).toBe(true));
    expect(checkbox(3, 'Chi bộ Tổ dân phố 3').disabled).toBe(true);
    fireEvent.click(button('Bỏ phần 3'));
    await waitFor(() => expect(partBox(3)).toBeNull());
    fireEvent.click(button('Bỏ phần 2'));
    await waitFor(() => expect(partBox(2)).toBeNull());
    // One part is not a split.
    fireEvent.click(button('Xem trước'));
    await screen.findByText('Cần ít nhất hai đơn vị tiếp nhận để chia tách.');
    expect(splits(calls)).toHaveLength(0);
  });

  it('refuses a unit below left to no part, and sends nothing', async () => {
    const calls = await openSplit({ 'POST /organisations/HUE-TAYLOC/split': { body: plan(false) } });
    await fillTwoParts();
    check(2, 'Chi bộ Tổ dân phố 3');  // unchecked again
    fireEvent.click(button('Xem trước'));
    const said = await screen.findByText('Chưa giao Chi bộ Tổ dân phố 3 cho đơn vị tiếp nhận nào: mỗi đơn vị trực thuộc phải chuyển sang đúng một đơn vị tiếp nhận.');
    expect(said.closest('.ant-alert')).not.toBeNull();
    expect(splits(calls)).toHaveLength(0);
    expect(screen.queryByTestId('split-plan')).toBeNull();
    // Given again: the warning goes, and the preview is asked for.
    check(2, 'Chi bộ Tổ dân phố 3');
    await waitFor(() => expect(screen.queryByText(/Chưa giao Chi bộ Tổ dân phố 3/)).toBeNull());
    fireEvent.click(button('Xem trước'));
    await screen.findByTestId('split-plan');
    expect(splits(calls)).toHaveLength(1);
  });

  it('shows the server\'s refusal in the form', async () => {
    const message = 'Chi bộ «Chi bộ Tổ dân phố 2» không thể trực thuộc Đảng bộ cơ sở «Đảng ủy phường Tây Lộc Bắc»';
    await openSplit({ 'POST /organisations/HUE-TAYLOC/split': { status: 400, body: { error: { code: 'invalid', field: 'units', message } } } });
    await fillTwoParts();
    fireEvent.click(button('Xem trước'));
    const alert = await screen.findByText(message);
    expect(alert.closest('.ant-alert')).not.toBeNull();
    expect(screen.queryByTestId('split-plan')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Xác nhận chia tách' })).toBeNull();
  });
});

describe('splitProblem and splitBody', () => {
  const below: OrgTreeRow[] = [kCell1, kCell2].map((c) => ({ ...c, kind: 'cell' as const }));
  it('asks for two parts, each unit below once, and something for each part after the first', () => {
    expect(splitProblem(below, { effective: '2023-12-01', parts: [{ target: 'existing', into: 'HUE-VYDA', units: ['HUE-TAYLOC-CB01', 'HUE-TAYLOC-CB02'] }] }))
      .toBe('Cần ít nhất hai đơn vị tiếp nhận để chia tách.');
    expect(splitProblem(below, { effective: '2023-12-01', parts: [
      { target: 'existing', into: 'HUE-VYDA', units: ['HUE-TAYLOC-CB01', 'HUE-TAYLOC-CB02'] },
      { target: 'existing', into: 'HUE-VYDA', units: [] },
    ] })).toMatch(/^Đơn vị HUE-VYDA được chọn ở hai phần/);
    expect(splitProblem(below, { effective: '2023-12-01', parts: [
      { target: 'existing', into: 'HUE-VYDA', units: ['HUE-TAYLOC-CB01', 'HUE-TAYLOC-CB02'] },
      { target: 'existing', into: 'HUE-ANCUU', units: ['HUE-TAYLOC-CB02'] },
    ] })).toMatch(/^Chi bộ Tổ dân phố 2 được giao cho hai đơn vị tiếp nhận/);
    expect(splitProblem(below, { effective: '2023-12-01', parts: [
      { target: 'existing', into: 'HUE-VYDA', units: ['HUE-TAYLOC-CB01', 'HUE-TAYLOC-CB02'] },
      { target: 'existing', into: 'HUE-ANCUU', units: [] },
    ] })).toMatch(/^Phần 2 chưa nhận đơn vị trực thuộc nào/);
    expect(splitProblem(below, { effective: '2023-12-01', parts: [
      { target: 'existing', into: 'HUE-VYDA', units: [] },
      { target: 'existing', into: 'HUE-ANCUU', units: ['HUE-TAYLOC-CB02', 'HUE-TAYLOC-CB01'] },
    ] })).toBeNull();
  });

  it('sends a cell-holding committee without an authority to admit, and a top unit without a parent', () => {
    expect(splitBody(undefined, { effective: '2023-12-01', parts: [
      { target: 'new', code: ' hue-a ', name: 'A', kind: 'intermediate_committee', committee_member_count: 5, authorised_to_admit: true, units: [] },
      { target: 'existing', into: 'HUE-B', units: ['X'] },
    ] })).toEqual({ effective: '2023-12-01', parts: [
      { new_unit: { code: 'HUE-A', name: 'A', kind: 'intermediate_committee', committee_member_count: 5, valid_from: '2023-12-01' }, units: [] },
      { into: 'HUE-B', units: ['X'] },
    ] });
  });
});
