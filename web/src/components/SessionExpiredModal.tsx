import { useState } from 'react';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { useAuth } from '../auth/AuthContext';
import { ApiError } from '../api/client';

// Shown over the current page when the session expired: logging in again keeps the page and
// everything typed into it, so the user can press "Lưu" again.
export default function SessionExpiredModal() {
  const { login } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal open title="Phiên làm việc đã hết hạn" footer={null} closable={false} maskClosable={false} keyboard={false}>
      <p>Vì an toàn, phiên làm việc tự kết thúc sau một thời gian không thao tác. Hãy đăng nhập lại:
        những gì bạn đang nhập trên trang vẫn được giữ nguyên.</p>
      <Form
        layout="vertical"
        onFinish={async (v: { login: string; password: string }) => {
          setBusy(true);
          setError(null);
          try {
            await login(v.login, v.password);
          } catch (e) {
            setError(e instanceof ApiError ? e.message : 'Không đăng nhập được');
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item label="Tên đăng nhập" name="login" rules={[{ required: true, message: 'Cần nhập tên đăng nhập' }]}>
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item label="Mật khẩu" name="password" rules={[{ required: true, message: 'Cần nhập mật khẩu' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={busy} block size="large">Đăng nhập lại</Button>
      </Form>
    </Modal>
  );
}
