import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Checkbox, Form, Input, Modal, Select, Table, Tag, Typography, message } from 'antd';
import { api, ApiError, fieldOf } from '../api/client';
import type { SourceCategoryCount, SourceItem, SourceList, SourceReview } from '../api/types';
import { can, mayRecord, useAuth } from '../auth/AuthContext';
import { formatDate } from '../lib/format';
import { useServerToday } from '../lib/myOrg';
import { formatNumber } from '../lib/planning';
import { useReference } from '../lib/reference';
import { useApi } from '../lib/useApi';
import { useNarrow } from '../lib/useNarrow';
import { useUrlFilters } from '../lib/useUrlFilters';
import { DateField } from '../components/DateField';
import { ApiErrorText, ErrorNotice } from '../components/ErrorNotice';
import { FilterBar, FilterField, NameSearchFilter, OrgFilter } from '../components/Filters';
import { RuleCitation } from '../components/RuleCitation';

// The pool of sources (S0): outstanding non-members and sympathisers of a grassroots
// organisation, with their category, the cell's resolution, the helper and the periodic review;
// per category, how many there are against what the targets still need; the committee's reviews.
export default function SourcesPage() {
  const { user } = useAuth();
  // Users who record the cell's steps may assign a helper (S0) from here.
  const assigns = mayRecord(user, 'assign_helper');
  const reference = useReference();
  const narrow = useNarrow();
  const { get, set } = useUrlFilters();
  const org = get('org');
  const category = get('category');
  const review = get('review');
  const q = get('q');
  const [reviewing, setReviewing] = useState(false);
  const list = useApi((signal) => api.get<SourceList>('/sources', { signal, query: { org, category, review, q } }), [org, category, review, q]);
  const orgCode = org ?? list.data?.org.code;
  const reviews = useApi(
    (signal) => (orgCode ? api.get<{ items: SourceReview[] }>('/sources/reviews', { signal, query: { org: orgCode } }) : new Promise<never>(() => undefined)),
    [orgCode],
  );
  const d = list.data;
  return (
    <div className="page sources-page">
      <div className="page-head">
        <Typography.Title level={1}>Nguồn phát triển đảng viên</Typography.Title>
        {can(user, 'write_people') && <Button type="primary" size="large" className="no-print" onClick={() => setReviewing(true)} disabled={!orgCode}>Ghi nhận rà soát</Button>}
      </div>
      <FilterBar>
        <NameSearchFilter id="source-search" initial={q} onSearch={(text) => set({ q: text })} span={{ xs: 24, md: 12, xl: 8 }} />
        <OrgFilter label="Đơn vị" value={org} onChange={(v) => set({ org: v })} span={{ xs: 24, md: 12, xl: 6 }} />
        <FilterField label="Đối tượng (nguồn)" span={{ xs: 24, md: 12, xl: 6 }}>
          <Select allowClear value={category} onChange={(v) => set({ category: v })} placeholder="Tất cả đối tượng" aria-label="Đối tượng"
            options={reference.categories.map((c) => ({ value: c.code, label: c.label }))} />
        </FilterField>
        <FilterField label="Rà soát" span={{ xs: 24, md: 12, xl: 4 }}>
          <Checkbox checked={review === 'overdue'} onChange={(e) => set({ review: e.target.checked ? 'overdue' : undefined })} className="big-checkbox">
            Chỉ người quá hạn rà soát
          </Checkbox>
        </FilterField>
      </FilterBar>
      {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} what="danh sách nguồn" /> : !d ? <p className="loading" role="status">Đang tải…</p> : (
        <>
          <CategoryCounts rows={d.by_category} />
          <Card title={`Danh sách nguồn — ${d.org.name} (${d.items.length} người)`}
            extra={<span className="muted">Rà soát định kỳ {d.review_interval_months} tháng một lần<RuleCitation code="S0" /></span>}>
            {narrow ? <SourceCards assigns={assigns} items={d.items} /> : (
              <Table<SourceItem>
                className="sources-table"
                rowKey="case_id"
                dataSource={d.items}
                loading={list.loading}
                pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => `${n} người`, hideOnSinglePage: true }}
                scroll={{ x: 1100 }}
                locale={{ emptyText: 'Không có nguồn phù hợp' }}
                columns={[
                  { title: 'Họ và tên', key: 'name', render: (_, s) => <Link to={`/ho-so/${s.case_id}`}>{s.person.full_name}</Link> },
                  { title: 'Ngày sinh', key: 'birth', width: 120, render: (_, s) => formatDate(s.person.birth_date) },
                  { title: 'Chi bộ', key: 'cell', render: (_, s) => s.cell.name },
                  { title: 'Đối tượng', dataIndex: 'category_label' },
                  { title: 'Bước', dataIndex: 'stage', width: 150, render: (st) => <Tag>{reference.stageLabel(st)}</Tag> },
                  { title: 'Nghị quyết cảm tình Đảng', dataIndex: 'sympathiser_resolution_on', width: 130, render: formatDate },
                  { title: 'Người giúp đỡ', key: 'helper', render: (_, s) => s.helper?.full_name ?? <span><span className="muted">Chưa phân công</span>{assigns && <> · <Link to={`/ho-so/${s.case_id}?buoc=assign_helper`} aria-label={`Phân công người giúp đỡ ${s.person.full_name}`}>Phân công</Link></>}</span> },
                  { title: 'Rà soát gần nhất', dataIndex: 'last_review_on', width: 130, render: (v) => formatDate(v) || <span className="muted">Chưa</span> },
                  { title: 'Hạn rà soát', dataIndex: 'review_due_on', width: 150, render: (_, s) => <ReviewDue s={s} /> },
                ]}
              />
            )}
          </Card>
        </>
      )}
      {reviews.error ? <ErrorNotice error={reviews.error} what="các lần rà soát" /> : reviews.data && (
        <Card title="Các lần rà soát danh sách nguồn" className="reviews-card">
          {reviews.data.items.length === 0 ? <p className="empty">Chưa ghi nhận lần rà soát nào.</p> : (
            <ul className="card-list">
              {reviews.data.items.map((r) => (
                <li key={r.id}><strong>{formatDate(r.reviewed_on)}</strong>{r.by ? ` — ${r.by}` : ''}{r.note ? `: ${r.note}` : ''}</li>
              ))}
            </ul>
          )}
        </Card>
      )}
      {reviewing && orgCode && (
        <ReviewModal org={orgCode} orgName={d?.org.name ?? orgCode} onClose={() => setReviewing(false)}
          onSaved={() => { setReviewing(false); message.success('Đã ghi nhận lần rà soát'); reviews.reload(); list.reload(); }} />
      )}
    </div>
  );
}

function ReviewDue({ s }: { s: SourceItem }) {
  if (!s.review_due_on) return <span className="muted">—</span>;
  return <Tag color={s.review_overdue ? 'red' : 'green'} className="review-tag">{s.review_overdue ? 'Quá hạn ' : ''}{formatDate(s.review_due_on)}</Tag>;
}

function CategoryCounts({ rows }: { rows: SourceCategoryCount[] }) {
  return (
    <Card title="Số nguồn theo đối tượng so với chỉ tiêu" className="source-counts">
      <Table<SourceCategoryCount>
        rowKey="category"
        dataSource={rows}
        pagination={false}
        size="small"
        scroll={{ x: 640 }}
        className="source-counts-table"
        columns={[
          { title: 'Đối tượng', dataIndex: 'label' },
          { title: 'Quần chúng ưu tú', dataIndex: 'sources', align: 'right', render: (n) => formatNumber(n) },
          { title: 'Cảm tình Đảng', dataIndex: 'sympathisers', align: 'right', render: (n) => formatNumber(n) },
          { title: 'Chỉ tiêu', dataIndex: 'target', align: 'right', render: (n) => formatNumber(n) },
          { title: 'Đã kết nạp', dataIndex: 'admitted', align: 'right', render: (n) => formatNumber(n) },
          { title: 'Còn cần', dataIndex: 'needed', align: 'right',
            render: (n: number | null, r) => {
              const short = n !== null && n > r.sources + r.sympathisers;
              return <span className={short ? 'text-overdue' : ''} title={short ? 'Số nguồn ít hơn số còn cần kết nạp' : undefined}>{formatNumber(n)}</span>;
            } },
        ]}
      />
    </Card>
  );
}

function SourceCards({ items, assigns }: { items: SourceItem[]; assigns: boolean }) {
  const reference = useReference();
  if (items.length === 0) return <p className="empty">Không có nguồn phù hợp</p>;
  return (
    <ul className="card-list source-cards">
      {items.map((s) => (
        <li key={s.case_id}>
          <Link to={`/ho-so/${s.case_id}`} className="deadline-person">{s.person.full_name}</Link>
          <div className="muted">Sinh {formatDate(s.person.birth_date)} · {s.cell.name}</div>
          <div><Tag>{reference.stageLabel(s.stage)}</Tag> {s.category_label}</div>
          <div>Người giúp đỡ: {s.helper?.full_name ?? <>chưa phân công{assigns && <> · <Link to={`/ho-so/${s.case_id}?buoc=assign_helper`} aria-label={`Phân công người giúp đỡ ${s.person.full_name}`}>Phân công</Link></>}</>}</div>
          <div>Hạn rà soát: <ReviewDue s={s} /></div>
        </li>
      ))}
    </ul>
  );
}

function ReviewModal({ org, orgName, onClose, onSaved }: { org: string; orgName: string; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<{ reviewed_on: string; note: string }>();
  const today = useServerToday();
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (v: { reviewed_on: string; note: string }) => {
    setSaving(true);
    setError(null);
    try {
      await api.post('/sources/reviews', { org, reviewed_on: v.reviewed_on, note: v.note ?? '' });
      onSaved();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e);
      const f = fieldOf(e);
      if (f && (f[0] === 'reviewed_on' || f[0] === 'note')) form.setFields([{ name: f[0], errors: [e.display] }]);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={`Ghi nhận rà soát danh sách nguồn — ${orgName}`} onCancel={onClose} onOk={() => form.submit()}
      okText="Ghi nhận" cancelText="Hủy" confirmLoading={saving}>
      <p>Cấp ủy rà soát định kỳ danh sách quần chúng ưu tú, cảm tình Đảng.<RuleCitation code="S0" /></p>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ reviewed_on: today, note: '' }} key={today ?? ''}>
        <Form.Item label="Ngày rà soát" name="reviewed_on" rules={[{ required: true, message: 'Cần nhập ngày rà soát' }]}>
          <DateField aria-label="Ngày rà soát" />
        </Form.Item>
        <Form.Item label="Ghi chú (kết quả rà soát)" name="note">
          <Input.TextArea rows={3} />
        </Form.Item>
        {error && !(fieldOf(error)?.[0] === 'reviewed_on' || fieldOf(error)?.[0] === 'note') && <Alert type="error" showIcon role="alert" title={<ApiErrorText error={error} />} />}
      </Form>
    </Modal>
  );
}
