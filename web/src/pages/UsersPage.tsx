import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography, message } from 'antd';
import { api, ApiError } from '../api/client';
import type { User } from '../api/types';
import { useApi } from '../lib/useApi';
import { formatInstant } from '../lib/format';
import { useReference } from '../lib/reference';
import { can, useAuth } from '../auth/AuthContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { OrgSelect } from '../components/OrgSelect';

export default function UsersPage() {
  const { user } = useAuth();
  const reference = useReference();
  const users = useApi((signal) => api.get<{ items: User[] }>('/users', { signal }), []);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [form] = Form.useForm();
  const [pwForm] = Form.useForm();
  if (!can(user, 'manage_users')) {
    return <div className="page"><Alert type="info" showIcon message="Chỉ quản trị viên và chuyên viên đảng ủy cơ sở quản lý tài khoản." /></div>;
  }
  const grantable = user?.role === 'city_admin' ? reference.roles : reference.roles.filter((r) => r.code === 'grassroots_staff' || r.code === 'cell_secretary');
  const onError = (e: unknown) => {
    if (e instanceof ApiError) {
      setError(e);
      if (e.field) form.setFields([{ name: e.field, errors: [e.message] }]);
    }
  };
  return (
    <div className="page users-page">
      <div className="page-head">
        <Typography.Title level={1}>Tài khoản người dùng</Typography.Title>
        <Button type="primary" size="large" onClick={() => { setError(null); setCreating(true); }}>+ Thêm tài khoản</Button>
      </div>
      <Typography.Paragraph type="secondary">Bạn quản lý các tài khoản thuộc đơn vị mình và các đơn vị trực thuộc.</Typography.Paragraph>
      {users.error ? <ErrorNotice error={users.error} onRetry={users.reload} what="danh sách tài khoản" /> : (
        <Card>
          <Table
            rowKey="login"
            loading={users.loading}
            dataSource={users.data?.items ?? []}
            scroll={{ x: 800 }}
            columns={[
              { title: 'Tên đăng nhập', dataIndex: 'login' },
              { title: 'Họ và tên', dataIndex: 'full_name' },
              { title: 'Vai trò', dataIndex: 'role', render: (r) => reference.roleLabel(r) },
              { title: 'Đơn vị', dataIndex: 'org_code' },
              { title: 'Trạng thái', dataIndex: 'disabled', render: (d) => d ? <Tag color="red">Đã khóa</Tag> : <Tag color="green">Đang dùng</Tag> },
              { title: 'Đổi mật khẩu lần cuối', dataIndex: 'password_changed_at', render: formatInstant },
              {
                title: 'Thao tác',
                render: (_, u) => (
                  <Space wrap>
                    <Button onClick={async () => {
                      try {
                        await api.patch(`/users/${encodeURIComponent(u.login)}`, { disabled: !u.disabled });
                        message.success(u.disabled ? 'Đã mở khóa' : 'Đã khóa tài khoản');
                        users.reload();
                      } catch (e) { if (e instanceof ApiError) message.error(e.message); }
                    }}>{u.disabled ? 'Mở khóa' : 'Khóa'}</Button>
                    <Button onClick={() => { setError(null); pwForm.resetFields(); setResetting(u); }}>Đặt lại mật khẩu</Button>
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
      <Modal open={creating} title="Thêm tài khoản" onCancel={() => setCreating(false)} onOk={() => form.submit()} okText="Tạo tài khoản" cancelText="Hủy">
        <Form form={form} layout="vertical" onFinish={async (v) => {
          setError(null);
          try {
            await api.post('/users', v);
            setCreating(false);
            form.resetFields();
            message.success('Đã tạo tài khoản');
            users.reload();
          } catch (e) { onError(e); }
        }}>
          <Form.Item name="login" label="Tên đăng nhập" rules={[{ required: true, message: 'Cần nhập tên đăng nhập' }]}><Input autoComplete="off" /></Form.Item>
          <Form.Item name="full_name" label="Họ và tên" rules={[{ required: true, message: 'Cần nhập họ tên' }]}><Input /></Form.Item>
          <Form.Item name="role" label="Vai trò" rules={[{ required: true, message: 'Cần chọn vai trò' }]}>
            <Select options={grantable.map((r) => ({ value: r.code, label: r.label }))} />
          </Form.Item>
          <Form.Item name="org" label="Đơn vị" rules={[{ required: true, message: 'Cần chọn đơn vị' }]}><OrgSelect placeholder="Chọn đơn vị" /></Form.Item>
          <Form.Item name="password" label="Mật khẩu ban đầu (ít nhất 10 ký tự)" rules={[{ required: true, min: 10, message: 'Mật khẩu cần ít nhất 10 ký tự' }]}><Input.Password autoComplete="new-password" /></Form.Item>
          {error && <Alert type="error" showIcon message={error.display} />}
        </Form>
      </Modal>
      <Modal open={resetting !== null} title={`Đặt lại mật khẩu cho ${resetting?.full_name ?? ''}`} onCancel={() => setResetting(null)} onOk={() => pwForm.submit()} okText="Lưu" cancelText="Hủy">
        <Form form={pwForm} layout="vertical" onFinish={async (v) => {
          try {
            await api.patch(`/users/${encodeURIComponent(resetting!.login)}`, { password: v.password });
            setResetting(null);
            message.success('Đã đặt lại mật khẩu');
          } catch (e) { if (e instanceof ApiError) setError(e); }
        }}>
          <Form.Item name="password" label="Mật khẩu mới (ít nhất 10 ký tự)" rules={[{ required: true, min: 10, message: 'Mật khẩu cần ít nhất 10 ký tự' }]}><Input.Password autoComplete="new-password" /></Form.Item>
          {error && <Alert type="error" showIcon message={error.display} />}
        </Form>
      </Modal>
    </div>
  );
}
