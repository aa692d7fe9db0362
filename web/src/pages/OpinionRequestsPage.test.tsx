import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { OpinionRequests } from '../api/types';
import { callsTo, kUsers, mockApi, renderPage } from '../test/mockApi';
import { kYouthUnion, opinion } from '../test/massOrgFixtures';
import OpinionRequestsPage from './OpinionRequestsPage';

const kRequests: OpinionRequests = {
  mass_organisation: kYouthUnion,
  items: [
    {
      case_id: 41, full_name: 'Lê Thị Cúc', birth_year: 1998, cell: { code: 'HUE-TAYLOC-CB01', name: 'Chi bộ 1' },
      stage: 'dossier', stage_label: 'Lập hồ sơ đề nghị kết nạp',
      expected: [
        { kind: 'opinion', kind_label: 'Ý kiến nhận xét', form: null, opinion: null },
        { kind: 'union_resolution', kind_label: 'Nghị quyết giới thiệu đoàn viên ưu tú vào Đảng', form: '4-KNĐ', opinion: null },
      ],
    },
    {
      case_id: 42, full_name: 'Hồ Văn Bình', birth_year: 1995, cell: { code: 'HUE-TAYLOC-CB02', name: 'Chi bộ 2' },
      stage: 'dossier', stage_label: 'Lập hồ sơ đề nghị kết nạp',
      expected: [{ kind: 'opinion', kind_label: 'Ý kiến nhận xét', form: null, opinion: opinion({ case_id: 42 }) }],
    },
  ],
};

function typeDate(scope: HTMLElement, label: string, text: string) {
  const input = within(scope).getByLabelText(label);
  fireEvent.mouseDown(input);
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
  fireEvent.blur(input);
}

describe('OpinionRequestsPage', () => {
  it('lists the people on whom the organisation’s opinion is expected, given or not', async () => {
    mockApi({ 'GET /my-organisation/opinion-requests': { body: kRequests } }, kUsers.massOrg);
    renderPage(<OpinionRequestsPage />, '/cho-y-kien', '/cho-y-kien');
    await screen.findByText('Lê Thị Cúc');
    expect(screen.getByText('Đoàn Thanh niên phường Tây Lộc: còn 2 ý kiến cần cho, về 2 người.')).toBeTruthy();
    const cuc = screen.getByText('Lê Thị Cúc').closest('li')!;
    expect(within(cuc).getByText('sinh năm 1998', { exact: false })).toBeTruthy();
    expect(within(cuc).getAllByText('Chưa có ý kiến')).toHaveLength(2);
    expect(within(cuc).getByText('Nghị quyết giới thiệu đoàn viên ưu tú vào Đảng (mẫu 4-KNĐ)', { exact: false })).toBeTruthy();
    expect(cuc.querySelector('[data-citation="S6"]')).toBeTruthy();
    const binh = screen.getByText('Hồ Văn Bình').closest('li')!;
    expect(within(binh).getByText('Đã cho ý kiến')).toBeTruthy();
    expect(within(binh).getByText('Đoàn viên gương mẫu, được tín nhiệm')).toBeTruthy();
    expect(within(binh).getByText('Ngày 10/11/2023:')).toBeTruthy();
    expect(within(binh).queryByText('Gửi ý kiến')).toBeNull();
  });

  it('gives an opinion on one expected line', async () => {
    const calls = mockApi({
      'GET /my-organisation/opinion-requests': { body: kRequests },
      'POST /my-organisation/opinions': (call) => ({ status: 201, body: { opinion: opinion(call.body as object) } }),
    }, kUsers.massOrg);
    renderPage(<OpinionRequestsPage />, '/cho-y-kien', '/cho-y-kien');
    const line = await screen.findByRole('region', { name: 'Ý kiến nhận xét về Lê Thị Cúc' });
    typeDate(line, 'Ngày', '12/11/2023');
    fireEvent.change(within(line).getByLabelText('Nội dung'), { target: { value: ' Gương mẫu, nhiệt tình ' } });
    fireEvent.click(within(line).getByText('Gửi ý kiến', { selector: 'button span' }));
    await waitFor(() => expect(callsTo(calls, 'POST', '/my-organisation/opinions')).toHaveLength(1));
    expect(callsTo(calls, 'POST', '/my-organisation/opinions')[0].body).toEqual({
      case_id: 41, kind: 'opinion', given_on: '2023-11-12', content: 'Gương mẫu, nhiệt tình',
    });
    await waitFor(() => expect(callsTo(calls, 'GET', '/my-organisation/opinion-requests')).toHaveLength(2));
  });

  it('shows a refusal that names no field above the button', async () => {
    mockApi({
      'GET /my-organisation/opinion-requests': { body: kRequests },
      'POST /my-organisation/opinions': { status: 409, body: { error: { code: 'conflict', message: 'Hồ sơ đã qua bước lấy ý kiến', rule: 'S7' } } },
    }, kUsers.massOrg);
    renderPage(<OpinionRequestsPage />, '/cho-y-kien', '/cho-y-kien');
    const line = await screen.findByRole('region', { name: 'Nghị quyết giới thiệu đoàn viên ưu tú vào Đảng về Lê Thị Cúc' });
    fireEvent.change(within(line).getByLabelText('Nội dung'), { target: { value: 'Nghị quyết số 12-NQ/ĐTN' } });
    fireEvent.click(within(line).getByText('Gửi ý kiến', { selector: 'button span' }));
    const alert = await within(line).findByRole('alert');
    expect(alert.textContent).toContain('Hồ sơ đã qua bước lấy ý kiến');
    expect(alert.querySelector('[data-citation="S7"]')).toBeTruthy();
  });
});
