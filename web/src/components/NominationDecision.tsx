import { useMemo, useState } from 'react';
import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { api, ApiError } from '../api/client';
import type { Nomination, NominationAccept, NominationDecline } from '../api/types';
import { formatDate } from '../lib/format';
import { wardCells } from '../lib/massOrg';
import { useOrganisations } from '../lib/myOrg';
import { matchesUnit } from '../lib/orgAdmin';
import { DateField } from './DateField';
import { ApiErrorText } from './ErrorNotice';
import { RuleCitation } from './RuleCitation';

export type Decision = 'accept' | 'decline';

// The ward committee's answer to a waiting nomination: «Tiếp nhận vào nguồn» (the person and a
// case at the sources, S0, are created in the chosen cell of the ward) or «Không tiếp nhận» with
// the reason, which the organisation reads. `onDone` gets the nomination as decided.
export function NominationDecision({ nomination, decision, today, onClose, onDone }: {
  nomination: Nomination; decision: Decision; today: string; onClose: () => void; onDone: (n: Nomination) => void;
}) {
  const rows = useOrganisations();
  const cells = useMemo(() => wardCells(rows, nomination.mass_organisation.ward.code, today), [rows, nomination, today]);
  const [form] = Form.useForm<NominationAccept & NominationDecline>();
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const accept = decision === 'accept';
  const submit = async (v: NominationAccept & NominationDecline) => {
    setSaving(true);
    setError(null);
    try {
      const answer = accept
        ? await api.post<{ nomination: Nomination }>(`/nominations/${nomination.id}/accept`, { cell: v.cell, accepted_on: v.accepted_on } satisfies NominationAccept)
        : await api.post<{ nomination: Nomination }>(`/nominations/${nomination.id}/decline`, { reason: v.reason.trim(), declined_on: v.declined_on } satisfies NominationDecline);
      onDone(answer.nomination);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={accept ? 'Tiếp nhận vào nguồn phát triển đảng viên' : 'Không tiếp nhận người được giới thiệu'}
      onCancel={onClose} onOk={() => form.submit()} okText={accept ? 'Tiếp nhận' : 'Không tiếp nhận'} cancelText="Hủy"
      okButtonProps={{ danger: !accept }} confirmLoading={saving} width={620}>
      <Typography.Paragraph>
        <strong>{nomination.full_name}</strong>, sinh ngày {formatDate(nomination.birth_date)}, do {nomination.mass_organisation.name} giới
        thiệu ngày {formatDate(nomination.nominated_on)}{nomination.category_label ? ` (${nomination.category_label})` : ''}.
      </Typography.Paragraph>
      <Form form={form} name={`nomination-${decision}`} layout="vertical" onFinish={submit} onValuesChange={() => setError(null)}
        initialValues={{ accepted_on: today, declined_on: today, reason: '' }}>
        {accept ? (
          <>
            <Form.Item label="Chi bộ tiếp nhận" name="cell" rules={[{ required: true, message: 'Cần chọn chi bộ tiếp nhận' }]}
              extra="Gõ tên chi bộ để tìm, có dấu hoặc không dấu.">
              <Select showSearch={{ filterOption: matchesUnit }} options={cells} placeholder="Chọn chi bộ của đảng bộ"
                notFoundContent="Không có chi bộ phù hợp" />
            </Form.Item>
            <Form.Item label="Ngày tiếp nhận" name="accepted_on" rules={[{ required: true, message: 'Cần nhập ngày tiếp nhận' }]}>
              <DateField />
            </Form.Item>
            <Typography.Paragraph type="secondary">
              Người này được thêm vào danh sách quần chúng ưu tú của chi bộ, với đối tượng nguồn tổ chức đã nêu.<RuleCitation code="S0" />
            </Typography.Paragraph>
          </>
        ) : (
          <>
            <Form.Item label="Lý do không tiếp nhận" name="reason" extra="Tổ chức đã giới thiệu sẽ đọc được lý do này."
              rules={[{ required: true, whitespace: true, message: 'Cần nêu lý do không tiếp nhận' }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item label="Ngày" name="declined_on" rules={[{ required: true, message: 'Cần nhập ngày' }]}>
              <DateField />
            </Form.Item>
          </>
        )}
      </Form>
      {error && <Alert type="error" showIcon role="alert" className="nomination-decision-error" title={<ApiErrorText error={error} />} />}
    </Modal>
  );
}
