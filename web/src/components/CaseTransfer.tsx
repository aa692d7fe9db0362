import { useMemo, useState } from 'react';
import { Alert, Button, Form, Modal, Select, Typography, message } from 'antd';
import { api, ApiError } from '../api/client';
import type { CaseHeader, CaseTransfer as CaseTransferBody, CaseTransferred, OrgTreeRow } from '../api/types';
import { can, useAuth } from '../auth/AuthContext';
import { foldVietnamese } from '../lib/format';
import { forgetOrganisations, useOrganisations, useServerToday } from '../lib/myOrg';
import { matchesUnit, type UnitOption } from '../lib/orgAdmin';
import { DateField } from './DateField';
import { ApiErrorText } from './ErrorNotice';

// The stages that close a case (src/domain/model.cc IsClosed; change both together): a closed
// case is not moved.
const kClosedStages: readonly string[] = ['official', 'withdrawn', 'not_admitted', 'removed', 'cancelled'];

export function isOpenCase(header: Pick<CaseHeader, 'stage' | 'closed_on'>): boolean {
  return header.closed_on === null && !kClosedStages.includes(header.stage);
}

// The cells a case of the cell `fromCellId` may move to: the cells of the caller's tree that
// exist on `today`, but not its own, by name. A name two cells share is followed by the unit
// above each. Searchable by name, the unit above or code, with or without diacritics.
export function transferChoices(rows: readonly OrgTreeRow[], fromCellId: number, today: string): UnitOption[] {
  const cells = rows.filter((r) => (r.kind === 'cell' || r.kind === 'grassroots_cell') && r.id !== fromCellId
    && r.valid_from <= today && (r.valid_to === null || r.valid_to >= today));
  const names = new Map<number, string>(rows.map((r) => [r.id, r.name]));
  const uses = new Map<string, number>();
  for (const c of cells) uses.set(c.name, (uses.get(c.name) ?? 0) + 1);
  return cells
    .map((c) => {
      const above = c.parent_id === null ? undefined : names.get(c.parent_id);
      const label = above && (uses.get(c.name) ?? 0) > 1 ? `${c.name} — ${above}` : c.name;
      return { value: c.code, label, search: foldVietnamese(`${c.name} ${above ?? ''} ${c.code}`) };
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
}

// "Chuyển sang chi bộ khác" on a case's page: the person moved house, school or job, and the case
// goes on in another cell of the caller's tree. Offered to those who keep people (write_people)
// while the case is open and there is another cell to move it to. `onMoved` reloads the page.
export function CaseTransfer({ header, cellId, personName, cellName, onMoved }: {
  header: CaseHeader; cellId: number; personName: string; cellName: string; onMoved: () => void;
}) {
  const { user } = useAuth();
  const rows = useOrganisations();
  const today = useServerToday();
  const [open, setOpen] = useState(false);
  const choices = useMemo(() => (today ? transferChoices(rows, cellId, today) : []), [rows, cellId, today]);
  if (!can(user, 'write_people') || !isOpenCase(header) || choices.length === 0 || !today) return null;
  const moved = (to: UnitOption) => {
    setOpen(false);
    forgetOrganisations();
    message.success(`Đã chuyển hồ sơ sang ${to.label}`);
    onMoved();
  };
  return (
    <>
      <Button size="large" onClick={() => setOpen(true)}>Chuyển sang chi bộ khác</Button>
      {open && (
        <TransferModal caseId={header.id} personName={personName} cellName={cellName} choices={choices} today={today}
          onClose={() => setOpen(false)} onMoved={moved} />
      )}
    </>
  );
}

function TransferModal({ caseId, personName, cellName, choices, today, onClose, onMoved }: {
  caseId: number; personName: string; cellName: string; choices: UnitOption[]; today: string;
  onClose: () => void; onMoved: (to: UnitOption) => void;
}) {
  const [form] = Form.useForm<CaseTransferBody>();
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (v: CaseTransferBody) => {
    const to = choices.find((c) => c.value === v.cell);
    if (!to) return;
    setSaving(true);
    setError(null);
    try {
      await api.post<CaseTransferred>(`/cases/${caseId}/transfer`, { cell: v.cell, date: v.date } satisfies CaseTransferBody);
      onMoved(to);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title="Chuyển hồ sơ sang chi bộ khác" onCancel={onClose} onOk={() => form.submit()} okText="Chuyển hồ sơ"
      cancelText="Hủy" confirmLoading={saving} okButtonProps={{ size: 'large' }} cancelButtonProps={{ size: 'large' }} width={640}>
      <Typography.Paragraph className="case-transfer-from">
        Hồ sơ của <strong>{personName}</strong>, hiện ở <strong>{cellName}</strong>.
      </Typography.Paragraph>
      <Form form={form} name="case-transfer" layout="vertical" size="large" onFinish={submit}
        initialValues={{ date: today }} onValuesChange={() => setError(null)}>
        <Form.Item label="Chi bộ tiếp nhận" name="cell" rules={[{ required: true, message: 'Cần chọn chi bộ tiếp nhận' }]}
          extra="Gõ tên chi bộ để tìm, có dấu hoặc không dấu.">
          <Select showSearch={{ filterOption: matchesUnit }} options={choices} placeholder="Chọn chi bộ tiếp nhận" />
        </Form.Item>
        <Form.Item label="Ngày chuyển" name="date" rules={[{ required: true, message: 'Cần nhập ngày chuyển' }]}
          extra="Ngày đầu tiên sinh hoạt ở chi bộ mới.">
          <DateField />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" className="case-transfer-note">
        Hồ sơ giữ nguyên các bước đã làm và thời hạn; chi bộ mới tiếp tục từ bước hiện tại. Người này được chuyển về chi
        bộ mới; nếu là đảng viên dự bị thì sinh hoạt đảng cũng chuyển từ ngày này.
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" className="case-transfer-error" title={<ApiErrorText error={error} />} />}
    </Modal>
  );
}
