import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { callsTo, kUsers, mockApi, renderPage } from '../test/mockApi';
import { kAccepted, kDeclined, kWaiting, kYouthUnion, stats } from '../test/massOrgFixtures';
import MyOrganisationPage from './MyOrganisationPage';

function typeInto(label: string, text: string) {
  const input = screen.getByLabelText(label);
  fireEvent.mouseDown(input);
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
  fireEvent.blur(input);
}

const kRoutes = {
  'GET /my-organisation': { body: { mass_organisation: stats(kYouthUnion) } },
  'GET /my-organisation/nominations': { body: { items: [kWaiting, kAccepted, kDeclined] } },
};

async function fillNomination() {
  fireEvent.change(await screen.findByLabelText('Họ và tên (có dấu)'), { target: { value: ' Nguyễn Thị Lan ' } });
  typeInto('Ngày sinh', '05/06/2002');
  fireEvent.click(screen.getByLabelText('Nữ'));
  const category = screen.getByLabelText('Đối tượng nguồn');
  fireEvent.mouseDown(category);
  fireEvent.click(await screen.findByText('Học sinh, sinh viên', { selector: '.ant-select-item-option-content' }));
  fireEvent.change(screen.getByLabelText('Lý do giới thiệu'), { target: { value: 'Sinh viên 5 tốt' } });
  fireEvent.change(screen.getByLabelText('Minh chứng'), { target: { value: 'Bằng khen' } });
  typeInto('Ngày giới thiệu', '14/11/2023');
}

describe('MyOrganisationPage', () => {
  it('shows the organisation, its counts and its nominations with their state', async () => {
    mockApi(kRoutes, kUsers.massOrg);
    renderPage(<MyOrganisationPage />, '/to-chuc-doan-the', '/to-chuc-doan-the');
    await screen.findByText('Đoàn Thanh niên phường Tây Lộc');
    const counts = screen.getByLabelText('Kết quả của tổ chức');
    expect(within(counts).getByText('Đã giới thiệu').nextSibling?.textContent).toBe('5');
    expect(within(counts).getByText('Đã được kết nạp').nextSibling?.textContent).toBe('1');
    const table = await screen.findByText('Trần Thị Mai', { selector: '.nominations-table td' });
    expect(table).toBeTruthy();
    expect(screen.getByText('Chờ xem xét', { selector: '.nomination-status' })).toBeTruthy();
    expect(screen.getByText('Tiếp nhận vào Chi bộ 1 ngày 20/09/2023; hiện: Quần chúng ưu tú (nguồn)')).toBeTruthy();
    expect(screen.getByText('Không tiếp nhận ngày 15/08/2023: Chưa đủ 18 tuổi vào ngày xét')).toBeTruthy();
    // The organisation reads no case: an accepted nomination is not a link.
    expect(document.querySelector('a[href^="/ho-so/"]')).toBeNull();
    expect(screen.getByText('01/11/2023')).toBeTruthy();
  });

  it('nominates a person and reloads the list', async () => {
    const calls = mockApi({
      ...kRoutes,
      'POST /my-organisation/nominations': (call) => ({ status: 201, body: { nomination: { ...kWaiting, id: 40, ...(call.body as object) } } }),
    }, kUsers.massOrg);
    renderPage(<MyOrganisationPage />, '/to-chuc-doan-the', '/to-chuc-doan-the');
    await fillNomination();
    fireEvent.click(screen.getByText('Gửi giới thiệu', { selector: 'button span' }));
    await waitFor(() => expect(callsTo(calls, 'POST', '/my-organisation/nominations')).toHaveLength(1));
    expect(callsTo(calls, 'POST', '/my-organisation/nominations')[0].body).toEqual({
      full_name: 'Nguyễn Thị Lan', birth_date: '2002-06-05', sex: 'female', category: 'student',
      reason: 'Sinh viên 5 tốt', evidence: 'Bằng khen', nominated_on: '2023-11-14',
    });
    await waitFor(() => expect(callsTo(calls, 'GET', '/my-organisation/nominations')).toHaveLength(2));
    expect(callsTo(calls, 'GET', '/my-organisation')).toHaveLength(2);
  });

  it('says what the server refused, in Vietnamese, beside the field at fault', async () => {
    mockApi({
      ...kRoutes,
      'POST /my-organisation/nominations': { status: 400, body: { error: { code: 'invalid', message: 'Ngày giới thiệu không được sau hôm nay', field: 'nominated_on' } } },
    }, kUsers.massOrg);
    renderPage(<MyOrganisationPage />, '/to-chuc-doan-the', '/to-chuc-doan-the');
    await fillNomination();
    fireEvent.click(screen.getByText('Gửi giới thiệu', { selector: 'button span' }));
    const said = await screen.findByText('Ngày giới thiệu không được sau hôm nay');
    expect(said.closest('.ant-form-item')?.querySelector('label')?.textContent).toBe('Ngày giới thiệu');
  });

  it('refuses an empty form without asking the server', async () => {
    const calls = mockApi(kRoutes, kUsers.massOrg);
    renderPage(<MyOrganisationPage />, '/to-chuc-doan-the', '/to-chuc-doan-the');
    fireEvent.click(await screen.findByText('Gửi giới thiệu', { selector: 'button span' }));
    await screen.findByText('Cần nhập họ và tên');
    expect(screen.getByText('Cần nêu lý do giới thiệu')).toBeTruthy();
    expect(callsTo(calls, 'POST', '/my-organisation/nominations')).toHaveLength(0);
  });
});
