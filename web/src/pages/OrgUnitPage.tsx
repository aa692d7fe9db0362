import { Link, useParams } from 'react-router';
import { Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { api } from '../api/client';
import type { OrgTree, OrgTreeRow, ResponseOf } from '../api/types';
import { useApi } from '../lib/useApi';
import { formatDate } from '../lib/format';
import { unitPath, validityText } from '../lib/orgTree';
import { useUrlFilters } from '../lib/useUrlFilters';
import { useNarrow } from '../lib/useNarrow';
import { forgetOrganisations } from '../lib/myOrg';
import { can, useAuth } from '../auth/AuthContext';
import { DateField } from '../components/DateField';
import { ErrorNotice } from '../components/ErrorNotice';
import { OrgAdminCard } from '../components/OrgAdmin';
import '../styles/org.css';

type UnitView = ResponseOf<'/api/v1/organisations/{code}', 'get'>;
type Unit = UnitView['organisation'];

// One unit (/don-vi/:code, ?on= for another date): what it is, where it sits in the tree, its
// members, and the ways to its cases and sources.
export default function OrgUnitPage() {
  const { code = '' } = useParams();
  const { get, set } = useUrlFilters();
  const dateOn = get('on');
  const narrow = useNarrow();
  const { user } = useAuth();
  const unit = useApi((signal) => api.get<UnitView>(`/organisations/${encodeURIComponent(code)}`, { signal, query: { on: dateOn } }), [code, dateOn]);
  // The units the user sees on that date: the parent and the successor are named from it.
  const tree = useApi((signal) => api.get<OrgTree>('/organisations', { signal, query: { on: dateOn } }), [dateOn]);
  if (unit.error) return <div className="page"><ErrorNotice error={unit.error} onRetry={unit.reload} what="thông tin đơn vị" /></div>;
  const d = unit.data;
  if (!d) return <div className="page-loading" role="status">Đang tải…</div>;
  const o = d.organisation;
  // undefined until the tree has loaded: a parent is not called out of scope before then.
  const rows = tree.error ? [] : tree.data?.items;
  const changed = () => { forgetOrganisations(); unit.reload(); tree.reload(); };
  return (
    <div className="page org-unit-page">
      <p className="no-print"><Link to="/to-chuc">← Cây tổ chức đảng</Link></p>
      <Typography.Title level={1}>{o.name}</Typography.Title>
      <Space wrap>
        <Tag color="red">{o.kind_label}</Tag>
        <Tag>mã {o.code}</Tag>
        {!o.valid_on && <Tag color="orange">Không hoạt động tại ngày {formatDate(d.on)}</Tag>}
      </Space>
      <Card className="no-print org-unit-date">
        <label>Số liệu tại ngày <span style={{ display: 'inline-block', width: 180 }}>
          <DateField value={dateOn ?? d.on} onChange={(v) => v && set({ on: v })} aria-label="Số liệu tại ngày" />
        </span></label>
      </Card>
      <Card title="Thông tin đơn vị">
        <Descriptions bordered column={{ xs: 1, md: 2 }} layout={narrow ? 'vertical' : 'horizontal'} className="org-unit-facts">
          <Descriptions.Item label="Loại tổ chức">{o.kind_label}</Descriptions.Item>
          <Descriptions.Item label="Mã đơn vị">{o.code}</Descriptions.Item>
          <Descriptions.Item label="Trực thuộc">{parentLink(o, rows, dateOn)}</Descriptions.Item>
          <Descriptions.Item label="Thời gian hoạt động">{validityText(o.valid_from, o.valid_to)}</Descriptions.Item>
          <Descriptions.Item label={`Đảng viên chính thức (tại ngày ${formatDate(d.on)})`}>
            <span data-testid="official-members">{o.official_members}</span>
          </Descriptions.Item>
          <Descriptions.Item label={`Đảng viên dự bị (tại ngày ${formatDate(d.on)})`}>
            <span data-testid="probationary-members">{o.probationary_members}</span>
          </Descriptions.Item>
          {o.committee_member_count > 0 && <Descriptions.Item label="Số ủy viên cấp ủy">{o.committee_member_count}</Descriptions.Item>}
          {(o.kind === 'grassroots_committee' || o.kind === 'grassroots_cell') && (
            <Descriptions.Item label="Quyết định kết nạp">
              {o.authorised_to_admit ? 'Được ủy quyền quyết định kết nạp' : 'Do cấp ủy cấp trên quyết định'}
            </Descriptions.Item>
          )}
          {o.successor_id !== null && <Descriptions.Item label="Đơn vị kế tục">{unitLink(o.successor_id, rows, dateOn)}</Descriptions.Item>}
        </Descriptions>
        <p className="org-unit-note">Số đảng viên gồm cả các đơn vị trực thuộc.</p>
      </Card>
      <Card title="Công việc của đơn vị" className="no-print">
        <div className="org-unit-links">
          <Link className="org-unit-link" to={`/ho-so?org=${encodeURIComponent(o.code)}`}>Hồ sơ kết nạp của đơn vị</Link>
          <Link className="org-unit-link" to={`/nguon?org=${encodeURIComponent(o.code)}`}>Nguồn phát triển đảng viên</Link>
          <Link className="org-unit-link" to={`/tong-quan?org=${encodeURIComponent(o.code)}`}>Tổng quan</Link>
        </div>
      </Card>
      {can(user, 'manage_organisations') && <OrgAdminCard key={o.code} unit={o} rows={rows} onChanged={changed} />}
      <Card title={`Đơn vị trực thuộc (${d.children.length})`}>
        <Table<OrgTreeRow>
          className="org-children"
          rowKey="id"
          dataSource={d.children}
          pagination={d.children.length > 50 ? { pageSize: 50 } : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: 'Không có đơn vị trực thuộc' }}
          columns={[
            { title: 'Tên đơn vị', dataIndex: 'name', render: (name: string, c) => <Link to={unitPath(c.code, dateOn)}>{name}</Link>,
              sorter: (a, b) => a.name.localeCompare(b.name, 'vi'), defaultSortOrder: 'ascend' },
            { title: 'Loại', dataIndex: 'kind_label' },
            { title: 'Đảng viên chính thức', dataIndex: 'official_members', align: 'right' },
            { title: 'Dự bị', dataIndex: 'probationary_members', align: 'right' },
            { title: 'Thời gian hoạt động', render: (_, c) => validityText(c.valid_from, c.valid_to) },
          ]}
        />
      </Card>
    </div>
  );
}

function parentLink(o: Unit, rows: OrgTreeRow[] | undefined, on: string | undefined) {
  if (o.parent_id === null) return 'Không (cấp cao nhất)';
  return unitLink(o.parent_id, rows, on);
}

// A link to the unit `id` when the user sees it, otherwise a plain note.
function unitLink(id: number, rows: OrgTreeRow[] | undefined, on: string | undefined) {
  if (!rows) return '…';
  const row = rows.find((r) => r.id === id);
  if (!row) return <Typography.Text type="secondary">Ngoài phạm vi tài khoản của bạn</Typography.Text>;
  return <Link to={unitPath(row.code, on)}>{row.name}</Link>;
}
