import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, AutoComplete, Button, Checkbox, Drawer, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { api, ApiError } from '../api/client';
import type { CaseHeader, CaseView, CaseEventInput, ReferenceAction } from '../api/types';

export type EventBody = CaseEventInput;
import { useReference } from '../lib/reference';
import { clearDraft, loadDraft, saveDraft } from '../lib/draft';
import { kConsents, kFindings, kRelations, labelOf } from '../lib/labels';
import { serverToday } from '../lib/serverToday';
import { DateField } from './DateField';
import { PersonPicker } from './PersonPicker';
import { VoteFields, type FieldError } from './VoteFields';
import { RuleCitation } from './RuleCitation';
import { chooseStep, formsFor, plainReason } from './stepChoice';
import '../styles/step-form.css';

export { nextAction } from './stepChoice';

const opts = (t: [string, string][]) => t.map(([value, label]) => ({ value, label }));

interface Values {
  action?: string;
  date?: string;
  documents?: { form_code?: string; number?: string; date?: string | null; issuer?: string }[];
  vote?: { eligible?: number; present?: number; in_favour?: number; against?: number };
  member_person_id?: number;
  together_since?: string;
  replacement?: boolean;
  relative_name?: string;
  relation?: string;
  relative_is_member?: boolean;
  finding?: string;
  consent?: string;
  received_on?: string;
  extension_working_days?: number;
  note?: string;
}

// The event body for POST /cases/{id}/events: only the fields the action accepts
// (/reference `actions[].fields`); the server refuses any other with 400 naming it.
export function eventBody(values: Values, action: ReferenceAction): EventBody {
  const has = (f: string) => action.fields.includes(f);
  const body: EventBody = { action: action.code, date: values.date ?? '' };
  if (has('documents')) {
    body.documents = (values.documents ?? [])
      .filter((d) => d && (d.number?.trim() || d.form_code?.trim()))
      .map((d) => ({ form_code: d.form_code?.trim() ?? '', number: d.number?.trim() ?? '', date: d.date || null, issuer: d.issuer?.trim() ?? '' }));
  }
  if (has('vote') && values.vote) {
    body.vote = {
      eligible: values.vote.eligible ?? 0,
      present: values.vote.present ?? 0,
      in_favour: values.vote.in_favour ?? 0,
      against: values.vote.against ?? 0,
    };
  }
  if (has('member_person_id') && values.member_person_id) body.member_person_id = values.member_person_id;
  if (has('together_since') && values.together_since) body.together_since = values.together_since;
  if (has('replacement') && values.replacement) body.replacement = true;
  if (has('relation') && values.relation) body.relation = values.relation;
  if (has('relative_name') && values.relative_name) body.relative_name = values.relative_name.trim();
  if (has('relative_is_member') && values.relative_is_member) body.relative_is_member = true;
  if (has('finding') && values.finding) body.finding = values.finding;
  if (has('consent') && values.consent) body.consent = values.consent;
  if (has('received_on') && values.received_on) body.received_on = values.received_on;
  if (has('extension_working_days') && values.extension_working_days) body.extension_working_days = values.extension_working_days;
  if (has('note') && values.note?.trim()) body.note = values.note.trim();
  return body;
}

export function StepForm({
  view,
  allowed,
  open,
  onClose,
  onRecorded,
  onStale,
  initialAction,
}: {
  view: CaseView;
  // The step to preselect (e.g. assign_helper from "Phân công người giúp đỡ").
  initialAction?: string;
  // The actions of evaluation.allowed_actions this user may record.
  allowed: string[];
  open: boolean;
  onClose: () => void;
  onRecorded: (header: CaseHeader | undefined) => void;
  onStale: () => void;
}) {
  const reference = useReference();
  const [form] = Form.useForm<Values>();
  const draftKey = `event.${view.case.id}`;
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const actionCode = Form.useWatch('action', form) as string | undefined;
  const action = useMemo(
    () => reference.actions.find((a) => a.code === actionCode),
    [reference.actions, actionCode],
  );

  const choice = useMemo(
    () => chooseStep(allowed, view.evaluation.unmet, initialAction),
    [allowed, view.evaluation.unmet, initialAction],
  );
  const reasonsText = choice.reasons.map(plainReason).join('; ');
  const lastDate = useRef<string | undefined>(undefined);
  const freshDocuments = (a: ReferenceAction | undefined, date: string | undefined) =>
    a?.fields.includes('documents') ? [{ form_code: formsFor(a)[0] ?? '', number: '', date: date || null, issuer: '' }] : [];

  useEffect(() => {
    if (!open || !reference.loaded) return;
    const draft = loadDraft<Values>(draftKey);
    const wanted = initialAction && allowed.includes(initialAction) ? initialAction : undefined;
    if (draft && (!draft.action || allowed.includes(draft.action)) && (!wanted || draft.action === wanted)) {
      form.setFieldsValue(draft);
      lastDate.current = draft.date;
    } else if (wanted || !form.getFieldValue('action')) {
      const next = choice.preselect;
      const a = reference.actions.find((x) => x.code === next);
      const date = form.getFieldValue('date') || serverToday();
      form.setFieldsValue({ action: next, date, documents: freshDocuments(a, date) });
      lastDate.current = date;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, reference.loaded, initialAction]);

  // A new action starts with its expected form code in the first document row.
  const onActionChange = (code: string) => {
    const a = reference.actions.find((x) => x.code === code);
    setServerErrors({});
    setGeneral(null);
    form.setFieldsValue({ documents: freshDocuments(a, form.getFieldValue('date')) });
  };
  // The documents' date follows the step's date unless the user changed it.
  const followDate = (date: string | undefined) => {
    const prev = lastDate.current;
    lastDate.current = date;
    const docs = (form.getFieldValue('documents') ?? []) as NonNullable<Values['documents']>;
    if (!docs.length) return;
    const next = docs.map((d) => (d && (!d.date || d.date === prev) ? { ...d, date: date || null } : d));
    form.setFieldsValue({ documents: next });
  };
  const formOptions = formsFor(action).map((f) => ({ value: f, label: f }));

  const serverError = (field: string): FieldError =>
    serverErrors[field] ? { help: serverErrors[field], validateStatus: 'error' } : {};

  const submit = async (values: Values) => {
    if (!action) return;
    setBusy(true);
    setServerErrors({});
    setGeneral(null);
    try {
      const r = await api.post<{ case?: CaseHeader }>(`/cases/${view.case.id}/events`, eventBody(values, action), {
        headers: { 'If-Match': `"${view.case.version}"` },
      });
      clearDraft(draftKey);
      form.resetFields();
      onRecorded(r?.case);
    } catch (e) {
      if (!(e instanceof ApiError)) {
        setGeneral(new ApiError(0, { code: 'internal', message: 'Đã có lỗi xảy ra, vui lòng thử lại' }));
      } else if (e.status === 401) {
        // The session-expired dialog opens; the form keeps its values.
      } else if (e.field) {
        const text = e.display;
        setServerErrors({ [e.field]: text });
        const path = e.field.split('.');
        if (form.getFieldInstance(path as never) !== undefined || path[0] === 'date' || path[0] === 'vote') {
          form.setFields([{ name: path as never, errors: [text] }]);
        }
        setGeneral(e);
      } else {
        setGeneral(e);
      }
    } finally {
      setBusy(false);
    }
  };

  const has = (f: string) => action?.fields.includes(f) ?? false;
  const fieldHelp = (f: string) => serverError(f);

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title="Ghi nhận một bước của quy trình"
      width={Math.min(640, typeof window === 'undefined' ? 640 : window.innerWidth)}
      destroyOnHidden={false}
      className="step-drawer"
      footer={
        <Space>
          <Button type="primary" size="large" loading={busy} onClick={() => form.submit()}>Lưu bước này</Button>
          <Button size="large" onClick={() => { clearDraft(draftKey); form.resetFields(); setServerErrors({}); setGeneral(null); onClose(); }}>Hủy</Button>
        </Space>
      }
    >
      {allowed.length === 0 ? (
        <Alert type="info" showIcon message="Ở giai đoạn này không còn bước nào để ghi nhận." />
      ) : !reference.loaded ? (
        reference.error
          ? <Alert type="error" showIcon message="Không tải được danh mục các bước từ máy chủ; vui lòng tải lại trang." />
          : <p className="loading" role="status">Đang tải danh mục các bước…</p>
      ) : (
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          onValuesChange={(changed, all) => {
            if ('date' in changed) followDate(changed.date);
            saveDraft(draftKey, form.getFieldsValue(true));
            void all;
            const keys = Object.keys(changed);
            if (keys.length) {
              setServerErrors((prev) => {
                const next = { ...prev };
                for (const k of Object.keys(next)) if (keys.includes(k.split('.')[0])) delete next[k];
                return next;
              });
            }
          }}
          scrollToFirstError
        >
          {choice.because && (
            <p className="step-hint" role="note">
              Bước tiếp theo còn thiếu: {plainReason(choice.because)}; gợi ý ghi nhận: {reference.actionLabel(choice.preselect ?? '')}.
            </p>
          )}
          <Form.Item name="action" label="Bước cần ghi nhận" rules={[{ required: true, message: 'Chọn bước cần ghi nhận' }]}>
            <Select
              onChange={onActionChange}
              options={allowed.map((code) => ({
                value: code,
                title: code === choice.blocked ? `Chưa đủ điều kiện: ${reasonsText}` : undefined,
                label: code === choice.blocked
                  ? <span className="step-blocked">{reference.actionLabel(code)} <span className="step-blocked-mark">— chưa đủ điều kiện</span></span>
                  : reference.actionLabel(code),
              }))}
              aria-label="Bước cần ghi nhận"
            />
          </Form.Item>
          {actionCode && actionCode === choice.blocked && (
            <Alert
              type="warning"
              showIcon
              className="step-blocked-reasons"
              message="Chưa đủ điều kiện để ghi nhận bước này"
              description={
                <ul>
                  {choice.reasons.map((u) => (
                    <li key={u.rule + u.message}>{plainReason(u)}<RuleCitation code={u.rule} /></li>
                  ))}
                </ul>
              }
              style={{ marginBottom: 16 }}
            />
          )}
          <Form.Item name="date" label="Ngày thực hiện (ngày họp, ngày ký văn bản)" rules={[{ required: true, message: 'Cần nhập ngày' }]} {...fieldHelp('date')}>
            <DateField aria-label="Ngày thực hiện" />
          </Form.Item>

          {has('vote') && actionCode && <VoteFields form={form} action={actionCode} serverError={serverError} />}

          {has('member_person_id') && (
            <Form.Item name="member_person_id" label={actionCode === 'add_introducer' ? 'Người giới thiệu (đảng viên chính thức)' : 'Đảng viên được phân công giúp đỡ'}
              rules={[{ required: true, message: 'Cần chọn đảng viên' }]} {...fieldHelp('member_person_id')}>
              <PersonPicker />
            </Form.Item>
          )}
          {has('together_since') && (
            <Form.Item name="together_since" label="Công tác, sinh hoạt cùng người vào Đảng từ ngày" extra={reference.ruleLabel('R5') && <>{reference.ruleLabel('R5')}<RuleCitation code="R5" /></>} {...fieldHelp('together_since')}>
              <DateField aria-label="Công tác, sinh hoạt cùng từ ngày" />
            </Form.Item>
          )}
          {has('replacement') && (
            <Form.Item name="replacement" valuePropName="checked" {...fieldHelp('replacement')}>
              <Checkbox>Người giới thiệu thay thế (người giới thiệu trước đã chuyển đi hoặc không còn đủ điều kiện)</Checkbox>
            </Form.Item>
          )}
          {has('relation') && (
            <Form.Item name="relation" label="Quan hệ với người vào Đảng" rules={[{ required: true, message: 'Cần chọn quan hệ' }]} {...fieldHelp('relation')}>
              <Select options={reference.relations.map((r) => ({ value: r.code, label: labelOf(kRelations, r.code) }))} />
            </Form.Item>
          )}
          {has('relative_name') && (
            <Form.Item name="relative_name" label="Họ tên người được thẩm tra" rules={[{ required: true, message: 'Cần nhập họ tên' }]} {...fieldHelp('relative_name')}>
              <Input />
            </Form.Item>
          )}
          {has('relative_is_member') && (
            <Form.Item name="relative_is_member" valuePropName="checked" {...fieldHelp('relative_is_member')}>
              <Checkbox>Người thân là đảng viên và đã khai đầy đủ trong lý lịch (không cần thẩm tra)</Checkbox>
            </Form.Item>
          )}
          {has('finding') && (
            <Form.Item name="finding" label="Kết quả thẩm tra" rules={[{ required: true, message: 'Cần chọn kết quả' }]} {...fieldHelp('finding')}>
              <Select options={opts(kFindings)} />
            </Form.Item>
          )}
          {has('consent') && (
            <Form.Item name="consent" label="Loại văn bản đồng ý / căn cứ" rules={[{ required: true, message: 'Cần chọn loại văn bản' }]} {...fieldHelp('consent')}>
              <Select options={opts(kConsents)} />
            </Form.Item>
          )}
          {has('received_on') && (
            <Form.Item name="received_on" label="Ngày chi bộ nhận được quyết định" extra={<>Lễ kết nạp phải tổ chức trong 30 ngày làm việc kể từ ngày này.<RuleCitation code="S13" /></>} {...fieldHelp('received_on')}>
              <DateField aria-label="Ngày nhận quyết định" />
            </Form.Item>
          )}
          {has('extension_working_days') && (
            <Form.Item name="extension_working_days" label="Số ngày làm việc gia hạn (tối đa 30)" rules={[{ required: true, message: 'Cần nhập số ngày' }]} {...fieldHelp('extension_working_days')}>
              <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          )}
          {has('documents') && (
            <fieldset className="documents-fields">
              <legend>Văn bản kèm theo</legend>
              {serverErrors.documents && <Alert type="error" showIcon role="alert" message={serverErrors.documents} style={{ marginBottom: 12 }} />}
              <Form.List name="documents">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f, i) => (
                      <div key={f.key} className="document-row">
                        <Form.Item name={[f.name, 'form_code']} label="Mẫu văn bản">
                          <AutoComplete
                            aria-label={`Mẫu văn bản ${i + 1}`}
                            options={formOptions}
                            filterOption={false}
                            placeholder={formOptions.length ? 'Chọn mẫu' : 'Nhập số hiệu mẫu'}
                          />
                        </Form.Item>
                        <Form.Item name={[f.name, 'number']} label="Số văn bản">
                          <Input aria-label={`Số văn bản ${i + 1}`} placeholder="ví dụ 02-NQ/CB" />
                        </Form.Item>
                        <Form.Item name={[f.name, 'date']} label="Ngày văn bản">
                          <DateField aria-label={`Ngày văn bản ${i + 1}`} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'issuer']} label="Nơi ban hành">
                          <Input aria-label={`Nơi ban hành ${i + 1}`} />
                        </Form.Item>
                        <Button onClick={() => remove(f.name)} aria-label={`Bỏ văn bản ${i + 1}`}>Bỏ văn bản này</Button>
                      </div>
                    ))}
                    <Button onClick={() => add({ form_code: formsFor(action).find((c) => !(form.getFieldValue('documents') ?? []).some((d: { form_code?: string }) => d?.form_code === c)) ?? '', number: '', date: form.getFieldValue('date') || null, issuer: '' })}>+ Thêm văn bản</Button>
                  </>
                )}
              </Form.List>
            </fieldset>
          )}
          <Form.Item name="note" label="Ghi chú" {...fieldHelp('note')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          {general && (
            <Alert
              type={general.status === 409 ? 'warning' : 'error'}
              showIcon
              role="alert"
              className="step-error"
              message={general.status === 409 ? 'Hồ sơ vừa được người khác cập nhật' : general.rule ? <>Không ghi nhận được: chưa đúng quy định<RuleCitation code={general.rule} /></> : 'Không ghi nhận được'}
              description={
                <>
                  <div>{general.message}</div>
                  {reference.ruleLabel(general.rule) ? <Typography.Text type="secondary">{reference.ruleLabel(general.rule)}</Typography.Text> : null}
                  {general.status === 409 && (
                    <div><Button onClick={onStale} style={{ marginTop: 8 }}>Tải lại hồ sơ (giữ nguyên những gì đã nhập)</Button></div>
                  )}
                </>
              }
            />
          )}
        </Form>
      )}
    </Drawer>
  );
}
