import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { ClassView, Enrolment } from '../api/types';
import { callsTo, kUsers, mockApi, renderPage } from '../test/mockApi';
import ClassPage from './ClassPage';
import CertificateCheckPage from './CertificateCheckPage';

const enrolment = (id: number, name: string, extra: Partial<Enrolment> = {}): Enrolment => ({
  id, class_id: 7, case_id: 100 + id, person_id: 200 + id, person_name: name, nominated_by: 'HUE-TAYLOC',
  state: 'nominated', assessment: 'pending', attendance: [], attended: 0, certificate_number: null, ...extra,
});

const view = (enrolments: Enrolment[], all = true): ClassView => ({
  class: {
    id: 7, kind: 'awareness', kind_label: 'Bồi dưỡng nhận thức về Đảng', code: 'NT-2023-05', name: 'Lớp nhận thức về Đảng khóa 5',
    organiser: 'HUE', organiser_name: 'Thành ủy Huế', format: 'shortened', place: 'Hội trường A', capacity: 2, enrolled: 2,
    starts_on: '2023-10-02', ends_on: '2023-10-06', sessions: 3, min_attendance_percent: 80,
  },
  enrolments, all_enrolments: all,
});

const kFull = view([
  enrolment(1, 'Trần Văn An', { state: 'enrolled' }),
  enrolment(2, 'Lê Thị Bình', { state: 'enrolled', attendance: [{ session: 1, present: true }], attended: 1 }),
  enrolment(3, 'Phạm Văn Cường'),
]);

describe('ClassPage', () => {
  it('shows the class in dd/mm/yyyy and the server’s 409 when the class is full', async () => {
    const calls = mockApi({
      'GET /classes/7': { body: kFull },
      'PATCH /classes/7/enrolments/3': { status: 409, body: { error: { code: 'conflict', message: 'Lớp «NT-2023-05» đã đủ 2 học viên (sĩ số tối đa 2)' } } },
    }, kUsers.centre);
    renderPage(<ClassPage />, '/lop-boi-duong/7', '/lop-boi-duong/:id');
    await screen.findByText('Lớp nhận thức về Đảng khóa 5', { selector: 'h1' });
    expect(screen.getByText('02/10/2023 – 06/10/2023')).toBeTruthy();
    expect(screen.getByTestId('capacity').textContent).toBe('2/2 · đã đủ sĩ số');
    fireEvent.click(screen.getByLabelText('Ghi danh Phạm Văn Cường'));
    const alert = await screen.findByText(/đã đủ 2 học viên/);
    expect(alert.closest('[role=alert]')).toBeTruthy();
    expect(callsTo(calls, 'PATCH', '/classes/7/enrolments/3')[0].body).toEqual({ state: 'enrolled' });
  });

  it('marks attendance per session and records the assessment', async () => {
    const calls = mockApi({
      'GET /classes/7': { body: kFull },
      'PUT /classes/7/enrolments/1/attendance/2': { body: { enrolment_id: 1, session: 2, present: true } },
      'PUT /classes/7/enrolments/2/attendance/1': { body: { enrolment_id: 2, session: 1, present: false } },
    }, kUsers.centre);
    renderPage(<ClassPage />, '/lop-boi-duong/7', '/lop-boi-duong/:id');
    await screen.findByText('Lớp nhận thức về Đảng khóa 5', { selector: 'h1' });
    const bình = screen.getByLabelText('Lê Thị Bình có mặt buổi 1') as HTMLInputElement;
    expect(bình.checked).toBe(true);
    fireEvent.click(screen.getByLabelText('Trần Văn An có mặt buổi 2'));
    fireEvent.click(bình);
    await waitFor(() => expect(callsTo(calls, 'PUT', '/classes/7/enrolments/2/attendance/1')).toHaveLength(1));
    expect(callsTo(calls, 'PUT', '/classes/7/enrolments/1/attendance/2')[0].body).toEqual({ present: true });
    expect(callsTo(calls, 'PUT', '/classes/7/enrolments/2/attendance/1')[0].body).toEqual({ present: false });
    // A nominated learner has no attendance boxes yet.
    expect(screen.queryByLabelText('Phạm Văn Cường có mặt buổi 1')).toBeNull();
  });

  it('issues the certificate and shows its number and verification code', async () => {
    const issued = enrolment(1, 'Trần Văn An', {
      state: 'enrolled', assessment: 'passed', certificate_number: '125/GCN-TTCT', certificate_date: '2023-10-10', verification_code: 'K7M2Q9XW4T',
    });
    const calls = mockApi({
      'GET /classes/7': { body: kFull },
      'POST /classes/7/enrolments/1/certificate': { status: 201, body: { enrolment: issued } },
    }, kUsers.centre);
    renderPage(<ClassPage />, '/lop-boi-duong/7', '/lop-boi-duong/:id');
    await screen.findByText('Lớp nhận thức về Đảng khóa 5', { selector: 'h1' });
    fireEvent.click(screen.getByLabelText('Cấp giấy chứng nhận cho Trần Văn An'));
    fireEvent.change(await screen.findByLabelText('Số giấy chứng nhận'), { target: { value: ' 125/GCN-TTCT ' } });
    fireEvent.click(screen.getByText('Cấp giấy chứng nhận', { selector: '.ant-modal-footer button span' }));
    expect((await screen.findByTestId('issued-code')).textContent).toBe('K7M2Q9XW4T');
    expect(screen.getByTestId('issued-number').textContent).toBe('125/GCN-TTCT');
    // The default date is the server's today (15/11/2023, after the class ended).
    expect(callsTo(calls, 'POST', '/classes/7/enrolments/1/certificate')[0].body).toEqual({ number: '125/GCN-TTCT', date: '2023-11-15' });
  });

  it('lets a ward nominate but not manage', async () => {
    const calls = mockApi({
      'GET /classes/7': { body: view([enrolment(3, 'Phạm Văn Cường')], false) },
      'GET /cases': { body: { items: [
        { id: 55, person_name: 'Hoàng Thị Dung', birth_date: '2000-01-02', cell_name: 'Chi bộ 1', stage: 'sympathiser', stage_label: 'Cảm tình Đảng' },
        { id: 56, person_name: 'Đảng viên Dự bị', birth_date: '1999-01-02', cell_name: 'Chi bộ 1', stage: 'probation', stage_label: 'Đảng viên dự bị' },
      ], total: 2, page: 1, page_size: 50, counts_by_stage: {}, on: '2023-11-15' } },
      'POST /classes/7/nominations': { status: 201, body: { enrolment: enrolment(4, 'Hoàng Thị Dung') } },
    }, kUsers.ward);
    renderPage(<ClassPage />, '/lop-boi-duong/7', '/lop-boi-duong/:id');
    await screen.findByText('Lớp nhận thức về Đảng khóa 5', { selector: 'h1' });
    expect(screen.queryByLabelText('Ghi danh Phạm Văn Cường')).toBeNull();
    const picker = screen.getByLabelText('Hồ sơ của quần chúng (cảm tình Đảng)');
    fireEvent.focus(picker);
    fireEvent.mouseDown(picker);
    fireEvent.click(await screen.findByText(/Hoàng Thị Dung \(sinh 02\/01\/2000\)/));
    // Only the steps the awareness class serves are offered.
    expect(screen.queryByText(/Đảng viên Dự bị/)).toBeNull();
    fireEvent.click(screen.getByText('Cử đi học', { selector: 'button span' }));
    await waitFor(() => expect(callsTo(calls, 'POST', '/classes/7/nominations')).toHaveLength(1));
    expect(callsTo(calls, 'POST', '/classes/7/nominations')[0].body).toEqual({ case_id: 55 });
    expect(callsTo(calls, 'GET', '/cases')[0].query.get('stage')).toBe('sympathiser');
  });
});

describe('CertificateCheckPage', () => {
  it('shows a valid certificate’s number, name and date only', async () => {
    const calls = mockApi({ 'GET /certificates/K7M2-Q9XW4T': { body: { valid: true, number: '125/GCN-TTCT', name: 'Trần Văn An', date: '2023-10-10', kind: 'awareness', expires_on: '2028-10-09' } } });
    renderPage(<CertificateCheckPage />, '/kiem-tra-chung-nhan/K7M2-Q9XW4T', '/kiem-tra-chung-nhan/:code?');
    expect((await screen.findByText('✓ Hợp lệ')).closest('[role=status]')?.textContent).toContain('Trần Văn An');
    expect(screen.getByText('10/10/2023')).toBeTruthy();
    expect(screen.getByText('125/GCN-TTCT')).toBeTruthy();
    expect(screen.queryByText(/2028/)).toBeNull();
    expect(callsTo(calls, 'GET', '/certificates/K7M2-Q9XW4T')).toHaveLength(1);
  });

  it('says invalid for an unknown code, and checks a typed one', async () => {
    mockApi({ 'GET /certificates/ZZZ': { body: { valid: false } } });
    renderPage(<CertificateCheckPage />, '/kiem-tra-chung-nhan', '/kiem-tra-chung-nhan/:code?');
    fireEvent.change(screen.getByLabelText('Mã kiểm tra'), { target: { value: ' ZZZ ' } });
    fireEvent.click(screen.getByText('Kiểm tra', { selector: 'button span' }));
    expect(await screen.findByText('✗ Không hợp lệ')).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe('/kiem-tra-chung-nhan/ZZZ');
  });
});
