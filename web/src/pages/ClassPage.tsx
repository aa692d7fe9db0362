import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, Typography, message } from 'antd';
import { api, ApiError, fieldOf } from '../api/client';
import type { CaseList, ClassView, Enrolment, EnrolmentState, TrainingClass } from '../api/types';
import { can, useAuth } from '../auth/AuthContext';
import { formatDate, parseDate } from '../lib/format';
import { useServerToday } from '../lib/myOrg';
import { kAssessments, kClassFormats, kClassKinds, kEnrolmentStates, labelOf, nominableStages } from '../lib/planning';
import { useReference } from '../lib/reference';
import { useApi } from '../lib/useApi';
import { DateField } from '../components/DateField';
import { ApiErrorText, ErrorNotice } from '../components/ErrorNotice';
import { RuleCitation } from '../components/RuleCitation';
import { ClassOnline } from '../components/ClassOnline';

// One class: its learners. Wards nominate their sympathisers (a case), the Political Centre
// enrols them (the server refuses past capacity with 409), marks attendance per session, records
// the assessment and issues the numbered certificate (R3 / P2), which lands on the case. A class
// partly online (blended) also has self-study documents and a final quiz, which the Centre sets
// up and follows in its «Học trực tuyến» section (components/ClassOnline.tsx).
export default function ClassPage() {
  const { id } = useParams();
  const { user } = useAuth();
  const view = useApi((signal) => api.get<ClassView>(`/classes/${id}`, { signal }), [id]);
  // The default certificate date (a demo server runs on a fixed day).
  const today = useServerToday();
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [certifying, setCertifying] = useState<Enrolment | null>(null);
  const [issued, setIssued] = useState<Enrolment | null>(null);
  // Ticks shown at once, before the server answers (undone if it refuses).
  const [ticks, setTicks] = useState<Record<string, boolean>>({});
  if (view.error && !view.data) return <ErrorNotice error={view.error} onRetry={view.reload} what="lớp bồi dưỡng" />;
  if (!view.data) return <p className="loading" role="status">Đang tải…</p>;
  const { class: c, enrolments, all_enrolments: all } = view.data;
  // Managing a class needs record_certificate with the organiser in scope: the server shows such
  // a user every learner (all_enrolments).
  const manage = can(user, 'record_certificate') && all;
  const nominate = can(user, 'write_people');
  const full = c.enrolled >= c.capacity;

  // Runs one change; a refusal (capacity full: 409) is shown above the list, as the server says.
  const run = async (key: string, change: () => Promise<unknown>) => {
    setBusy(key);
    setProblem(null);
    try {
      await change();
      view.reload();
    } catch (e) {
      if (e instanceof ApiError) setProblem(e);
      else throw e;
    } finally {
      setBusy(null);
    }
  };
  const base = `/classes/${c.id}/enrolments`;
  const setState = (e: Enrolment, state: EnrolmentState) =>
    run(`state-${e.id}`, () => api.patch(`${base}/${e.id}`, { state }));
  const setPresent = async (e: Enrolment, session: number, present: boolean) => {
    const key = `${e.id}-${session}`;
    setTicks((t) => ({ ...t, [key]: present }));
    await run(`att-${key}`, () => api.put(`${base}/${e.id}/attendance/${session}`, { present }).catch((error) => {
      setTicks((t) => { const { [key]: _, ...rest } = t; return rest; });
      throw error;
    }));
  };
  const setAssessment = (e: Enrolment, result: string) =>
    run(`assess-${e.id}`, () => api.put(`${base}/${e.id}/assessment`, { result }));

  const sessions = Array.from({ length: c.sessions }, (_, i) => i + 1);
  return (
    <div className="page class-page">
      <div className="page-head">
        <div>
          <Link to="/lop-boi-duong" className="no-print">← Danh sách lớp</Link>
          <Typography.Title level={1}>{c.name}</Typography.Title>
          {c.blended && <div className="class-title-tags"><Tag color="geekblue" className="blended-tag">Kết hợp trực tuyến</Tag></div>}
        </div>
        <Space className="no-print" wrap>
          <Button size="large" href={`/api/v1/classes/${c.id}/roster.pdf`} target="_blank" rel="noopener">In danh sách ký tên (PDF)</Button>
          <Button size="large" onClick={() => window.print()}>In trang này</Button>
        </Space>
      </div>
      <Card>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" className="class-facts">
          <Descriptions.Item label="Mã lớp">{c.code}</Descriptions.Item>
          <Descriptions.Item label="Loại lớp">{c.kind_label || labelOf(kClassKinds, c.kind)}</Descriptions.Item>
          <Descriptions.Item label="Hình thức">{labelOf(kClassFormats, c.format)}</Descriptions.Item>
          <Descriptions.Item label="Thời gian">{formatDate(c.starts_on)} – {formatDate(c.ends_on)}</Descriptions.Item>
          <Descriptions.Item label="Số buổi">{c.sessions} (dự tối thiểu {c.min_attendance_percent}%)</Descriptions.Item>
          <Descriptions.Item label="Địa điểm">{c.place || '—'}</Descriptions.Item>
          <Descriptions.Item label="Đơn vị tổ chức">{c.organiser_name || c.organiser}</Descriptions.Item>
          <Descriptions.Item label="Sĩ số">
            <Tag color={full ? 'red' : 'green'} className="capacity-tag" data-testid="capacity">{c.enrolled}/{c.capacity}{full ? ' · đã đủ sĩ số' : ''}</Tag>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      {nominate && <NominateCard c={c} onDone={view.reload} />}

      {problem && (
        <Alert type="error" showIcon role="alert" className="class-problem" closable onClose={() => setProblem(null)}
          message={problem.status === 409 ? 'Không thực hiện được' : 'Máy chủ không chấp nhận thao tác'}
          description={<ApiErrorText error={problem} />} />
      )}

      <Card title={`Học viên (${enrolments.length})${all ? '' : ' — chỉ người của đơn vị bạn'}`}>
        <Table
          className="enrolments-table"
          rowKey="id"
          dataSource={enrolments}
          pagination={false}
          size="middle"
          scroll={{ x: manage ? 900 + sessions.length * 60 : 700 }}
          locale={{ emptyText: 'Chưa có ai được cử đi học' }}
          columns={[
            { title: 'Họ và tên', dataIndex: 'person_name', fixed: 'left', width: 190,
              render: (n, e) => <Link to={`/ho-so/${e.case_id}`}>{n || `Hồ sơ ${e.case_id}`}</Link> },
            { title: 'Đơn vị cử', dataIndex: 'nominated_by', width: 130 },
            { title: 'Trạng thái', dataIndex: 'state', width: 150,
              render: (s, e) => <Tag color={s === 'enrolled' ? 'green' : s === 'nominated' ? 'blue' : 'default'}>{e.state_label || kEnrolmentStates[s]}</Tag> },
            ...(manage ? [{
              title: 'Ghi danh', key: 'actions', width: 200,
              render: (_: unknown, e: Enrolment) => e.certificate_number ? null : (
                <Space wrap>
                  {(e.state === 'nominated' || e.state === 'refused') && (
                    <Button type="primary" loading={busy === `state-${e.id}`} onClick={() => setState(e, 'enrolled')}
                      aria-label={`Ghi danh ${e.person_name}`}>Ghi danh</Button>
                  )}
                  {e.state === 'nominated' && <Button onClick={() => setState(e, 'refused')} aria-label={`Không nhận ${e.person_name}`}>Không nhận</Button>}
                  {e.state === 'enrolled' && <Button onClick={() => setState(e, 'withdrawn')} aria-label={`Rút ${e.person_name} khỏi lớp`}>Rút khỏi lớp</Button>}
                </Space>
              ),
            }] : []),
            ...sessions.map((s) => ({
              title: `Buổi ${s}`, key: `s${s}`, width: 70, align: 'center' as const,
              render: (_: unknown, e: Enrolment) => {
                const present = ticks[`${e.id}-${s}`] ?? e.attendance?.find((a) => a.session === s)?.present ?? false;
                if (!manage || e.state !== 'enrolled' || e.certificate_number) return present ? '✓' : '';
                return (
                  <Checkbox checked={present} className="attendance-box"
                    aria-label={`${e.person_name} có mặt buổi ${s}`} onChange={(ev) => setPresent(e, s, ev.target.checked)} />
                );
              },
            })),
            { title: 'Số buổi dự', dataIndex: 'attended', width: 100, render: (n) => `${n ?? 0}/${c.sessions}` },
            { title: 'Kết quả', dataIndex: 'assessment', width: 190,
              render: (a, e) => manage && e.state === 'enrolled' && !e.certificate_number ? (
                <Select value={a} options={kAssessments} style={{ width: '100%' }} aria-label={`Kết quả của ${e.person_name}`}
                  loading={busy === `assess-${e.id}`} onChange={(v) => setAssessment(e, v)} />
              ) : labelOf(kAssessments, a) },
            { title: 'Giấy chứng nhận', key: 'certificate', width: 240,
              render: (_: unknown, e: Enrolment) => e.certificate_number ? (
                <div className="certificate-cell">
                  <div>Số <strong>{e.certificate_number}</strong>, ngày {formatDate(e.certificate_date)}</div>
                  {e.verification_code && <div>Mã kiểm tra: <Link to={`/kiem-tra-chung-nhan/${e.verification_code}`} className="verification-code">{e.verification_code}</Link></div>}
                  {e.certificate_expires && <div className="muted">Giá trị đến {formatDate(e.certificate_expires)}</div>}
                  {all && <a className="no-print" href={`/api/v1/classes/${c.id}/enrolments/${e.id}/certificate.pdf`} target="_blank" rel="noopener"
                    aria-label={`In giấy chứng nhận của ${e.person_name}`}>In giấy chứng nhận</a>}
                </div>
              ) : manage && e.state === 'enrolled' ? (
                <Button onClick={() => setCertifying(e)} aria-label={`Cấp giấy chứng nhận cho ${e.person_name}`}>Cấp giấy chứng nhận</Button>
              ) : null },
          ]}
        />
      </Card>
      {manage && <ClassOnline c={c} onBlended={view.reload} />}
      <CertificateModal c={c} today={today ?? c.ends_on} enrolment={certifying} onClose={() => setCertifying(null)}
        onIssued={(e) => { setCertifying(null); setIssued(e); view.reload(); }} />
      <Modal open={!!issued} title="Đã cấp giấy chứng nhận" onCancel={() => setIssued(null)} onOk={() => setIssued(null)}
        okText="Đóng" cancelButtonProps={{ style: { display: 'none' } }}>
        {issued && (
          <dl className="certificate-fields issued-certificate">
            <dt>Học viên</dt><dd>{issued.person_name}</dd>
            <dt>Số giấy chứng nhận</dt><dd data-testid="issued-number">{issued.certificate_number}</dd>
            <dt>Ngày cấp</dt><dd>{formatDate(issued.certificate_date)}</dd>
            <dt>Mã kiểm tra</dt><dd data-testid="issued-code" className="verification-code">{issued.verification_code}</dd>
          </dl>
        )}
        <p>Giấy chứng nhận đã được ghi vào hồ sơ của học viên.<RuleCitation code={c.kind === 'awareness' ? 'R3' : 'P2'} /> Người giữ giấy có thể kiểm tra mã tại trang «Kiểm tra giấy chứng nhận».</p>
      </Modal>
    </div>
  );
}

// A ward's staff send one of their cases to the class (S0 → S1 for the awareness class).
function NominateCard({ c, onDone }: { c: TrainingClass; onDone: () => void }) {
  const reference = useReference();
  const [caseId, setCaseId] = useState<number | undefined>();
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const stages = nominableStages(c.kind);
  const search = async (q: string) => {
    setSearching(true);
    try {
      // Without a name: the cases at the step the class serves; with one: that name at any of
      // the steps from which the case may go.
      const r = await api.get<CaseList>('/cases', { query: q.trim() ? { q: q.trim(), page_size: 50 } : { stage: stages.at(-1), page_size: 50 } });
      setOptions(r.items.filter((x) => stages.includes(x.stage)).map((x) => ({
        value: x.id,
        label: `${x.person_name} (sinh ${formatDate(x.birth_date)}) — ${x.cell_name} — ${x.stage_label || reference.stageLabel(x.stage)}`,
      })));
    } catch {
      setOptions([]);
    } finally {
      setSearching(false);
    }
  };
  const submit = async () => {
    if (!caseId) return;
    setSaving(true);
    setError(null);
    try {
      await api.post(`/classes/${c.id}/nominations`, { case_id: caseId });
      message.success('Đã cử đi học');
      setCaseId(undefined);
      onDone();
    } catch (e) {
      if (e instanceof ApiError) setError(e); else throw e;
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title="Cử quần chúng đi học" className="no-print nominate-card">
      <Form layout="vertical" onFinish={submit}>
        <Form.Item label={c.kind === 'awareness' ? 'Hồ sơ của quần chúng (cảm tình Đảng)' : 'Hồ sơ của đảng viên dự bị'} htmlFor="nominate-case"
          validateStatus={error ? 'error' : undefined} help={error?.display}>
          <Select id="nominate-case" showSearch allowClear value={caseId} onChange={(v) => setCaseId(v ?? undefined)}
            filterOption={false} onSearch={search} onFocus={() => options.length || search('')} loading={searching}
            options={options} placeholder="Gõ họ tên (không cần dấu)" notFoundContent={searching ? 'Đang tìm…' : 'Không có hồ sơ phù hợp'} />
        </Form.Item>
        <Button type="primary" htmlType="submit" disabled={!caseId} loading={saving}>Cử đi học</Button>
      </Form>
    </Card>
  );
}

function CertificateModal({ c, today, enrolment, onClose, onIssued }: {
  c: TrainingClass; today: string; enrolment: Enrolment | null; onClose: () => void; onIssued: (e: Enrolment) => void;
}) {
  const [form] = Form.useForm<{ number: string; date: string }>();
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (values: { number: string; date: string }) => {
    if (!enrolment) return;
    setSaving(true);
    setError(null);
    try {
      const r = await api.post<{ enrolment: Enrolment }>(`/classes/${c.id}/enrolments/${enrolment.id}/certificate`, {
        number: values.number.trim(), date: parseDate(values.date) ?? values.date,
      });
      form.resetFields();
      onIssued({ ...r.enrolment, person_name: r.enrolment.person_name ?? enrolment.person_name });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e);
      const f = fieldOf(e);
      if (f && (f[0] === 'number' || f[0] === 'date')) form.setFields([{ name: f[0], errors: [e.display] }]);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={!!enrolment} title={`Cấp giấy chứng nhận — ${enrolment?.person_name ?? ''}`} onCancel={() => { setError(null); onClose(); }}
      onOk={() => form.submit()} okText="Cấp giấy chứng nhận" cancelText="Hủy" confirmLoading={saving} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit}
        initialValues={{ date: c.ends_on > today ? c.ends_on : today }}>
        <Form.Item label="Số giấy chứng nhận" name="number" rules={[{ required: true, message: 'Cần nhập số giấy chứng nhận' }]}>
          <Input autoComplete="off" placeholder="ví dụ: 125/GCN-TTCT" />
        </Form.Item>
        <Form.Item label="Ngày cấp" name="date" rules={[{ required: true, message: 'Cần nhập ngày cấp' }]}>
          <DateField aria-label="Ngày cấp" />
        </Form.Item>
        {error && !(fieldOf(error)?.[0] === 'number' || fieldOf(error)?.[0] === 'date') && (
          <Alert type="error" showIcon role="alert" title={<ApiErrorText error={error} />} />
        )}
      </Form>
    </Modal>
  );
}
