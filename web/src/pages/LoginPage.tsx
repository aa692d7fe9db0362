import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useAuth } from '../auth/AuthContext';
import { ApiError } from '../api/client';

export default function LoginPage() {
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (user) return <Navigate to={from} replace />;
  return (
    <main className="login-page">
      <Card className="login-card">
        <div className="login-brand" aria-hidden="true">★</div>
        <Typography.Title level={1} className="login-title">Phát triển đảng viên</Typography.Title>
        <Typography.Paragraph type="secondary">
          Theo dõi quần chúng ưu tú từ khi được giới thiệu đến khi trở thành đảng viên chính thức.
        </Typography.Paragraph>
        <Form
          layout="vertical"
          requiredMark={false}
          onFinish={async (v: { login: string; password: string }) => {
            setBusy(true);
            setError(null);
            try {
              await login(v.login.trim(), v.password);
              navigate(from, { replace: true });
            } catch (e) {
              setError(e instanceof ApiError ? e.message : 'Không đăng nhập được, vui lòng thử lại');
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item label="Tên đăng nhập" name="login" rules={[{ required: true, message: 'Cần nhập tên đăng nhập' }]}>
            <Input size="large" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="Mật khẩu" name="password" rules={[{ required: true, message: 'Cần nhập mật khẩu' }]}>
            <Input.Password size="large" autoComplete="current-password" />
          </Form.Item>
          {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" size="large" block loading={busy}>Đăng nhập</Button>
        </Form>
      </Card>
    </main>
  );
}
