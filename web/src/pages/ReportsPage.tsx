import { Button, Space, Typography } from 'antd';
import { api, buildUrl } from '../api/client';
import type { AdmissionsReport, ReportRow } from '../api/types';
import { formatDate } from '../lib/format';
import { useServerToday } from '../lib/myOrg';
import { formatNumber } from '../lib/planning';
import { useApi } from '../lib/useApi';
import { useUrlFilters } from '../lib/useUrlFilters';
import { DateField } from '../components/DateField';
import { ErrorNotice } from '../components/ErrorNotice';
import { FilterBar, FilterField, OrgFilter } from '../components/Filters';
import { readsPersonal } from '../components/Withheld';
import { useAuth } from '../auth/AuthContext';

// A cell of the §7 table: `key` may name a nested figure ("education.university").
export function reportValue(row: ReportRow, key: string): unknown {
  let value: unknown = row;
  for (const part of key.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

// The two header rows of an office table: a group's title over its columns; a column without a
// group spans both rows.
export function headerRows(columns: AdmissionsReport['columns']) {
  const top: { label: string; span: number; grouped: boolean; key: string }[] = [];
  for (const c of columns) {
    const last = top.at(-1);
    if (c.group && last?.grouped && last.label === c.group) last.span += 1;
    else top.push({ label: c.group || c.label, span: 1, grouped: !!c.group, key: c.key });
  }
  return { top, bottom: columns.filter((c) => c.group) };
}

export function reportCell(value: unknown, key: string): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return formatNumber(value, key.endsWith('_pct') ? 1 : 0);
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${reportCell(v, k)}`).join('; ');
  }
  return String(value);
}

// The admissions report of DOMAIN §7 (Hướng dẫn 11-HD/BTCTW breakdowns) for a unit's subtree and
// a period, with the tree as of a date: the unit's total first, then each unit directly below;
// Vietnamese headers from the server; XLSX from the same parameters; an A4 print view.
export default function ReportsPage() {
  const { user } = useAuth();
  const today = useServerToday();
  const { get, set } = useUrlFilters();
  const year = (today ?? '').slice(0, 4);
  const org = get('org');
  const from = get('from') ?? (year ? `${year}-01-01` : undefined);
  const to = get('to') ?? (year ? `${year}-12-31` : undefined);
  const asOf = get('as_of') ?? to;
  const query = { org, from, to, as_of: asOf };
  const report = useApi(
    (signal) => (from && to ? api.get<AdmissionsReport>('/reports/admissions', { signal, query }) : new Promise<never>(() => undefined)),
    [org, from, to, asOf],
  );
  const r = report.data;
  const headers = headerRows(r?.columns ?? []);
  return (
    <div className="page report-page">
      <div className="page-head no-print">
        <Typography.Title level={1}>Báo cáo kết quả kết nạp đảng viên</Typography.Title>
        <Space wrap>
          <Button size="large" className="xlsx-link" href={buildUrl('/reports/admissions.xlsx', query)} download>Xuất Excel</Button>
          {readsPersonal(user) && (
            <Button size="large" className="new-members-link" href={buildUrl('/reports/new-members.xlsx', { org, from, to })} download
              title="Họ tên, ngày sinh, số CCCD, ngày vào Đảng, số quyết định… của những người được kết nạp hoặc công nhận chính thức trong khoảng thời gian đã chọn, để nhập vào cơ sở dữ liệu đảng viên">
              Danh sách đảng viên mới (Excel)
            </Button>
          )}
          <Button size="large" onClick={() => window.print()}>In (khổ A4)</Button>
        </Space>
      </div>
      <FilterBar>
        <OrgFilter value={org ?? r?.org.code} onChange={(v) => set({ org: v })} span={{ xs: 24, md: 12, xl: 6 }} />
        <FilterField label="Từ ngày" htmlFor="report-from" span={{ xs: 12, md: 6, xl: 6 }}>
          <DateField id="report-from" aria-label="Từ ngày" value={from} onChange={(v) => set({ from: v })} />
        </FilterField>
        <FilterField label="Đến ngày" htmlFor="report-to" span={{ xs: 12, md: 6, xl: 6 }}>
          <DateField id="report-to" aria-label="Đến ngày" value={to} onChange={(v) => set({ to: v })} />
        </FilterField>
        <FilterField label="Tổ chức đảng tính đến ngày" htmlFor="report-as-of" span={{ xs: 24, md: 12, xl: 6 }}>
          <DateField id="report-as-of" aria-label="Tổ chức đảng tính đến ngày" value={asOf} onChange={(v) => set({ as_of: v })} />
        </FilterField>
      </FilterBar>
      {report.error ? <ErrorNotice error={report.error} onRetry={report.reload} what="báo cáo" /> : !r ? <p className="loading" role="status">Đang tải…</p> : (
        <section className="report-sheet" aria-label="Bảng báo cáo">
          <header className="report-title">
            <p className="report-org">{r.org.name}</p>
            <h2>KẾT QUẢ KẾT NẠP ĐẢNG VIÊN</h2>
            <p>Từ ngày {formatDate(r.from)} đến ngày {formatDate(r.to)} (tổ chức đảng tính đến ngày {formatDate(r.as_of)})</p>
          </header>
          <div className="report-scroll">
            <table className="report-table">
              <thead>
                <tr>
                  <th scope="col" rowSpan={2}>TT</th>
                  <th scope="col" rowSpan={2}>Đơn vị</th>
                  {headers.top.map((h) => h.grouped
                    ? <th key={h.key} scope="colgroup" colSpan={h.span}>{h.label}</th>
                    : <th key={h.key} scope="col" rowSpan={2} className="leaf"><span>{h.label}</span></th>)}
                </tr>
                <tr>
                  {headers.bottom.map((c) => <th key={c.key} scope="col" className="leaf"><span>{c.label}</span></th>)}
                </tr>
              </thead>
              <tbody>
                {r.rows.map((row, i) => (
                  <tr key={row.org.code} className={i === 0 ? 'report-total' : undefined}>
                    <td>{i === 0 ? '' : i}</td>
                    <th scope="row">
                      {i === 0 ? `Toàn ${row.org.name}` : row.org.name}
                      {row.folded?.length ? <div className="muted report-folded">gồm {row.folded.join(', ')}</div> : null}
                    </th>
                    {r.columns.map((c) => <td key={c.key}>{reportCell(reportValue(row, c.key), c.key)}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted report-note">Số liệu theo Hướng dẫn 11-HD/BTCTW (§7). Tỷ lệ kết nạp tính trên số đảng viên đầu năm.</p>
        </section>
      )}
    </div>
  );
}
