import { useMemo, useState } from 'react';
import { Button, Card, Col, Radio, Row, Table, Typography } from 'antd';
import { api } from '../api/client';
import type { Dashboard, DashboardUnit, StepDuration } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { formatDate } from '../lib/format';
import { useOrganisations } from '../lib/myOrg';
import { formatNumber, kMonths, ofTarget, percent } from '../lib/planning';
import { useApi } from '../lib/useApi';
import { useUrlFilters } from '../lib/useUrlFilters';
import { Chart } from '../components/Chart';
import { DateField } from '../components/DateField';
import { ErrorNotice } from '../components/ErrorNotice';
import { FilterBar, FilterField, OrgFilter, YearFilter } from '../components/Filters';

const kRed = '#b3151b';
const kGold = '#d48806';

// The dashboard of a unit (GET /dashboard): the funnel by step, progress against the target per
// unit below (the target drawn as a marker), admissions by month and by category, the time each
// step takes (median and 90th percentile, per unit) and the overdue counts. The city sees every
// ward and drills down by clicking one (?org=); a ward's user sees only their own (the server's
// scope; the default org is the caller's unit).
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
        !d ? <p className="loading" role="status">Đang tải…</p> : <DashboardBody d={d} onDrill={drill} />}
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

export function DashboardBody({ d, onDrill }: { d: Dashboard; onDrill: (code: string) => void }) {
  const t = d.totals;
  const reached = percent(t.admitted, t.target);
  const expected = percent(t.admitted + t.forecast, t.target);
  return (
    <>
      <section className="figures" aria-label="Số liệu chính">
        <Figure label="Đã kết nạp / chỉ tiêu" value={ofTarget(t.admitted, t.target)}
          sub={reached === null ? 'Chưa giao chỉ tiêu' : `đạt ${formatNumber(reached, 1)}%`} />
        <Figure label="Dự báo kết nạp thêm đến 31/12" value={formatNumber(t.forecast)}
          sub={expected === null ? undefined : `dự kiến đạt ${formatNumber(expected, 1)}%`} />
        <Figure label="Hồ sơ đang mở" value={formatNumber(t.open)} />
        <Figure label="Quá hạn" value={formatNumber(t.overdue)} tone={t.overdue ? 'overdue' : undefined} />
        <Figure label="Sắp đến hạn" value={formatNumber(t.due_soon)} tone={t.due_soon ? 'due-soon' : undefined} />
        <Figure label="Đang vướng điều kiện" value={formatNumber(t.blocked)} />
      </section>
      <Row gutter={16}>
        <Col xs={24} xl={12}><FunnelCard d={d} /></Col>
        <Col xs={24} xl={12}><MonthCard d={d} /></Col>
      </Row>
      <UnitsCard d={d} onDrill={onDrill} />
      <CategoryCard d={d} />
      <StepTimeCard d={d} />
    </>
  );
}

function FunnelCard({ d }: { d: Dashboard }) {
  const option = useMemo(() => ({
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: d.funnel.map((f) => f.label), axisLabel: { width: 200, overflow: 'truncate', fontSize: 13 } },
    series: [{ type: 'bar', data: d.funnel.map((f) => f.count), itemStyle: { color: kRed }, label: { show: true, position: 'right' } }],
    tooltip: { trigger: 'axis' },
  }), [d]);
  return (
    <Card title="Hồ sơ đang mở theo bước" className="funnel-card">
      <Chart option={option} height={Math.max(160, d.funnel.length * 28 + 20)} label="Biểu đồ số hồ sơ đang mở theo từng bước" />
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
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: kMonths },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: counts, itemStyle: { color: kRed }, label: { show: true, position: 'top' } }],
    tooltip: { trigger: 'axis' },
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [d]);
  return (
    <Card title={`Kết nạp theo tháng năm ${d.year}`} className="month-card">
      <Chart option={option} height={260} label="Biểu đồ số đảng viên kết nạp theo tháng" />
      <details className="chart-data">
        <summary>Xem số liệu</summary>
        <table className="plain-table"><tbody>
          {counts.map((n, i) => <tr key={i}><th scope="row">Tháng {i + 1}</th><td>{formatNumber(n)}</td></tr>)}
        </tbody></table>
      </details>
    </Card>
  );
}

// Progress against the target per unit below: admitted and forecast stacked, the target a
// marker. Clicking a unit (bar or name) drills down to it.
function UnitsCard({ d, onDrill }: { d: Dashboard; onDrill: (code: string) => void }) {
  const names = d.units.map((u) => u.org.name);
  const option = useMemo(() => ({
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, data: ['Đã kết nạp', 'Dự báo đến 31/12', 'Chỉ tiêu'] },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: names, triggerEvent: true, axisLabel: { width: 200, overflow: 'truncate', fontSize: 13 } },
    series: [
      { name: 'Đã kết nạp', type: 'bar', stack: 'n', data: d.units.map((u) => u.admitted), itemStyle: { color: kRed }, cursor: 'pointer' },
      { name: 'Dự báo đến 31/12', type: 'bar', stack: 'n', data: d.units.map((u) => u.forecast), itemStyle: { color: '#ff9c6e' }, cursor: 'pointer' },
      // The target: a thick vertical tick on each unit's row.
      { name: 'Chỉ tiêu', type: 'scatter', symbol: 'rect', symbolSize: [4, 22], itemStyle: { color: '#000' }, z: 10,
        data: d.units.map((u) => (u.target === null ? '-' : u.target)) },
    ],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  }), [d]);
  return (
    <Card title="Tiến độ so với chỉ tiêu theo đơn vị" className="units-card">
      {d.units.length === 0 ? <p className="empty">Không có đơn vị trực thuộc.</p> : (
        <>
          <p className="muted no-print">Bấm vào tên hoặc cột của một đơn vị để xem chi tiết đơn vị đó. Vạch đen là chỉ tiêu.</p>
          <Chart option={option} height={Math.max(180, d.units.length * 34 + 60)} label="Biểu đồ đã kết nạp và dự báo so với chỉ tiêu của từng đơn vị"
            onClick={(name) => { const u = d.units.find((x) => x.org.name === name); if (u) onDrill(u.org.code); }} />
          <Table<DashboardUnit>
            className="units-table"
            rowKey={(u) => u.org.code}
            dataSource={d.units}
            pagination={false}
            size="middle"
            scroll={{ x: 900 }}
            columns={[
              { title: 'Đơn vị', key: 'org', fixed: 'left', width: 220,
                render: (_, u) => <Button type="link" className="drill-link" onClick={() => onDrill(u.org.code)}>{u.org.name}</Button> },
              { title: 'Chỉ tiêu', dataIndex: 'target', align: 'right', render: (n) => formatNumber(n) },
              { title: 'Đã kết nạp', dataIndex: 'admitted', align: 'right', render: (n) => formatNumber(n) },
              { title: 'Dự báo', dataIndex: 'forecast', align: 'right', render: (n) => formatNumber(n) },
              { title: 'Đạt (%)', key: 'pct', align: 'right', render: (_, u) => formatNumber(percent(u.admitted, u.target), 1) },
              { title: 'Đang mở', dataIndex: 'open', align: 'right', render: (n) => formatNumber(n) },
              { title: 'Quá hạn', dataIndex: 'overdue', align: 'right', render: (n) => <span className={n ? 'text-overdue' : ''}>{formatNumber(n)}</span> },
              { title: 'Sắp đến hạn', dataIndex: 'due_soon', align: 'right', render: (n) => formatNumber(n) },
              { title: 'Vướng', dataIndex: 'blocked', align: 'right', render: (n) => formatNumber(n) },
              { title: 'Nguồn', dataIndex: 'sources', align: 'right', render: (n) => formatNumber(n) },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function CategoryCard({ d }: { d: Dashboard }) {
  const rows = d.admissions_by_category;
  const option = useMemo(() => ({
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, data: ['Đã kết nạp', 'Chỉ tiêu'] },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((c) => c.label), axisLabel: { width: 200, overflow: 'truncate', fontSize: 13 } },
    series: [
      { name: 'Đã kết nạp', type: 'bar', data: rows.map((c) => c.count), itemStyle: { color: kRed }, label: { show: true, position: 'right' } },
      { name: 'Chỉ tiêu', type: 'scatter', symbol: 'rect', symbolSize: [4, 22], itemStyle: { color: '#000' }, z: 10,
        data: rows.map((c) => (c.target === null ? '-' : c.target)) },
    ],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  }), [rows]);
  return (
    <Card title="Kết nạp theo đối tượng (nguồn)" className="category-card">
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Chart option={option} height={Math.max(160, rows.length * 30 + 60)} label="Biểu đồ số kết nạp theo đối tượng so với chỉ tiêu" />
        </Col>
        <Col xs={24} lg={10}>
          <table className="plain-table category-table">
            <thead><tr><th scope="col">Đối tượng</th><th scope="col">Đã kết nạp</th><th scope="col">Chỉ tiêu</th></tr></thead>
            <tbody>
              {rows.map((c) => <tr key={c.category}><th scope="row">{c.label}</th><td>{formatNumber(c.count)}</td><td>{formatNumber(c.target)}</td></tr>)}
            </tbody>
          </table>
        </Col>
      </Row>
    </Card>
  );
}

// Where time is lost: each step's median and 90th percentile, overall and per unit below.
type StepView = 'all' | 'median' | 'p90';

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

function StepTimeCard({ d }: { d: Dashboard }) {
  const steps = d.step_durations;
  const units = d.units.map((u) => u.org);
  const [view, setView] = useState<StepView>('all');
  const heat = useMemo(() => {
    if (view === 'all') return null;
    const h = stepHeatmap(d, view === 'median' ? 'median_days' : 'p90_days');
    return {
      grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
      xAxis: { type: 'category', data: steps.map((s) => s.label), axisLabel: { interval: 0, rotate: 30, width: 140, overflow: 'truncate', fontSize: 12 } },
      yAxis: { type: 'category', inverse: true, data: h.units.map((o) => o.name), axisLabel: { width: 200, overflow: 'truncate', fontSize: 12 } },
      visualMap: { min: 0, max: h.max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120,
        inRange: { color: ['#fff7e6', '#ffa940', '#b3151b'] }, text: [`${h.max} ngày`, '0'] },
      series: [{ type: 'heatmap', data: h.cells, label: { show: true, fontSize: 11 } }],
      tooltip: { position: 'top' },
    };
  }, [d, steps, view]);
  const option = useMemo(() => ({
    grid: { left: 8, right: 40, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, data: ['Trung vị (ngày)', '90% hồ sơ trong (ngày)'] },
    xAxis: { type: 'value', name: 'ngày' },
    yAxis: { type: 'category', inverse: true, data: steps.map((s) => s.label), axisLabel: { width: 200, overflow: 'truncate', fontSize: 13 } },
    series: [
      { name: 'Trung vị (ngày)', type: 'bar', data: steps.map((s) => s.median_days ?? '-'), itemStyle: { color: kRed }, label: { show: true, position: 'right' } },
      { name: '90% hồ sơ trong (ngày)', type: 'bar', data: steps.map((s) => s.p90_days ?? '-'), itemStyle: { color: kGold }, label: { show: true, position: 'right' } },
    ],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  }), [steps]);
  const days = (n: number | null | undefined) => (n === null || n === undefined ? '—' : formatNumber(n));
  return (
    <Card title="Thời gian ở từng bước (ngày)" className="steps-card">
      <p className="muted">Trung vị: một nửa số hồ sơ qua bước này nhanh hơn. 90%: chín phần mười số hồ sơ qua bước trong thời gian này — chỗ nào hai con số cách xa nhau là chỗ đang chậm.</p>
      <Radio.Group value={view} onChange={(e) => setView(e.target.value)} optionType="button" className="no-print step-view"
        aria-label="Cách xem thời gian từng bước" options={[
          { value: 'all', label: `Toàn ${d.org.name}` },
          ...(units.length ? [{ value: 'median', label: 'So sánh đơn vị: trung vị' }, { value: 'p90', label: 'So sánh đơn vị: 90%' }] : []),
        ]} />
      {heat ? (
        <Chart key={view} option={heat} height={Math.max(220, units.length * 26 + 140)}
          label={`Bản đồ nhiệt số ngày ${view === 'median' ? 'trung vị' : '90%'} của từng bước theo đơn vị`} />
      ) : (
        <Chart key="all" option={option} height={Math.max(180, steps.length * 44 + 60)} label="Biểu đồ thời gian trung vị và 90% của từng bước" />
      )}
      <Table<StepDuration>
        className="steps-table"
        rowKey="stage"
        dataSource={steps}
        pagination={false}
        size="small"
        scroll={{ x: 360 + units.length * 130 }}
        columns={[
          { title: 'Bước', dataIndex: 'label', fixed: 'left', width: 220 },
          { title: `${d.org.name}`, key: 'all', width: 140,
            render: (_, s) => <span title={`${s.samples} hồ sơ`}>{days(s.median_days)} / {days(s.p90_days)}</span> },
          ...units.map((o) => ({
            title: o.name, key: o.code, width: 130,
            render: (_: unknown, s: StepDuration) => {
              const u = s.units.find((x) => x.code === o.code);
              return u && u.samples ? <span title={`${u.samples} hồ sơ`}>{days(u.median_days)} / {days(u.p90_days)}</span> : <span className="muted">—</span>;
            },
          })),
        ]}
      />
      <p className="muted">Mỗi ô: trung vị / 90% (ngày); số hồ sơ đo được hiện khi rê chuột.</p>
    </Card>
  );
}

