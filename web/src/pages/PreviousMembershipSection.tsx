import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Form, Input, Row, Select, Space, Typography, message } from 'antd';
import { api, ApiError } from '../api/client';
import type { Person, PreviousMembership } from '../api/types';
import { DateField } from '../components/DateField';
import { Withheld } from '../components/Withheld';
import { ApiErrorText } from '../components/ErrorNotice';

// R15: how a previous membership ended, and the criminal record, as the server codes them.
export const kMembershipEnds: [string, string][] = [
  ['removed', 'Bị xóa tên'],
  ['expelled', 'Bị khai trừ'],
  ['family_hardship', 'Xin ra khỏi Đảng vì hoàn cảnh gia đình đặc biệt khó khăn'],
  ['asked_to_leave', 'Tự xin ra khỏi Đảng (lý do khác)'],
  ['abandoned_activity', 'Tự bỏ sinh hoạt đảng'],
];
export const kCriminalRecords: [string, string][] = [
  ['none', 'Không có án hình sự'],
  ['less_serious', 'Bị kết án về tội ít nghiêm trọng'],
  ['corruption_or_serious', 'Bị kết án về tội tham nhũng hoặc tội nghiêm trọng trở lên'],
];

const opts = (t: [string, string][]) => t.map(([value, label]) => ({ value, label }));

// The form's values as the body of PUT /people/{id}/previous-membership: the whole record,
// optional dates and the consent number only when given.
export function previousMembershipBody(v: Partial<PreviousMembership>): Record<string, unknown> {
  const body: Record<string, unknown> = {
    left_on: v.left_on,
    ended_by: v.ended_by,
    criminal_record: v.criminal_record ?? 'none',
    caused_serious_disunity: !!v.caused_serious_disunity,
    readmitted_before: !!v.readmitted_before,
  };
  if (v.criminal_record === 'less_serious' && v.record_cleared_on) body.record_cleared_on = v.record_cleared_on;
  const number = (v.consent_number ?? '').trim();
  if (number) body.consent_number = number;
  if (v.consent_date) body.consent_date = v.consent_date;
  return body;
}

const kFields = ['left_on', 'ended_by', 'criminal_record', 'record_cleared_on', 'caused_serious_disunity',
  'readmitted_before', 'consent_number', 'consent_date'];

// "Đã từng là đảng viên": the facts re-admission (R15) depends on, recorded on the person.
export function PreviousMembershipSection({ person, editable, withheld = false, onSaved }: {
  person: Person;
  editable: boolean;
  // The reader's role may not see previous membership (the server leaves it out).
  withheld?: boolean;
  onSaved: (p: Person) => void;
}) {
  const [form] = Form.useForm<Partial<PreviousMembership>>();
  const [open, setOpen] = useState(!!person.previous_membership);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const record = Form.useWatch('criminal_record', form);

  const call = async (action: () => Promise<{ person: Person }>, done: string) => {
    setError(null);
    setBusy(true);
    try {
      const { person: p } = await action();
      message.success(done);
      onSaved(p);
      return p;
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e);
        if (e.field && kFields.includes(e.field)) {
          form.setFields([{ name: e.field as keyof PreviousMembership, errors: [e.message] }]);
        }
      }
      return null;
    } finally {
      setBusy(false);
    }
  };
  const ifMatch = { headers: { 'If-Match': `"${person.version}"` } };
  const save = (v: Partial<PreviousMembership>) =>
    call(() => api.put<{ person: Person }>(`/people/${person.id}/previous-membership`, previousMembershipBody(v), ifMatch),
      'Đã lưu thông tin đảng viên cũ');
  const remove = async () => {
    const p = await call(() => api.del<{ person: Person }>(`/people/${person.id}/previous-membership`, ifMatch),
      'Đã xóa thông tin đảng viên cũ');
    if (p) {
      form.resetFields();
      setOpen(false);
    }
  };

  return (
    <Card title="Đã từng là đảng viên" style={{ marginTop: 16 }} className="previous-membership">
      {withheld ? <Withheld /> : !open ? (
        <Space direction="vertical">
          <Typography.Text type="secondary">Chưa ghi người này từng là đảng viên.</Typography.Text>
          {editable && <Button onClick={() => setOpen(true)}>Ghi thông tin đảng viên cũ (kết nạp lại)</Button>}
        </Space>
      ) : (
        <Form form={form} layout="vertical" disabled={!editable} onFinish={save}
          initialValues={person.previous_membership ?? { criminal_record: 'none', ended_by: 'removed' }}>
          <Typography.Paragraph type="secondary">
            Kết nạp lại chỉ xét sau ít nhất 36 tháng kể từ khi ra khỏi Đảng (60 tháng kể từ khi được xóa án tích nếu bị kết án về tội ít nghiêm trọng),
            phải có văn bản đồng ý của Ban Thường vụ Tỉnh ủy và chỉ được kết nạp lại một lần.
          </Typography.Paragraph>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="left_on" label="Ngày ra khỏi Đảng" rules={[{ required: true, message: 'Cần nhập ngày ra khỏi Đảng' }]}>
                <DateField aria-label="Ngày ra khỏi Đảng" />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="ended_by" label="Hình thức ra khỏi Đảng" rules={[{ required: true, message: 'Cần chọn hình thức' }]}>
                <Select aria-label="Hình thức ra khỏi Đảng" options={opts(kMembershipEnds)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="criminal_record" label="Án hình sự"><Select aria-label="Án hình sự" options={opts(kCriminalRecords)} /></Form.Item>
            </Col>
            {record === 'less_serious' && (
              <Col xs={24} md={8}>
                <Form.Item name="record_cleared_on" label="Ngày được xóa án tích"><DateField aria-label="Ngày được xóa án tích" /></Form.Item>
              </Col>
            )}
            <Col xs={24} md={12}>
              <Form.Item name="caused_serious_disunity" valuePropName="checked"><Checkbox>Đã gây mất đoàn kết nội bộ nghiêm trọng</Checkbox></Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="readmitted_before" valuePropName="checked"><Checkbox>Đã được kết nạp lại một lần</Checkbox></Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="consent_number" label="Số văn bản đồng ý của Ban Thường vụ Tỉnh ủy"><Input aria-label="Số văn bản đồng ý" /></Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="consent_date" label="Ngày văn bản đồng ý"><DateField aria-label="Ngày văn bản đồng ý" /></Form.Item>
            </Col>
          </Row>
          {error && <Alert type="error" showIcon role="alert" message={<ApiErrorText error={error} />} style={{ marginBottom: 12 }} />}
          {editable && (
            <Space>
              <Button type="primary" htmlType="submit" loading={busy}>Lưu thông tin đảng viên cũ</Button>
              {person.previous_membership
                ? <Button danger onClick={remove} disabled={busy}>Xóa (không phải đảng viên cũ)</Button>
                : <Button onClick={() => setOpen(false)}>Hủy</Button>}
            </Space>
          )}
        </Form>
      )}
    </Card>
  );
}
