import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Col, Form, Input, Radio, Row, Select, Typography, message } from 'antd';
import { api, ApiError, fieldOf } from '../api/client';
import type { MassOrganisationStats, MyOrganisation, Nomination, NominationInput } from '../api/types';
import { formatNumber } from '../lib/planning';
import { kSexes } from '../lib/labels';
import { kOpinionRequestsPath } from '../lib/massOrgPaths';
import { useReference } from '../lib/reference';
import { serverToday } from '../lib/serverToday';
import { useApi } from '../lib/useApi';
import { DateField } from '../components/DateField';
import { ApiErrorText, ErrorNotice } from '../components/ErrorNotice';
import { NominationList } from '../components/NominationList';
import { RuleCitation } from '../components/RuleCitation';
import '../styles/mass-org.css';

// «Tổ chức của tôi», the first page of a mass organisation's account (Đoàn Thanh niên, Hội Phụ
// nữ, …): what the organisation achieved, the form that nominates a person to the ward's party
// committee as a source (S0), and the people it nominated with the committee's decision.
export default function MyOrganisationPage() {
  const mine = useApi((signal) => api.get<MyOrganisation>('/my-organisation', { signal }), []);
  const nominations = useApi((signal) => api.get<{ items: Nomination[] }>('/my-organisation/nominations', { signal }), []);
  const org = mine.data?.mass_organisation;
  return (
    <div className="page my-organisation-page">
      <div className="page-head">
        <div>
          <Typography.Title level={1}>Tổ chức của tôi</Typography.Title>
          {org && <p className="mass-org-name"><strong>{org.name}</strong> · {org.kind_label} · {org.ward.name}</p>}
        </div>
        <Link to={kOpinionRequestsPath}><Button size="large">Cho ý kiến về người vào Đảng</Button></Link>
      </div>
      {mine.error ? <ErrorNotice error={mine.error} onRetry={mine.reload} what="thông tin tổ chức" />
        : org ? <Counts org={org} /> : <p className="loading" role="status">Đang tải…</p>}
      <NominationForm onSaved={(n) => {
        message.success(`Đã giới thiệu ${n.full_name} với ${n.mass_organisation.ward.name}`);
        mine.reload();
        nominations.reload();
      }} />
      <Card title="Những người tổ chức đã giới thiệu" className="my-nominations-card">
        {nominations.error ? <ErrorNotice error={nominations.error} onRetry={nominations.reload} what="danh sách người đã giới thiệu" />
          : !nominations.data ? <p className="loading" role="status">Đang tải…</p>
            : <NominationList items={nominations.data.items} empty="Tổ chức chưa giới thiệu người nào." />}
      </Card>
    </div>
  );
}

function Counts({ org }: { org: MassOrganisationStats }) {
  const counts: [string, number][] = [
    ['Đã giới thiệu', org.nominated],
    ['Chờ xem xét', org.waiting],
    ['Đã tiếp nhận vào nguồn', org.accepted],
    ['Không tiếp nhận', org.declined],
    ['Đã được kết nạp', org.became_members],
    ['Ý kiến đã cho', org.opinions_given],
  ];
  return (
    <dl className="mass-org-counts" aria-label="Kết quả của tổ chức">
      {counts.map(([label, n]) => (
        <div key={label}><dt>{label}</dt><dd>{formatNumber(n)}</dd></div>
      ))}
    </dl>
  );
}

const kFields: (keyof NominationInput)[] = ['full_name', 'birth_date', 'sex', 'category', 'reason', 'evidence', 'nominated_on'];

// «Giới thiệu nguồn»: the person, why the organisation recommends them and on what evidence.
// The ward's party committee then takes them into the sources of a cell, or says why not.
function NominationForm({ onSaved }: { onSaved: (n: Nomination) => void }) {
  const reference = useReference();
  const [form] = Form.useForm<NominationInput>();
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (v: NominationInput) => {
    setSaving(true);
    setError(null);
    try {
      const body: NominationInput = { ...v, full_name: v.full_name.trim(), reason: v.reason.trim(), evidence: (v.evidence ?? '').trim() };
      const saved = await api.post<{ nomination: Nomination }>('/my-organisation/nominations', body);
      form.resetFields();
      onSaved(saved.nomination);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const f = fieldOf(e)?.[0] as keyof NominationInput | undefined;
      if (f && kFields.includes(f)) form.setFields([{ name: f, errors: [e.display] }]);
      else setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title={<>Giới thiệu nguồn<RuleCitation code="S0" /></>} className="nominate-card">
      <Typography.Paragraph type="secondary">
        Giới thiệu đoàn viên, hội viên ưu tú để đảng ủy xem xét đưa vào nguồn phát triển đảng viên.
        Đảng ủy sẽ tiếp nhận vào một chi bộ hoặc cho biết lý do không tiếp nhận.
      </Typography.Paragraph>
      <Form form={form} name="nominate" layout="vertical" onFinish={submit} onValuesChange={() => setError(null)}
        initialValues={{ nominated_on: serverToday(), evidence: '' }}>
        <Row gutter={16}>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label="Họ và tên (có dấu)" name="full_name" rules={[{ required: true, whitespace: true, message: 'Cần nhập họ và tên' }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={5}>
            <Form.Item label="Ngày sinh" name="birth_date" rules={[{ required: true, message: 'Cần nhập ngày sinh' }]}>
              <DateField />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={5}>
            <Form.Item label="Giới tính" name="sex" rules={[{ required: true, message: 'Cần chọn giới tính' }]}>
              <Radio.Group options={kSexes.map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item label="Đối tượng nguồn" name="category" rules={[{ required: true, message: 'Cần chọn đối tượng nguồn' }]}>
              <Select placeholder="Chọn đối tượng" options={reference.categories.map((c) => ({ value: c.code, label: c.label }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="Lý do giới thiệu" name="reason" rules={[{ required: true, whitespace: true, message: 'Cần nêu lý do giới thiệu' }]}>
              <Input.TextArea rows={3} placeholder="Phẩm chất, thành tích, sự tín nhiệm trong tổ chức" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="Minh chứng" name="evidence" extra="Ví dụ: giấy khen, danh hiệu, nghị quyết của tổ chức.">
              <Input.TextArea rows={3} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8} xl={5}>
            <Form.Item label="Ngày giới thiệu" name="nominated_on" rules={[{ required: true, message: 'Cần nhập ngày giới thiệu' }]}>
              <DateField />
            </Form.Item>
          </Col>
        </Row>
        {error && <Alert type="error" showIcon role="alert" className="nominate-error" title={<ApiErrorText error={error} />} />}
        <Button type="primary" htmlType="submit" size="large" loading={saving}>Gửi giới thiệu</Button>
      </Form>
    </Card>
  );
}
