import { useMemo, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Modal, Popconfirm, Select } from 'antd';
import { api, ApiError, fieldOf } from '../api/client';
import type { OrgDissolve, OrgDissolvePlan, OrgTreeRow } from '../api/types';
import { formatDate } from '../lib/format';
import { matchesUnit, successorChoices, unitOptions, type AdminUnit } from '../lib/orgAdmin';
import { DateField } from './DateField';
import { ApiErrorText } from './ErrorNotice';

// "Giải thể / sáp nhập": the date and the unit that takes over; "Xem trước" asks the server what
// would move (commit=false, nothing written), "Xác nhận giải thể" does it (commit=true) with the
// same date and successor. Changing either drops the preview, so what is confirmed is what was
// seen. A refusal (a unit that still holds people needs a successor) shows beside the form.
export function DissolveModal({ unit, rows, today, onClose, onDone }: {
  unit: AdminUnit; rows: OrgTreeRow[] | undefined; today: string; onClose: () => void; onDone: (plan: OrgDissolvePlan) => void;
}) {
  const [form] = Form.useForm<OrgDissolve>();
  const [plan, setPlan] = useState<OrgDissolvePlan | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<'preview' | 'commit' | null>(null);
  const successors = useMemo(() => unitOptions(successorChoices(rows ?? [], unit)), [rows, unit]);
  const send = async (commit: boolean) => {
    let v: OrgDissolve;
    try {
      v = await form.validateFields();
    } catch {
      return;  // the form shows what is missing
    }
    const body: OrgDissolve = { effective: v.effective, ...(v.successor ? { successor: v.successor } : {}) };
    setBusy(commit ? 'commit' : 'preview');
    setError(null);
    try {
      const answer = await api.post<OrgDissolvePlan>(`/organisations/${encodeURIComponent(unit.code)}/dissolve`, body, { query: { commit } });
      if (commit) onDone(answer);
      else setPlan(answer);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e);
      setPlan(null);
    } finally {
      setBusy(null);
    }
  };
  const what = plan?.successor ? `Sáp nhập ${unit.name} vào ${plan.successor.name}` : `Giải thể ${unit.name}`;
  return (
    <Modal open title={`Giải thể / sáp nhập ${unit.name}`} onCancel={onClose} width={680} footer={[
      <Button key="close" size="large" onClick={onClose}>Đóng</Button>,
      <Button key="preview" size="large" type={plan ? 'default' : 'primary'} loading={busy === 'preview'} onClick={() => send(false)}>Xem trước</Button>,
      plan && (
        <Popconfirm key="commit" title={`${what} từ ngày ${formatDate(plan.effective)}?`}
          description="Sau khi xác nhận, từ ngày này đơn vị không còn trong cây tổ chức." okText="Đồng ý giải thể" cancelText="Không"
          okButtonProps={{ danger: true, size: 'large' }} cancelButtonProps={{ size: 'large' }} onConfirm={() => send(true)}>
          <Button size="large" type="primary" danger loading={busy === 'commit'}>Xác nhận giải thể</Button>
        </Popconfirm>
      ),
    ]}>
      <Form form={form} name="org-dissolve" layout="vertical" size="large" initialValues={{ effective: today }}
        onValuesChange={() => { setPlan(null); setError(null); }}>
        <Form.Item label="Ngày giải thể" name="effective" rules={[{ required: true, message: 'Cần nhập ngày giải thể' }]}
          extra="Từ ngày này đơn vị không còn hoạt động; cây tổ chức trước ngày này vẫn có đơn vị.">
          <DateField />
        </Form.Item>
        <Form.Item label="Đơn vị tiếp nhận (sáp nhập vào)" name="successor"
          validateStatus={error && fieldOf(error)?.[0] === 'successor' ? 'error' : undefined}
          extra="Đơn vị trực thuộc, người, đảng viên, hồ sơ đang làm và tài khoản được chuyển sang đơn vị này. Để trống khi đơn vị không còn gì.">
          <Select showSearch={{ filterOption: matchesUnit }} allowClear options={successors} placeholder="Không có (giải thể hẳn)" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" className="org-admin-error" title={<ApiErrorText error={error} />} />}
      {plan && <MovesCard plan={plan} />}
    </Modal>
  );
}

// What the preview says moves to the successor.
function MovesCard({ plan }: { plan: OrgDissolvePlan }) {
  const m = plan.moves;
  const name = plan.successor?.name;
  return (
    <Card size="small" className="org-dissolve-plan" data-testid="dissolve-plan"
      title={name ? `Xem trước: chuyển sang ${name}` : 'Xem trước: giải thể, không có đơn vị tiếp nhận'}>
      <p>Từ ngày {formatDate(plan.effective)}, {plan.organisation.name} không còn hoạt động.
        {name ? ` Những gì đơn vị đang có được chuyển sang ${name}:` : ' Đơn vị đang có:'}</p>
      <Descriptions bordered column={1} size="small" className="org-moves">
        <Descriptions.Item label="Đơn vị trực thuộc"><span data-testid="moves-units">{m.units}</span></Descriptions.Item>
        <Descriptions.Item label="Người do đơn vị quản lý"><span data-testid="moves-people">{m.people}</span></Descriptions.Item>
        <Descriptions.Item label="Đảng viên chính thức"><span data-testid="moves-official">{m.official_members}</span></Descriptions.Item>
        <Descriptions.Item label="Đảng viên dự bị"><span data-testid="moves-probationary">{m.probationary_members}</span></Descriptions.Item>
        <Descriptions.Item label="Hồ sơ đang làm">
          {m.open_cases.length === 0 ? 'Không có' : (
            <ul className="org-moves-cases">
              {m.open_cases.map((c) => <li key={c.stage}>{c.label}: <strong>{c.count}</strong></li>)}
            </ul>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="Tài khoản người dùng"><span data-testid="moves-accounts">{m.accounts}</span></Descriptions.Item>
        <Descriptions.Item label="Chỉ tiêu kết nạp năm (tính vào đơn vị tiếp nhận)"><span data-testid="moves-target">{m.target}</span></Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
