import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { mockApi, renderPage } from '../test/mockApi';
import OrgTreePage from './OrgTreePage';
import OrgUnitPage from './OrgUnitPage';

const unit = (id: number, parent_id: number | null, code: string, name: string, kind = 'cell', kind_label = 'Chi bộ') => ({
  id, parent_id, code, name, kind, kind_label, valid_from: '2019-01-01', valid_to: null, authorised_to_admit: false,
  official_members: 9, probationary_members: 1, committee_member_count: 0, successor_id: null,
});

// A ward user's tree: the ward (its parent, the city, is out of scope) and two cells.
const kWard = unit(2, 1, 'HUE-TAYLOC', 'Đảng ủy phường Tây Lộc', 'grassroots_committee', 'Đảng bộ cơ sở');
const kTree = {
  on: '2023-11-15',
  items: [kWard, unit(21, 2, 'HUE-TAYLOC-CB01', 'Chi bộ Khu vực 1'), unit(22, 2, 'HUE-TAYLOC-CB02', 'Chi bộ Tổ dân phố 2')],
};

const shown = (name: string) => screen.queryByText(name, { selector: '.org-node strong' });

// The tree ignores a switcher clicked while a unit is still opening or closing: wait for the
// motion to end first.
async function settled(container: HTMLElement) {
  await waitFor(() => expect(container.querySelector('.ant-tree-treenode-motion')).toBeNull());
}

describe('OrgTreePage', () => {
  it('opens the ward, closes and reopens it with its switcher', async () => {
    mockApi({ 'GET /organisations': { body: kTree } });
    const { container } = renderPage(<OrgTreePage />, '/to-chuc', '/to-chuc');
    await waitFor(() => expect(shown('Chi bộ Khu vực 1')).not.toBeNull());
    const switcher = () => container.querySelector('.ant-tree-treenode .ant-tree-switcher')!;
    await settled(container);
    fireEvent.click(switcher());
    await waitFor(() => expect(shown('Chi bộ Khu vực 1')).toBeNull());
    await settled(container);
    fireEvent.click(switcher());
    await waitFor(() => expect(shown('Chi bộ Khu vực 1')).not.toBeNull());
    expect(shown('Chi bộ Tổ dân phố 2')).not.toBeNull();
  });

  it('finds a cell typed without diacritics, opening the way to it, and links units to their pages', async () => {
    mockApi({ 'GET /organisations': { body: kTree } });
    const { container } = renderPage(<OrgTreePage />, '/to-chuc', '/to-chuc');
    await waitFor(() => expect(shown('Chi bộ Khu vực 1')).not.toBeNull());
    await settled(container);
    fireEvent.click(container.querySelector('.ant-tree-switcher')!);
    await waitFor(() => expect(shown('Chi bộ Khu vực 1')).toBeNull());
    fireEvent.change(screen.getByLabelText('Tìm đơn vị'), { target: { value: 'khu vuc' } });
    await waitFor(() => expect(shown('Chi bộ Khu vực 1')).not.toBeNull());
    expect(shown('Chi bộ Tổ dân phố 2')).toBeNull();
    expect(screen.getByText('Tìm thấy 1 đơn vị.')).toBeTruthy();
    expect(container.querySelector('.org-match strong')!.textContent).toBe('Chi bộ Khu vực 1');
    expect(screen.getByText('Chi bộ Khu vực 1').closest('a')!.getAttribute('href')).toBe('/don-vi/HUE-TAYLOC-CB01');
    fireEvent.change(screen.getByLabelText('Tìm đơn vị'), { target: { value: 'khong co' } });
    await screen.findByText('Không có đơn vị nào khớp.');
  });
});

describe('OrgUnitPage', () => {
  it('shows the unit, its parent and children as links, its members and its work', async () => {
    const calls = mockApi({
      'GET /organisations': { body: kTree },
      'GET /organisations/HUE-TAYLOC-CB01': {
        body: { on: '2023-11-15', organisation: { ...unit(21, 2, 'HUE-TAYLOC-CB01', 'Chi bộ Khu vực 1'), valid_on: true }, children: [] },
      },
    });
    renderPage(<OrgUnitPage />, '/don-vi/HUE-TAYLOC-CB01', '/don-vi/:code');
    await screen.findByRole('heading', { name: 'Chi bộ Khu vực 1', level: 1 });
    expect((await screen.findByRole('link', { name: 'Đảng ủy phường Tây Lộc' })).getAttribute('href')).toBe('/don-vi/HUE-TAYLOC');
    expect(screen.getByTestId('official-members').textContent).toBe('9');
    expect(screen.getByTestId('probationary-members').textContent).toBe('1');
    expect(screen.getByText('từ 01/01/2019 (chưa có ngày kết thúc)')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Hồ sơ kết nạp của đơn vị' }).getAttribute('href')).toBe('/ho-so?org=HUE-TAYLOC-CB01');
    expect(screen.getByRole('link', { name: 'Nguồn phát triển đảng viên' }).getAttribute('href')).toBe('/nguon?org=HUE-TAYLOC-CB01');
    expect(screen.getByText('Không có đơn vị trực thuộc')).toBeTruthy();
    expect(calls.some((c) => c.path === '/organisations/HUE-TAYLOC-CB01' && !c.query.has('on'))).toBe(true);
  });

  it('names a parent out of the user\'s scope without a link, lists the cells, and keeps the date asked', async () => {
    const calls = mockApi({
      'GET /organisations': { body: kTree },
      'GET /organisations/HUE-TAYLOC': {
        body: { on: '2022-05-01', organisation: { ...kWard, valid_on: true }, children: kTree.items.slice(1) },
      },
    });
    renderPage(<OrgUnitPage />, '/don-vi/HUE-TAYLOC?on=2022-05-01', '/don-vi/:code');
    await screen.findByRole('heading', { name: 'Đảng ủy phường Tây Lộc', level: 1 });
    expect(screen.getByText('Ngoài phạm vi tài khoản của bạn')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Chi bộ Tổ dân phố 2' }).getAttribute('href')).toBe('/don-vi/HUE-TAYLOC-CB02?on=2022-05-01');
    expect(screen.getByText('Do cấp ủy cấp trên quyết định')).toBeTruthy();
    expect(calls.find((c) => c.path === '/organisations/HUE-TAYLOC')!.query.get('on')).toBe('2022-05-01');
  });

  it('says so when the unit does not exist', async () => {
    mockApi({ 'GET /organisations/KHONG-CO': { status: 404, body: { error: { code: 'not_found', message: 'Không có đơn vị KHONG-CO' } } } });
    renderPage(<OrgUnitPage />, '/don-vi/KHONG-CO', '/don-vi/:code');
    await screen.findByTestId('not-found');
    expect(screen.getByText(/Không có đơn vị KHONG-CO/)).toBeTruthy();
  });
});
