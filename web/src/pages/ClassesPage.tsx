import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Button, Card, Col, Drawer, Form, Input, InputNumber, Row, Select, Table, Tag, Typography } from 'antd';
import { api, ApiError, fieldOf } from '../api/client';
import type { CaseList, ClassInput, TrainingClass } from '../api/types';
import { can, useAuth } from '../auth/AuthContext';
import { formatDate } from '../lib/format';
import { useMyOrgCode, useServerToday } from '../lib/myOrg';
import { kClassFormats, kClassKinds, labelOf } from '../lib/planning';
import { useApi } from '../lib/useApi';
import { useUrlFilters } from '../lib/useUrlFilters';
import { useNarrow } from '../lib/useNarrow';
import { DateField } from '../components/DateField';
import { ApiErrorText, ErrorNotice } from '../components/ErrorNotice';
import { OrgSelect } from '../components/OrgSelect';
import { FilterBar, FilterField, YearFilter } from '../components/Filters';

// The Political Centre's classes (S1 / R3, P2): the list of a year, and a new class.
export default function ClassesPage() {
  const { user } = useAuth();
  const today = useServerToday();
  const { get, set } = useUrlFilters();
  const narrow = useNarrow();
  const year = Number(get('year')) || (today ? Number(today.slice(0, 4)) : undefined);
  const kind = get('kind');
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const list = useApi(
    (signal) => (year ? api.get<{ items: TrainingClass[] }>('/classes', { signal, query: { year, kind } }) : new Promise<never>(() => undefined)),
    [year, kind],
  );
  const items = list.data?.items ?? [];
  return (
    <div className="page classes-page">
      <div className="page-head">
        <Typography.Title level={1}>Lớp bồi dưỡng</Typography.Title>
        {can(user, 'record_certificate') && user?.role === 'political_centre' && (
          <Button type="primary" size="large" onClick={() => setCreating(true)} className="no-print">Mở lớp mới</Button>
        )}
      </div>
      <FilterBar>
        <YearFilter id="class-year" value={year} onChange={(v) => set({ year: v })} span={{ xs: 24, md: 8 }} />
        <FilterField label="Loại lớp" span={{ xs: 24, md: 16 }}>
          <Select allowClear value={kind} onChange={(v) => set({ kind: v })} placeholder="Tất cả các loại lớp"
            options={kClassKinds} aria-label="Loại lớp" />
        </FilterField>
      </FilterBar>
      {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} what="danh sách lớp" /> : narrow ? (
        <ul className="card-list class-cards">
          {!list.loading && items.length === 0 && <li className="empty">Chưa có lớp nào trong năm {year}</li>}
          {items.map((c) => (
            <li key={c.id} className="class-card">
              <Link to={`/lop-boi-duong/${c.id}`} className="deadline-person">{c.name}</Link>
              {c.blended && <div><BlendedTag /></div>}
              <div className="muted">{c.code} · {c.kind_label || labelOf(kClassKinds, c.kind)} · {labelOf(kClassFormats, c.format)}</div>
              <div>{formatDate(c.starts_on)} – {formatDate(c.ends_on)} · {c.sessions} buổi · {c.place}</div>
              <div><CapacityTag c={c} /></div>
            </li>
          ))}
        </ul>
      ) : (
        <Table
          className="classes-table"
          loading={list.loading}
          rowKey="id"
          dataSource={items}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: `Chưa có lớp nào trong năm ${year ?? ''}` }}
          columns={[
            { title: 'Mã lớp', dataIndex: 'code', width: 140 },
            { title: 'Tên lớp', dataIndex: 'name', render: (n, c) => <Link to={`/lop-boi-duong/${c.id}`}>{n}</Link> },
            { title: 'Loại lớp', dataIndex: 'kind', render: (k, c) => c.kind_label || labelOf(kClassKinds, k) },
            { title: 'Hình thức', dataIndex: 'format', width: 150,
              render: (f, c) => <>{labelOf(kClassFormats, f)}{c.blended && <div><BlendedTag /></div>}</> },
            { title: 'Thời gian', dataIndex: 'starts_on', width: 230, render: (_, c) => `${formatDate(c.starts_on)} – ${formatDate(c.ends_on)}` },
            { title: 'Số buổi', dataIndex: 'sessions', width: 90 },
            { title: 'Địa điểm', dataIndex: 'place' },
            { title: 'Sĩ số', dataIndex: 'enrolled', width: 130, render: (_, c) => <CapacityTag c={c} /> },
          ]}
        />
      )}
      {can(user, 'read_cases') && <AwaitingClassCard />}
      <Drawer open={creating} onClose={() => setCreating(false)} title="Mở lớp bồi dưỡng mới" width={Math.min(640, window.innerWidth)} destroyOnHidden>
        <NewClassForm onCreated={(c) => { setCreating(false); navigate(`/lop-boi-duong/${c.id}`); }} onCancel={() => setCreating(false)} />
      </Drawer>
    </div>
  );
}

// S0 → S1, R3: the sympathisers in the user's scope who still wait for the awareness class (their
// case has no certificate yet), so the Centre plans its next classes and the wards propose them.
function AwaitingClassCard() {
  const waiting = useApi(
    (signal) => api.get<CaseList>('/cases', { signal, query: { stage: 'sympathiser', open: true, sort: 'opened_on', page_size: 10 } }),
    [],
  );
  const items = waiting.data?.items ?? [];
  const total = waiting.data?.total ?? 0;
  return (
    <Card className="awaiting-class-card" title={`Cảm tình Đảng chưa học lớp bồi dưỡng nhận thức về Đảng (${total} người)`}
      extra={total > 0 && <Link to="/ho-so?stage=sympathiser">Xem tất cả</Link>}>
      {waiting.error ? <ErrorNotice error={waiting.error} onRetry={waiting.reload} what="danh sách cảm tình Đảng" /> :
        !waiting.loading && items.length === 0 ? <Typography.Text type="secondary">Không còn ai chờ học lớp.</Typography.Text> : (
          <ul className="card-list awaiting-class-list">
            {items.map((c) => (
              <li key={c.id}>
                <Link to={`/ho-so/${c.id}`}>{c.person_name}</Link>
                <Typography.Text type="secondary"> · {c.cell_name} · vào danh sách từ {formatDate(c.opened_on)}</Typography.Text>
              </li>
            ))}
          </ul>
        )}
    </Card>
  );
}

// A class partly online: self-study documents and a final quiz besides the sessions.
function BlendedTag() {
  return <Tag color="geekblue" className="blended-tag">Kết hợp trực tuyến</Tag>;
}

function CapacityTag({ c }: { c: TrainingClass }) {
  const full = c.enrolled >= c.capacity;
  return <Tag color={full ? 'red' : 'green'} className="capacity-tag">{c.enrolled}/{c.capacity}{full ? ' · đã đủ' : ''}</Tag>;
}

export function NewClassForm({ onCreated, onCancel }: { onCreated: (c: TrainingClass) => void; onCancel: () => void }) {
  const { user } = useAuth();
  const myOrg = useMyOrgCode(user?.org_id);
  const [form] = Form.useForm<ClassInput>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (values: ClassInput) => {
    setSaving(true);
    setError(null);
    try {
      const body: ClassInput = { ...values, organiser: values.organiser || myOrg || '' };
      if (!body.place) delete body.place;
      if (body.min_attendance_percent === undefined || body.min_attendance_percent === null) delete body.min_attendance_percent;
      const r = await api.post<{ class: TrainingClass }>('/classes', body);
      onCreated(r.class);
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e);
        const f = fieldOf(e);
        if (f) form.setFields([{ name: f as never, errors: [e.message] }]);
      } else throw e;
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'awareness', format: 'standard', sessions: 4, capacity: 60 }}>
      <Form.Item label="Loại lớp" name="kind" rules={[{ required: true }]}>
        <Select options={kClassKinds} aria-label="Loại lớp" />
      </Form.Item>
      <Form.Item label="Hình thức" name="format" rules={[{ required: true }]}>
        <Select options={kClassFormats} aria-label="Hình thức" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Form.Item label="Mã lớp" name="code" rules={[{ required: true, message: 'Cần nhập mã lớp' }]}>
            <Input placeholder="ví dụ: NT-2024-01" />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          <Form.Item label="Tên lớp" name="name" rules={[{ required: true, message: 'Cần nhập tên lớp' }]}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="Đơn vị tổ chức (Trung tâm Chính trị của)" name="organiser">
        <OrgSelect placeholder={myOrg ? 'Đơn vị của bạn' : 'Chọn đơn vị'} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label="Ngày khai giảng" name="starts_on" rules={[{ required: true, message: 'Cần nhập ngày khai giảng' }]}>
            <DateField aria-label="Ngày khai giảng" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="Ngày bế giảng" name="ends_on" dependencies={['starts_on']}
            rules={[{ required: true, message: 'Cần nhập ngày bế giảng' }, ({ getFieldValue }) => ({
              validator: (_, v) => !v || !getFieldValue('starts_on') || v >= getFieldValue('starts_on')
                ? Promise.resolve() : Promise.reject(new Error('Ngày bế giảng không được trước ngày khai giảng')),
            })]}>
            <DateField aria-label="Ngày bế giảng" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item label="Số buổi học" name="sessions" rules={[{ required: true }]}>
            <InputNumber min={1} max={100} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="Sĩ số tối đa" name="capacity" rules={[{ required: true }]}>
            <InputNumber min={1} max={10000} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="Dự tối thiểu (%)" name="min_attendance_percent" tooltip="Để trống thì theo quy định đang áp dụng">
            <InputNumber min={0} max={100} style={{ width: '100%' }} placeholder="theo quy định" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="Địa điểm" name="place">
        <Input />
      </Form.Item>
      {error && !fieldOf(error) && <Alert type="error" showIcon title={<ApiErrorText error={error} />} className="form-error" />}
      <div className="form-buttons">
        <Button type="primary" htmlType="submit" loading={saving} size="large">Mở lớp</Button>
        <Button onClick={onCancel} size="large">Hủy</Button>
      </div>
    </Form>
  );
}
