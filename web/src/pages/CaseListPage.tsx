import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Pagination, Select, Space, Table, Tag, Typography } from 'antd';
import { api, buildUrl } from '../api/client';
import type { CaseList, CaseListItem, CaseQuery } from '../api/types';
import { useApi } from '../lib/useApi';
import { deadlineColor, deadlineText, formatDate } from '../lib/format';
import { RuleCitation } from '../components/RuleCitation';
import { useNarrow } from '../lib/useNarrow';
import { useReference } from '../lib/reference';
import { useUrlFilters } from '../lib/useUrlFilters';
import { ErrorNotice } from '../components/ErrorNotice';
import { FilterBar, FilterField, NameSearchFilter, OrgFilter } from '../components/Filters';

const StageChart = lazy(() => import('../components/StageChart'));

const kDue = [
  { value: 'overdue', label: 'Quá hạn' },
  { value: 'due_soon', label: 'Sắp đến hạn' },
  { value: 'blocked', label: 'Đang vướng điều kiện' },
];

const kWide = { xs: 24, md: 12, xl: 8 };

const kSort = [
  { value: 'next_deadline', label: 'Hạn gần nhất trước' },
  { value: 'opened_on', label: 'Ngày mở hồ sơ' },
  { value: 'person_name', label: 'Họ tên' },
  { value: 'stage', label: 'Bước' },
];

export default function CaseListPage() {
  const reference = useReference();
  const navigate = useNavigate();
  const { params, set } = useUrlFilters();
  const [showChart, setShowChart] = useState(false);
  const narrow = useNarrow();
  // Exactly the parameters GET /cases knows (it refuses any other with 400).
  const filters: CaseQuery = {
    org: params.get('org') ?? undefined,
    stage: (params.get('stage') ?? undefined) as CaseQuery['stage'],
    category: params.get('category') ?? undefined,
    due: (params.get('due') ?? undefined) as CaseQuery['due'],
    q: params.get('q') ?? undefined,
    sort: (params.get('sort') ?? 'next_deadline') as CaseQuery['sort'],
    page: Math.max(1, Number(params.get('page') ?? '1') || 1),
  };
  const list = useApi(
    (signal) => api.get<CaseList>('/cases', { signal, query: { ...filters, page_size: 20 } }),
    [params.toString()],
  );
  const counts = list.data?.counts_by_stage ?? {};
  // The whole filtered list (not one page) as XLSX: exactly the filters on screen, and their order.
  const exportUrl = caseExportUrl(filters);
  return (
    <div className="page case-list-page">
      <div className="page-head">
        <Typography.Title level={1}>Hồ sơ kết nạp</Typography.Title>
        <Button size="large" className="no-print xlsx-link" href={exportUrl} download>Xuất Excel</Button>
      </div>
      <FilterBar>
        <NameSearchFilter id="case-search" initial={filters.q} onSearch={(q) => set({ q })} span={kWide} />
        <OrgFilter label="Đơn vị (gồm cả các chi bộ trực thuộc)" placeholder="Tất cả đơn vị thuộc phạm vi của bạn"
          value={filters.org} onChange={(org) => set({ org })} span={kWide} />
        <FilterField label="Bước của quy trình" span={kWide}>
          <Select allowClear value={filters.stage} onChange={(stage) => set({ stage })} placeholder="Tất cả các bước"
            options={reference.stages.map((s) => ({ value: s.code, label: s.label }))} aria-label="Bước của quy trình" />
        </FilterField>
        <FilterField label="Đối tượng (nguồn)" span={kWide}>
          <Select allowClear value={filters.category} onChange={(category) => set({ category })} placeholder="Tất cả đối tượng"
            options={reference.categories.map((s) => ({ value: s.code, label: s.label }))} aria-label="Đối tượng" />
        </FilterField>
        <FilterField label="Thời hạn, vướng mắc" span={kWide}>
          <Select allowClear value={filters.due} onChange={(due) => set({ due })} placeholder="Tất cả" options={kDue} aria-label="Thời hạn" />
        </FilterField>
        <FilterField label="Sắp xếp" span={kWide}>
          <Select value={filters.sort} onChange={(sort) => set({ sort })} options={kSort} aria-label="Sắp xếp" />
        </FilterField>
      </FilterBar>

      {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} what="danh sách hồ sơ" /> : (
        <>
          <Card className="stage-counts" title={`Số hồ sơ theo bước (${list.data?.total ?? 0} hồ sơ)`}
            extra={<Button onClick={() => setShowChart((s) => !s)} className="no-print">{showChart ? 'Ẩn biểu đồ' : 'Xem biểu đồ'}</Button>}>
            <Space wrap>
              {reference.stages.filter((s) => counts[s.code]).map((s) => (
                <Button key={s.code} type={filters.stage === s.code ? 'primary' : 'default'} onClick={() => set({ stage: filters.stage === s.code ? undefined : s.code })}>
                  {s.label}: <strong>{counts[s.code]}</strong>
                </Button>
              ))}
            </Space>
            {showChart && (
              <Suspense fallback={<div>Đang tải biểu đồ…</div>}>
                <StageChart counts={counts} labels={reference.stages} />
              </Suspense>
            )}
          </Card>
          {narrow ? (
            <CaseCards list={list.data} loading={list.loading} blocked={filters.due === 'blocked'}
              onPage={(page) => set({ page })} />
          ) : (
          <Table
            className="case-table"
            loading={list.loading}
            rowKey="id"
            dataSource={list.data?.items ?? []}
            scroll={{ x: 900 }}
            onRow={(c) => ({ onDoubleClick: () => navigate(`/ho-so/${c.id}`) })}
            locale={{ emptyText: 'Không có hồ sơ phù hợp' }}
            pagination={{
              current: list.data?.page ?? filters.page,
              pageSize: list.data?.page_size ?? 20,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              onChange: (page) => set({ page }),
              showTotal: (t) => `${t} hồ sơ`,
            }}
            columns={[
              { title: 'Họ và tên', dataIndex: 'person_name', render: (n, c) => <Link to={`/ho-so/${c.id}`}>{n}</Link> },
              { title: 'Ngày sinh', dataIndex: 'birth_date', render: formatDate, width: 120 },
              { title: 'Chi bộ', dataIndex: 'cell_name' },
              { title: 'Đối tượng', dataIndex: 'category_label', render: (l, c) => l || reference.categoryLabel(c.category) },
              { title: 'Bước hiện tại', dataIndex: 'stage_label', render: (l, c) => <Tag>{l || reference.stageLabel(c.stage)}</Tag> },
              { title: 'Mở hồ sơ', dataIndex: 'opened_on', render: formatDate, width: 120 },
              { title: 'Hạn tiếp theo', dataIndex: 'deadline', width: 220, render: (_, c) => <DeadlineCell row={c} /> },
              ...(filters.due === 'blocked' ? [{
                title: 'Đang vướng', dataIndex: 'unmet', width: 320,
                render: (_: unknown, c: CaseListItem) => <UnmetCell row={c} />,
              }] : []),
            ]}
          />
          )}
        </>
      )}
    </div>
  );
}

// GET /cases/export.xlsx with the list's filters and sort (not its page).
export function caseExportUrl(filters: CaseQuery): string {
  const { org, stage, category, due, q, sort } = filters;
  return buildUrl('/cases/export.xlsx', { org, stage, category, due, q, sort });
}

function DeadlineCell({ row }: { row: CaseListItem }) {
  const d = row.deadline;
  if (!d) return row.next_deadline ? <span>{formatDate(row.next_deadline)}</span> : <Typography.Text type="secondary">Không có</Typography.Text>;
  return (
    <div className="deadline-cell" data-status={d.status}>
      <div>{formatDate(d.due)}<RuleCitation code={d.rule} /></div>
      <Tag color={deadlineColor(d.status)} className="deadline-tag" title={d.label}>{deadlineText(d)}</Tag>
    </div>
  );
}

// Why a blocked case cannot move on: each unmet condition with its rule and a plain sentence.
function UnmetCell({ row }: { row: CaseListItem }) {
  if (row.unmet.length === 0) return <Typography.Text type="secondary">Mở hồ sơ để xem</Typography.Text>;
  return (
    <ul className="unmet-cell">
      {row.unmet.map((u) => (
        <li key={u.rule + u.message} className="blocked-reason">
          {u.message}<RuleCitation code={u.rule} />
        </li>
      ))}
    </ul>
  );
}

// The list on a phone: one card per case, nothing to scroll sideways.
function CaseCards({ list, loading, blocked, onPage }: { list: CaseList | undefined; loading: boolean; blocked: boolean; onPage: (page: number) => void }) {
  if (!list) return <p className="loading" role="status">Đang tải…</p>;
  if (list.items.length === 0) return <p className="empty">Không có hồ sơ phù hợp</p>;
  return (
    <div className="case-table case-cards" aria-busy={loading}>
      <ul className="card-list">
        {list.items.map((c) => (
          <li key={c.id} className="case-card ant-table-row">
            <Link to={`/ho-so/${c.id}`} className="deadline-person">{c.person_name}</Link>
            <div className="muted">Sinh {formatDate(c.birth_date)} · {c.cell_name}</div>
            <div><Tag className="stage-tag-small">{c.stage_label}</Tag> <span className="muted">{c.category_label}</span></div>
            <DeadlineCell row={c} />
            {blocked && <UnmetCell row={c} />}
          </li>
        ))}
      </ul>
      <Pagination current={list.page} pageSize={list.page_size} total={list.total} showSizeChanger={false}
        onChange={onPage} showTotal={(t) => `${t} hồ sơ`} simple />
    </div>
  );
}
