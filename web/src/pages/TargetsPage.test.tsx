import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Target, TargetProgress } from '../api/types';
import { callsTo, kUsers, mockApi, renderPage } from '../test/mockApi';
import TargetsPage, { targetTree } from './TargetsPage';

const target = (id: number, org: string, org_name: string, count: number, extra: Partial<Target> = {}): Target => ({
  id, org, org_name, year: 2023, category: null, count, legal_basis: 'Nghị quyết 14-NQ/TU', parent_id: null,
  split_final: false, version: 1, split_sum: 0, split_count: 0, ...extra,
});

const kTargets = [
  target(1, 'HUE', 'Thành ủy Huế', 120, { split_sum: 10, split_count: 1 }),
  target(2, 'HUE-TAYLOC', 'Đảng ủy phường Tây Lộc', 10, { parent_id: 1 }),
];

const kProgress: TargetProgress = {
  org: 'HUE', year: 2023, on: '2023-11-15', legal_basis: 'Nghị quyết 14-NQ/TU', open_cases: 300,
  category: null, target: 120, admitted: 80, forecast: 30, expected_total: 110,
  categories: [{ category: 'teacher', category_label: 'Giáo viên', target: 5, admitted: 4, forecast: 2, expected_total: 6 }],
};

describe('targetTree', () => {
  it('puts the splits under their target', () => {
    const tree = targetTree(kTargets);
    expect(tree).toHaveLength(1);
    expect(tree[0].children?.map((t) => t.org)).toEqual(['HUE-TAYLOC']);
  });
});

describe('TargetsPage', () => {
  it('shows the targets with their splits, progress and forecast', async () => {
    const calls = mockApi({ 'GET /targets': { body: { org: 'HUE', year: 2023, items: kTargets } }, 'GET /targets/progress': { body: kProgress } }, kUsers.board);
    renderPage(<TargetsPage />, '/chi-tieu', '/chi-tieu');
    await screen.findByText('Chỉ tiêu kết nạp đảng viên năm 2023', { selector: 'h1' });
    await screen.findByText('Giáo viên', { selector: '.progress-table td' });
    const progress = document.querySelector('.progress-table') as HTMLElement;
    expect(within(progress).getByText('110')).toBeTruthy();
    expect(within(progress).getByText('Dự kiến thiếu 10')).toBeTruthy();
    expect(within(progress).getByText('Dự kiến đạt')).toBeTruthy();
    await screen.findByText('Đảng ủy phường Tây Lộc', { selector: '.targets-table td' });
    expect(screen.getByText('10/120 cho 1 đơn vị', { selector: '.targets-table td *' })).toBeTruthy();
    // The caller's own unit (HUE) and the server's year.
    const get = callsTo(calls, 'GET', '/targets')[0];
    expect([get.query.get('org'), get.query.get('year')]).toEqual(['HUE', '2023']);
  });

  it('shows the server’s §7 refusal next to the split numbers', async () => {
    const refusal = { error: { code: 'rule_violation', rule: '§7', field: 'count', message: 'Tổng chỉ tiêu phân bổ cho các đơn vị là 125, vượt chỉ tiêu 120 của Thành ủy Huế' } };
    const calls = mockApi({
      'GET /targets': { body: { org: 'HUE', year: 2023, items: kTargets } },
      'GET /targets/progress': { body: kProgress },
      'POST /targets': { status: 422, body: refusal },
    }, kUsers.board);
    renderPage(<TargetsPage />, '/chi-tieu', '/chi-tieu');
    fireEvent.click(await screen.findByLabelText('Phân bổ chỉ tiêu của Thành ủy Huế (tất cả các nguồn)'));
    const vyda = await screen.findByLabelText('Chỉ tiêu của Đảng ủy phường Vỹ Dạ');
    fireEvent.change(vyda, { target: { value: '115' } });
    await waitFor(() => expect(screen.getByTestId('split-sum').textContent).toContain('125'));
    expect(screen.getByTestId('split-sum').textContent).toContain('vượt 5');
    fireEvent.click(screen.getByText('Lưu phân bổ', { selector: 'button span' }));
    const shown = await screen.findByText('Tổng chỉ tiêu phân bổ cho các đơn vị là 125, vượt chỉ tiêu 120 của Thành ủy Huế');
    expect(shown.closest('.split-error')).toBeTruthy();
    expect(callsTo(calls, 'POST', '/targets')[0].body).toEqual({ org: 'HUE-VYDA', year: 2023, category: null, count: 115, parent_id: 1 });
  });

  it('edits a target with its version and shows a 422 on the number', async () => {
    const calls = mockApi({
      'GET /targets': { body: { org: 'HUE', year: 2023, items: kTargets } },
      'GET /targets/progress': { body: kProgress },
      'PUT /targets/1': { status: 422, body: { error: { code: 'rule_violation', rule: '§7', message: 'Tổng chỉ tiêu phân bổ là 10, vượt chỉ tiêu 5' } } },
    }, kUsers.board);
    renderPage(<TargetsPage />, '/chi-tieu', '/chi-tieu');
    fireEvent.click(await screen.findByLabelText('Sửa chỉ tiêu của Thành ủy Huế (tất cả các nguồn)'));
    fireEvent.change(await screen.findByLabelText('Số đảng viên kết nạp'), { target: { value: '5' } });
    fireEvent.click(screen.getByText('Lưu', { selector: '.ant-modal-footer button span' }));
    const help = await screen.findByText('Tổng chỉ tiêu phân bổ là 10, vượt chỉ tiêu 5');
    expect(help.closest('.ant-form-item')?.textContent).toContain('Số đảng viên kết nạp');
    const put = callsTo(calls, 'PUT', '/targets/1')[0];
    expect(put.headers['If-Match']).toBe('"1"');
    expect(put.body).toMatchObject({ count: 5, legal_basis: 'Nghị quyết 14-NQ/TU' });
  });

  it('offers no changes to a ward', async () => {
    mockApi({ 'GET /targets': { body: { org: 'HUE-TAYLOC', year: 2023, items: [kTargets[1]] } }, 'GET /targets/progress': { body: kProgress } }, kUsers.ward);
    renderPage(<TargetsPage />, '/chi-tieu', '/chi-tieu');
    await screen.findByText('Đảng ủy phường Tây Lộc', { selector: '.targets-table td' });
    expect(screen.queryByText('Giao chỉ tiêu')).toBeNull();
    expect(screen.queryByLabelText(/Phân bổ chỉ tiêu/)).toBeNull();
  });
});
