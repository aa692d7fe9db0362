import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { api, ApiError } from '../api/client';
import { ApiErrorText } from '../components/ErrorNotice';

interface Values {
  current_password: string;
  new_password: string;
  repeat: string;
}

const kServerFields = ['current_password', 'new_password'];

// Every role changes its own password here (POST /auth/password): the current one, the new one
// twice. The server ends the account's other sessions and keeps this one; a wrong current
// password counts as a failed login, so repeated guesses lock the account for a while.
export default function ChangePasswordPage() {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (values: Values) => {
    setSaving(true);
    setError(null);
    setDone(false);
    try {
      await api.post('/auth/password', {
        current_password: values.current_password,
        new_password: values.new_password,
      });
      form.resetFields();
      setDone(true);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.field && kServerFields.includes(e.field)) {
        form.setFields([{ name: e.field as keyof Values, errors: [e.message] }]);
      } else {
        setError(e);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="change-password-page">
      <Typography.Title level={1}>Đổi mật khẩu</Typography.Title>
      <p>
        Mật khẩu mới cần ít nhất 10 ký tự. Sau khi đổi, các phiên đăng nhập khác của tài khoản
        (trên máy khác, trình duyệt khác) sẽ phải đăng nhập lại.
      </p>
      <Form form={form} layout="vertical" style={{ maxWidth: 420 }} onFinish={submit}
        onValuesChange={() => setDone(false)}>
        <Form.Item name="current_password" label="Mật khẩu hiện tại"
          rules={[{ required: true, message: 'Cần nhập mật khẩu hiện tại' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="new_password" label="Mật khẩu mới"
          rules={[
            { required: true, message: 'Cần nhập mật khẩu mới' },
            { min: 10, message: 'Mật khẩu phải có ít nhất 10 ký tự' },
          ]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="repeat" label="Nhập lại mật khẩu mới" dependencies={['new_password']}
          rules={[
            { required: true, message: 'Cần nhập lại mật khẩu mới' },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('new_password')
                  ? Promise.resolve()
                  : Promise.reject(new Error('Hai lần nhập mật khẩu mới không khớp')),
            }),
          ]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={<ApiErrorText error={error} />} style={{ marginBottom: 16 }} />}
        {done && <Alert type="success" showIcon role="status" message="Đã đổi mật khẩu" style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={saving}>Đổi mật khẩu</Button>
      </Form>
    </div>
  );
}
