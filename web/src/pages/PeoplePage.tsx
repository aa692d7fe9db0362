import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Card, Input, Space, Table, Typography } from 'antd';
import { api } from '../api/client';
import type { Person } from '../api/types';
import { useApi } from '../lib/useApi';
import { formatDate } from '../lib/format';
import { kOccupations, kSexes, labelOf } from '../lib/labels';
import { can, useAuth } from '../auth/AuthContext';
import { ErrorNotice } from '../components/ErrorNotice';

interface PeopleList { items: Person[]; total?: number; page?: number; page_size?: number }

export default function PeoplePage() {
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1');
  const [text, setText] = useState(q);
  const people = useApi((signal) => api.get<PeopleList>('/people', { signal, query: { q, page, page_size: 20 } }), [q, page]);
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
          locale={{ emptyText: q ? `Không tìm thấy ai với «${q}»` : 'Chưa có dữ liệu' }}
          pagination={{
            current: people.data?.page ?? page,
            pageSize: people.data?.page_size ?? 20,
            total: people.data?.total ?? people.data?.items.length ?? 0,
            showSizeChanger: false,
            onChange: (p) => setParams({ ...(q ? { q } : {}), page: String(p) }),
          }}
          columns={[
            { title: 'Họ và tên', dataIndex: 'full_name', render: (n, p) => <Link to={`/nguoi/${p.id}`}>{n}</Link> },
            { title: 'Ngày sinh', dataIndex: 'birth_date', render: formatDate, width: 120 },
            { title: 'Giới tính', dataIndex: 'sex', render: (s) => labelOf(kSexes, s), width: 100 },
            { title: 'Nghề nghiệp', dataIndex: 'occupation', render: (o) => labelOf(kOccupations, o) },
          ]}
        />
      )}
      <Space />
    </div>
  );
}
