import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Card, Input, Table, Typography } from 'antd';
import { api } from '../api/client';
import type { Person } from '../api/types';
import { useApi } from '../lib/useApi';
import { formatDate } from '../lib/format';
import { kOccupations, kSexes, labelOf } from '../lib/labels';
import { can, useAuth } from '../auth/AuthContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { useOrgNames } from '../lib/myOrg';

// GET /people answers at most `limit` (≤ 500) people of the caller's subtree, best matches
// first; the table pages through them here.
const kLimit = 200;

export default function PeoplePage() {
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [text, setText] = useState(q);
  // The server searches only for a given name (400 without `q`).
  const people = useApi(
    (signal) => q ? api.get<{ items: Person[] }>('/people', { signal, query: { q, limit: kLimit } }) : Promise.resolve({ items: [] as Person[] }),
    [q],
  );
  const count = people.data?.items.length ?? 0;
  const orgNames = useOrgNames();
  return (
    <div className="page people-page">
      <div className="page-head">
        <Typography.Title level={1}>Quần chúng ưu tú và người vào Đảng</Typography.Title>
        {can(user, 'write_people') && <Link to="/nguoi/moi"><Button type="primary" size="large">+ Thêm người</Button></Link>}
      </div>
      <Card className="no-print">
        <label htmlFor="people-search" className="field-label">Tìm theo họ tên (gõ có dấu hoặc không dấu)</label>
        <Input.Search
          id="people-search"
          size="large"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {})}
          enterButton="Tìm"
          allowClear
          placeholder="ví dụ: nguyen van duc"
        />
      </Card>
      {people.error ? <ErrorNotice error={people.error} onRetry={people.reload} what="danh sách người" /> : (
        <Table
          className="people-table"
          loading={people.loading}
          rowKey="id"
          dataSource={people.data?.items ?? []}
          scroll={{ x: 700 }}
          locale={{ emptyText: q ? `Không tìm thấy ai với «${q}»` : 'Gõ họ tên (có dấu hoặc không dấu) rồi bấm «Tìm»' }}
          pagination={{
            current: page,
            pageSize: 20,
            showSizeChanger: false,
            onChange: (p) => setParams({ ...(q ? { q } : {}), page: String(p) }),
            showTotal: (t) => count >= kLimit ? `${kLimit} người đầu tiên — hãy gõ họ tên để tìm chính xác hơn` : `${t} người`,
          }}
          columns={[
            { title: 'Họ và tên', dataIndex: 'full_name', render: (n, p) => <Link to={`/nguoi/${p.id}`}>{n}</Link> },
            { title: 'Ngày sinh', dataIndex: 'birth_date', render: formatDate, width: 120 },
            { title: 'Giới tính', dataIndex: 'sex', render: (s) => labelOf(kSexes, s), width: 100 },
            { title: 'Nghề nghiệp', dataIndex: 'occupation', render: (o) => labelOf(kOccupations, o) },
            { title: 'Đơn vị', dataIndex: 'org_id', render: (o) => orgNames.get(o) ?? '' },
          ]}
        />
      )}
    </div>
  );
}
