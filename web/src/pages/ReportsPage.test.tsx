import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import type { AdmissionsReport, ReportRow } from '../api/types';
import { callsTo, kUsers, mockApi, renderPage } from '../test/mockApi';
import ReportsPage, { headerRows, reportCell, reportValue } from './ReportsPage';

const row = (code: string, name: string, admitted: number, pct: number | null): ReportRow => ({
  org: { code, name }, admitted, grassroots_total: 0, grassroots_admitting: 0, youth_union: 0,
  women: 3, ethnic_minority: 0, religious: 0, age_18_30: 0, education: { university: 7 },
  occupation: {}, private_fdi: 0, business_owner: 0, members_start_of_year: 0,
  admission_rate_pct: null, target: null, achievement_pct: pct,
});

const kReport: AdmissionsReport = {
  org: { id: 1, code: 'HUE', name: 'Thành ủy Huế' }, from: '2023-01-01', to: '2023-12-31', as_of: '2023-12-31',
  rows: [row('HUE', 'Thành ủy Huế', 80, 66.7), row('HUE-TAYLOC', 'Đảng ủy phường Tây Lộc', 4, null)],
  columns: [
    { key: 'admitted', label: 'Tổng số kết nạp' },
    { key: 'women', label: 'Nữ', group: 'Trong đó' },
    { key: 'education.university', label: 'Đại học', group: 'Trình độ học vấn, chuyên môn' },
    { key: 'achievement_pct', label: 'Đạt (%)', group: 'Chỉ tiêu' },
  ],
};

describe('reportCell', () => {
  it('reads nested figures and formats them the Vietnamese way', () => {
    expect(reportValue(kReport.rows[0], 'education.university')).toBe(7);
    expect(reportCell(66.7, 'achievement_pct')).toBe('66,7');
    expect(reportCell(1234, 'admitted')).toBe('1.234');
    expect(reportCell(null, 'target')).toBe('—');
  });
});

describe('headerRows', () => {
  it('spans a group over its consecutive columns', () => {
    const h = headerRows([
      { key: 'admitted', label: 'Tổng số kết nạp' },
      { key: 'youth_union', label: 'Đoàn viên', group: 'Trong đó' },
      { key: 'women', label: 'Nữ', group: 'Trong đó' },
      { key: 'private_fdi', label: 'DN tư nhân, FDI' },
    ]);
    expect(h.top.map((t) => [t.label, t.span, t.grouped])).toEqual([
      ['Tổng số kết nạp', 1, false], ['Trong đó', 2, true], ['DN tư nhân, FDI', 1, false],
    ]);
    expect(h.bottom.map((c) => c.key)).toEqual(['youth_union', 'women']);
  });
});

describe('ReportsPage', () => {
  it('draws the §7 table with the server’s headers and downloads the same report as XLSX', async () => {
    const calls = mockApi({ 'GET /reports/admissions': { body: kReport } });
    renderPage(<ReportsPage />, '/bao-cao?org=HUE&from=2023-01-01&to=2023-06-30', '/bao-cao');
    const table = (await screen.findByText('Tổng số kết nạp', { selector: 'th span' })).closest('table') as HTMLElement;
    // Office layout: each group's title over its columns, ungrouped columns over both rows.
    const [top, bottom] = [...table.querySelectorAll('thead tr')].map((tr) => [...tr.children].map((h) => `${h.textContent}:${(h as HTMLTableCellElement).colSpan}`));
    expect(top).toEqual(['TT:1', 'Đơn vị:1', 'Tổng số kết nạp:1', 'Trong đó:1', 'Trình độ học vấn, chuyên môn:1', 'Chỉ tiêu:1']);
    expect(bottom).toEqual(['Nữ:1', 'Đại học:1', 'Đạt (%):1']);
    const total = table.querySelector('.report-total') as HTMLElement;
    expect([...total.querySelectorAll('td, th')].map((c) => c.textContent)).toEqual(['', 'Toàn Thành ủy Huế', '80', '3', '7', '66,7']);
    expect(screen.getByText(/Từ ngày 01\/01\/2023 đến ngày 31\/12\/2023/)).toBeTruthy();
    // as_of follows `to` when not chosen; the XLSX link carries exactly the same parameters.
    const get = callsTo(calls, 'GET', '/reports/admissions')[0];
    expect(Object.fromEntries(get.query)).toEqual({ org: 'HUE', from: '2023-01-01', to: '2023-06-30', as_of: '2023-06-30' });
    const link = screen.getByText('Xuất Excel').closest('a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/api/v1/reports/admissions.xlsx?org=HUE&from=2023-01-01&to=2023-06-30&as_of=2023-06-30');
    expect(link.hasAttribute('download')).toBe(true);
    // Ward staff read personal data: the list of new members for the member database, same unit and period.
    const members = (await screen.findByText('Danh sách đảng viên mới (Excel)')).closest('a') as HTMLAnchorElement;
    expect(members.getAttribute('href')).toBe('/api/v1/reports/new-members.xlsx?org=HUE&from=2023-01-01&to=2023-06-30');
  });

  it('names under a unit the units it took over, whose figures its row holds', async () => {
    const merged = { ...row('HUE-PHUXUAN-2025', 'Đảng ủy phường Phú Xuân', 9, null), folded: ['Đảng ủy phường Đông Ba', 'Đảng ủy phường Tây Lộc'] };
    mockApi({ 'GET /reports/admissions': { body: { ...kReport, rows: [kReport.rows[0], merged, kReport.rows[1]] } } });
    renderPage(<ReportsPage />, '/bao-cao?org=HUE&from=2025-01-01&to=2025-12-31', '/bao-cao');
    const note = await screen.findByText('gồm Đảng ủy phường Đông Ba, Đảng ủy phường Tây Lộc');
    expect(note.closest('th')?.textContent).toContain('Đảng ủy phường Phú Xuân');
    const plain = screen.getByText('Đảng ủy phường Tây Lộc', { selector: 'th' });
    expect(plain.querySelector('.report-folded')).toBeNull();
  });

  it('offers the list of new members only to those who read personal data', async () => {
    mockApi({ 'GET /reports/admissions': { body: kReport } }, kUsers.centre);
    renderPage(<ReportsPage />, '/bao-cao?org=HUE&from=2023-01-01&to=2023-06-30', '/bao-cao');
    await screen.findByText('Tổng số kết nạp', { selector: 'th span' });
    expect(screen.queryByText('Danh sách đảng viên mới (Excel)')).toBeNull();
  });

  it('shows the server’s refusal', async () => {
    mockApi({ 'GET /reports/admissions': { status: 400, body: { error: { code: 'invalid', field: 'from', message: 'Ngày bắt đầu sau ngày kết thúc' } } } });
    renderPage(<ReportsPage />, '/bao-cao?from=2023-12-01&to=2023-01-01', '/bao-cao');
    expect((await screen.findByText('Ngày bắt đầu sau ngày kết thúc')).closest('[role=alert]')).toBeTruthy();
  });
});
