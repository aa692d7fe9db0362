import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { SourceList } from '../api/types';
import { callsTo, kUsers, mockApi, renderPage } from '../test/mockApi';
import SourcesPage from './SourcesPage';

const kSources: SourceList = {
  org: { id: 2, code: 'HUE-TAYLOC', name: 'Đảng ủy phường Tây Lộc', kind: 'ward' },
  on: '2024-03-01',
  items: [
    { case_id: 11, person: { id: 1, full_name: 'Nguyễn Thị Hoa', birth_date: '1999-04-03' }, cell: { code: 'C1', name: 'Chi bộ 1' },
      category: 'teacher', category_label: 'Giáo viên', stage: 'sympathiser', sympathiser_resolution_on: '2023-02-01',
      helper: { id: 9, full_name: 'Trần Văn Giúp' }, last_review_on: '2023-09-05', review_due_on: '2023-10-05', review_overdue: true },
    { case_id: 12, person: { id: 2, full_name: 'Lê Văn Nam', birth_date: '2004-06-07' }, cell: { code: 'C1', name: 'Chi bộ 1' },
      category: 'student', category_label: 'Học sinh, sinh viên', stage: 'source', sympathiser_resolution_on: null,
      helper: null, last_review_on: null, review_due_on: null, review_overdue: false },
  ],
  by_category: [
    { category: 'teacher', label: 'Giáo viên', sources: 1, sympathisers: 1, target: 9, admitted: 2, needed: 5 },
    { category: 'student', label: 'Học sinh, sinh viên', sources: 1, sympathisers: 0, target: null, admitted: 0, needed: 0 },
  ],
  review_interval_months: 1,
};

describe('SourcesPage', () => {
  it('lists the sources with their review, and counts per category against targets', async () => {
    mockApi({ 'GET /sources': { body: kSources }, 'GET /sources/reviews': { body: { items: [] } } });
    renderPage(<SourcesPage />, '/nguon', '/nguon');
    await screen.findByText('Nguyễn Thị Hoa', { selector: '.sources-table a' });
    expect(screen.getByText('Quá hạn 05/10/2023')).toBeTruthy();
    expect(screen.getByText('Chưa phân công')).toBeTruthy();
    // A ward's staff may assign the helper from here (S0).
    const assign = screen.getByRole('link', { name: /^Phân công người giúp đỡ / });
    expect(assign.getAttribute('href')).toMatch(/^\/ho-so\/\d+\?buoc=assign_helper$/);
    // Teachers: 5 still needed, only 2 in the pool → marked.
    const needed = screen.getByTitle('Số nguồn ít hơn số còn cần kết nạp');
    expect(needed.textContent).toBe('5');
    const interval = screen.getByText('Rà soát định kỳ 1 tháng một lần');
    expect(interval.querySelector('[data-citation="S0"]')).toBeTruthy();
  });

  it('sends the filters on screen to the server', async () => {
    const calls = mockApi({ 'GET /sources': { body: kSources }, 'GET /sources/reviews': { body: { items: [] } } });
    renderPage(<SourcesPage />, '/nguon?category=teacher', '/nguon');
    await screen.findByText('Nguyễn Thị Hoa', { selector: '.sources-table a' });
    fireEvent.click(screen.getByLabelText('Chỉ người quá hạn rà soát'));
    fireEvent.change(screen.getByLabelText('Tìm theo họ tên (gõ có dấu hoặc không dấu)'), { target: { value: 'hoa' } });
    fireEvent.click(screen.getByText('Tìm', { selector: 'button span' }));
    await waitFor(() => expect(callsTo(calls, 'GET', '/sources').at(-1)!.query.get('q')).toBe('hoa'));
    const last = callsTo(calls, 'GET', '/sources').at(-1)!;
    expect(Object.fromEntries(last.query)).toEqual({ category: 'teacher', review: 'overdue', q: 'hoa' });
  });

  it('records the committee’s review for the unit shown', async () => {
    const calls = mockApi({
      'GET /sources': { body: kSources },
      'GET /sources/reviews': { body: { items: [] } },
      'POST /sources/reviews': { status: 201, body: { id: 1, org: 'HUE-TAYLOC', reviewed_on: '2023-11-15', note: 'Bổ sung 2 nguồn', by: 'taylocdu' } },
    }, kUsers.ward);
    renderPage(<SourcesPage />, '/nguon', '/nguon');
    await screen.findByText('Nguyễn Thị Hoa', { selector: '.sources-table a' });
    fireEvent.click(screen.getByText('Ghi nhận rà soát', { selector: 'button span' }));
    fireEvent.change(await screen.findByLabelText('Ghi chú (kết quả rà soát)'), { target: { value: 'Bổ sung 2 nguồn' } });
    fireEvent.click(screen.getByText('Ghi nhận', { selector: '.ant-modal-footer button span' }));
    await waitFor(() => expect(callsTo(calls, 'POST', '/sources/reviews')).toHaveLength(1));
    expect(callsTo(calls, 'POST', '/sources/reviews')[0].body).toEqual({ org: 'HUE-TAYLOC', reviewed_on: '2023-11-15', note: 'Bổ sung 2 nguồn' });
  });

  it('offers no review to a role without write_people', async () => {
    mockApi({ 'GET /sources': { body: kSources }, 'GET /sources/reviews': { body: { items: [] } } }, kUsers.board);
    renderPage(<SourcesPage />, '/nguon', '/nguon');
    await screen.findByText('Nguyễn Thị Hoa', { selector: '.sources-table a' });
    expect(screen.queryByText('Ghi nhận rà soát')).toBeNull();
  });
});
