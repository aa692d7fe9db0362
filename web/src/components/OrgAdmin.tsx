import { useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, message } from 'antd';
import dayjs from 'dayjs';
import { api, ApiError, fieldOf } from '../api/client';
import type { Organisation, OrgDissolvePlan, OrgKind, OrgMergePlan, OrgNew, OrgSaved, OrgTreeRow } from '../api/types';
import { formatDate, ISO_DATE } from '../lib/format';
import { useServerToday } from '../lib/myOrg';
import {
  changedFields, childKinds, hasCommittee, kCodePattern, kOrgKindLabels, matchesUnit, mayBeAuthorised, maySplit, mergeCandidates,
  normaliseCode, parentChoices, unitOptions, type AdminUnit, type OrgChangeValues, type OrgSplitPlan,
} from '../lib/orgAdmin';
import { unitPath } from '../lib/orgTree';
import { DateField } from './DateField';
import { ApiErrorText } from './ErrorNotice';
import { DissolveModal } from './OrgDissolve';
import { MergedText, MergeModal } from './OrgMerge';
import { SplitModal, SplitText } from './OrgSplit';
import '../styles/org-admin.css';

type Open = 'add' | 'edit' | 'dissolve' | 'merge' | 'split' | null;

// "Quản lý đơn vị" on a unit's page, for those who may manage the tree: add a unit under it,
// change it from a date, dissolve it or merge it into another, merge several of its units into
// one, split it (a committee, not a cell) among several. `rows` is the tree the page shows (the units offered as the unit above or as the successor;
// the merge is offered when it holds two units or more); `onChanged` reloads the page.
export function OrgAdminCard({ unit, rows, onChanged }: { unit: AdminUnit; rows: OrgTreeRow[] | undefined; onChanged: () => void }) {
  const today = useServerToday();
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState<ReactNode>(null);
  const kinds = childKinds(unit.kind);
  const mergeable = useMemo(() => mergeCandidates(rows ?? [], unit).length >= 2, [rows, unit]);
  // Units often have a planned end (Huế's wards end on 31/12/2024): only one that has already
  // ended (the first day it no longer exists) is past changing.
  const ended = unit.valid_to !== null && today !== null && unit.valid_to < today ? dayAfter(unit.valid_to) : null;
  const finish = (what: string, text: ReactNode) => {
    setOpen(null);
    setDone(text);
    message.success(what);
    onChanged();
  };
  const added = (o: Organisation) => finish(`Đã thêm ${o.name}`, (
    <>Đã thêm <Link to={unitPath(o.code)}>{o.name}</Link>, hoạt động từ ngày {formatDate(o.valid_from)}.</>
  ));
  const changed = (effective: string) => finish('Đã lưu thay đổi', (
    <>Đã lưu thay đổi, có hiệu lực từ ngày {formatDate(effective)}. Cây tổ chức trước ngày này vẫn giữ thông tin cũ.</>
  ));
  const dissolved = (plan: OrgDissolvePlan) => finish(plan.successor ? 'Đã sáp nhập đơn vị' : 'Đã giải thể đơn vị', <DissolvedText plan={plan} />);
  const merged = (plan: OrgMergePlan) => finish('Đã sáp nhập các đơn vị', <MergedText plan={plan} parent={unit} />);
  const split = (plan: OrgSplitPlan) => finish('Đã chia tách đơn vị', <SplitText plan={plan} />);
  return (
    <Card title="Quản lý đơn vị" className="no-print org-admin">
      {done && <Alert type="success" showIcon className="org-admin-done" title={done} closable onClose={() => setDone(null)} />}
      {ended === null ? (
        <div className="org-admin-actions">
          {kinds.length > 0 && <Button size="large" onClick={() => setOpen('add')}>Thêm đơn vị trực thuộc</Button>}
          <Button size="large" onClick={() => setOpen('edit')}>Sửa thông tin</Button>
          <Button size="large" danger onClick={() => setOpen('dissolve')}>Giải thể / sáp nhập</Button>
          {mergeable && <Button size="large" onClick={() => setOpen('merge')}>Sáp nhập các đơn vị trực thuộc</Button>}
          {maySplit(unit.kind) && <Button size="large" onClick={() => setOpen('split')}>Chia tách đơn vị</Button>}
        </div>
      ) : (
        <p className="org-admin-note">Đơn vị đã thôi hoạt động từ ngày {formatDate(ended)} nên không thêm, sửa được nữa.</p>
      )}
      {open && !today && <p role="status">Đang tải…</p>}
      {open === 'add' && today && <AddUnitModal parent={unit} kinds={kinds} today={today} onClose={() => setOpen(null)} onSaved={added} />}
      {open === 'edit' && today && <EditUnitModal unit={unit} rows={rows} today={today} onClose={() => setOpen(null)} onSaved={changed} />}
      {open === 'dissolve' && today && <DissolveModal unit={unit} rows={rows} today={today} onClose={() => setOpen(null)} onDone={dissolved} />}
      {open === 'merge' && today && <MergeModal parent={unit} today={today} onClose={() => setOpen(null)} onDone={merged} />}
      {open === 'split' && today && <SplitModal unit={unit} today={today} onClose={() => setOpen(null)} onDone={split} />}
    </Card>
  );
}

const dayAfter = (iso: string) => dayjs(iso, ISO_DATE).add(1, 'day').format(ISO_DATE);
const dayBefore = (iso: string) => dayjs(iso, ISO_DATE).subtract(1, 'day').format(ISO_DATE);

function DissolvedText({ plan }: { plan: OrgDissolvePlan }) {
  const o = plan.organisation;
  return (
    <>
      {plan.successor
        ? <>Đã sáp nhập {o.name} vào <Link to={unitPath(plan.successor.code)}>{plan.successor.name}</Link> từ ngày {formatDate(plan.effective)}.</>
        : <>Đã giải thể {o.name} từ ngày {formatDate(plan.effective)}.</>}
      {' '}<Link to={unitPath(o.code, dayBefore(plan.effective))}>Xem đơn vị như trước ngày giải thể</Link>
    </>
  );
}

// A refusal of the server: on the field it names when the form has that field, else above the
// buttons.
function useServerError(fields: string[]) {
  const [error, setError] = useState<ApiError | null>(null);
  const field = error ? fieldOf(error)?.[0] : undefined;
  const onField = !!field && fields.includes(field);
  return {
    clear: () => setError(null),
    take: (e: unknown) => { if (e instanceof ApiError) setError(e); else throw e; },
    on: (name: string) => (error && onField && field === name ? { validateStatus: 'error' as const, help: <ApiErrorText error={error} /> } : {}),
    general: error && !onField ? <Alert type="error" showIcon role="alert" className="org-admin-error" title={<ApiErrorText error={error} />} /> : null,
  };
}

interface AddValues { kind: OrgKind; code: string; name: string; committee_member_count?: number | null; authorised_to_admit?: boolean; valid_from: string }

function AddUnitModal({ parent, kinds, today, onClose, onSaved }: {
  parent: AdminUnit; kinds: OrgKind[]; today: string; onClose: () => void; onSaved: (o: Organisation) => void;
}) {
  const [form] = Form.useForm<AddValues>();
  const kind = Form.useWatch('kind', form);
  const server = useServerError(['kind', 'code', 'name', 'committee_member_count', 'valid_from']);
  const [saving, setSaving] = useState(false);
  const submit = async (v: AddValues) => {
    const body: OrgNew = { code: normaliseCode(v.code), name: v.name.trim(), kind: v.kind, parent: parent.code, valid_from: v.valid_from };
    if (hasCommittee(v.kind) && typeof v.committee_member_count === 'number') body.committee_member_count = v.committee_member_count;
    if (mayBeAuthorised(v.kind)) body.authorised_to_admit = !!v.authorised_to_admit;
    setSaving(true);
    server.clear();
    try {
      const saved = await api.post<OrgSaved>('/organisations', body);
      onSaved(saved.organisation);
    } catch (e) {
      server.take(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={`Thêm đơn vị trực thuộc ${parent.name}`} onCancel={onClose} onOk={() => form.submit()} okText="Thêm đơn vị"
      cancelText="Hủy" confirmLoading={saving} okButtonProps={{ size: 'large' }} cancelButtonProps={{ size: 'large' }} width={640}>
      <Form form={form} name="org-add" layout="vertical" size="large" onFinish={submit}
        initialValues={{ kind: kinds.length === 1 ? kinds[0] : undefined, code: `${parent.code}-`, valid_from: today, authorised_to_admit: false }}>
        <Form.Item label="Loại đơn vị" name="kind" rules={[{ required: true, message: 'Cần chọn loại đơn vị' }]} {...server.on('kind')}>
          <Select placeholder="Chọn loại đơn vị" options={kinds.map((k) => ({ value: k, label: kOrgKindLabels[k] }))} />
        </Form.Item>
        <Form.Item label="Tên đơn vị" name="name" rules={[{ required: true, whitespace: true, message: 'Cần nhập tên đơn vị' }]} {...server.on('name')}>
          <Input placeholder="ví dụ: Chi bộ Tổ dân phố 9" />
        </Form.Item>
        <Form.Item label="Mã đơn vị" name="code" extra={`Mã không đổi về sau; chỉ gồm chữ không dấu, chữ số và dấu gạch ngang, ví dụ ${parent.code}-CB09.`}
          rules={[{ required: true, message: 'Cần nhập mã đơn vị' },
            { pattern: kCodePattern, message: 'Mã chỉ gồm chữ không dấu, chữ số và dấu gạch ngang, không kết thúc bằng dấu gạch ngang' }]}
          {...server.on('code')}>
          <Input autoComplete="off" />
        </Form.Item>
        {kind && hasCommittee(kind) && (
          <Form.Item label="Số cấp ủy viên" name="committee_member_count" {...server.on('committee_member_count')}>
            <InputNumber min={0} max={99} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {kind && mayBeAuthorised(kind) && (
          <Form.Item name="authorised_to_admit" valuePropName="checked">
            <Checkbox>Được ủy quyền quyết định kết nạp đảng viên</Checkbox>
          </Form.Item>
        )}
        <Form.Item label="Ngày thành lập" name="valid_from" rules={[{ required: true, message: 'Cần nhập ngày thành lập' }]} {...server.on('valid_from')}>
          <DateField />
        </Form.Item>
        {server.general}
      </Form>
    </Modal>
  );
}

function EditUnitModal({ unit, rows, today, onClose, onSaved }: {
  unit: AdminUnit; rows: OrgTreeRow[] | undefined; today: string; onClose: () => void; onSaved: (effective: string) => void;
}) {
  const [form] = Form.useForm<OrgChangeValues>();
  const server = useServerError(['name', 'committee_member_count', 'parent', 'effective']);
  const [saving, setSaving] = useState(false);
  const [unchanged, setUnchanged] = useState(false);
  const parents = useMemo(() => unitOptions(parentChoices(rows ?? [], unit)), [rows, unit]);
  const before = {
    name: unit.name, committee_member_count: unit.committee_member_count, authorised_to_admit: unit.authorised_to_admit,
    parent: rows?.find((r) => r.id === unit.parent_id)?.code,
  };
  const submit = async (v: OrgChangeValues) => {
    const body = changedFields(before, v);
    setUnchanged(!body);
    if (!body) return;
    setSaving(true);
    server.clear();
    try {
      await api.patch<OrgSaved>(`/organisations/${encodeURIComponent(unit.code)}`, body);
      onSaved(body.effective);
    } catch (e) {
      server.take(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={`Sửa thông tin ${unit.name}`} onCancel={onClose} onOk={() => form.submit()} okText="Lưu thay đổi"
      cancelText="Hủy" confirmLoading={saving} okButtonProps={{ size: 'large' }} cancelButtonProps={{ size: 'large' }} width={640}>
      <Form form={form} name="org-edit" layout="vertical" size="large" onFinish={submit} onValuesChange={() => setUnchanged(false)}
        initialValues={{ ...before, effective: today }}>
        <Form.Item label="Tên đơn vị" name="name" rules={[{ required: true, whitespace: true, message: 'Cần nhập tên đơn vị' }]} {...server.on('name')}>
          <Input />
        </Form.Item>
        {hasCommittee(unit.kind) && (
          <Form.Item label="Số cấp ủy viên" name="committee_member_count" {...server.on('committee_member_count')}>
            <InputNumber min={0} max={99} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {mayBeAuthorised(unit.kind) && (
          <Form.Item name="authorised_to_admit" valuePropName="checked">
            <Checkbox>Được ủy quyền quyết định kết nạp đảng viên</Checkbox>
          </Form.Item>
        )}
        {parents.length > 0 && (
          <Form.Item label="Đơn vị cấp trên" name="parent" extra="Gõ tên đơn vị để tìm, có dấu hoặc không dấu." {...server.on('parent')}>
            <Select showSearch={{ filterOption: matchesUnit }} options={parents} placeholder="Chọn đơn vị cấp trên" />
          </Form.Item>
        )}
        <Form.Item label="Ngày có hiệu lực" name="effective" rules={[{ required: true, message: 'Cần nhập ngày có hiệu lực' }]}
          extra="Cây tổ chức trước ngày này vẫn giữ thông tin cũ." {...server.on('effective')}>
          <DateField />
        </Form.Item>
        {unchanged && <Alert type="warning" showIcon role="alert" className="org-admin-error" title="Chưa có thông tin nào thay đổi." />}
        {server.general}
      </Form>
    </Modal>
  );
}
