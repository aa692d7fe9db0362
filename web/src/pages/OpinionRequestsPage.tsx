import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Form, Input, Tag, Typography, message } from 'antd';
import { api, ApiError, fieldOf } from '../api/client';
import type { Opinion, OpinionInput, OpinionRequest, OpinionRequests } from '../api/types';
import { formatDate } from '../lib/format';
import { useReference } from '../lib/reference';
import { serverToday } from '../lib/serverToday';
import { useApi } from '../lib/useApi';
import { DateField } from '../components/DateField';
import { ApiErrorText, ErrorNotice } from '../components/ErrorNotice';
import { RuleCitation } from '../components/RuleCitation';
import '../styles/mass-org.css';

type Expected = OpinionRequest['expected'][number];

// «Cho ý kiến»: the people of the ward whose dossier is being compiled and on whom the
// organisation's word is expected — its opinion (S7) and, for the Youth Union or the trade union
// of a member, its resolution introducing them (S6, 4-KNĐ). Each expected line shows what was
// given, or a form to give it. Only the name, birth year, cell and step of each person are shown:
// the organisation reads no case file.
export default function OpinionRequestsPage() {
  const requests = useApi((signal) => api.get<OpinionRequests>('/my-organisation/opinion-requests', { signal }), []);
  const d = requests.data;
  const missing = d?.items.reduce((n, r) => n + r.expected.filter((e) => !e.opinion).length, 0) ?? 0;
  return (
    <div className="page opinion-requests-page">
      <Typography.Title level={1}>Cho ý kiến về người vào Đảng</Typography.Title>
      <Typography.Paragraph>
        Chi bộ lấy ý kiến nhận xét của các đoàn thể nơi người xin vào Đảng sinh hoạt trước khi xét kết nạp.<RuleCitation code="S7" />
        {' '}Đoàn Thanh niên và Công đoàn còn ra nghị quyết giới thiệu đoàn viên ưu tú vào Đảng (mẫu 4-KNĐ).<RuleCitation code="S6" />
      </Typography.Paragraph>
      {requests.error ? <ErrorNotice error={requests.error} onRetry={requests.reload} what="danh sách cần cho ý kiến" />
        : !d ? <p className="loading" role="status">Đang tải…</p> : (
          <>
            <p className="opinion-summary">
              {d.mass_organisation.name}: {d.items.length === 0 ? 'hiện không có hồ sơ nào cần cho ý kiến.'
                : missing === 0 ? `đã cho đủ ý kiến về ${d.items.length} người.` : `còn ${missing} ý kiến cần cho, về ${d.items.length} người.`}
            </p>
            <ul className="card-list opinion-requests">
              {d.items.map((r) => <RequestCard key={r.case_id} request={r} onGiven={requests.reload} />)}
            </ul>
          </>
        )}
    </div>
  );
}

function RequestCard({ request, onGiven }: { request: OpinionRequest; onGiven: () => void }) {
  const { stageLabel } = useReference();
  return (
    <li className="opinion-request" data-case={request.case_id}>
      <Card title={<><span className="opinion-person">{request.full_name}</span> <span className="muted">· sinh năm {request.birth_year}</span></>}
        extra={<Tag>{request.stage_label || stageLabel(request.stage)}</Tag>}>
        <p className="muted">{request.cell.name}</p>
        {request.expected.map((e) => (
          <ExpectedLine key={e.kind} caseId={request.case_id} line={e} person={request.full_name} onGiven={onGiven} />
        ))}
      </Card>
    </li>
  );
}

function kindTitle(line: Pick<Expected, 'kind_label' | 'form'>) {
  return <>{line.kind_label}{line.form ? ` (mẫu ${line.form})` : ''}<RuleCitation code={line.form ? 'S6' : 'S7'} /></>;
}

// One expected opinion: what was given, or the form that gives it.
function ExpectedLine({ caseId, line, person, onGiven }: { caseId: number; line: Expected; person: string; onGiven: () => void }) {
  if (line.opinion) return <GivenOpinion title={kindTitle(line)} opinion={line.opinion} />;
  return <OpinionForm caseId={caseId} line={line} person={person} onGiven={onGiven} />;
}

function GivenOpinion({ title, opinion }: { title: ReactNode; opinion: Opinion }) {
  return (
    <section className="expected-opinion given" data-kind={opinion.kind}>
      <h3>{title} <Tag color="green">Đã cho ý kiến</Tag></h3>
      <p><strong>Ngày {formatDate(opinion.given_on)}:</strong> {opinion.content}</p>
    </section>
  );
}

type OpinionValues = Pick<OpinionInput, 'given_on' | 'content'>;

function OpinionForm({ caseId, line, person, onGiven }: { caseId: number; line: Expected; person: string; onGiven: () => void }) {
  const [form] = Form.useForm<OpinionValues>();
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (v: OpinionValues) => {
    setSaving(true);
    setError(null);
    try {
      const body: OpinionInput = { case_id: caseId, kind: line.kind, given_on: v.given_on, content: v.content.trim() };
      await api.post<{ opinion: Opinion }>('/my-organisation/opinions', body);
      message.success(`Đã gửi ${line.kind_label.toLowerCase()} về ${person}`);
      onGiven();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const f = fieldOf(e)?.[0];
      if (f === 'given_on' || f === 'content') form.setFields([{ name: f, errors: [e.display] }]);
      else setError(e);
    } finally {
      setSaving(false);
    }
  };
  const name = `opinion-${caseId}-${line.kind}`;
  return (
    <section className="expected-opinion missing" data-kind={line.kind} aria-label={`${line.kind_label} về ${person}`}>
      <h3>{kindTitle(line)} <Tag color="orange">Chưa có ý kiến</Tag></h3>
      <Form form={form} name={name} layout="vertical" onFinish={submit} onValuesChange={() => setError(null)}
        initialValues={{ given_on: serverToday(), content: '' }}>
        <Form.Item label="Ngày" name="given_on" rules={[{ required: true, message: 'Cần nhập ngày' }]} className="opinion-date">
          <DateField />
        </Form.Item>
        <Form.Item label="Nội dung" name="content" rules={[{ required: true, whitespace: true, message: 'Cần nhập nội dung ý kiến' }]}>
          <Input.TextArea rows={3} placeholder={line.form ? 'Số, ngày và nội dung nghị quyết giới thiệu vào Đảng' : 'Nhận xét về phẩm chất, đạo đức, lối sống, sự tín nhiệm'} />
        </Form.Item>
        {error && <Alert type="error" showIcon role="alert" className="opinion-error" title={<ApiErrorText error={error} />} />}
        <Button type="primary" htmlType="submit" loading={saving}>Gửi ý kiến</Button>
      </Form>
    </section>
  );
}
