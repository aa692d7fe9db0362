import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Dashboard } from '../api/types';
import { callsTo, kUsers, mockApi, renderPage } from '../test/mockApi';
import DashboardPage, { stepHeatmap } from './DashboardPage';

vi.mock('../components/Chart', () => import('../test/chartStub'));

const unit = (code: string, name: string, target: number | null, admitted: number, forecast: number, overdue: number) => ({
  org: { id: code.length, code, name, kind: 'ward' }, target, admitted, forecast, open: 40, overdue, due_soon: 2, blocked: 1, sources: 25,
});

function dashboard(code: string, name: string, units: Dashboard['units']): Dashboard {
  return {
    org: { id: 1, code, name, kind: 'city' },
    year: 2023, on: '2023-11-15',
    funnel: [{ stage: 'source', label: 'Quần chúng ưu tú', count: 123 }, { stage: 'sympathiser', label: 'Cảm tình Đảng', count: 45 }],
    totals: { open: 1000, admitted: 80, target: 120, forecast: 30, overdue: 5, due_soon: 7, blocked: 3 },
    units,
    admissions_by_month: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, count: i === 2 ? 9 : 1 })),
    admissions_by_category: [{ category: 'teacher', label: 'Giáo viên', count: 4, target: 5 }],
    step_durations: [{ stage: 'sympathiser', label: 'Cảm tình Đảng', median_days: 40, p90_days: 95, samples: 50,
      units: [{ code: 'HUE-TAYLOC', median_days: 38, p90_days: 120, samples: 20 }] }],
  };
}

const kCity = dashboard('HUE', 'Thành ủy Huế', [
  unit('HUE-TAYLOC', 'Đảng ủy phường Tây Lộc', 10, 4, 3, 1),
  unit('HUE-VYDA', 'Đảng ủy phường Vỹ Dạ', null, 2, 0, 0),
]);
const kWard = dashboard('HUE-TAYLOC', 'Đảng ủy phường Tây Lộc', [unit('HUE-TAYLOC-CB01', 'Chi bộ 1', 3, 1, 1, 0)]);

describe('DashboardPage', () => {
  it('shows the figures, every ward with its target, and the time per step', async () => {
    mockApi({ 'GET /dashboard': (c) => ({ body: c.query.get('org') === 'HUE-TAYLOC' ? kWard : kCity }) }, kUsers.board);
    renderPage(<DashboardPage />, '/tong-quan', '/tong-quan');
    await screen.findByText('Tổng quan — Thành ủy Huế', { selector: 'h1' });
    expect(screen.getByText('80/120')).toBeTruthy();
    expect(screen.getByText('đạt 66,7%')).toBeTruthy();
    const table = document.querySelector('.units-table') as HTMLElement;
    expect(within(table).getByText('Đảng ủy phường Tây Lộc', { selector: '.drill-link *' })).toBeTruthy();
    expect(within(table).getByText('Đảng ủy phường Vỹ Dạ', { selector: '.drill-link *' })).toBeTruthy();
    // The progress chart draws admitted, forecast and the target marker ("-" for none).
    const series = screen.getAllByTestId('series').filter((s) => s.dataset.name === 'Chỉ tiêu');
    expect(series[0].textContent).toBe('[10,"-"]');
    // Median / p90 overall and for the ward.
    const steps = document.querySelector('.steps-table') as HTMLElement;
    expect(within(steps).getByText('40 / 95')).toBeTruthy();
    expect(within(steps).getByText('38 / 120')).toBeTruthy();
  });

  it('drills down to a ward when its name or its bar is clicked', async () => {
    const calls = mockApi({ 'GET /dashboard': (c) => ({ body: c.query.get('org') === 'HUE-TAYLOC' ? kWard : kCity }) }, kUsers.board);
    renderPage(<DashboardPage />, '/tong-quan?year=2023', '/tong-quan');
    await screen.findByText('Tổng quan — Thành ủy Huế', { selector: 'h1' });
    fireEvent.click(screen.getByText('Đảng ủy phường Tây Lộc', { selector: '.drill-link *' }));
    await screen.findByText('Tổng quan — Đảng ủy phường Tây Lộc', { selector: 'h1' });
    expect(screen.getByTestId('location').textContent).toBe('/tong-quan?year=2023&org=HUE-TAYLOC');
    const last = callsTo(calls, 'GET', '/dashboard').at(-1)!;
    expect(last.query.get('org')).toBe('HUE-TAYLOC');
    expect(last.query.get('year')).toBe('2023');
    // Back up to the city, then down again through the chart.
    fireEvent.click(screen.getByText('← Thành ủy Huế', { selector: '.up-link *' }));
    await screen.findByText('Tổng quan — Thành ủy Huế', { selector: 'h1' });
    fireEvent.click(screen.getAllByText('chart:Đảng ủy phường Tây Lộc')[0]);
    await waitFor(() => expect(screen.getByTestId('location').textContent).toContain('org=HUE-TAYLOC'));
  });

  it('asks for the caller’s own unit by default and shows a ward only its own', async () => {
    const calls = mockApi({ 'GET /dashboard': { body: kWard } }, kUsers.ward);
    renderPage(<DashboardPage />, '/tong-quan', '/tong-quan');
    await screen.findByText('Tổng quan — Đảng ủy phường Tây Lộc', { selector: 'h1' });
    expect(callsTo(calls, 'GET', '/dashboard')[0].query.has('org')).toBe(false);
    expect(screen.queryByText('Đảng ủy phường Vỹ Dạ')).toBeNull();
    // Their own unit: no way "up".
    expect(document.querySelector('.up-link')).toBeNull();
  });

  it('maps each unit’s step days for the heat map, leaving out units without samples', () => {
    const h = stepHeatmap(kCity, 'p90_days');
    expect(h.units.map((o) => o.code)).toEqual(['HUE-TAYLOC', 'HUE-VYDA']);
    expect(h.cells).toEqual([[0, 0, 120]]);
    expect(h.max).toBe(120);
  });

  it('compares the units’ step medians on demand', async () => {
    mockApi({ 'GET /dashboard': { body: kCity } }, kUsers.board);
    renderPage(<DashboardPage />, '/tong-quan', '/tong-quan');
    await screen.findByText('Tổng quan — Thành ủy Huế', { selector: 'h1' });
    fireEvent.click(screen.getByText('So sánh đơn vị: trung vị'));
    await waitFor(() => expect(screen.getByLabelText('Bản đồ nhiệt số ngày trung vị của từng bước theo đơn vị')).toBeTruthy());
    const series = within(screen.getByLabelText('Bản đồ nhiệt số ngày trung vị của từng bước theo đơn vị')).getByTestId('series');
    expect(series.textContent).toBe('[[0,0,38]]');
  });

  it('shows the server’s error', async () => {
    mockApi({ 'GET /dashboard': { status: 503, body: { error: { code: 'unavailable', message: 'Cơ sở dữ liệu đang bận' } } } });
    renderPage(<DashboardPage />, '/tong-quan', '/tong-quan');
    expect((await screen.findByText(/Cơ sở dữ liệu đang bận/)).closest('[role=alert]')?.textContent).toContain('Cơ sở dữ liệu đang bận');
  });
});
