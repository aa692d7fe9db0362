import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Popconfirm, Radio, Select, Table, type FormInstance } from 'antd';
import dayjs from 'dayjs';
import { api, ApiError } from '../api/client';
import type { OrgKind, OrgMergedUnit, OrgMergePlan, OrgMoves, OrgTree, OrgTreeRow } from '../api/types';
import { formatDate, ISO_DATE } from '../lib/format';
import {
  hasCommittee, kCodePattern, kindLabel, kOrgKindLabels, matchesUnit, mayBeAuthorised, mergeBody, mergeCandidates,
  mergeOptions, newUnitKinds, receivingChoices, unitOptions, type AdminUnit, type OrgMergeValues,
} from '../lib/orgAdmin';
import { unitPath } from '../lib/orgTree';
import { useApi } from '../lib/useApi';
import { DateField } from './DateField';
import { ApiErrorText } from './ErrorNotice';

// "Sáp nhập các đơn vị trực thuộc": several units under `parent` (of one family: committees with
// committees, cells with cells) merge on a date into one of their siblings or into a unit founded
// that day, as Huế's communes and wards did on 1/7/2025. The units offered are those of the tree
// on the chosen date. "Xem trước" asks the server what each hands over (commit=false, nothing
// written); "Xác nhận sáp nhập" does it all at once (commit=true). Changing any field drops the
// preview, so what is confirmed is what was seen.
export function MergeModal({ parent, today, onClose, onDone }: {
  parent: AdminUnit; today: string; onClose: () => void; onDone: (plan: OrgMergePlan) => void;
}) {
  const [form] = Form.useForm<OrgMergeValues>();
  const [plan, setPlan] = useState<OrgMergePlan | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<'preview' | 'commit' | null>(null);
  const effective = Form.useWatch('effective', form) ?? today;
  const tree = useApi((signal) => api.get<OrgTree>('/organisations', { signal, query: { on: effective } }), [effective]);
  const candidates = useMemo(() => mergeCandidates(tree.data?.items ?? [], parent), [tree.data, parent]);
  useDropGone(form, candidates, !!tree.data);
  const onValuesChange = (changed: Partial<OrgMergeValues>, all: OrgMergeValues) => {
    setPlan(null);
    setError(null);
    if (!('units' in changed)) return;
    const chosen = all.units ?? [];
    if (all.into && !receivingChoices(candidates, chosen).some((r) => r.code === all.into)) form.setFieldsValue({ into: undefined });
    // The new unit is of the merged units' kind unless the user chose another that still fits.
    const kinds = newUnitKinds(parent.kind, candidates, chosen);
    if (!all.kind || !kinds.includes(all.kind) || !form.isFieldTouched('kind')) form.setFieldsValue({ kind: kinds[0] });
  };
  const send = async (commit: boolean) => {
    let v: OrgMergeValues;
    try {
      v = await form.validateFields();
    } catch {
      return;  // the form shows what is missing
    }
    setBusy(commit ? 'commit' : 'preview');
    setError(null);
    try {
      const answer = await api.post<OrgMergePlan>('/organisations/merge', mergeBody(parent.code, v), { query: { commit } });
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
  return (
    <Modal open title={`Sáp nhập các đơn vị trực thuộc ${parent.name}`} onCancel={onClose} width={960} footer={[
      <Button key="close" size="large" onClick={onClose}>Đóng</Button>,
      <Button key="preview" size="large" type={plan ? 'default' : 'primary'} loading={busy === 'preview'} onClick={() => send(false)}>Xem trước</Button>,
      plan && (
        <Popconfirm key="commit" title={confirmTitle(plan)}
          description="Từ ngày này các đơn vị được sáp nhập không còn trong cây tổ chức; cây tổ chức trước ngày này vẫn giữ nguyên."
          okText="Đồng ý sáp nhập" cancelText="Không" okButtonProps={{ danger: true, size: 'large' }} cancelButtonProps={{ size: 'large' }}
          onConfirm={() => send(true)}>
          <Button size="large" type="primary" danger loading={busy === 'commit'}>Xác nhận sáp nhập</Button>
        </Popconfirm>
      ),
    ]}>
      <Form form={form} name="org-merge" layout="vertical" size="large" onValuesChange={onValuesChange}
        initialValues={{ effective: today, units: [], target: 'existing', code: `${parent.code}-`, authorised_to_admit: false }}>
        <Form.Item label="Ngày sáp nhập" name="effective" rules={[{ required: true, message: 'Cần nhập ngày sáp nhập' }]}
          extra="Ngày đầu tiên đơn vị sau sáp nhập hoạt động. Các đơn vị được sáp nhập hoạt động đến hết ngày hôm trước; cây tổ chức trước ngày này vẫn giữ nguyên.">
          <DateField />
        </Form.Item>
        <MergeFields parent={parent} candidates={candidates} loading={tree.loading && !tree.data} />
      </Form>
      {tree.error !== undefined && <Alert type="warning" showIcon role="alert" className="org-admin-error"
        title={tree.error instanceof ApiError ? <ApiErrorText error={tree.error} /> : 'Không tải được danh sách đơn vị tại ngày này.'} />}
      {error && <Alert type="error" showIcon role="alert" className="org-admin-error" title={<ApiErrorText error={error} />} />}
      {plan && <MergePlanCard plan={plan} />}
    </Modal>
  );
}

// A new date may leave out units chosen for another: they are unchosen (the form never holds a
// unit it does not name).
function useDropGone(form: FormInstance<OrgMergeValues>, candidates: OrgTreeRow[], loaded: boolean) {
  useEffect(() => {
    if (!loaded) return;
    const codes = new Set(candidates.map((c) => c.code));
    const units: string[] = form.getFieldValue('units') ?? [];
    const into: string | undefined = form.getFieldValue('into');
    if (units.some((c) => !codes.has(c))) form.setFieldsValue({ units: units.filter((c) => codes.has(c)) });
    if (into && !codes.has(into)) form.setFieldsValue({ into: undefined });
  }, [form, candidates, loaded]);
}

const confirmTitle = (plan: OrgMergePlan) => {
  const n = plan.units.length;
  const day = formatDate(plan.effective);
  return plan.new
    ? `Thành lập ${plan.into.name} từ ngày ${day}, sáp nhập ${n} đơn vị vào đơn vị này?`
    : `Sáp nhập ${n} đơn vị vào ${plan.into.name} từ ngày ${day}?`;
};

const kNone: string[] = [];

// The units merged and the unit after the merge.
function MergeFields({ parent, candidates, loading }: { parent: AdminUnit; candidates: OrgTreeRow[]; loading: boolean }) {
  const form = Form.useFormInstance<OrgMergeValues>();
  const chosen: string[] = Form.useWatch('units', form) ?? kNone;
  const target = Form.useWatch('target', form);
  const options = useMemo(() => mergeOptions(candidates, chosen), [candidates, chosen]);
  const receivers = useMemo(() => unitOptions(receivingChoices(candidates, chosen)), [candidates, chosen]);
  const kinds = useMemo(() => newUnitKinds(parent.kind, candidates, chosen), [parent.kind, candidates, chosen]);
  const atLeast = (v: string[] | undefined) => {
    const n = v?.length ?? 0;
    if (n === 0) return Promise.reject(new Error('Cần chọn các đơn vị sáp nhập'));
    if (n < 2 && form.getFieldValue('target') === 'new') return Promise.reject(new Error('Cần chọn ít nhất hai đơn vị để hợp thành đơn vị mới'));
    return Promise.resolve();
  };
  return (
    <>
      <Form.Item label="Các đơn vị sáp nhập" name="units" dependencies={['target']} rules={[{ validator: (_, v) => atLeast(v) }]}
        extra="Gõ tên đơn vị để tìm, có dấu hoặc không dấu. Chỉ sáp nhập các đơn vị cùng cấp với nhau: đảng bộ với đảng bộ, chi bộ với chi bộ.">
        <Select mode="multiple" showSearch={{ filterOption: matchesUnit }} options={options} loading={loading}
          placeholder="Chọn các đơn vị sáp nhập" notFoundContent={loading ? 'Đang tải…' : 'Không có đơn vị nào'} />
      </Form.Item>
      <Form.Item label="Đơn vị sau sáp nhập" name="target">
        <Radio.Group options={[{ value: 'existing', label: 'Một đơn vị có sẵn' }, { value: 'new', label: 'Thành lập đơn vị mới' }]} />
      </Form.Item>
      {target === 'new' ? <NewUnitFields parent={parent} kinds={kinds} /> : (
        <Form.Item label="Đơn vị tiếp nhận" name="into" rules={[{ required: true, message: 'Cần chọn đơn vị tiếp nhận' }]}
          extra="Đơn vị trực thuộc, người, đảng viên, hồ sơ đang làm và tài khoản của các đơn vị sáp nhập được chuyển sang đơn vị này.">
          <Select showSearch={{ filterOption: matchesUnit }} options={receivers} placeholder="Chọn đơn vị tiếp nhận" />
        </Form.Item>
      )}
    </>
  );
}

// The unit founded by the merge, under `parent`.
function NewUnitFields({ parent, kinds }: { parent: AdminUnit; kinds: OrgKind[] }) {
  const kind: OrgKind | undefined = Form.useWatch('kind', Form.useFormInstance<OrgMergeValues>());
  return (
    <>
      <Form.Item label="Tên đơn vị mới" name="name" rules={[{ required: true, whitespace: true, message: 'Cần nhập tên đơn vị mới' }]}>
        <Input placeholder="ví dụ: Đảng ủy xã Hương Thọ – Thủy Bằng" />
      </Form.Item>
      <Form.Item label="Mã đơn vị mới" name="code" extra={`Mã không đổi về sau; chỉ gồm chữ không dấu, chữ số và dấu gạch ngang, ví dụ ${parent.code}-MOI.`}
        rules={[{ required: true, message: 'Cần nhập mã đơn vị mới' },
          { pattern: kCodePattern, message: 'Mã chỉ gồm chữ không dấu, chữ số và dấu gạch ngang, không kết thúc bằng dấu gạch ngang' }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label="Loại đơn vị" name="kind" rules={[{ required: true, message: 'Cần chọn loại đơn vị' }]}>
        <Select placeholder="Chọn loại đơn vị" options={kinds.map((k) => ({ value: k, label: kOrgKindLabels[k] }))} />
      </Form.Item>
      {kind && hasCommittee(kind) && (
        <Form.Item label="Số cấp ủy viên" name="committee_member_count">
          <InputNumber min={0} max={99} style={{ width: '100%' }} />
        </Form.Item>
      )}
      {kind && mayBeAuthorised(kind) && (
        <Form.Item name="authorised_to_admit" valuePropName="checked">
          <Checkbox>Được ủy quyền quyết định kết nạp đảng viên</Checkbox>
        </Form.Item>
      )}
    </>
  );
}

export const openCases = (m: OrgMoves) => m.open_cases.reduce((n, c) => n + c.count, 0);

// The columns of the preview: what each merged unit hands over (the class names let a reader of
// the page find a figure). The split's preview (OrgSplit.tsx) shows the same figures.
export const kMoveColumns: { title: string; className: string; value: (m: OrgMoves) => number }[] = [
  { title: 'Đơn vị trực thuộc', className: 'merge-units', value: (m) => m.units },
  { title: 'Người', className: 'merge-people', value: (m) => m.people },
  { title: 'Đảng viên chính thức', className: 'merge-official', value: (m) => m.official_members },
  { title: 'Dự bị', className: 'merge-probationary', value: (m) => m.probationary_members },
  { title: 'Hồ sơ đang làm', className: 'merge-cases', value: openCases },
  { title: 'Tài khoản', className: 'merge-accounts', value: (m) => m.accounts },
  { title: 'Chỉ tiêu kết nạp năm', className: 'merge-target', value: (m) => m.target },
];

// What the preview says each merged unit hands over to the receiving unit, and the sum.
function MergePlanCard({ plan }: { plan: OrgMergePlan }) {
  const into = plan.into;
  const day = formatDate(plan.effective);
  const total = plan.moves;
  return (
    <Card size="small" className="org-merge-plan" data-testid="merge-plan"
      title={plan.new ? `Xem trước: thành lập ${into.name}` : `Xem trước: sáp nhập vào ${into.name}`}>
      <p>
        {plan.new
          ? `Từ ngày ${day} thành lập ${into.name} (${kindLabel(into.kind)}); ${plan.units.length} đơn vị dưới đây thôi hoạt động, những gì từng đơn vị đang có được chuyển sang đơn vị mới:`
          : `Từ ngày ${day}, ${plan.units.length} đơn vị dưới đây thôi hoạt động; những gì từng đơn vị đang có được chuyển sang ${into.name}:`}
      </p>
      <Table<OrgMergedUnit>
        className="org-merge-table"
        rowKey={(u) => u.organisation.code}
        dataSource={plan.units}
        pagination={false}
        size="small"
        bordered
        scroll={{ x: 'max-content' }}
        columns={[
          { title: 'Đơn vị', className: 'merge-name', render: (_, u) => u.organisation.name },
          ...kMoveColumns.map((c) => ({ title: c.title, className: c.className, align: 'right' as const, render: (_: unknown, u: OrgMergedUnit) => c.value(u.moves) })),
        ]}
        summary={() => (
          <Table.Summary.Row className="merge-total">
            <Table.Summary.Cell index={0} className="merge-name"><strong>Cộng</strong></Table.Summary.Cell>
            {kMoveColumns.map((c, i) => (
              <Table.Summary.Cell key={c.className} index={i + 1} align="right" className={c.className}><strong>{c.value(total)}</strong></Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        )}
      />
      {total.units > 0 && (
        <p className="org-admin-note">Các đơn vị trực thuộc chuyển sang nguyên vẹn, cùng người, đảng viên và hồ sơ của mình; các cột
          khác chỉ tính những gì chính đơn vị sáp nhập quản lý.</p>
      )}
      <p className="org-merge-cases-title">Hồ sơ đang làm chuyển sang {into.name}, theo bước:</p>
      {total.open_cases.length === 0 ? <p>Không có hồ sơ đang làm.</p> : (
        <ul className="org-moves-cases" data-testid="merge-cases">
          {total.open_cases.map((c) => <li key={c.stage}>{c.label}: <strong>{c.count}</strong></li>)}
        </ul>
      )}
    </Card>
  );
}

const dayBefore = (iso: string) => dayjs(iso, ISO_DATE).subtract(1, 'day').format(ISO_DATE);

// The words after a merge: the receiving unit's page, and the parent as it was the day before.
export function MergedText({ plan, parent }: { plan: OrgMergePlan; parent: AdminUnit }) {
  const names = plan.units.map((u) => u.organisation.name).join(', ');
  const into = <Link to={unitPath(plan.into.code)}>{plan.into.name}</Link>;
  return (
    <>
      {plan.new
        ? <>Đã thành lập {into} từ ngày {formatDate(plan.effective)}, sáp nhập {names}.</>
        : <>Đã sáp nhập {names} vào {into} từ ngày {formatDate(plan.effective)}.</>}
      {' '}<Link to={unitPath(parent.code, dayBefore(plan.effective))}>Xem các đơn vị trực thuộc như trước ngày sáp nhập</Link>
    </>
  );
}
