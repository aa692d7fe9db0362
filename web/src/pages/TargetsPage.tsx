import { useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { api, ApiError, fieldOf, request } from '../api/client';
import type { OrgTreeRow, ProgressLine, Target, TargetInput, TargetList, TargetProgress } from '../api/types';
import { can, useAuth } from '../auth/AuthContext';
import { formatDate } from '../lib/format';
import { useMyOrgCode, useOrganisations, useServerToday } from '../lib/myOrg';
import { formatNumber, percent } from '../lib/planning';
import { useReference } from '../lib/reference';
import { useApi } from '../lib/useApi';
import { useUrlFilters } from '../lib/useUrlFilters';
import { useNarrow } from '../lib/useNarrow';
import { ApiErrorText, ErrorNotice } from '../components/ErrorNotice';
import { OrgSelect } from '../components/OrgSelect';
import { FilterBar, OrgFilter, YearFilter } from '../components/Filters';

type TargetNode = Target & { children?: TargetNode[] };

// The splits under their target, as antd's tree table wants them.
export function targetTree(items: Target[]): TargetNode[] {
  const ids = new Set(items.map((t) => t.id));
  const byParent = new Map<number, TargetNode[]>();
  for (const t of items) {
    if (t.parent_id && ids.has(t.parent_id)) byParent.set(t.parent_id, [...(byParent.get(t.parent_id) ?? []), { ...t }]);
  }
  const build = (t: Target): TargetNode => {
    const kids = (byParent.get(t.id) ?? []).map(build);
    return kids.length ? { ...t, children: kids } : { ...t };
  };
  return items.filter((t) => !t.parent_id || !ids.has(t.parent_id)).map(build);
}

// Yearly admission targets (§7): those of a unit and its subtree, set by the city and split
// among its units (the server refuses splits that exceed the whole with 422, shown next to the
// numbers), with the legal basis; progress and the forecast to 31/12 per source category.
export default function TargetsPage() {
  const { user } = useAuth();
  const reference = useReference();
  const today = useServerToday();
  const myOrg = useMyOrgCode(user?.org_id);
  const { get, set } = useUrlFilters();
  const narrow = useNarrow();
  const org = get('org') ?? myOrg;
  const year = Number(get('year')) || (today ? Number(today.slice(0, 4)) : undefined);
  const manage = can(user, 'manage_targets');
  const ready = !!org && !!year;
  const wait = () => new Promise<never>(() => undefined);
  const list = useApi((signal) => (ready ? api.get<TargetList>('/targets', { signal, query: { org, year } }) : wait()), [org, year]);
  const progress = useApi((signal) => (ready ? api.get<TargetProgress>('/targets/progress', { signal, query: { org, year } }) : wait()), [org, year]);
  const [creating, setCreating] = useState<Partial<TargetInput> | null>(null);
  const [editing, setEditing] = useState<Target | null>(null);
  const [splitting, setSplitting] = useState<Target | null>(null);
  const reload = () => { list.reload(); progress.reload(); };
  const category = (c: string | null) => (c ? reference.categoryLabel(c) : 'Tất cả các nguồn');
  const tree = useMemo(() => targetTree(list.data?.items ?? []), [list.data]);
  return (
    <div className="page targets-page">
      <div className="page-head">
        <Typography.Title level={1}>Chỉ tiêu kết nạp đảng viên{year ? ` năm ${year}` : ''}</Typography.Title>
        {manage && <Button type="primary" size="large" className="no-print" onClick={() => setCreating({ org, year })}>Giao chỉ tiêu</Button>}
      </div>
      <FilterBar>
        <OrgFilter value={org} onChange={(v) => set({ org: v })} span={{ xs: 24, md: 16 }} />
        <YearFilter id="target-year" value={year} onChange={(v) => set({ year: v })} span={{ xs: 24, md: 8 }} />
      </FilterBar>

      {progress.error ? <ErrorNotice error={progress.error} onRetry={progress.reload} what="tiến độ thực hiện chỉ tiêu" /> : (
        <ProgressCard progress={progress.data} narrow={narrow} />
      )}

      {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} what="danh sách chỉ tiêu" /> : (
        <Card title="Chỉ tiêu đã giao và phân bổ">
          {narrow ? (
            <ul className="card-list target-cards">
              {!list.loading && tree.length === 0 && <li className="empty">Chưa giao chỉ tiêu năm {year}</li>}
              {(list.data?.items ?? []).map((t) => (
                <li key={t.id} className="target-card">
                  <strong>{t.org_name || t.org}</strong> — {category(t.category)}: <strong className="target-count">{t.count}</strong>
                  <div className="muted">{t.legal_basis}</div>
                  {(t.split_count ?? 0) > 0 && <SplitTag t={t} />}
                  {manage && <TargetButtons t={t} onEdit={setEditing} onSplit={setSplitting} />}
                </li>
              ))}
            </ul>
          ) : (
            <Table
              // Expanded on first render only: a new list is a new table, every split shown.
              key={(list.data?.items ?? []).map((t) => t.id).join(',')}
              className="targets-table"
              loading={list.loading}
              rowKey="id"
              dataSource={tree}
              pagination={false}
              expandable={{ defaultExpandAllRows: true }}
              scroll={{ x: 900 }}
              locale={{ emptyText: `Chưa giao chỉ tiêu năm ${year ?? ''}` }}
              columns={[
                { title: 'Đơn vị', dataIndex: 'org_name', render: (n, t) => n || t.org },
                { title: 'Nguồn', dataIndex: 'category', render: category },
                { title: 'Chỉ tiêu', dataIndex: 'count', width: 100, align: 'right', render: (n) => <strong className="target-count">{n}</strong> },
                { title: 'Đã phân bổ', key: 'split', width: 190, render: (_, t) => <SplitTag t={t} /> },
                { title: 'Căn cứ', dataIndex: 'legal_basis' },
                ...(manage ? [{ title: 'Thao tác', key: 'actions', width: 230,
                  render: (_: unknown, t: Target) => <TargetButtons t={t} onEdit={setEditing} onSplit={setSplitting} /> }] : []),
              ]}
            />
          )}
        </Card>
      )}
      {creating && <CreateTargetModal initial={creating} onClose={() => setCreating(null)} onSaved={() => { setCreating(null); reload(); }} />}
      {editing && <EditTargetModal target={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); reload(); }} />}
      {splitting && <SplitModal parent={splitting} existing={(list.data?.items ?? []).filter((t) => t.parent_id === splitting.id)}
        onClose={() => setSplitting(null)} onSaved={() => { setSplitting(null); reload(); }} onPartial={reload} />}
    </div>
  );
}

function SplitTag({ t }: { t: Target }) {
  if (!t.split_count) return <span className="muted">Chưa phân bổ</span>;
  const sum = t.split_sum ?? 0;
  const color = sum > t.count || (t.split_final && sum !== t.count) ? 'red' : sum === t.count ? 'green' : 'orange';
  return <Tag color={color}>{sum}/{t.count} cho {t.split_count} đơn vị{t.split_final ? ' (đã chốt)' : ''}</Tag>;
}

function TargetButtons({ t, onEdit, onSplit }: { t: Target; onEdit: (t: Target) => void; onSplit: (t: Target) => void }) {
  const reference = useReference();
  // A unit has one target per category: name both, so each button is told apart.
  const where = `${t.org_name || t.org} (${t.category ? reference.categoryLabel(t.category) : 'tất cả các nguồn'})`;
  return (
    <Space wrap className="no-print">
      <Button onClick={() => onEdit(t)} aria-label={`Sửa chỉ tiêu của ${where}`}>Sửa</Button>
      <Button onClick={() => onSplit(t)} aria-label={`Phân bổ chỉ tiêu của ${where}`}>Phân bổ</Button>
    </Space>
  );
}

function ProgressCard({ progress, narrow }: { progress: TargetProgress | undefined; narrow: boolean }) {
  if (!progress) return <Card title="Tiến độ và dự báo"><p className="loading" role="status">Đang tải…</p></Card>;
  const lines: ProgressLine[] = [{ ...progress, category: null }, ...progress.categories.filter((c) => c.target !== null || c.admitted || c.forecast)];
  return (
    <Card title={`Tiến độ và dự báo đến 31/12/${progress.year} (tính đến ${formatDate(progress.on)})`} className="target-progress">
      {progress.legal_basis && <p className="muted">Căn cứ: {progress.legal_basis}</p>}
      {narrow ? (
        <ul className="card-list progress-cards">
          {lines.map((l) => (
            <li key={l.category ?? 'all'}>
              <strong>{l.category ? l.category_label || l.category : 'Tổng số'}</strong>
              <div>Chỉ tiêu {formatNumber(l.target)} · đã kết nạp {formatNumber(l.admitted)} · dự báo thêm {formatNumber(l.forecast)}</div>
              <ProgressBar line={l} />
            </li>
          ))}
        </ul>
      ) : <Table
        rowKey={(l) => l.category ?? 'all'}
        dataSource={lines}
        pagination={false}
        size="middle"
        scroll={{ x: 700 }}
        className="progress-table"
        columns={[
          { title: 'Nguồn', dataIndex: 'category', render: (c, l) => (c ? l.category_label || c : <strong>Tổng số</strong>) },
          { title: 'Chỉ tiêu', dataIndex: 'target', align: 'right', width: 100, render: (n) => formatNumber(n) },
          { title: 'Đã kết nạp', dataIndex: 'admitted', align: 'right', width: 110, render: (n) => formatNumber(n) },
          { title: 'Dự báo thêm', dataIndex: 'forecast', align: 'right', width: 120, render: (n) => formatNumber(n) },
          { title: 'Dự kiến cả năm', dataIndex: 'expected_total', align: 'right', width: 130, render: (n) => formatNumber(n) },
          { title: 'Tiến độ', key: 'progress', width: 240, render: (_, l) => <ProgressBar line={l} /> },
        ]}
      />}
      {progress.open_cases !== undefined && <p className="muted">Dự báo từ {formatNumber(progress.open_cases)} hồ sơ đang mở, theo thời gian thực tế của từng bước.</p>}
    </Card>
  );
}

function ProgressBar({ line }: { line: ProgressLine }) {
  if (!line.target) return <span className="muted">Chưa giao chỉ tiêu</span>;
  const done = percent(line.admitted, line.target) ?? 0;
  const expected = percent(line.expected_total, line.target) ?? 0;
  return (
    <div title={`Đã đạt ${formatNumber(done, 1)}%, dự kiến ${formatNumber(expected, 1)}%`}>
      <Progress percent={Math.min(100, expected)} success={{ percent: Math.min(100, done) }} size="small"
        format={() => `${formatNumber(done, 1)}%`} aria-label={`Đã đạt ${formatNumber(done, 1)}% chỉ tiêu`} />
      <span className={expected >= 100 ? 'forecast-ok' : 'forecast-short'}>
        {expected >= 100 ? 'Dự kiến đạt' : `Dự kiến thiếu ${formatNumber((line.target ?? 0) - line.expected_total)}`}
      </span>
    </div>
  );
}

// Shows the server's refusal (§7 422 naming the numbers) on the field it names, else above.
function useServerError() {
  const [error, setError] = useState<ApiError | null>(null);
  return {
    error,
    clear: () => setError(null),
    take: (e: unknown) => { if (e instanceof ApiError) setError(e); else throw e; },
    on: (field: string) => (error && (fieldOf(error)?.[0] === field || (field === 'count' && error.status === 422 && !fieldOf(error)))
      ? { validateStatus: 'error' as const, help: <ApiErrorText error={error} /> } : {}),
    general: (fields: string[]) => error && !(fieldOf(error) && fields.includes(fieldOf(error)![0])) && !(error.status === 422 && fields.includes('count'))
      ? <Alert type="error" showIcon role="alert" title={<ApiErrorText error={error} />} /> : null,
  };
}

function CreateTargetModal({ initial, onClose, onSaved }: { initial: Partial<TargetInput>; onClose: () => void; onSaved: () => void }) {
  const reference = useReference();
  const [form] = Form.useForm<TargetInput>();
  const server = useServerError();
  const [saving, setSaving] = useState(false);
  const submit = async (v: TargetInput) => {
    setSaving(true);
    server.clear();
    try {
      await api.post('/targets', { ...v, category: v.category || null, split_final: !!v.split_final });
      onSaved();
    } catch (e) {
      server.take(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title="Giao chỉ tiêu kết nạp" onCancel={onClose} onOk={() => form.submit()} okText="Lưu chỉ tiêu" cancelText="Hủy" confirmLoading={saving}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ ...initial, split_final: false }}>
        <Form.Item label="Đơn vị" name="org" rules={[{ required: true, message: 'Cần chọn đơn vị' }]} {...server.on('org')}>
          <OrgSelect placeholder="Chọn đơn vị" />
        </Form.Item>
        <Form.Item label="Năm" name="year" rules={[{ required: true }]} {...server.on('year')}>
          <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="Nguồn (để trống: tất cả các nguồn)" name="category" {...server.on('category')}>
          <Select allowClear aria-label="Nguồn" placeholder="Tất cả các nguồn" options={reference.categories.map((c) => ({ value: c.code, label: c.label }))} />
        </Form.Item>
        <Form.Item label="Số đảng viên kết nạp" name="count" rules={[{ required: true, message: 'Cần nhập chỉ tiêu' }]} {...server.on('count')}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="Căn cứ (nghị quyết, kế hoạch)" name="legal_basis" rules={[{ required: true, message: 'Cần ghi căn cứ giao chỉ tiêu' }]} {...server.on('legal_basis')}>
          <Input placeholder="ví dụ: Nghị quyết 14-NQ/TU" />
        </Form.Item>
        <Form.Item name="split_final" valuePropName="checked">
          <Checkbox>Khi phân bổ, tổng các đơn vị phải bằng đúng chỉ tiêu này (chốt phân bổ)</Checkbox>
        </Form.Item>
        {server.general(['org', 'year', 'category', 'count', 'legal_basis'])}
      </Form>
    </Modal>
  );
}

function EditTargetModal({ target, onClose, onSaved }: { target: Target; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<{ count: number; legal_basis: string; split_final: boolean }>();
  const server = useServerError();
  const [saving, setSaving] = useState(false);
  const submit = async (v: { count: number; legal_basis: string; split_final: boolean }) => {
    setSaving(true);
    server.clear();
    try {
      await request('PUT', `/targets/${target.id}`, { body: v, headers: { 'If-Match': `"${target.version}"` } });
      onSaved();
    } catch (e) {
      server.take(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={`Sửa chỉ tiêu — ${target.org_name || target.org}`} onCancel={onClose} onOk={() => form.submit()} okText="Lưu" cancelText="Hủy" confirmLoading={saving}>
      <Form form={form} layout="vertical" onFinish={submit}
        initialValues={{ count: target.count, legal_basis: target.legal_basis, split_final: target.split_final }}>
        <Form.Item label="Số đảng viên kết nạp" name="count" rules={[{ required: true }]} {...server.on('count')}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        {(target.split_count ?? 0) > 0 && <p className="muted">Đã phân bổ {target.split_sum}/{target.count} cho {target.split_count} đơn vị.</p>}
        <Form.Item label="Căn cứ (nghị quyết, kế hoạch)" name="legal_basis" rules={[{ required: true, message: 'Cần ghi căn cứ giao chỉ tiêu' }]} {...server.on('legal_basis')}>
          <Input />
        </Form.Item>
        <Form.Item name="split_final" valuePropName="checked">
          <Checkbox>Chốt phân bổ (tổng các đơn vị phải bằng đúng chỉ tiêu)</Checkbox>
        </Form.Item>
        {server.general(['count', 'legal_basis'])}
      </Form>
    </Modal>
  );
}

// Splits a target among the units directly below its unit: a number per unit, the running sum
// against the whole; each unit is saved in turn (new → POST with parent_id, changed → PUT), and
// the server's §7 refusal is shown next to the numbers.
function SplitModal({ parent, existing, onClose, onSaved, onPartial }: {
  parent: Target; existing: Target[]; onClose: () => void; onSaved: () => void; onPartial: () => void;
}) {
  const all = useOrganisations();
  const units = useMemo(() => {
    const me = all.find((o) => o.code === parent.org);
    const kids: OrgTreeRow[] = me ? all.filter((o) => o.parent_id === me.id) : [];
    return kids.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }, [all, parent.org]);
  const [counts, setCounts] = useState<Record<string, number | null>>(() =>
    Object.fromEntries(existing.map((t) => [t.org, t.count])));
  const server = useServerError();
  const [saving, setSaving] = useState(false);
  const sum = Object.values(counts).reduce<number>((s, n) => s + (n ?? 0), 0);
  const over = sum > parent.count;
  const submit = async () => {
    setSaving(true);
    server.clear();
    let changed = false;
    try {
      // Lowered numbers first, so that moving a share between units never passes the whole.
      const byOrg = new Map(existing.map((t) => [t.org, t]));
      const order = units.map((u) => u.code).filter((code) => counts[code] !== undefined && counts[code] !== null)
        .sort((a, b) => ((counts[a] ?? 0) - (byOrg.get(a)?.count ?? 0)) - ((counts[b] ?? 0) - (byOrg.get(b)?.count ?? 0)));
      for (const code of order) {
        const n = counts[code] ?? 0;
        const before = byOrg.get(code);
        if (before && before.count === n) continue;
        if (before) await request('PUT', `/targets/${before.id}`, { body: { count: n }, headers: { 'If-Match': `"${before.version}"` } });
        else if (n > 0) await api.post('/targets', { org: code, year: parent.year, category: parent.category, count: n, parent_id: parent.id });
        else continue;
        changed = true;
      }
      onSaved();
    } catch (e) {
      server.take(e);
      if (changed) onPartial();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open width={Math.min(720, window.innerWidth)} title={`Phân bổ chỉ tiêu của ${parent.org_name || parent.org} (${parent.count})`}
      onCancel={onClose} onOk={submit} okText="Lưu phân bổ" cancelText="Hủy" confirmLoading={saving}>
      <p>Nhập số giao cho từng đơn vị trực thuộc. Tổng không được vượt {parent.count}{parent.split_final ? ' và phải bằng đúng con số này (đã chốt phân bổ)' : ''}.</p>
      <div className="split-grid" role="group" aria-label="Số giao cho từng đơn vị">
        {units.map((u) => (
          <label key={u.code} className="split-row">
            <span className="split-name">{u.name}</span>
            <InputNumber min={0} value={counts[u.code] ?? null} aria-label={`Chỉ tiêu của ${u.name}`}
              onChange={(v) => setCounts((c) => ({ ...c, [u.code]: v }))} />
          </label>
        ))}
        {units.length === 0 && <p className="empty">Đơn vị này không có đơn vị trực thuộc.</p>}
      </div>
      <div className={`split-sum${over ? ' split-over' : ''}`} aria-live="polite" data-testid="split-sum">
        Tổng đã phân bổ: <strong>{sum}</strong> / {parent.count}
        {over ? ` — vượt ${sum - parent.count}` : sum < parent.count ? ` — còn ${parent.count - sum}` : ' — vừa đủ'}
      </div>
      {server.error && <Alert type="error" showIcon role="alert" className="split-error" title={<ApiErrorText error={server.error} />} />}
    </Modal>
  );
}
