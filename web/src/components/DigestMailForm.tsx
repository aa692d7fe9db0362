import { useState } from 'react';
import { Alert, Button, Form, Input, Space, Switch } from 'antd';
import { api, ApiError, fieldOf } from '../api/client';
import type { DigestSubscription, DigestSubscriptionAnswer, DigestSubscriptionInput } from '../api/types';
import { ApiErrorText } from './ErrorNotice';

// The form of «Nhận qua thư điện tử» under «Tóm tắt buổi sáng» (components/MorningDigest.tsx):
// the account's own address and whether the digest is mailed to it (PUT /digest/subscription).
// Its own chunk, loaded when the form is opened, so that antd's form stays out of the first page.
// The server judges the address; its refusal (400, field "email") is shown on the field.
export default function DigestMailForm({ subscription, onSaved, onCancel }: {
  subscription: DigestSubscription | null;
  onSaved: (subscription: DigestSubscription | null) => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<DigestSubscriptionInput>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const save = async (values: DigestSubscriptionInput) => {
    setSaving(true);
    setError(null);
    try {
      const body: DigestSubscriptionInput = { email: values.email.trim(), enabled: values.enabled };
      const answer = await api.put<DigestSubscriptionAnswer>('/digest/subscription', body);
      onSaved(answer.subscription);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (fieldOf(e)?.[0] === 'email') form.setFields([{ name: 'email', errors: [e.message] }]);
      else setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    // noValidate: the browser's own check of type="email" would stop the form before the
    // server's message, and in English.
    <Form form={form} name="digest-mail" layout="vertical" requiredMark={false} noValidate
      className="digest-mail-form" onFinish={save}
      initialValues={{ email: subscription?.email ?? '', enabled: subscription?.enabled ?? true }}>
      <p className="digest-mail-note">
        Nhận tóm tắt này qua thư điện tử mỗi sáng ngày làm việc. Thư do máy chủ của đơn vị gửi
        theo lịch, không gửi ngay khi lưu.
      </p>
      <Form.Item name="email" label="Địa chỉ thư điện tử"
        rules={[{ required: true, whitespace: true, message: 'Cần nhập địa chỉ thư điện tử' }]}>
        <Input type="email" inputMode="email" autoComplete="email" maxLength={254} size="large" autoFocus />
      </Form.Item>
      <Form.Item name="enabled" label="Gửi mỗi sáng" valuePropName="checked">
        <Switch checkedChildren="Có" unCheckedChildren="Không" />
      </Form.Item>
      {error && (
        <Alert type="error" showIcon role="alert" className="digest-mail-problem"
          title={<ApiErrorText error={error} />} />
      )}
      <Space wrap>
        <Button type="primary" htmlType="submit" size="large" loading={saving}>Lưu</Button>
        <Button size="large" onClick={onCancel} disabled={saving}>Hủy</Button>
      </Space>
    </Form>
  );
}
