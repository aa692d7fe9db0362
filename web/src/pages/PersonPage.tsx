import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Button, Card, Checkbox, Col, Form, Input, List, Row, Select, Skeleton, Space, Table, Tag, Typography, message } from 'antd';
import { api, ApiError } from '../api/client';
import { kPersonKeys, type CaseList, type CaseListItem, type Person, type PersonBody } from '../api/types';
import { formatDate, todayIso } from '../lib/format';
import { clearDraft, loadDraft, saveDraft } from '../lib/draft';
import { kEducations, kOccupations, kSexes, kWorkplaces } from '../lib/labels';
import { useReference } from '../lib/reference';
import { serverToday } from '../lib/serverToday';
import { can, useAuth } from '../auth/AuthContext';
import { DateField } from '../components/DateField';
import { ApiErrorText, ErrorNotice } from '../components/ErrorNotice';
import { OrgSelect } from '../components/OrgSelect';
import { organisations } from '../lib/myOrg';
import { PreviousMembershipSection } from './PreviousMembershipSection';
import { readsPersonal, Withheld } from '../components/Withheld';

const opts = (t: [string, string][]) => t.map(([value, label]) => ({ value, label }));

type Values = PersonBody;

// The form's values as a request body: only the keys the server accepts, trimmed; for a
// correction only what differs from `before` (the server keeps what is absent).
export function personBody(values: Values, before?: Values): PersonBody {
  const body: Record<string, unknown> = {};
  for (const key of kPersonKeys) {
    let value = values[key];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string') value = value.trim();
    if (before && JSON.stringify(before[key] ?? (typeof value === 'boolean' ? false : '')) === JSON.stringify(value)) continue;
    body[key] = value;
  }
  return body as PersonBody;
}

// A person as the form's values: the stored fields, and the code of the keeping unit.
async function personValues(p: Person): Promise<Values> {
  const all = await organisations().catch(() => []);
  const values: Record<string, unknown> = {};
  for (const key of kPersonKeys) if (key !== 'org') values[key] = p[key];
  values.org = all.find((o) => o.id === p.org_id)?.code;
  return values as Values;
}

// GET /cases has no person filter: the cases of a person are found by searching their name and
// keeping the rows of this person.
async function casesOf(p: Person): Promise<CaseListItem[]> {
  const r = await api.get<CaseList>('/cases', { query: { q: p.full_name, page_size: 100, sort: 'opened_on' } });
  return r.items.filter((c) => c.person_id === p.id);
}

export default function PersonPage() {
  const { id } = useParams();
  const isNew = !id;
  const navigate = useNavigate();
  const { user } = useAuth();
  const reference = useReference();
  const [form] = Form.useForm<Values>();
  const [loading, setLoading] = useState(!isNew);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [duplicates, setDuplicates] = useState<Person[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [person, setPerson] = useState<Person | null>(null);
  const [stored, setStored] = useState<Values | undefined>(undefined);
  const [cases, setCases] = useState<CaseListItem[] | null>(null);
  const draftKey = `person.${id ?? 'new'}`;
  const editable = can(user, 'write_people');

  useEffect(() => {
    const draft = loadDraft<Values>(draftKey);
    if (isNew) {
      form.setFieldsValue(draft ?? { sex: 'male', ethnicity: 'Kinh', religion: 'Không', general_education: 'upper_secondary', workplace_type: 'none', occupation: 'other' });
      return;
    }
    setLoading(true);
    setCases(null);
    api.get<{ person: Person }>(`/people/${id}`).then(
      async ({ person: p }) => {
        const values = await personValues(p);
        setPerson(p);
        setStored(values);
        form.setFieldsValue(draft ?? values);
        setLoading(false);
        casesOf(p).then(setCases, () => setCases([]));
      },
      (e) => { setLoadError(e); setLoading(false); },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  const save = async (values: Values, confirmed: boolean) => {
    setSaveError(null);
    if (isNew && !confirmed && values.full_name && values.birth_date) {
      try {
        const r = await api.get<{ items: Person[] }>('/people/duplicates', { query: { name: values.full_name, birth_date: values.birth_date } });
        if (r.items?.length) {
          setDuplicates(r.items);
          return;
        }
      } catch {
        // The check is advisory: without it the server still refuses exact duplicates.
      }
    }
    setBusy(true);
    try {
      const { person: p } = isNew
        ? await api.post<{ person: Person }>('/people', personBody(values))
        : await api.patch<{ person: Person }>(`/people/${id}`, personBody(values, stored), {
            headers: { 'If-Match': `"${person!.version}"` },
          });
      clearDraft(draftKey);
      setDuplicates(null);
      message.success('Đã lưu thông tin');
      if (isNew) {
        navigate(`/nguoi/${p.id}`, { replace: true });
      } else {
        const saved = await personValues(p);
        setPerson(p);
        setStored(saved);
        form.setFieldsValue(saved);
      }
    } catch (e) {
      if (e instanceof ApiError) {
        setSaveError(e);
        if (e.field && (kPersonKeys as readonly string[]).includes(e.field)) {
          form.setFields([{ name: e.field as keyof Values, errors: [e.message] }]);
        }
      }
    } finally {
      setBusy(false);
    }
  };

  if (loadError) return <div className="page"><ErrorNotice error={loadError} what="thông tin người" /></div>;
  if (loading) return <div className="page"><Skeleton active /></div>;
  return (
    <div className="page person-page">
      <Typography.Text type="secondary"><Link to="/nguoi">Danh sách người</Link></Typography.Text>
      <Typography.Title level={1}>{isNew ? 'Thêm người mới' : person?.full_name}</Typography.Title>
      <Card>
        <Form
          form={form}
          layout="vertical"
          disabled={!editable}
          onFinish={(v) => save(v, false)}
          onValuesChange={(_, all) => { saveDraft(draftKey, all); setDuplicates(null); }}
          scrollToFirstError
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="full_name" label="Họ và tên (có dấu)" rules={[{ required: true, message: 'Cần nhập họ và tên' }]}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="birth_date" label="Ngày sinh" rules={[{ required: true, message: 'Cần nhập ngày sinh' }]}>
                <DateField aria-label="Ngày sinh" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="sex" label="Giới tính"><Select options={opts(kSexes)} /></Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="org" label="Chi bộ / đơn vị nơi sinh hoạt, công tác" rules={isNew ? [{ required: true, message: 'Cần chọn đơn vị' }] : []}>
                <OrgSelect placeholder="Chọn chi bộ" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}><Form.Item name="ethnicity" label="Dân tộc"><Input /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="religion" label="Tôn giáo"><Input /></Form.Item></Col>
            <Col xs={24} md={8}><Form.Item name="general_education" label="Trình độ giáo dục phổ thông"><Select options={opts(kEducations)} /></Form.Item></Col>
            <Col xs={24} md={8}><Form.Item name="professional_education" label="Chuyên môn, nghiệp vụ"><Input placeholder="ví dụ: Đại học sư phạm" /></Form.Item></Col>
            <Col xs={24} md={8}><Form.Item name="occupation" label="Nghề nghiệp"><Select options={opts(kOccupations)} /></Form.Item></Col>
            <Col xs={24} md={8}><Form.Item name="workplace_type" label="Khu vực làm việc"><Select options={opts(kWorkplaces)} /></Form.Item></Col>
            <Col xs={24} md={8}><Form.Item name="youth_union_member" valuePropName="checked" label=" "><Checkbox>Là đoàn viên</Checkbox></Form.Item></Col>
            <Col xs={24} md={8}><Form.Item name="trade_union_member" valuePropName="checked" label=" "><Checkbox>Là công đoàn viên</Checkbox></Form.Item></Col>
            {readsPersonal(user) ? (<>
              <Col xs={24} md={8}><Form.Item name="id_number" label="Số định danh cá nhân (CCCD)"><Input inputMode="numeric" /></Form.Item></Col>
              <Col xs={24} md={8}><Form.Item name="phone" label="Điện thoại"><Input inputMode="tel" /></Form.Item></Col>
              <Col xs={24} md={8}><Form.Item name="address" label="Nơi ở hiện nay"><Input /></Form.Item></Col>
            </>) : (<>
              {/* The server leaves these out for this role (DOMAIN §8): not empty, withheld. */}
              <Col xs={24} md={8}><Form.Item label="Số định danh cá nhân (CCCD)"><Withheld /></Form.Item></Col>
              <Col xs={24} md={8}><Form.Item label="Điện thoại"><Withheld /></Form.Item></Col>
              <Col xs={24} md={8}><Form.Item label="Nơi ở hiện nay"><Withheld /></Form.Item></Col>
            </>)}
          </Row>
          {duplicates && (
            <Alert
              type="warning"
              showIcon
              role="alert"
              className="duplicate-warning"
              message="Có thể trùng người đã có"
              description={
                <>
                  <p>Đã có {duplicates.length} người cùng họ tên và ngày sinh. Hãy kiểm tra trước khi lưu để không tạo hai hồ sơ cho một người:</p>
                  <List size="small" dataSource={duplicates} renderItem={(d) => (
                    <List.Item><Link to={`/nguoi/${d.id}`}>{d.full_name}</Link> — sinh {formatDate(d.birth_date)}</List.Item>
                  )} />
                  <Button danger onClick={() => save(form.getFieldsValue(), true)}>Không phải người này — vẫn lưu người mới</Button>
                </>
              }
              style={{ marginBottom: 16 }}
            />
          )}
          {saveError && <Alert type="error" showIcon role="alert" message={<ApiErrorText error={saveError} />} style={{ marginBottom: 16 }} />}
          {editable && (
            <Space>
              <Button type="primary" htmlType="submit" size="large" loading={busy}>{isNew ? 'Lưu người mới' : 'Lưu thay đổi'}</Button>
              <Button size="large" onClick={() => { clearDraft(draftKey); navigate(-1); }}>Hủy</Button>
            </Space>
          )}
        </Form>
      </Card>
      {!isNew && person && (
        <PreviousMembershipSection key={person.id} person={person} editable={editable} withheld={!readsPersonal(user)} onSaved={setPerson} />
      )}
      {!isNew && person && (
        <Card title="Hồ sơ kết nạp của người này" style={{ marginTop: 16 }}>
          <Table size="middle" rowKey="id" pagination={false} dataSource={cases ?? []} loading={cases === null}
            className="person-cases" scroll={{ x: true }}
            locale={{ emptyText: 'Chưa có hồ sơ kết nạp' }}
            columns={[
              { title: 'Hồ sơ', dataIndex: 'id', render: (cid) => <Link to={`/ho-so/${cid}`}>Hồ sơ số {cid}</Link> },
              { title: 'Bước', dataIndex: 'stage_label', render: (l) => <Tag>{l}</Tag> },
              { title: 'Mở ngày', dataIndex: 'opened_on', render: formatDate },
            ]} />
          {editable && <OpenCase personId={person.id} categories={reference.categories} />}
        </Card>
      )}
    </div>
  );
}

function OpenCase({ personId, categories }: { personId: number; categories: { code: string; label: string }[] }) {
  const navigate = useNavigate();
  const [error, setError] = useState<ApiError | null>(null);
  return (
    <Form layout="vertical" className="open-case" style={{ marginTop: 16 }} initialValues={{ opened_on: serverToday() || todayIso() }}
      onFinish={async (v: { cell: string; category: string; opened_on: string }) => {
        setError(null);
        try {
          const r = await api.post<{ case: { id: number } }>('/cases', { person_id: personId, ...v });
          navigate(`/ho-so/${r.case.id}`);
        } catch (e) {
          if (e instanceof ApiError) setError(e);
        }
      }}>
      <Typography.Title level={3}>Mở hồ sơ kết nạp mới</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} md={10}><Form.Item name="cell" label="Chi bộ" rules={[{ required: true, message: 'Cần chọn chi bộ' }]}><OrgSelect placeholder="Chọn chi bộ" /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="category" label="Đối tượng (nguồn)" rules={[{ required: true, message: 'Cần chọn đối tượng' }]}>
          <Select options={categories.map((c) => ({ value: c.code, label: c.label }))} /></Form.Item></Col>
        <Col xs={24} md={6}><Form.Item name="opened_on" label="Ngày mở hồ sơ" rules={[{ required: true, message: 'Cần nhập ngày' }]}><DateField aria-label="Ngày mở hồ sơ" /></Form.Item></Col>
      </Row>
      {error && <Alert type="error" showIcon message={<ApiErrorText error={error} />} style={{ marginBottom: 12 }} />}
      <Button htmlType="submit" size="large">Mở hồ sơ</Button>
    </Form>
  );
}
