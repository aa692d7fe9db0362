import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { callsTo, mockApi, renderPage } from '../test/mockApi';
import PersonPage from './PersonPage';
import { previousMembershipBody } from './PreviousMembershipSection';

const kPerson = {
  id: 7, full_name: 'Lê Văn Cựu', sex: 'male', birth_date: '1970-05-01', ethnicity: 'Kinh', religion: '',
  general_education: 'upper_secondary', professional_education: '', occupation: 'other', workplace_type: 'none',
  youth_union_member: false, trade_union_member: false, id_number: '', phone: '', address: '', org_id: 2, version: 3,
  previous_membership: null,
};
const kRecord = {
  left_on: '2020-04-20', ended_by: 'expelled', criminal_record: 'none', record_cleared_on: null,
  caused_serious_disunity: false, readmitted_before: false, consent_number: '', consent_date: null,
};

function typeDate(label: string, text: string) {
  const input = screen.getByLabelText(label);
  fireEvent.mouseDown(input);
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
  fireEvent.blur(input);
}

describe('PreviousMembershipSection', () => {
  it('records a previous membership with dd/mm/yyyy dates and the If-Match version', async () => {
    const calls = mockApi({
      'GET /people/7': { body: { person: kPerson } },
      'GET /cases': { body: { items: [], total: 0 } },
      'PUT /people/7/previous-membership': (call) => ({
        body: { person: { ...kPerson, version: 4, previous_membership: { ...kRecord, ...(call.body as object) } } },
      }),
    });
    renderPage(<PersonPage />, '/nguoi/7', '/nguoi/:id');
    await screen.findByText('Đã từng là đảng viên');
    fireEvent.click(screen.getByText('Ghi thông tin đảng viên cũ (kết nạp lại)'));
    typeDate('Ngày ra khỏi Đảng', '20/04/2020');
    fireEvent.change(screen.getByLabelText('Số văn bản đồng ý'), { target: { value: ' 45-CV/TU ' } });
    typeDate('Ngày văn bản đồng ý', '01/03/2023');
    fireEvent.click(screen.getByText('Đã gây mất đoàn kết nội bộ nghiêm trọng'));
    fireEvent.click(screen.getByText('Lưu thông tin đảng viên cũ', { selector: 'button span' }));
    await waitFor(() => expect(callsTo(calls, 'PUT', '/people/7/previous-membership')).toHaveLength(1));
    const sent = callsTo(calls, 'PUT', '/people/7/previous-membership')[0];
    expect(sent.body).toEqual({
      left_on: '2020-04-20', ended_by: 'removed', criminal_record: 'none', caused_serious_disunity: true,
      readmitted_before: false, consent_number: '45-CV/TU', consent_date: '2023-03-01',
    });
    expect(sent.headers['If-Match']).toBe('"3"');
    await screen.findByText('Xóa (không phải đảng viên cũ)');
  });

  it('shows a recorded membership, which can be removed', async () => {
    const calls = mockApi({
      'GET /people/7': { body: { person: { ...kPerson, previous_membership: kRecord } } },
      'GET /cases': { body: { items: [], total: 0 } },
      'DELETE /people/7/previous-membership': { body: { person: { ...kPerson, version: 4 } } },
    });
    renderPage(<PersonPage />, '/nguoi/7', '/nguoi/:id');
    await screen.findByText('Bị khai trừ');
    expect((screen.getByLabelText('Ngày ra khỏi Đảng') as HTMLInputElement).value).toBe('20/04/2020');
    fireEvent.click(screen.getByText('Xóa (không phải đảng viên cũ)', { selector: 'button span' }));
    await screen.findByText('Chưa ghi người này từng là đảng viên.');
    const sent = callsTo(calls, 'DELETE', '/people/7/previous-membership');
    expect(sent).toHaveLength(1);
    expect(sent[0].headers['If-Match']).toBe('"3"');
  });

  it('sends the clearing date only with a less-serious conviction', () => {
    expect(previousMembershipBody({ left_on: '2020-04-20', ended_by: 'removed', criminal_record: 'none', record_cleared_on: '2021-01-01' }))
      .toEqual({ left_on: '2020-04-20', ended_by: 'removed', criminal_record: 'none', caused_serious_disunity: false, readmitted_before: false });
    expect(previousMembershipBody({ left_on: '2020-04-20', ended_by: 'removed', criminal_record: 'less_serious', record_cleared_on: '2021-01-01' }).record_cleared_on)
      .toBe('2021-01-01');
  });
});
