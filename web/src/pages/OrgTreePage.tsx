import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Card, Empty, Input, Space, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { api } from '../api/client';
import { can, useAuth } from '../auth/AuthContext';
import type { OrgTree, OrgTreeRow } from '../api/types';
import { useApi } from '../lib/useApi';
import { formatDate } from '../lib/format';
import { useServerToday } from '../lib/myOrg';
import { buildOrgTree, toggleExpanded, unitPath, type OrgNode } from '../lib/orgTree';
import { DateField } from '../components/DateField';
import { ErrorNotice } from '../components/ErrorNotice';
import '../styles/org.css';

// The tree on the server's today first (a demo runs on a fixed date).
export default function OrgTreePage() {
  const today = useServerToday();
  if (!today) return <div className="page-loading" role="status">Đang tải…</div>;
  return <OrgTreeView today={today} />;
}

function OrgTreeView({ today }: { today: string }) {
  const { user } = useAuth();
  const [on, setOn] = useState<string>(today);
  const [filter, setFilter] = useState('');
  const orgs = useApi((signal) => api.get<OrgTree>('/organisations', { signal, query: { on } }), [on]);
  const view = useMemo(() => buildOrgTree(orgs.data?.items ?? [], filter), [orgs.data, filter]);
  // Controlled: a new tree or a new search opens what it needs (the ancestors of every match);
  // after that the switchers open and close units one by one. The same tree answered again (a
  // reload) leaves what the user opened or closed as it is.
  const [expanded, setExpanded] = useState<number[]>(view.expanded);
  const opening = `${filter}|${view.expanded.join(',')}`;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setExpanded(view.expanded), [opening]);
  const treeData = useMemo(() => {
    const toData = (n: OrgNode<OrgTreeRow>): TreeDataNode => ({
      key: n.row.id,
      title: <OrgTitle row={n.row} match={n.match} on={on === today ? undefined : on} />,
      children: n.children.map(toData),
    });
    return view.roots.map(toData);
  }, [view, on, today]);
  const searching = filter.trim() !== '';
  return (
    <div className="page org-page">
      <Typography.Title level={1}>Tổ chức đảng</Typography.Title>
      <Card className="no-print">
        <Space wrap size="large">
          <label>Cây tổ chức tại ngày <span style={{ display: 'inline-block', width: 180 }}><DateField value={on} onChange={(d) => d && setOn(d)} aria-label="Tại ngày" /></span></label>
          <label>Tìm đơn vị (tên hoặc mã, gõ có dấu hoặc không dấu){' '}
            <Input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="ví dụ: tay loc" style={{ width: 260 }} allowClear aria-label="Tìm đơn vị" />
          </label>
        </Space>
        <p className="org-search-result" aria-live="polite">
          {searching && orgs.data ? (view.matches.length ? `Tìm thấy ${view.matches.length} đơn vị.` : 'Không có đơn vị nào khớp.') : ''}
        </p>
        {can(user, 'manage_organisations') && (
          <p className="org-admin-hint">Muốn thêm đơn vị trực thuộc, sửa thông tin hoặc giải thể, sáp nhập một đơn vị: bấm vào tên đơn vị đó trong cây, rồi dùng mục «Quản lý đơn vị».</p>
        )}
      </Card>
      <Card title={`Tại ngày ${formatDate(on)}`}>
        {orgs.error ? <ErrorNotice error={orgs.error} onRetry={orgs.reload} what="cây tổ chức" /> :
          treeData.length === 0 ? <Empty description={orgs.loading ? 'Đang tải…' : searching ? 'Không có đơn vị nào khớp' : 'Không có đơn vị'} /> : (
            <Tree
              className="org-tree"
              treeData={treeData}
              expandedKeys={expanded}
              onExpand={(_, info) => setExpanded((keys) => toggleExpanded(keys, Number(info.node.key), info.expanded))}
              selectable={false}
              showLine
              blockNode
            />
          )}
      </Card>
    </div>
  );
}

function OrgTitle({ row, match, on }: { row: OrgTreeRow; match: boolean; on: string | undefined }) {
  return (
    <span className={`org-node${match ? ' org-match' : ''}`}>
      <Link to={unitPath(row.code, on)} className="org-link"><strong>{row.name}</strong></Link>{' '}
      <Typography.Text type="secondary" className="org-meta">· {row.kind_label} · mã {row.code}
        {row.valid_to ? ` · đến ${formatDate(row.valid_to)}` : ''}
        {' '}· {row.official_members} đảng viên chính thức{row.probationary_members ? `, ${row.probationary_members} dự bị` : ''}</Typography.Text>
    </span>
  );
}
