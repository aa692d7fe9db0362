import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { forgetOrganisations } from '../lib/myOrg';
import { callsTo, kUsers, mockApi, renderPage } from '../test/mockApi';
import { kMilitia, kOrganisationTree, kYouthUnion, stats } from '../test/massOrgFixtures';
import UsersPage from './UsersPage';

const dialog = () => within(screen.getByRole('dialog'));
const options = () => [...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')];

describe('UsersPage', () => {
  beforeEach(() => forgetOrganisations());

  it('opens an account for a mass organisation of the chosen ward', async () => {
    const calls = mockApi({
      'GET /organisations': { body: kOrganisationTree },
      'GET /users': { body: { items: [] } },
      'GET /mass-organisations': { body: { org: { id: 2, code: 'HUE-TAYLOC', name: 'Đảng ủy phường Tây Lộc', kind: 'grassroots_committee' }, items: [stats(kYouthUnion), stats(kMilitia)] } },
      'POST /users': { status: 201, body: { user: {} } },
    }, kUsers.ward);
    renderPage(<UsersPage />, '/tai-khoan', '/tai-khoan');
    fireEvent.click(await screen.findByText('+ Thêm tài khoản', { selector: 'button span' }));
    await screen.findByRole('dialog');
    fireEvent.change(dialog().getByLabelText('Tên đăng nhập'), { target: { value: 'hoiphunu.tayloc' } });
    fireEvent.change(dialog().getByLabelText('Họ và tên'), { target: { value: 'Hội Phụ nữ Tây Lộc' } });
    fireEvent.mouseDown(dialog().getByLabelText('Vai trò'));
    // Ward staff grant their own role, cell secretaries and the ward's mass organisations.
    await waitFor(() => expect(options().map((o) => o.textContent)).toContain('Tổ chức chính trị - xã hội'));
    fireEvent.click(options().find((o) => o.textContent === 'Tổ chức chính trị - xã hội')!);
    const organisation = await dialog().findByLabelText('Tổ chức chính trị - xã hội mà tài khoản đại diện');
    expect(callsTo(calls, 'GET', '/mass-organisations')).toHaveLength(0);
    const unit = dialog().getByRole('combobox', { name: 'Đơn vị' });
    fireEvent.mouseDown(unit);
    fireEvent.change(unit, { target: { value: 'Tây Lộc' } });
    fireEvent.click(await screen.findByTitle('Đảng ủy phường Tây Lộc'));
    await waitFor(() => expect(callsTo(calls, 'GET', '/mass-organisations')).toHaveLength(1));
    expect(callsTo(calls, 'GET', '/mass-organisations')[0].query.get('org')).toBe('HUE-TAYLOC');
    fireEvent.mouseDown(organisation);
    await waitFor(() => expect(options().map((o) => o.textContent)).toContain('Ban Chỉ huy quân sự phường Tây Lộc (Ban Chỉ huy quân sự)'));
    fireEvent.click(options().find((o) => o.textContent === 'Ban Chỉ huy quân sự phường Tây Lộc (Ban Chỉ huy quân sự)')!);
    fireEvent.change(dialog().getByLabelText('Mật khẩu ban đầu (ít nhất 10 ký tự)'), { target: { value: 'Hue@2023demo' } });
    fireEvent.click(dialog().getByText('Tạo tài khoản', { selector: 'button span' }));
    await waitFor(() => expect(callsTo(calls, 'POST', '/users')).toHaveLength(1));
    expect(callsTo(calls, 'POST', '/users')[0].body).toEqual({
      login: 'hoiphunu.tayloc', full_name: 'Hội Phụ nữ Tây Lộc', role: 'mass_organisation', organisation: 'HUE-TAYLOC',
      mass_organisation_id: 7, password: 'Hue@2023demo',
    });
  });
});
