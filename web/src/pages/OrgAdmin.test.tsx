import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { callsTo, kUsers, mockApi, renderPage } from '../test/mockApi';
import OrgTreePage from './OrgTreePage';
import OrgUnitPage from './OrgUnitPage';

// "Quản lý đơn vị" on a unit's page (components/OrgAdmin.tsx, OrgDissolve.tsx, OrgMerge.tsx): who
// sees it, and what adding, changing, dissolving a unit and merging several send and show.

const unit = (id: number, parent_id: number | null, code: string, name: string, kind = 'cell', kind_label = 'Chi bộ') => ({
  id, parent_id, code, name, kind, kind_label, valid_from: '2019-01-01', valid_to: null as string | null, authorised_to_admit: false,
  official_members: 9, probationary_members: 1, committee_member_count: 0, successor_id: null,
});

const kCity = unit(1, null, 'HUE', 'Thành ủy Huế', 'city_committee', 'Thành ủy, huyện ủy');
const kWard = unit(2, 1, 'HUE-TAYLOC', 'Đảng ủy phường Tây Lộc', 'grassroots_committee', 'Đảng bộ cơ sở');
const kVyDa = unit(3, 1, 'HUE-VYDA', 'Đảng ủy phường Vỹ Dạ', 'grassroots_committee', 'Đảng bộ cơ sở');
const kCell1 = unit(21, 2, 'HUE-TAYLOC-CB01', 'Chi bộ Khu vực 1');
const kCell2 = unit(22, 2, 'HUE-TAYLOC-CB02', 'Chi bộ Tổ dân phố 2');
const kTree = { on: '2023-11-15', items: [kCity, kWard, kVyDa, kCell1, kCell2] };

const view = (o: ReturnType<typeof unit>, children: ReturnType<typeof unit>[] = []) =>
  ({ body: { on: '2023-11-15', organisation: { ...o, valid_on: true }, children } });

// The open form (a modal dialog): its labels are not confused with the page's.
const dialog = () => within(screen.getByRole('dialog'));

function typeDate(label: string, text: string) {
  const input = dialog().getByLabelText(label);
  fireEvent.mouseDown(input);
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
  fireEvent.blur(input);
}

const options = () => [...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')];

// Opens the Select labelled `label`, types `search` if given, and picks the option `text`.
async function pick(label: string, text: string, search?: string) {
  const box = dialog().getByLabelText(label);
  fireEvent.mouseDown(box);
  if (search) fireEvent.change(box, { target: { value: search } });
  await waitFor(() => expect(options().some((o) => o.textContent === text)).toBe(true));
  fireEvent.click(options().find((o) => o.textContent === text)!);
}

const button = (name: string) => screen.getByRole('button', { name });

describe('OrgAdmin', () => {
  it('is not offered to a ward or a leader, and is to the organisation board', async () => {
    for (const user of [kUsers.ward, { ...kUsers.ward, role: 'leader' }]) {
      mockApi({ 'GET /organisations': { body: kTree }, 'GET /organisations/HUE-TAYLOC': view(kWard, [kCell1]) }, user);
      const { unmount } = renderPage(<OrgUnitPage />, '/don-vi/HUE-TAYLOC', '/don-vi/:code');
      await screen.findByRole('link', { name: 'Chi bộ Khu vực 1' });
      expect(screen.queryByText('Quản lý đơn vị')).toBeNull();
      expect(screen.queryByRole('button', { name: 'Giải thể / sáp nhập' })).toBeNull();
      unmount();
    }
    // A planned end (31/12/2024) does not stop changes before it.
    mockApi({ 'GET /organisations': { body: kTree }, 'GET /organisations/HUE-TAYLOC': view({ ...kWard, valid_to: '2024-12-31' }, [kCell1]) }, kUsers.board);
    renderPage(<OrgUnitPage />, '/don-vi/HUE-TAYLOC', '/don-vi/:code');
    await screen.findByText('Quản lý đơn vị');
    expect(button('Thêm đơn vị trực thuộc')).toBeTruthy();
    expect(button('Sửa thông tin')).toBeTruthy();
    expect(button('Giải thể / sáp nhập')).toBeTruthy();
  });

  it('points the organisation board, not a ward, from the tree to a unit\'s page', async () => {
    mockApi({ 'GET /organisations': { body: kTree } }, kUsers.ward);
    const ward = renderPage(<OrgTreePage />, '/to-chuc', '/to-chuc');
    await screen.findByText('Đảng ủy phường Tây Lộc', { selector: '.org-node strong' });
    expect(screen.queryByText(/Quản lý đơn vị/)).toBeNull();
    ward.unmount();
    mockApi({ 'GET /organisations': { body: kTree } }, kUsers.board);
    renderPage(<OrgTreePage />, '/to-chuc', '/to-chuc');
    await screen.findByText(/bấm vào tên đơn vị đó trong cây, rồi dùng mục «Quản lý đơn vị»/);
  });

  it('adds a cell under the ward and shows it among its units', async () => {
    const added = { ...unit(30, 2, 'HUE-TAYLOC-CB09', 'Chi bộ Tổ dân phố 9'), valid_from: '2023-11-01' };
    let saved = false;
    const calls = mockApi({
      'GET /organisations': { body: kTree },
      'GET /organisations/HUE-TAYLOC': () => view(kWard, saved ? [kCell1, added] : [kCell1]),
      'POST /organisations': () => { saved = true; return { status: 201, body: { organisation: added } }; },
    }, kUsers.board);
    renderPage(<OrgUnitPage />, '/don-vi/HUE-TAYLOC', '/don-vi/:code');
    fireEvent.click(await screen.findByRole('button', { name: 'Thêm đơn vị trực thuộc' }));
    await screen.findByRole('dialog');
    const code = dialog().getByLabelText('Mã đơn vị');
    expect((code as HTMLInputElement).value).toBe('HUE-TAYLOC-');
    // Under a grassroots committee: an intermediate committee or a cell, named in words.
    fireEvent.mouseDown(dialog().getByLabelText('Loại đơn vị'));
    await waitFor(() => expect(options().map((o) => o.textContent)).toEqual(['Đảng ủy bộ phận', 'Chi bộ']));
    fireEvent.click(options()[1]);
    fireEvent.change(code, { target: { value: 'hue-tayloc-cb09' } });
    fireEvent.change(dialog().getByLabelText('Tên đơn vị'), { target: { value: 'Chi bộ Tổ dân phố 9' } });
    expect(screen.queryByLabelText('Số cấp ủy viên')).toBeNull();
    typeDate('Ngày thành lập', '01/11/2023');
    fireEvent.click(button('Thêm đơn vị'));
    await waitFor(() => expect(callsTo(calls, 'POST', '/organisations')).toHaveLength(1));
    expect(callsTo(calls, 'POST', '/organisations')[0].body).toEqual({
      code: 'HUE-TAYLOC-CB09', name: 'Chi bộ Tổ dân phố 9', kind: 'cell', parent: 'HUE-TAYLOC', valid_from: '2023-11-01',
    });
    const children = () => document.querySelector('.org-children') as HTMLElement;
    await waitFor(() => expect(within(children()).queryByRole('link', { name: 'Chi bộ Tổ dân phố 9' })).not.toBeNull());
    expect(within(children()).getByRole('link', { name: 'Chi bộ Tổ dân phố 9' }).getAttribute('href')).toBe('/don-vi/HUE-TAYLOC-CB09');
    const done = document.querySelector('.org-admin-done') as HTMLElement;
    expect(done.textContent).toContain('Đã thêm Chi bộ Tổ dân phố 9, hoạt động từ ngày 01/11/2023.');
    expect(within(done).getByRole('link', { name: 'Chi bộ Tổ dân phố 9' }).getAttribute('href')).toBe('/don-vi/HUE-TAYLOC-CB09');
  });

  it('shows a taken code on the code field', async () => {
    const calls = mockApi({
      'GET /organisations': { body: kTree },
      'GET /organisations/HUE-TAYLOC': view(kWard, [kCell1]),
      'POST /organisations': { status: 409, body: { error: { code: 'conflict', field: 'code', message: 'Mã HUE-TAYLOC-CB01 đã có đơn vị dùng' } } },
    }, kUsers.board);
    renderPage(<OrgUnitPage />, '/don-vi/HUE-TAYLOC', '/don-vi/:code');
    fireEvent.click(await screen.findByRole('button', { name: 'Thêm đơn vị trực thuộc' }));
    await pick('Loại đơn vị', 'Chi bộ');
    fireEvent.change(dialog().getByLabelText('Mã đơn vị'), { target: { value: 'HUE-TAYLOC-CB01' } });
    fireEvent.change(dialog().getByLabelText('Tên đơn vị'), { target: { value: 'Chi bộ mới' } });
    fireEvent.click(button('Thêm đơn vị'));
    const said = await screen.findByText('Mã HUE-TAYLOC-CB01 đã có đơn vị dùng');
    expect(said.closest('.ant-form-item')?.textContent).toContain('Mã đơn vị');
    // The server's today is the founding date offered.
    expect(callsTo(calls, 'POST', '/organisations')[0].body).toMatchObject({ valid_from: '2023-11-15' });
  });

  it('moves a cell under another ward from a date, sending only what changed', async () => {
    const calls = mockApi({
      'GET /organisations': { body: kTree },
      'GET /organisations/HUE-TAYLOC-CB01': view(kCell1),
      'PATCH /organisations/HUE-TAYLOC-CB01': { body: { organisation: { ...kCell1, parent_id: 3 } } },
    }, kUsers.board);
    renderPage(<OrgUnitPage />, '/don-vi/HUE-TAYLOC-CB01', '/don-vi/:code');
    fireEvent.click(await screen.findByRole('button', { name: 'Sửa thông tin' }));
    await screen.findByText('Cây tổ chức trước ngày này vẫn giữ thông tin cũ.');
    expect((dialog().getByLabelText('Tên đơn vị') as HTMLInputElement).value).toBe('Chi bộ Khu vực 1');
    // A cell has no committee size nor authority to admit to change.
    expect(screen.queryByLabelText('Số cấp ủy viên')).toBeNull();
    await pick('Đơn vị cấp trên', 'Đảng ủy phường Vỹ Dạ (Đảng bộ cơ sở)', 'vy da');
    typeDate('Ngày có hiệu lực', '01/12/2023');
    fireEvent.click(button('Lưu thay đổi'));
    await waitFor(() => expect(callsTo(calls, 'PATCH', '/organisations/HUE-TAYLOC-CB01')).toHaveLength(1));
    expect(callsTo(calls, 'PATCH', '/organisations/HUE-TAYLOC-CB01')[0].body).toEqual({ effective: '2023-12-01', parent: 'HUE-VYDA' });
    await screen.findByText(/Đã lưu thay đổi, có hiệu lực từ ngày 01\/12\/2023/);
  });

  it('says so when nothing was changed, and sends nothing', async () => {
    const calls = mockApi({ 'GET /organisations': { body: kTree }, 'GET /organisations/HUE-TAYLOC-CB01': view(kCell1) }, kUsers.board);
    renderPage(<OrgUnitPage />, '/don-vi/HUE-TAYLOC-CB01', '/don-vi/:code');
    fireEvent.click(await screen.findByRole('button', { name: 'Sửa thông tin' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Lưu thay đổi' }));
    await screen.findByText('Chưa có thông tin nào thay đổi.');
    expect(callsTo(calls, 'PATCH', '/organisations/HUE-TAYLOC-CB01')).toHaveLength(0);
  });

  it('previews what a merge moves, then merges on confirmation', async () => {
    const plan = (committed: boolean) => ({
      organisation: kCell1, successor: kCell2, effective: '2023-11-15', committed,
      moves: {
        units: 0, people: 14, official_members: 9, probationary_members: 1, accounts: 1, target: 4,
        open_cases: [{ stage: 'sympathiser', label: 'Cảm tình Đảng', count: 3 }, { stage: 'dossier', label: 'Lập hồ sơ đề nghị kết nạp', count: 1 }],
      },
    });
    let merged = false;
    const calls = mockApi({
      'GET /organisations': { body: kTree },
      'GET /organisations/HUE-TAYLOC-CB01': () => (merged
        ? { body: { on: '2023-11-15', organisation: { ...kCell1, valid_to: '2023-11-14', successor_id: 22, valid_on: false }, children: [] } }
        : view(kCell1)),
      'POST /organisations/HUE-TAYLOC-CB01/dissolve': (call) => {
        merged = call.query.get('commit') === 'true';
        return { body: plan(merged) };
      },
    }, kUsers.board);
    renderPage(<OrgUnitPage />, '/don-vi/HUE-TAYLOC-CB01', '/don-vi/:code');
    fireEvent.click(await screen.findByRole('button', { name: 'Giải thể / sáp nhập' }));
    await screen.findByLabelText('Ngày giải thể');
    // Cells only, not the cell itself.
    fireEvent.mouseDown(dialog().getByLabelText('Đơn vị tiếp nhận (sáp nhập vào)'));
    await waitFor(() => expect(options().map((o) => o.textContent)).toEqual(['Chi bộ Tổ dân phố 2 (Chi bộ)']));
    fireEvent.click(options()[0]);
    expect(screen.queryByRole('button', { name: 'Xác nhận giải thể' })).toBeNull();
    fireEvent.click(button('Xem trước'));
    const preview = await screen.findByTestId('dissolve-plan');
    const dissolve = () => callsTo(calls, 'POST', '/organisations/HUE-TAYLOC-CB01/dissolve');
    expect(dissolve()[0].query.get('commit')).toBe('false');
    expect(dissolve()[0].body).toEqual({ effective: '2023-11-15', successor: 'HUE-TAYLOC-CB02' });
    expect(preview.textContent).toContain('Xem trước: chuyển sang Chi bộ Tổ dân phố 2');
    expect(within(preview).getByTestId('moves-people').textContent).toBe('14');
    expect(within(preview).getByTestId('moves-official').textContent).toBe('9');
    expect(within(preview).getByTestId('moves-probationary').textContent).toBe('1');
    expect(within(preview).getByTestId('moves-accounts').textContent).toBe('1');
    expect(within(preview).getByTestId('moves-target').textContent).toBe('4');
    expect(within(preview).getByText('Cảm tình Đảng', { exact: false }).textContent).toBe('Cảm tình Đảng: 3');
    expect(within(preview).getByText('Lập hồ sơ đề nghị kết nạp', { exact: false }).textContent).toBe('Lập hồ sơ đề nghị kết nạp: 1');
    fireEvent.click(button('Xác nhận giải thể'));
    fireEvent.click(await screen.findByRole('button', { name: 'Đồng ý giải thể' }));
    await waitFor(() => expect(dissolve()).toHaveLength(2));
    expect(dissolve()[1].query.get('commit')).toBe('true');
    expect(dissolve()[1].body).toEqual({ effective: '2023-11-15', successor: 'HUE-TAYLOC-CB02' });
    const done = await waitFor(() => document.querySelector('.org-admin-done') as HTMLElement);
    expect(done.textContent).toContain('Đã sáp nhập Chi bộ Khu vực 1 vào Chi bộ Tổ dân phố 2 từ ngày 15/11/2023.');
    expect(within(done).getByRole('link', { name: 'Chi bộ Tổ dân phố 2' }).getAttribute('href')).toBe('/don-vi/HUE-TAYLOC-CB02');
    expect(within(done).getByRole('link', { name: 'Xem đơn vị như trước ngày giải thể' }).getAttribute('href'))
      .toBe('/don-vi/HUE-TAYLOC-CB01?on=2023-11-14');
    // The page reloaded: the unit has ended and is no longer offered for changes.
    await screen.findByText('Đơn vị đã thôi hoạt động từ ngày 15/11/2023 nên không thêm, sửa được nữa.');
    expect(screen.queryByRole('button', { name: 'Giải thể / sáp nhập' })).toBeNull();
  });

  it('shows the server\'s refusal beside the form when a successor is needed', async () => {
    const message = 'Chi bộ Khu vực 1 còn 14 người và 4 hồ sơ đang làm: cần chọn đơn vị tiếp nhận';
    mockApi({
      'GET /organisations': { body: kTree },
      'GET /organisations/HUE-TAYLOC-CB01': view(kCell1),
      'POST /organisations/HUE-TAYLOC-CB01/dissolve': { status: 400, body: { error: { code: 'invalid', field: 'successor', message } } },
    }, kUsers.board);
    renderPage(<OrgUnitPage />, '/don-vi/HUE-TAYLOC-CB01', '/don-vi/:code');
    fireEvent.click(await screen.findByRole('button', { name: 'Giải thể / sáp nhập' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Xem trước' }));
    const alert = await screen.findByText(message);
    expect(alert.closest('.ant-alert')).not.toBeNull();
    expect(screen.queryByTestId('dissolve-plan')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Xác nhận giải thể' })).toBeNull();
  });
});

// "Sáp nhập các đơn vị trực thuộc" (components/OrgMerge.tsx): the city's wards merged into one of
// them or into a ward founded that day.
describe('OrgMerge', () => {
  const kAnCuu = unit(4, 1, 'HUE-ANCUU', 'Đảng ủy phường An Cựu', 'grassroots_committee', 'Đảng bộ cơ sở');
  const kSchool = unit(5, 1, 'HUE-QUOCHOC', 'Chi bộ Trường Quốc Học', 'grassroots_cell', 'Chi bộ cơ sở');
  const kBoard = unit(6, 1, 'HUE-BTC', 'Ban Tổ chức Thành ủy', 'organisation_board', 'Ban Tổ chức');
  const kCityTree = { on: '2023-11-15', items: [kCity, kWard, kVyDa, kAnCuu, kSchool, kBoard, kCell1, kCell2] };
  const moves = (units: number, people: number, official: number, probationary: number, accounts: number,
    open_cases: { stage: string; label: string; count: number }[] = []) =>
    ({ units, people, official_members: official, probationary_members: probationary, accounts, target: 0, open_cases });
  const org = (o: ReturnType<typeof unit>) => {
    const { id, parent_id, kind, code, name, authorised_to_admit, committee_member_count, valid_from, valid_to, successor_id } = o;
    return { id, parent_id, kind, code, name, authorised_to_admit, committee_member_count, valid_from, valid_to, successor_id };
  };
  const kNewWard = unit(7, 1, 'HUE-TAYLOCVYDA', 'Đảng ủy phường Tây Lộc – Vỹ Dạ', 'grassroots_committee', 'Đảng bộ cơ sở');
  const plan = (into: ReturnType<typeof unit>, isNew: boolean, committed: boolean) => ({
    into: org(into), new: isNew, effective: '2023-12-01', committed,
    units: [
      { organisation: org(kWard), moves: moves(2, 40, 30, 2, 3, [{ stage: 'sympathiser', label: 'Cảm tình Đảng', count: 2 }]) },
      { organisation: org(kVyDa), moves: moves(5, 60, 45, 3, 4, [{ stage: 'sympathiser', label: 'Cảm tình Đảng', count: 1 },
        { stage: 'dossier', label: 'Lập hồ sơ đề nghị kết nạp', count: 2 }]) },
    ],
    moves: moves(7, 100, 75, 5, 7, [{ stage: 'sympathiser', label: 'Cảm tình Đảng', count: 3 }, { stage: 'dossier', label: 'Lập hồ sơ đề nghị kết nạp', count: 2 }]),
  });
  const merges = (calls: ReturnType<typeof mockApi>) => callsTo(calls, 'POST', '/organisations/merge');

  // The options of the Select labelled `label` (its own list: another may still be open).
  const optionsOf = (label: string) => {
    const list = document.getElementById(`${dialog().getByLabelText(label).id}_list`)?.closest('.ant-select-dropdown');
    return list ? [...list.querySelectorAll('.ant-select-item-option')] : [];
  };
  async function choose(label: string, text: string) {
    fireEvent.mouseDown(dialog().getByLabelText(label));
    await waitFor(() => expect(optionsOf(label).some((o) => o.textContent === text)).toBe(true));
    fireEvent.click(optionsOf(label).find((o) => o.textContent === text)!);
  }
  // Picks the units to merge in the multiple select.
  async function chooseUnits(...names: string[]) {
    for (const name of names) await choose('Các đơn vị sáp nhập', `${name} (Đảng bộ cơ sở)`);
  }

  async function openMerge(routes: Parameters<typeof mockApi>[0] = {}) {
    const calls = mockApi({ 'GET /organisations': { body: kCityTree }, 'GET /organisations/HUE': view(kCity, [kWard, kVyDa, kAnCuu, kSchool, kBoard]), ...routes }, kUsers.board);
    renderPage(<OrgUnitPage />, '/don-vi/HUE', '/don-vi/:code');
    fireEvent.click(await screen.findByRole('button', { name: 'Sáp nhập các đơn vị trực thuộc' }));
    await screen.findByLabelText('Ngày sáp nhập');
    return calls;
  }

  it('is offered on a unit with units under it, not on a cell', async () => {
    mockApi({ 'GET /organisations': { body: kTree }, 'GET /organisations/HUE-TAYLOC-CB01': view(kCell1) }, kUsers.board);
    const cell = renderPage(<OrgUnitPage />, '/don-vi/HUE-TAYLOC-CB01', '/don-vi/:code');
    await screen.findByRole('button', { name: 'Giải thể / sáp nhập' });
    expect(screen.queryByRole('button', { name: 'Sáp nhập các đơn vị trực thuộc' })).toBeNull();
    cell.unmount();
    mockApi({ 'GET /organisations': { body: kTree }, 'GET /organisations/HUE-TAYLOC': view(kWard, [kCell1, kCell2]) }, kUsers.board);
    renderPage(<OrgUnitPage />, '/don-vi/HUE-TAYLOC', '/don-vi/:code');
    await screen.findByRole('button', { name: 'Sáp nhập các đơn vị trực thuộc' });
  });

  it('offers units of one family, and a receiving unit among the others of it', async () => {
    const calls = await openMerge();
    // The units of the tree on the merge date (the server's today until another is typed).
    expect(callsTo(calls, 'GET', '/organisations').some((c) => c.query.get('on') === '2023-11-15')).toBe(true);
    // The city's party units on the date, not its organisation board.
    fireEvent.mouseDown(dialog().getByLabelText('Các đơn vị sáp nhập'));
    await waitFor(() => expect(optionsOf('Các đơn vị sáp nhập').map((o) => o.textContent)).toEqual([
      'Chi bộ Trường Quốc Học (Chi bộ cơ sở)', 'Đảng ủy phường An Cựu (Đảng bộ cơ sở)',
      'Đảng ủy phường Tây Lộc (Đảng bộ cơ sở)', 'Đảng ủy phường Vỹ Dạ (Đảng bộ cơ sở)',
    ]));
    await chooseUnits('Đảng ủy phường Tây Lộc');
    await waitFor(() => expect(optionsOf('Các đơn vị sáp nhập').find((o) => o.textContent === 'Chi bộ Trường Quốc Học (Chi bộ cơ sở)')
      ?.classList.contains('ant-select-item-option-disabled')).toBe(true));
    fireEvent.mouseDown(dialog().getByLabelText('Đơn vị tiếp nhận'));
    await waitFor(() => expect(optionsOf('Đơn vị tiếp nhận').map((o) => o.textContent)).toEqual([
      'Đảng ủy phường An Cựu (Đảng bộ cơ sở)', 'Đảng ủy phường Vỹ Dạ (Đảng bộ cơ sở)',
    ]));
  });

  it('merges two wards into a third after a preview of what each hands over', async () => {
    let merged = false;
    const calls = await openMerge({
      'POST /organisations/merge': (call) => {
        merged = call.query.get('commit') === 'true';
        return { body: plan(kAnCuu, false, merged) };
      },
    });
    await chooseUnits('Đảng ủy phường Tây Lộc', 'Đảng ủy phường Vỹ Dạ');
    await choose('Đơn vị tiếp nhận', 'Đảng ủy phường An Cựu (Đảng bộ cơ sở)');
    typeDate('Ngày sáp nhập', '01/12/2023');
    await waitFor(() => expect(callsTo(calls, 'GET', '/organisations').some((c) => c.query.get('on') === '2023-12-01')).toBe(true));
    expect(screen.queryByRole('button', { name: 'Xác nhận sáp nhập' })).toBeNull();
    fireEvent.click(button('Xem trước'));
    const preview = await screen.findByTestId('merge-plan');
    expect(merges(calls)[0].query.get('commit')).toBe('false');
    expect(merges(calls)[0].body).toEqual({ units: ['HUE-TAYLOC', 'HUE-VYDA'], into: 'HUE-ANCUU', effective: '2023-12-01' });
    expect(preview.textContent).toContain('Xem trước: sáp nhập vào Đảng ủy phường An Cựu');
    expect(preview.textContent).toContain('Từ ngày 01/12/2023, 2 đơn vị dưới đây thôi hoạt động');
    // One row per merged unit: units, people, official, probationary, open cases, accounts, target; then the sum.
    const cells = (tr: Element) => [...tr.querySelectorAll('td')].map((td) => td.textContent);
    const rows = [...preview.querySelectorAll('tbody tr.ant-table-row')];
    expect(rows.map(cells)).toEqual([
      ['Đảng ủy phường Tây Lộc', '2', '40', '30', '2', '2', '3', '0'],
      ['Đảng ủy phường Vỹ Dạ', '5', '60', '45', '3', '3', '4', '0'],
    ]);
    expect(cells(preview.querySelector('tr.merge-total')!)).toEqual(['Cộng', '7', '100', '75', '5', '5', '7', '0']);
    expect([...within(preview).getByTestId('merge-cases').querySelectorAll('li')].map((li) => li.textContent))
      .toEqual(['Cảm tình Đảng: 3', 'Lập hồ sơ đề nghị kết nạp: 2']);
    fireEvent.click(button('Xác nhận sáp nhập'));
    fireEvent.click(await screen.findByRole('button', { name: 'Đồng ý sáp nhập' }));
    await waitFor(() => expect(merges(calls)).toHaveLength(2));
    expect(merges(calls)[1].query.get('commit')).toBe('true');
    expect(merges(calls)[1].body).toEqual(merges(calls)[0].body);
    const done = await waitFor(() => document.querySelector('.org-admin-done') as HTMLElement);
    expect(done.textContent).toContain('Đã sáp nhập Đảng ủy phường Tây Lộc, Đảng ủy phường Vỹ Dạ vào Đảng ủy phường An Cựu từ ngày 01/12/2023.');
    expect(within(done).getByRole('link', { name: 'Đảng ủy phường An Cựu' }).getAttribute('href')).toBe('/don-vi/HUE-ANCUU');
    expect(within(done).getByRole('link', { name: 'Xem các đơn vị trực thuộc như trước ngày sáp nhập' }).getAttribute('href'))
      .toBe('/don-vi/HUE?on=2023-11-30');
    expect(screen.queryByRole('dialog')).toBeNull();
    // The page reloaded.
    await waitFor(() => expect(callsTo(calls, 'GET', '/organisations/HUE').length).toBeGreaterThan(1));
  });

  it('founds a new ward from the day of the merge, and drops the preview on a change', async () => {
    const calls = await openMerge({ 'POST /organisations/merge': (call) => ({ body: plan(kNewWard, true, call.query.get('commit') === 'true') }) });
    await chooseUnits('Đảng ủy phường Tây Lộc', 'Đảng ủy phường Vỹ Dạ');
    fireEvent.click(dialog().getByRole('radio', { name: 'Thành lập đơn vị mới' }));
    const code = await waitFor(() => dialog().getByLabelText('Mã đơn vị mới') as HTMLInputElement);
    expect(code.value).toBe('HUE-');
    // The kind of the merged units, in words.
    expect(dialog().getByLabelText('Loại đơn vị').closest('.ant-select')?.textContent).toBe('Đảng bộ cơ sở');
    fireEvent.change(code, { target: { value: 'hue-tayloc-vyda' } });
    fireEvent.change(dialog().getByLabelText('Tên đơn vị mới'), { target: { value: ' Đảng ủy phường Tây Lộc – Vỹ Dạ ' } });
    fireEvent.change(dialog().getByLabelText('Số cấp ủy viên'), { target: { value: '15' } });
    fireEvent.click(button('Xem trước'));
    const preview = await screen.findByTestId('merge-plan');
    expect(merges(calls)[0].body).toEqual({
      units: ['HUE-TAYLOC', 'HUE-VYDA'], effective: '2023-11-15',
      new_unit: {
        code: 'HUE-TAYLOC-VYDA', name: 'Đảng ủy phường Tây Lộc – Vỹ Dạ', kind: 'grassroots_committee', parent: 'HUE',
        committee_member_count: 15, authorised_to_admit: false, valid_from: '2023-11-15',
      },
    });
    expect(preview.textContent).toContain('Xem trước: thành lập Đảng ủy phường Tây Lộc – Vỹ Dạ');
    fireEvent.change(dialog().getByLabelText('Tên đơn vị mới'), { target: { value: 'Đảng ủy phường Tây Lộc Vỹ Dạ' } });
    await waitFor(() => expect(screen.queryByTestId('merge-plan')).toBeNull());
    expect(screen.queryByRole('button', { name: 'Xác nhận sáp nhập' })).toBeNull();
  });

  it('asks for two units to found a new one', async () => {
    const calls = await openMerge();
    await chooseUnits('Đảng ủy phường Tây Lộc');
    fireEvent.click(dialog().getByRole('radio', { name: 'Thành lập đơn vị mới' }));
    fireEvent.change(await waitFor(() => dialog().getByLabelText('Tên đơn vị mới')), { target: { value: 'Đảng ủy phường Mới' } });
    fireEvent.click(button('Xem trước'));
    await screen.findByText('Cần chọn ít nhất hai đơn vị để hợp thành đơn vị mới');
    expect(merges(calls)).toHaveLength(0);
  });

  it('shows the server\'s refusal in the form', async () => {
    const message = 'Đảng ủy phường Tây Lộc đã có thay đổi từ ngày 01/12/2023: chọn ngày sáp nhập sau ngày này';
    await openMerge({ 'POST /organisations/merge': { status: 400, body: { error: { code: 'invalid', field: 'effective', message } } } });
    await chooseUnits('Đảng ủy phường Tây Lộc', 'Đảng ủy phường Vỹ Dạ');
    await choose('Đơn vị tiếp nhận', 'Đảng ủy phường An Cựu (Đảng bộ cơ sở)');
    fireEvent.click(button('Xem trước'));
    const alert = await screen.findByText(message);
    expect(alert.closest('.ant-alert')).not.toBeNull();
    expect(screen.queryByTestId('merge-plan')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Xác nhận sáp nhập' })).toBeNull();
  });
});
