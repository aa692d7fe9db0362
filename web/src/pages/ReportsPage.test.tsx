import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { AdmissionsReport } from '../api/types';
import { callsTo, mockApi, renderPage } from '../test/mockApi';
import ReportsPage, { reportCell, reportValue } from './ReportsPage';

const row = (code: string, name: string, admitted: number, pct: number | null) => ({
  org: { code, name }, admitted, women: 3, education: { university: 7 }, achievement_pct: pct,
});

const kReport: AdmissionsReport = {
  org: { id: 1, code: 'HUE', name: 'Thành ủy Huế' }, from: '2023-01-01', to: '2023-12-31', as_of: '2023-12-31',
  rows: [row('HUE', 'Thành ủy Huế', 80, 66.7), row('HUE-TAYLOC', 'Đảng ủy phường Tây Lộc', 4, null)],
  columns: [
    { key: 'admitted', label: 'Tổng số kết nạp' },
    { key: 'women', label: 'Nữ' },
    { key: 'education.university', label: 'Đại học' },
    { key: 'achievement_pct', label: 'Tỷ lệ đạt chỉ tiêu (%)' },
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

describe('ReportsPage', () => {
  it('draws the §7 table with the server’s headers and downloads the same report as XLSX', async () => {
    const calls = mockApi({ 'GET /reports/admissions': { body: kReport } });
    renderPage(<ReportsPage />, '/bao-cao?org=HUE&from=2023-01-01&to=2023-06-30', '/bao-cao');
    const table = (await screen.findByText('Tổng số kết nạp', { selector: 'th' })).closest('table') as HTMLElement;
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent))
      .toEqual(['TT', 'Đơn vị', 'Tổng số kết nạp', 'Nữ', 'Đại học', 'Tỷ lệ đạt chỉ tiêu (%)']);
    const total = table.querySelector('.report-total') as HTMLElement;
    expect([...total.querySelectorAll('td, th')].map((c) => c.textContent)).toEqual(['', 'Toàn Thành ủy Huế', '80', '3', '7', '66,7']);
    expect(screen.getByText(/Từ ngày 01\/01\/2023 đến ngày 31\/12\/2023/)).toBeTruthy();
    // as_of follows `to` when not chosen; the XLSX link carries exactly the same parameters.
    const get = callsTo(calls, 'GET', '/reports/admissions')[0];
    expect(Object.fromEntries(get.query)).toEqual({ org: 'HUE', from: '2023-01-01', to: '2023-06-30', as_of: '2023-06-30' });
    const link = screen.getByText('Xuất Excel').closest('a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/api/v1/reports/admissions.xlsx?org=HUE&from=2023-01-01&to=2023-06-30&as_of=2023-06-30');
    expect(link.hasAttribute('download')).toBe(true);
  });

  it('shows the server’s refusal', async () => {
    mockApi({ 'GET /reports/admissions': { status: 400, body: { error: { code: 'invalid', field: 'from', message: 'Ngày bắt đầu sau ngày kết thúc' } } } });
    renderPage(<ReportsPage />, '/bao-cao?from=2023-12-01&to=2023-01-01', '/bao-cao');
    expect((await screen.findByText('Ngày bắt đầu sau ngày kết thúc')).closest('[role=alert]')).toBeTruthy();
  });
});
