import { useMemo, useState } from 'react';
import { Card, Empty, Input, Space, Tree, Typography } from 'antd';
import { api } from '../api/client';
import type { OrgTree, OrgTreeRow } from '../api/types';
import { useApi } from '../lib/useApi';
import { foldVietnamese, formatDate } from '../lib/format';
import { useServerToday } from '../lib/myOrg';
import { DateField } from '../components/DateField';
import { ErrorNotice } from '../components/ErrorNotice';

interface Node { key: number; title: React.ReactNode; children: Node[]; match: boolean }

// The tree on the server's today first (a demo runs on a fixed date).
export default function OrgTreePage() {
  const today = useServerToday();
  if (!today) return <div className="page-loading" role="status">Đang tải…</div>;
  return <OrgTreeView initialOn={today} />;
}

function OrgTreeView({ initialOn }: { initialOn: string }) {
  const [on, setOn] = useState<string>(initialOn);
  const [filter, setFilter] = useState('');
  const orgs = useApi((signal) => api.get<OrgTree>('/organisations', { signal, query: { on } }), [on]);
  const tree = useMemo(() => {
    const all = orgs.data?.items ?? [];
    const ids = new Set(all.map((o) => o.id));
    const needle = foldVietnamese(filter);
    const byParent = new Map<number | null, OrgTreeRow[]>();
    for (const o of all) {
      const p = o.parent_id !== null && ids.has(o.parent_id) ? o.parent_id : null;
      byParent.set(p, [...(byParent.get(p) ?? []), o]);
    }
    const build = (o: OrgTreeRow): Node => {
      const children = (byParent.get(o.id) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'vi')).map(build).filter((c) => !needle || c.match);
      const self = !needle || foldVietnamese(o.name).includes(needle) || o.code.toLowerCase().includes(needle);
      return {
        key: o.id,
        match: self || children.length > 0,
        children,
        title: (
          <span className="org-node">
            <strong>{o.name}</strong>{' '}
            <Typography.Text type="secondary" className="org-meta">· {o.kind_label} · mã {o.code}
              {o.valid_to ? ` · đến ${formatDate(o.valid_to)}` : ''}
              {' '}· {o.official_members} đảng viên chính thức{o.probationary_members ? `, ${o.probationary_members} dự bị` : ''}</Typography.Text>
          </span>
        ),
      };
    };
    return (byParent.get(null) ?? []).map(build).filter((n) => n.match);
  }, [orgs.data, filter]);
  return (
    <div className="page org-page">
      <Typography.Title level={1}>Tổ chức đảng</Typography.Title>
      <Card className="no-print">
        <Space wrap size="large">
          <label>Cây tổ chức tại ngày <span style={{ display: 'inline-block', width: 180 }}><DateField value={on} onChange={(d) => d && setOn(d)} aria-label="Tại ngày" /></span></label>
          <label>Tìm đơn vị <Input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="ví dụ: tay loc" style={{ width: 260 }} allowClear /></label>
        </Space>
      </Card>
      <Card title={`Tại ngày ${formatDate(on)}`}>
        {orgs.error ? <ErrorNotice error={orgs.error} onRetry={orgs.reload} what="cây tổ chức" /> :
          tree.length === 0 ? <Empty description={orgs.loading ? 'Đang tải…' : 'Không có đơn vị'} /> : (
            <Tree treeData={tree} defaultExpandedKeys={tree.map((n) => n.key)} expandedKeys={filter ? undefined : undefined}
              defaultExpandParent showLine blockNode key={filter} defaultExpandAll={!!filter} />
          )}
      </Card>
    </div>
  );
}
