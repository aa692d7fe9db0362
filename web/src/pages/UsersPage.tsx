import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography, message } from 'antd';
import { api, ApiError } from '../api/client';
import type { Account, NewAccount } from '../api/types';
import { useApi } from '../lib/useApi';
import { formatInstant } from '../lib/format';
import { useReference } from '../lib/reference';
import { can, useAuth } from '../auth/AuthContext';
import { ApiErrorText, ErrorNotice } from '../components/ErrorNotice';
import { OrgSelect } from '../components/OrgSelect';
import { MassOrgSelect } from '../components/MassOrgSelect';
import { kMassOrgRole, kMassOrgRoleLabel } from '../lib/massOrgPaths';
import { useOrgNames } from '../lib/myOrg';

export default function UsersPage() {
  const { user } = useAuth();
  const reference = useReference();
  const manages = can(user, 'manage_users');
  const users = useApi((signal) => manages ? api.get<{ items: Account[] }>('/users', { signal }) : Promise.resolve({ items: [] as Account[] }), [manages]);
  const orgNames = useOrgNames();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<Account | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [form] = Form.useForm();
  const [pwForm] = Form.useForm();
  const chosenRole = Form.useWatch('role', form) as string | undefined;
  const chosenOrg = Form.useWatch('organisation', form) as string | undefined;
  if (!manages) {
    return <div className="page"><Alert type="info" showIcon message="Chỉ quản trị viên và chuyên viên đảng ủy cơ sở quản lý tài khoản." /></div>;
  }
  // MayGrant (src/domain/role.cc): the administrator any role, grassroots staff their own
  // role, cell secretaries and their ward's mass organisations.
  const roles = reference.roles.some((r) => r.code === kMassOrgRole) ? reference.roles
    : [...reference.roles, { code: kMassOrgRole, label: kMassOrgRoleLabel }];
  const grantable = user?.role === 'city_admin' ? roles : roles.filter((r) => ['grassroots_staff', 'cell_secretary', kMassOrgRole].includes(r.code));
  const kFields = ['login', 'full_name', 'role', 'organisation', 'password', 'mass_organisation_id'];
  const onError = (e: unknown) => {
    if (e instanceof ApiError) {
      setError(e);
      if (e.field && kFields.includes(e.field)) form.setFields([{ name: e.field, errors: [e.message] }]);
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
            scroll={{ x: 1200 }}
            columns={[
              { title: 'Tên đăng nhập', dataIndex: 'login', width: 150 },
              { title: 'Họ và tên', dataIndex: 'full_name', width: 240 },
              { title: 'Vai trò', dataIndex: 'role', width: 170, render: (r, u) => u.role_label || reference.roleLabel(r) },
              { title: 'Đơn vị', dataIndex: 'organisation', width: 180, render: (code, u) => orgNames.get(u.org_id) ?? code },
              {
                title: 'Trạng thái', dataIndex: 'state', width: 130, render: (state, u) => (
                  <>
                    {state === 'disabled' ? <Tag color="red">Đã khóa</Tag> : <Tag color="green">Đang dùng</Tag>}
                    {u.locked_until ? <div><Typography.Text type="secondary">Tạm khóa đến {formatInstant(u.locked_until)}</Typography.Text></div> : null}
                  </>
                ),
              },
              { title: 'Đăng nhập lần cuối', dataIndex: 'last_login_at', width: 150, render: (t) => t ? formatInstant(t) : 'Chưa đăng nhập' },
              {
                title: 'Thao tác',
                render: (_, u) => u.login === user?.login ? <Typography.Text type="secondary">Tài khoản của bạn</Typography.Text> : (
                  <Space wrap>
                    <Button onClick={async () => {
                      const state = u.state === 'disabled' ? 'active' : 'disabled';
                      try {
                        await api.patch(`/users/${encodeURIComponent(u.login)}`, { state });
                        message.success(state === 'active' ? 'Đã mở khóa tài khoản' : 'Đã khóa tài khoản');
                        users.reload();
                      } catch (e) { if (e instanceof ApiError) message.error(e.display); }
                    }}>{u.state === 'disabled' ? 'Mở khóa' : 'Khóa'}</Button>
                    <Button onClick={() => { setError(null); pwForm.resetFields(); setResetting(u); }}>Đặt lại mật khẩu</Button>
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
      <Modal open={creating} title="Thêm tài khoản" onCancel={() => setCreating(false)} onOk={() => form.submit()} okText="Tạo tài khoản" cancelText="Hủy">
        <Form form={form} layout="vertical" onValuesChange={(changed: Partial<NewAccount>) => {
          // Another unit has other organisations.
          if ('organisation' in changed) form.setFieldValue('mass_organisation_id', undefined);
        }} onFinish={async (v: NewAccount) => {
          setError(null);
          try {
            await api.post('/users', { ...v, login: v.login.trim(), full_name: v.full_name.trim() });
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
          <Form.Item name="organisation" label="Đơn vị" rules={[{ required: true, message: 'Cần chọn đơn vị' }]}><OrgSelect placeholder="Chọn đơn vị" /></Form.Item>
          {chosenRole === kMassOrgRole && (
            <Form.Item name="mass_organisation_id" label="Tổ chức chính trị - xã hội mà tài khoản đại diện" preserve={false}
              extra="Chọn đơn vị là đảng ủy phường, xã của tổ chức." rules={[{ required: true, message: 'Cần chọn tổ chức' }]}>
              <MassOrgSelect org={chosenOrg} />
            </Form.Item>
          )}
          <Form.Item name="password" label="Mật khẩu ban đầu (ít nhất 10 ký tự)" rules={[{ required: true, min: 10, message: 'Mật khẩu cần ít nhất 10 ký tự' }]}><Input.Password autoComplete="new-password" /></Form.Item>
          {error && <Alert type="error" showIcon message={<ApiErrorText error={error} />} />}
        </Form>
      </Modal>
      <Modal open={resetting !== null} title={`Đặt lại mật khẩu cho ${resetting?.full_name ?? ''}`} onCancel={() => setResetting(null)} onOk={() => pwForm.submit()} okText="Lưu" cancelText="Hủy">
        <Form form={pwForm} layout="vertical" onFinish={async (v) => {
          setError(null);
          try {
            await api.post(`/users/${encodeURIComponent(resetting!.login)}/password`, { password: v.password });
            setResetting(null);
            message.success('Đã đặt lại mật khẩu');
          } catch (e) { if (e instanceof ApiError) setError(e); }
        }}>
          <Form.Item name="password" label="Mật khẩu mới (ít nhất 10 ký tự)" rules={[{ required: true, min: 10, message: 'Mật khẩu cần ít nhất 10 ký tự' }]}><Input.Password autoComplete="new-password" /></Form.Item>
          {error && <Alert type="error" showIcon message={<ApiErrorText error={error} />} />}
        </Form>
      </Modal>
    </div>
  );
}
