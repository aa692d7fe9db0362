import { useState } from 'react';
import { Button, Card, Select, Space, Table, Typography, message } from 'antd';
import { api } from '../api/client';
import type { MassOrganisationList, MassOrganisationStats, Nomination } from '../api/types';
import { can, useAuth } from '../auth/AuthContext';
import { kNominationStatuses } from '../lib/massOrg';
import { useServerToday } from '../lib/myOrg';
import { formatNumber } from '../lib/planning';
import { useApi } from '../lib/useApi';
import { useUrlFilters } from '../lib/useUrlFilters';
import { ErrorNotice } from '../components/ErrorNotice';
import { FilterBar, FilterField, OrgFilter } from '../components/Filters';
import { NominationDecision, type Decision } from '../components/NominationDecision';
import { NominationList } from '../components/NominationList';
import { RuleCitation } from '../components/RuleCitation';
import '../styles/mass-org.css';

// «Đoàn thể giới thiệu»: the people the ward's mass organisations (Mặt trận, Đoàn Thanh niên,
// Hội Phụ nữ, Công đoàn, …) nominated as sources (S0), with the committee's decision on each, and
// per organisation what it nominated, how many became members and how many opinions it gave.
export default function NominationsPage() {
  const { user } = useAuth();
  const decides = can(user, 'write_people');
  const today = useServerToday();
  const { get, set } = useUrlFilters();
  const org = get('org');
  const status = get('status');
  const [deciding, setDeciding] = useState<{ nomination: Nomination; decision: Decision } | null>(null);
  const organisations = useApi((signal) => api.get<MassOrganisationList>('/mass-organisations', { signal, query: { org } }), [org]);
  const list = useApi((signal) => api.get<{ items: Nomination[] }>('/nominations', { signal, query: { org, status } }), [org, status]);
  const actions = (n: Nomination) => decides && n.status === 'waiting' && today ? (
    <Space wrap className="nomination-actions">
      <Button type="primary" onClick={() => setDeciding({ nomination: n, decision: 'accept' })}
        aria-label={`Tiếp nhận ${n.full_name} vào nguồn`}>Tiếp nhận vào nguồn</Button>
      <Button danger onClick={() => setDeciding({ nomination: n, decision: 'decline' })}
        aria-label={`Không tiếp nhận ${n.full_name}`}>Không tiếp nhận</Button>
    </Space>
  ) : null;
  return (
    <div className="page nominations-page">
      <Typography.Title level={1}>Đoàn thể giới thiệu</Typography.Title>
      <Typography.Paragraph type="secondary">
        Các tổ chức chính trị - xã hội của phường, xã giới thiệu đoàn viên, hội viên ưu tú để đảng ủy xem xét đưa vào nguồn
        phát triển đảng viên.<RuleCitation code="S0" />
      </Typography.Paragraph>
      <FilterBar>
        <OrgFilter label="Đơn vị" value={org} onChange={(v) => set({ org: v })} span={{ xs: 24, md: 12, xl: 8 }} />
        <FilterField label="Trạng thái" span={{ xs: 24, md: 12, xl: 6 }}>
          <Select allowClear value={status} onChange={(v) => set({ status: v })} placeholder="Tất cả" aria-label="Trạng thái"
            options={kNominationStatuses} />
        </FilterField>
      </FilterBar>
      <Card title="Người được giới thiệu" className="nominations-card">
        {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} what="danh sách người được giới thiệu" />
          : !list.data ? <p className="loading" role="status">Đang tải…</p>
            : <NominationList items={list.data.items} byOrganisation linkCases actions={actions}
                empty={status ? 'Không có người nào ở trạng thái này.' : 'Các đoàn thể chưa giới thiệu người nào.'} />}
      </Card>
      {organisations.error ? <ErrorNotice error={organisations.error} onRetry={organisations.reload} what="danh sách các đoàn thể" />
        : organisations.data && <OrganisationCounts unitName={organisations.data.org.name} items={organisations.data.items} />}
      {deciding && today && (
        <NominationDecision nomination={deciding.nomination} decision={deciding.decision} today={today}
          onClose={() => setDeciding(null)}
          onDone={(n) => {
            setDeciding(null);
            message.success(n.status === 'accepted'
              ? `Đã tiếp nhận ${n.full_name} vào nguồn${n.cell ? ` của ${n.cell.name}` : ''}`
              : `Đã ghi nhận không tiếp nhận ${n.full_name}`);
            list.reload();
            organisations.reload();
          }} />
      )}
    </div>
  );
}

function OrganisationCounts({ unitName, items }: { unitName: string; items: MassOrganisationStats[] }) {
  const wards = new Set(items.map((o) => o.ward.code)).size;
  const count = (n: number) => formatNumber(n);
  return (
    <Card title={`Kết quả của các đoàn thể — ${unitName}`} className="mass-orgs-card">
      <Table<MassOrganisationStats>
        className="mass-orgs-table"
        rowKey="id"
        dataSource={items}
        size="small"
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: 'Chưa có tổ chức chính trị - xã hội nào trong đơn vị này.' }}
        columns={[
          { title: 'Tổ chức', dataIndex: 'name', render: (name, o) => <>{name}<div className="muted">{o.kind_label}</div></> },
          ...(wards > 1 ? [{ title: 'Phường, xã', key: 'ward', render: (_: unknown, o: MassOrganisationStats) => o.ward.name }] : []),
          { title: 'Đã giới thiệu', dataIndex: 'nominated', align: 'right', render: count },
          { title: 'Chờ xem xét', dataIndex: 'waiting', align: 'right', render: count },
          { title: 'Đã tiếp nhận', dataIndex: 'accepted', align: 'right', render: count },
          { title: 'Đã được kết nạp', dataIndex: 'became_members', align: 'right', render: count },
          { title: 'Ý kiến đã cho', dataIndex: 'opinions_given', align: 'right', render: count },
        ]}
      />
    </Card>
  );
}
