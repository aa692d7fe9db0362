import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, Card, Col, Progress, Radio, Row, Select, Table, Tabs, Typography } from 'antd';
import { api } from '../api/client';
import type { Dashboard, DashboardUnit, StepDuration } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { formatDate } from '../lib/format';
import { useOrganisations } from '../lib/myOrg';
import { formatNumber, kMonths, ofTarget, percent } from '../lib/planning';
import { useApi } from '../lib/useApi';
import { useUrlFilters } from '../lib/useUrlFilters';
import { Chart } from '../components/Chart';
import { wrappedAxisLabel, wrappedLines } from '../components/chartLabels';
import { DateField } from '../components/DateField';
import { ErrorNotice } from '../components/ErrorNotice';
import { FilterBar, FilterField, OrgFilter, YearFilter } from '../components/Filters';
import '../styles/dashboard.css';

const kRed = '#b3151b';
const kGold = '#d48806';
const kForecast = '#ff9c6e';
// Rows of the units' table and chart per page.
export const kUnitsPerPage = 10;
// Characters per line of a wrapped axis label: a step's name, a unit's name.
const kStepWrap = 24;
const kUnitWrap = 26;

// The dashboard's tabs, named in the URL (?tab=…) so that a view can be shared; the first is
// the default (no key).
export const kDashboardTabs = [
  { key: 'tong-quan', label: 'Tổng quan' },
  { key: 'don-vi', label: 'Theo đơn vị' },
  { key: 'thoi-gian', label: 'Thời gian từng bước' },
  { key: 'chi-tieu', label: 'Chỉ tiêu' },
] as const;
type TabKey = (typeof kDashboardTabs)[number]['key'];

// The dashboard of a unit (GET /dashboard): the key figures on top, then tabs — the open cases
// by step and admissions by month; progress against the target per unit below (the target drawn
// as a marker); the time each step takes (median and 90th percentile, per unit); the targets by
// category. The city sees every ward and drills down by clicking one (?org=); a ward's user
// sees only their own (the server's scope; the default org is the caller's unit).
export default function DashboardPage() {
  const { get, set } = useUrlFilters();
  const { user } = useAuth();
  const all = useOrganisations();
  const org = get('org');
  const year = get('year');
  const on = get('on');
  const dash = useApi((signal) => api.get<Dashboard>('/dashboard', { signal, query: { org, year, on } }), [org, year, on]);
  const drill = (code: string) => set({ org: code });
  const d = dash.data;
  // The unit above the one shown, when it is in the caller's scope (to go back up).
  const up = useMemo(() => {
    if (!d) return undefined;
    const me = all.find((o) => o.code === d.org.code);
    if (!me || me.id === user?.org_id) return undefined;
    return all.find((o) => o.id === me.parent_id);
  }, [all, d, user]);
  const tab = (kDashboardTabs.find((t) => t.key === get('tab'))?.key ?? 'tong-quan') as TabKey;
  return (
    <div className="page dashboard-page">
      <div className="page-head">
        <div>
          {up && <Button type="link" className="no-print up-link" onClick={() => drill(up.code)}>← {up.name}</Button>}
          <Typography.Title level={1}>Tổng quan{d ? ` — ${d.org.name}` : ''}</Typography.Title>
          {d && <p className="muted">Năm {d.year}, số liệu tính đến ngày {formatDate(d.on)}</p>}
        </div>
        <Button size="large" onClick={() => window.print()} className="no-print">In trang này</Button>
      </div>
      <FilterBar>
        <OrgFilter label="Đơn vị" value={org ?? d?.org.code} onChange={(v) => set({ org: v })} span={{ xs: 24, md: 12 }} />
        <YearFilter id="dash-year" value={year ? Number(year) : d?.year} onChange={(v) => set({ year: v })} span={{ xs: 12, md: 6 }} />
        <FilterField label="Tính đến ngày" htmlFor="dash-on" span={{ xs: 12, md: 6 }}>
          <DateField id="dash-on" aria-label="Tính đến ngày" value={on ?? d?.on} onChange={(v) => set({ on: v })} />
        </FilterField>
      </FilterBar>
      {dash.error ? <ErrorNotice error={dash.error} onRetry={dash.reload} what="số liệu tổng quan" /> :
        !d ? <p className="loading" role="status">Đang tải…</p> :
          <DashboardBody d={d} onDrill={drill} tab={tab} onTab={(t) => set({ tab: t === 'tong-quan' ? undefined : t })} />}
    </div>
  );
}

function Figure({ label, value, sub, tone }: { label: string; value: string; sub?: string; tone?: string }) {
  return (
    <div className={`figure${tone ? ` figure-${tone}` : ''}`}>
      <div className="figure-label">{label}</div>
      <div className="figure-value">{value}</div>
      {sub && <div className="figure-sub">{sub}</div>}
    </div>
  );
}

// Whether any target is set for the year: the unit's, a unit's below, or a category's.
export function hasTargets(d: Dashboard): boolean {
  return d.totals.target !== null && d.totals.target !== undefined
    || d.units.some((u) => u.target !== null && u.target !== undefined)
    || d.admissions_by_category.some((c) => c.target !== null && c.target !== undefined);
}

const noTarget = (year: number) => `Chưa giao chỉ tiêu năm ${year}`;

export function DashboardBody({ d, onDrill, tab = 'tong-quan', onTab }: {
  d: Dashboard; onDrill: (code: string) => void; tab?: TabKey; onTab?: (tab: TabKey) => void;
}) {
  const t = d.totals;
  const reached = percent(t.admitted, t.target);
  const expected = percent(t.admitted + t.forecast, t.target);
  const withTarget = t.target !== null && t.target !== undefined;
  const [shown, setShown] = useState<TabKey>(tab);
  useEffect(() => setShown(tab), [tab]);
  const panes: { key: TabKey; children: ReactNode }[] = [
    { key: 'tong-quan', children: (
      <Row gutter={16}>
        <Col xs={24} xl={12}><FunnelCard d={d} /></Col>
        <Col xs={24} xl={12}><MonthCard d={d} /></Col>
      </Row>
    ) },
    { key: 'don-vi', children: <UnitsCard d={d} onDrill={onDrill} /> },
    { key: 'thoi-gian', children: <StepTimeCard d={d} /> },
    { key: 'chi-tieu', children: <TargetsCard d={d} /> },
  ];
  return (
    <>
      <section className="figures" aria-label="Số liệu chính">
        <Figure label={withTarget ? 'Đã kết nạp / chỉ tiêu' : `Đã kết nạp năm ${d.year}`} value={ofTarget(t.admitted, t.target)}
          sub={reached === null ? noTarget(d.year) : `đạt ${formatNumber(reached, 1)}%`} />
        <Figure label="Dự báo kết nạp thêm đến 31/12" value={formatNumber(t.forecast)}
          sub={expected === null ? undefined : `dự kiến đạt ${formatNumber(expected, 1)}%`} />
        <Figure label="Hồ sơ đang mở" value={formatNumber(t.open)} />
        <Figure label="Quá hạn" value={formatNumber(t.overdue)} tone={t.overdue ? 'overdue' : undefined} />
        <Figure label="Sắp đến hạn" value={formatNumber(t.due_soon)} tone={t.due_soon ? 'due-soon' : undefined} />
        <Figure label="Đang vướng điều kiện" value={formatNumber(t.blocked)} />
      </section>
      <Tabs
        className="dashboard-tabs"
        activeKey={shown}
        onChange={(k) => { setShown(k as TabKey); onTab?.(k as TabKey); }}
        size="large"
        items={kDashboardTabs.map((k) => ({ key: k.key, label: k.label, forceRender: true,
          children: panes.find((p) => p.key === k.key)!.children }))}
      />
    </>
  );
}

// A bar's count written on it ("1.234"); inside a stacked bar, zero is left out (no bar to
// write on).
const count = (p: { value: unknown }) => formatNumber(Number(p.value));
const nonZero = (p: { value: unknown }) => (Number(p.value) ? formatNumber(Number(p.value)) : '');

function FunnelCard({ d }: { d: Dashboard }) {
  const labels = d.funnel.map((f) => f.label);
  const lines = wrappedLines(labels, kStepWrap);
  const option = useMemo(() => ({
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: labels, axisLabel: wrappedAxisLabel(kStepWrap) },
    series: [{ type: 'bar', data: d.funnel.map((f) => f.count), itemStyle: { color: kRed },
      label: { show: true, position: 'right', formatter: count } }],
    tooltip: { trigger: 'axis' },
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [d]);
  return (
    <Card title="Hồ sơ đang mở theo bước" className="funnel-card" size="small">
      <Chart option={option} height={Math.max(160, d.funnel.length * Math.max(28, lines * 14 + 6) + 24)} label="Biểu đồ số hồ sơ đang mở theo từng bước" />
      <details className="chart-data">
        <summary>Xem số liệu</summary>
        <table className="plain-table"><tbody>
          {d.funnel.map((f) => <tr key={f.stage}><th scope="row">{f.label}</th><td>{formatNumber(f.count)}</td></tr>)}
        </tbody></table>
      </details>
    </Card>
  );
}

function MonthCard({ d }: { d: Dashboard }) {
  const counts = kMonths.map((_, i) => d.admissions_by_month.find((m) => m.month === i + 1)?.count ?? 0);
  const option = useMemo(() => ({
    grid: { left: 8, right: 16, top: 20, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: kMonths, axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: counts, itemStyle: { color: kRed }, label: { show: true, position: 'top', formatter: count } }],
    tooltip: { trigger: 'axis' },
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [d]);
  return (
    <Card title={`Kết nạp theo tháng năm ${d.year}`} className="month-card" size="small">
      <Chart option={option} height={300} label="Biểu đồ số đảng viên kết nạp theo tháng" />
      <details className="chart-data">
        <summary>Xem số liệu</summary>
        <table className="plain-table"><tbody>
          {counts.map((n, i) => <tr key={i}><th scope="row">Tháng {i + 1}</th><td>{formatNumber(n)}</td></tr>)}
        </tbody></table>
      </details>
    </Card>
  );
}

// The option of the units' progress chart: admitted and forecast stacked, each with its count;
// the target a marker, drawn (and in the legend) only when some unit has one.
export function unitsOption(units: DashboardUnit[]) {
  const targets = units.some((u) => u.target !== null && u.target !== undefined);
  return {
    grid: { left: 8, right: 40, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, data: ['Đã kết nạp', 'Dự báo đến 31/12', ...(targets ? ['Chỉ tiêu'] : [])] },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: units.map((u) => u.org.name), triggerEvent: true, axisLabel: wrappedAxisLabel(kUnitWrap) },
    series: [
      { name: 'Đã kết nạp', type: 'bar', stack: 'n', data: units.map((u) => u.admitted), itemStyle: { color: kRed }, cursor: 'pointer',
        label: { show: true, position: 'inside', color: '#fff', formatter: nonZero } },
      { name: 'Dự báo đến 31/12', type: 'bar', stack: 'n', data: units.map((u) => u.forecast), itemStyle: { color: kForecast }, cursor: 'pointer',
        label: { show: true, position: 'right', color: '#ad4e00', formatter: (p: { value: unknown }) => (Number(p.value) ? `+${formatNumber(Number(p.value))}` : '') } },
      // The target: a thick vertical tick on each unit's row.
      ...(targets ? [{ name: 'Chỉ tiêu', type: 'scatter', symbol: 'rect', symbolSize: [4, 22], itemStyle: { color: '#000' }, z: 10,
        data: units.map((u) => (u.target === null || u.target === undefined ? '-' : u.target)) }] : []),
    ],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  };
}

// Progress against the target per unit below, ten units a page: the chart draws the page the
// table shows. Clicking a unit (bar or name) drills down to it.
function UnitsCard({ d, onDrill }: { d: Dashboard; onDrill: (code: string) => void }) {
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [d]);
  const rows = d.units.slice((page - 1) * kUnitsPerPage, page * kUnitsPerPage);
  const option = useMemo(() => unitsOption(rows), [d, page]); // eslint-disable-line react-hooks/exhaustive-deps
  const targets = d.units.some((u) => u.target !== null && u.target !== undefined);
  const lines = wrappedLines(rows.map((u) => u.org.name), kUnitWrap);
  return (
    <Card title={targets ? 'Tiến độ so với chỉ tiêu theo đơn vị' : 'Tiến độ kết nạp theo đơn vị'} className="units-card" size="small">
      {d.units.length === 0 ? <p className="empty">Không có đơn vị trực thuộc.</p> : (
        <>
          <p className="muted no-print">
            Bấm vào tên hoặc cột của một đơn vị để xem chi tiết đơn vị đó.{' '}
            {targets ? 'Vạch đen là chỉ tiêu.' : <strong className="no-target">{noTarget(d.year)} cho các đơn vị trực thuộc.</strong>}
          </p>
          <Row gutter={16}>
            <Col xs={24} xl={9}>
              <Chart option={option} height={Math.max(180, rows.length * Math.max(30, lines * 16 + 8) + 50)}
                label="Biểu đồ đã kết nạp và dự báo so với chỉ tiêu của từng đơn vị"
                onClick={(name) => { const u = d.units.find((x) => x.org.name === name); if (u) onDrill(u.org.code); }} />
            </Col>
            <Col xs={24} xl={15}>
              <Table<DashboardUnit>
                className="units-table"
                rowKey={(u) => u.org.code}
                dataSource={d.units}
                pagination={d.units.length > kUnitsPerPage ? {
                  current: page, pageSize: kUnitsPerPage, onChange: setPage, showSizeChanger: false, size: 'small',
                  showTotal: (total, [from, to]) => `${from}–${to} trong ${total} đơn vị`,
                } : false}
                size="small"
                scroll={{ x: 810 }}
                columns={[
                  { title: 'Đơn vị', key: 'org', fixed: 'left', width: 170,
                    render: (_, u) => <Button type="link" className="drill-link" onClick={() => onDrill(u.org.code)}>{u.org.name}</Button> },
                  ...(targets ? [
                    { title: 'Chỉ tiêu', dataIndex: 'target', align: 'right' as const, width: 64, render: (n: number | null) => formatNumber(n) },
                  ] : []),
                  { title: 'Đã kết nạp', dataIndex: 'admitted', align: 'right', width: 72, render: (n) => formatNumber(n) },
                  { title: 'Dự báo', dataIndex: 'forecast', align: 'right', width: 64, render: (n) => formatNumber(n) },
                  ...(targets ? [
                    { title: 'Đạt (%)', key: 'pct', align: 'right' as const, width: 68, render: (_: unknown, u: DashboardUnit) => formatNumber(percent(u.admitted, u.target), 1) },
                  ] : []),
                  { title: 'Đang mở', dataIndex: 'open', align: 'right', width: 72, render: (n) => formatNumber(n) },
                  { title: 'Quá hạn', dataIndex: 'overdue', align: 'right', width: 68, render: (n) => <span className={n ? 'text-overdue' : ''}>{formatNumber(n)}</span> },
                  { title: 'Sắp đến hạn', dataIndex: 'due_soon', align: 'right', width: 80, render: (n) => formatNumber(n) },
                  { title: 'Vướng', dataIndex: 'blocked', align: 'right', width: 76, render: (n) => formatNumber(n) },
                  { title: 'Nguồn', dataIndex: 'sources', align: 'right', width: 76, render: (n) => formatNumber(n) },
                ]}
              />
            </Col>
          </Row>
        </>
      )}
    </Card>
  );
}

// One line of progress: admitted (green) and forecast (the rest of the bar) against the target.
function TargetProgress({ label, admitted, forecast, target }: { label: string; admitted: number; forecast: number; target: number }) {
  const reached = percent(admitted, target) ?? 0;
  const expected = percent(admitted + forecast, target) ?? 0;
  return (
    <div className="target-progress">
      <div className="target-progress-label">
        <strong>{label}</strong>: đã kết nạp {formatNumber(admitted)}/{formatNumber(target)} ({formatNumber(reached, 1)}%)
        {forecast ? <>, dự kiến đến 31/12: {formatNumber(admitted + forecast)}/{formatNumber(target)} ({formatNumber(expected, 1)}%)</> : null}
      </div>
      <Progress percent={Math.min(100, expected)} success={{ percent: Math.min(100, reached), strokeColor: kRed }} strokeColor={kForecast} showInfo={false}
        aria-label={`${label}: đạt ${formatNumber(reached, 1)}% chỉ tiêu`} />
    </div>
  );
}

// Progress against the year's targets: the unit's own, then by category (the source of the
// admitted), with the target as a marker; without any target, said plainly and no marker.
export function categoryOption(d: Dashboard) {
  const rows = d.admissions_by_category;
  const targets = rows.some((c) => c.target !== null && c.target !== undefined);
  return {
    grid: { left: 8, right: 40, top: targets ? 36 : 8, bottom: 8, containLabel: true },
    ...(targets ? { legend: { top: 0, data: ['Đã kết nạp', 'Chỉ tiêu'] } } : {}),
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((c) => c.label), axisLabel: wrappedAxisLabel(kUnitWrap) },
    series: [
      { name: 'Đã kết nạp', type: 'bar', data: rows.map((c) => c.count), itemStyle: { color: kRed }, label: { show: true, position: 'right', formatter: count } },
      ...(targets ? [{ name: 'Chỉ tiêu', type: 'scatter', symbol: 'rect', symbolSize: [4, 22], itemStyle: { color: '#000' }, z: 10,
        data: rows.map((c) => (c.target === null || c.target === undefined ? '-' : c.target)) }] : []),
    ],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  };
}

function TargetsCard({ d }: { d: Dashboard }) {
  const rows = d.admissions_by_category;
  const t = d.totals;
  const any = hasTargets(d);
  const categoryTargets = rows.some((c) => c.target !== null && c.target !== undefined);
  const option = useMemo(() => categoryOption(d), [d]);
  const lines = wrappedLines(rows.map((c) => c.label), kUnitWrap);
  return (
    <Card title={`Chỉ tiêu năm ${d.year} và kết nạp theo đối tượng (nguồn)`} className="category-card" size="small">
      {!any && <p className="no-target" role="status"><strong>{noTarget(d.year)}.</strong> Số kết nạp theo đối tượng vẫn được tính dưới đây.</p>}
      {t.target !== null && t.target !== undefined && (
        <TargetProgress label={d.org.name} admitted={t.admitted} forecast={t.forecast} target={t.target} />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Chart option={option} height={Math.max(160, rows.length * Math.max(30, lines * 16 + 8) + (categoryTargets ? 50 : 20))}
            label="Biểu đồ số kết nạp theo đối tượng so với chỉ tiêu" />
        </Col>
        <Col xs={24} lg={10}>
          <table className="plain-table category-table">
            <thead><tr>
              <th scope="col">Đối tượng</th><th scope="col">Đã kết nạp</th>
              {categoryTargets && <><th scope="col">Chỉ tiêu</th><th scope="col">Đạt (%)</th></>}
            </tr></thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.category}>
                  <th scope="row">{c.label}</th><td>{formatNumber(c.count)}</td>
                  {categoryTargets && <><td>{formatNumber(c.target)}</td><td>{formatNumber(percent(c.count, c.target), 1)}</td></>}
                </tr>
              ))}
            </tbody>
          </table>
          {any && !categoryTargets && <p className="muted">Chưa giao chỉ tiêu theo đối tượng năm {d.year}.</p>}
        </Col>
      </Row>
    </Card>
  );
}

// Where time is lost: each step's median and 90th percentile, for the unit or one unit below
// (picked), or every unit below side by side as a heat map.
type StepView = 'unit' | 'median' | 'p90';

// Days of each step per unit as a heat map (rows: units, columns: steps): where time is lost.
export function stepHeatmap(d: Dashboard, measure: 'median_days' | 'p90_days') {
  const units = d.units.map((u) => u.org);
  const cells: [number, number, number][] = [];
  let max = 1;
  d.step_durations.forEach((s, x) => {
    units.forEach((o, y) => {
      const u = s.units.find((c) => c.code === o.code);
      const v = u && u.samples ? u[measure] : null;
      if (v === null || v === undefined) return;
      cells.push([x, y, v]);
      max = Math.max(max, v);
    });
  });
  return { units, cells, max };
}

interface StepFigures { median_days: number | null | undefined; p90_days: number | null | undefined; samples: number }

// One step's figures for the unit picked ('' for the whole unit shown).
function stepFigures(s: StepDuration, unit: string): StepFigures {
  if (!unit) return s;
  return s.units.find((x) => x.code === unit) ?? { median_days: null, p90_days: null, samples: 0 };
}

function StepTimeCard({ d }: { d: Dashboard }) {
  const steps = d.step_durations;
  const units = d.units.map((u) => u.org);
  const [view, setView] = useState<StepView>('unit');
  const [unit, setUnit] = useState('');
  useEffect(() => setUnit(''), [d]);
  const unitName = units.find((o) => o.code === unit)?.name ?? d.org.name;
  const stepLines = wrappedLines(steps.map((s) => s.label), kStepWrap);
  const heat = useMemo(() => {
    if (view === 'unit') return null;
    const h = stepHeatmap(d, view === 'median' ? 'median_days' : 'p90_days');
    return {
      // Every unit at once, a row of 14 px each, the scale on the right: some fifty units fit.
      grid: { left: 8, right: 72, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'category', position: 'top', data: steps.map((s) => s.label), axisLabel: wrappedAxisLabel(12, 11) },
      yAxis: { type: 'category', inverse: true, data: h.units.map((o) => o.name), axisLabel: { fontSize: 11, interval: 0 } },
      visualMap: { min: 0, max: h.max, calculable: false, orient: 'vertical', right: 0, top: 'middle', itemHeight: 120,
        inRange: { color: ['#fff7e6', '#ffa940', '#b3151b'] }, text: [`${h.max} ngày`, '0'] },
      series: [{ type: 'heatmap', data: h.cells, label: { show: true, fontSize: 10 } }],
      tooltip: { position: 'top' },
    };
  }, [d, steps, view]);
  const option = useMemo(() => ({
    grid: { left: 8, right: 40, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0, data: ['Trung vị (ngày)', '90% hồ sơ trong (ngày)'] },
    xAxis: { type: 'value', name: 'ngày' },
    yAxis: { type: 'category', inverse: true, data: steps.map((s) => s.label), axisLabel: wrappedAxisLabel(kStepWrap) },
    series: [
      { name: 'Trung vị (ngày)', type: 'bar', data: steps.map((s) => stepFigures(s, unit).median_days ?? '-'), itemStyle: { color: kRed },
        label: { show: true, position: 'right' } },
      { name: '90% hồ sơ trong (ngày)', type: 'bar', data: steps.map((s) => stepFigures(s, unit).p90_days ?? '-'), itemStyle: { color: kGold },
        label: { show: true, position: 'right' } },
    ],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  }), [steps, unit]);
  const days = (n: number | null | undefined) => (n === null || n === undefined ? '—' : formatNumber(n));
  return (
    <Card title="Thời gian ở từng bước (ngày)" className="steps-card" size="small">
      <p className="muted">Trung vị: một nửa số hồ sơ qua bước này nhanh hơn. 90%: chín phần mười số hồ sơ qua bước trong thời gian này — chỗ nào hai con số cách xa nhau là chỗ đang chậm.</p>
      <div className="step-controls no-print">
        <Radio.Group value={view} onChange={(e) => setView(e.target.value)} optionType="button" className="step-view"
          aria-label="Cách xem thời gian từng bước" options={[
            { value: 'unit', label: units.length ? 'Từng đơn vị' : `Toàn ${d.org.name}` },
            ...(units.length ? [{ value: 'median', label: 'So sánh đơn vị: trung vị' }, { value: 'p90', label: 'So sánh đơn vị: 90%' }] : []),
          ]} />
        {view === 'unit' && units.length > 0 && (
          <Select className="step-unit" aria-label="Đơn vị xem thời gian từng bước" value={unit} onChange={setUnit} showSearch
            optionFilterProp="label" popupMatchSelectWidth={false}
            options={[{ value: '', label: `Toàn ${d.org.name}` }, ...units.map((o) => ({ value: o.code, label: o.name }))]} />
        )}
      </div>
      {heat ? (
        <Chart key={view} option={heat} height={Math.max(220, units.length * 14 + 100)}
          label={`Bản đồ nhiệt số ngày ${view === 'median' ? 'trung vị' : '90%'} của từng bước theo đơn vị`} />
      ) : (
        <Row gutter={16}>
          <Col xs={24} xl={13}>
            <Chart key="unit" option={option} height={Math.max(180, steps.length * Math.max(36, stepLines * 14 + 14) + 40)}
              label={`Biểu đồ thời gian trung vị và 90% của từng bước — ${unitName}`} />
          </Col>
          <Col xs={24} xl={11}>
            <Table<StepDuration>
              className="steps-table"
              rowKey="stage"
              dataSource={steps}
              pagination={false}
              size="small"
              columns={[
                { title: 'Bước', dataIndex: 'label' },
                { title: 'Trung vị (ngày)', key: 'median', align: 'right', width: 90, render: (_, s) => days(stepFigures(s, unit).median_days) },
                { title: '90% (ngày)', key: 'p90', align: 'right', width: 80, render: (_, s) => days(stepFigures(s, unit).p90_days) },
                { title: 'Số hồ sơ đo được', key: 'samples', align: 'right', width: 90, render: (_, s) => formatNumber(stepFigures(s, unit).samples) },
                ...(unit ? [{ title: `Toàn ${d.org.name}: trung vị / 90%`, key: 'all', align: 'right' as const, width: 130,
                  render: (_: unknown, s: StepDuration) => `${days(s.median_days)} / ${days(s.p90_days)}` }] : []),
              ]}
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}
