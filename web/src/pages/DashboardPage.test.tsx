import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Dashboard } from '../api/types';
import { callsTo, kUsers, mockApi, renderPage } from '../test/mockApi';
import DashboardPage, { DashboardBody, hasTargets, kUnitsPerPage, stepHeatmap, unitsOption } from './DashboardPage';
import { wrapLabel } from '../components/chartLabels';

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
    // Median / p90 overall (with the number of cases measured shown, not only on hover) and,
    // once picked, for the ward beside the city's.
    fireEvent.click(screen.getByRole('tab', { name: 'Thời gian từng bước' }));
    const steps = () => document.querySelector('.steps-table') as HTMLElement;
    const row = () => within(steps()).getByText('Cảm tình Đảng').closest('tr') as HTMLElement;
    expect([...row().querySelectorAll('td')].map((c) => c.textContent)).toEqual(['Cảm tình Đảng', '40', '95', '50']);
    const picker = screen.getByLabelText('Đơn vị xem thời gian từng bước');
    fireEvent.mouseDown(picker);
    fireEvent.click(await screen.findByTitle('Đảng ủy phường Tây Lộc', { exact: true }));
    await waitFor(() => expect([...row().querySelectorAll('td')].map((c) => c.textContent))
      .toEqual(['Cảm tình Đảng', '38', '120', '20', '40 / 95']));
  });

  it('puts the figures on top and the rest in tabs, named in the URL', async () => {
    mockApi({ 'GET /dashboard': { body: kCity } }, kUsers.board);
    renderPage(<DashboardPage />, '/tong-quan', '/tong-quan');
    await screen.findByText('Tổng quan — Thành ủy Huế', { selector: 'h1' });
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Tổng quan', 'Theo đơn vị', 'Thời gian từng bước', 'Chỉ tiêu']);
    expect(screen.getByRole('tab', { name: 'Tổng quan' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel').querySelector('.funnel-card')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'Theo đơn vị' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/tong-quan?tab=don-vi'));
    expect(screen.getByRole('tabpanel').querySelector('.units-table')).toBeTruthy();
    // The figures stay above the tabs.
    expect(document.querySelector('.figures')?.compareDocumentPosition(document.querySelector('.dashboard-tabs')!))
      .toBe(Node.DOCUMENT_POSITION_FOLLOWING);
  });

  it('opens the tab the URL names', async () => {
    mockApi({ 'GET /dashboard': { body: kCity } }, kUsers.board);
    renderPage(<DashboardPage />, '/tong-quan?tab=chi-tieu', '/tong-quan');
    await screen.findByText('Tổng quan — Thành ủy Huế', { selector: 'h1' });
    expect(screen.getByRole('tab', { name: 'Chỉ tiêu' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel').querySelector('.category-card')).toBeTruthy();
  });

  it('pages the units ten at a time, the chart drawing the page the table shows', async () => {
    const many = dashboard('HUE', 'Thành ủy Huế', Array.from({ length: 23 }, (_, i) =>
      unit(`HUE-P${String(i + 1).padStart(2, '0')}`, `Đảng ủy phường Số ${i + 1}`, 5, i, 1, 0)));
    mockApi({ 'GET /dashboard': { body: many } }, kUsers.board);
    renderPage(<DashboardPage />, '/tong-quan?tab=don-vi', '/tong-quan');
    await screen.findByText('Tổng quan — Thành ủy Huế', { selector: 'h1' });
    const names = () => [...document.querySelectorAll('.units-table tbody .drill-link')].map((b) => b.textContent);
    const charted = () => JSON.parse(within(screen.getByLabelText('Biểu đồ đã kết nạp và dự báo so với chỉ tiêu của từng đơn vị'))
      .getAllByTestId('series')[0].textContent!);
    expect(names()).toHaveLength(kUnitsPerPage);
    expect(names()[0]).toBe('Đảng ủy phường Số 1');
    expect(charted()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(screen.getByText('1–10 trong 23 đơn vị')).toBeTruthy();
    fireEvent.click(document.querySelector('.units-table .ant-pagination-item-3')!);
    await waitFor(() => expect(names()).toEqual(['Đảng ủy phường Số 21', 'Đảng ủy phường Số 22', 'Đảng ủy phường Số 23']));
    expect(charted()).toEqual([20, 21, 22]);
  });

  it('draws no target marker nor its legend when no target is set, and says so', async () => {
    const none = {
      ...dashboard('HUE', 'Thành ủy Huế', [unit('HUE-TAYLOC', 'Đảng ủy phường Tây Lộc', null, 4, 3, 1)]),
      totals: { open: 1000, admitted: 80, target: null, forecast: 30, overdue: 5, due_soon: 7, blocked: 3 },
      admissions_by_category: [{ category: 'teacher', label: 'Giáo viên', count: 4, target: null }],
    } as Dashboard;
    expect(hasTargets(none)).toBe(false);
    expect(hasTargets(kCity)).toBe(true);
    renderPage(<DashboardBody d={none} onDrill={() => undefined} tab="don-vi" />, '/tong-quan', '/tong-quan');
    // The figure says it plainly, with the year.
    expect(within(document.querySelector('.figures') as HTMLElement).getByText('Chưa giao chỉ tiêu năm 2023')).toBeTruthy();
    expect(within(document.querySelector('.figures') as HTMLElement).getByText('Đã kết nạp năm 2023')).toBeTruthy();
    // Every chart: no "Chỉ tiêu" series and none in a legend.
    for (const legend of screen.getAllByTestId('legend')) expect(JSON.parse(legend.textContent!)).not.toContain('Chỉ tiêu');
    expect(screen.getAllByTestId('series').filter((s) => s.dataset.name === 'Chỉ tiêu')).toHaveLength(0);
    expect(screen.getByText(/Chưa giao chỉ tiêu năm 2023 cho các đơn vị trực thuộc/)).toBeTruthy();
    expect([...document.querySelectorAll('.units-table th')].map((th) => th.textContent)).not.toContain('Chỉ tiêu');
    expect(screen.getByText('Chưa giao chỉ tiêu năm 2023.', { selector: '.category-card .no-target strong' })).toBeTruthy();
    // With targets: the marker and its legend entry are back.
    expect(unitsOption(kCity.units).legend.data).toEqual(['Đã kết nạp', 'Dự báo đến 31/12', 'Chỉ tiêu']);
  });

  it('shows progress against the target when one is set', async () => {
    renderPage(<DashboardBody d={kCity} onDrill={() => undefined} tab="chi-tieu" />, '/tong-quan', '/tong-quan');
    const card = document.querySelector('.category-card') as HTMLElement;
    expect(within(card).getByText(/đã kết nạp 80\/120 \(66,7%\), dự kiến đến 31\/12: 110\/120 \(91,7%\)/)).toBeTruthy();
    expect(within(card).getByLabelText('Thành ủy Huế: đạt 66,7% chỉ tiêu')).toBeTruthy();
    expect(within(card).queryByText(/Chưa giao chỉ tiêu/)).toBeNull();
    const teacher = within(card).getByText('Giáo viên', { selector: 'th' }).closest('tr') as HTMLElement;
    expect([...teacher.querySelectorAll('td')].map((c) => c.textContent)).toEqual(['4', '5', '80,0']);
  });

  it('wraps long axis labels at spaces instead of cutting them', async () => {
    expect(wrapLabel('Đảng ủy bộ phận đã thẩm định công nhận chính thức', 24))
      .toBe('Đảng ủy bộ phận đã thẩm\nđịnh công nhận chính\nthức');
    expect(wrapLabel('Cảm tình Đảng', 24)).toBe('Cảm tình Đảng');
    expect(wrapLabel('Siêuuuuuuuuuuuuuuudài a', 5)).toBe('Siêuuuuuuuuuuuuuuudài\na');
    const long = { ...kCity, funnel: [{ stage: 'recognition_intermediate_appraised', label: 'Đảng ủy bộ phận đã thẩm định công nhận chính thức', count: 3 }] };
    renderPage(<DashboardBody d={long as Dashboard} onDrill={() => undefined} />, '/tong-quan', '/tong-quan');
    const funnel = screen.getByLabelText('Biểu đồ số hồ sơ đang mở theo từng bước');
    expect(JSON.parse(within(funnel).getByTestId('axis-labels').textContent!))
      .toEqual(['Đảng ủy bộ phận đã thẩm|định công nhận chính|thức']);
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
    fireEvent.click(screen.getByRole('tab', { name: 'Thời gian từng bước' }));
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
