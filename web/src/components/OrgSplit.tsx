import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Popconfirm, Radio, Select, Table, type FormInstance } from 'antd';
import dayjs from 'dayjs';
import { api, ApiError } from '../api/client';
import type { OrgKind, OrgTree, OrgTreeRow } from '../api/types';
import { formatDate, ISO_DATE } from '../lib/format';
import {
  hasCommittee, kCodePattern, kindLabel, kOrgKindLabels, matchesUnit, mayBeAuthorised, splitBody, splitChildren, splitKinds,
  splitProblem, successorChoices, unitOptions, type AdminUnit, type OrgSplitPartPlan, type OrgSplitPartValues, type OrgSplitPlan,
  type OrgSplitValues,
} from '../lib/orgAdmin';
import { unitPath } from '../lib/orgTree';
import { useApi } from '../lib/useApi';
import { DateField } from './DateField';
import { ApiErrorText } from './ErrorNotice';
import { kMoveColumns } from './OrgMerge';

// "Chia tách đơn vị": a committee is split on a date among two units or more, existing or founded
// that day; each receives some of the units directly below it (every one of them goes to exactly
// one part), and the first also what the unit holds itself (its people, its members' memberships,
// its accounts) and becomes its successor. The units offered are those of the tree on the chosen
// date. "Xem trước" asks the server what each part receives (commit=false, nothing written);
// "Xác nhận chia tách" does it all at once (commit=true). Changing any field drops the preview, so
// what is confirmed is what was seen. Cells hold members and are not split (maySplit).
export function SplitModal({ unit, today, onClose, onDone }: {
  unit: AdminUnit; today: string; onClose: () => void; onDone: (plan: OrgSplitPlan) => void;
}) {
  const [form] = Form.useForm<OrgSplitValues>();
  const [plan, setPlan] = useState<OrgSplitPlan | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<'preview' | 'commit' | null>(null);
  const effective = Form.useWatch('effective', form) ?? today;
  const tree = useApi((signal) => api.get<OrgTree>('/organisations', { signal, query: { on: effective } }), [effective]);
  const rows = useMemo(() => tree.data?.items ?? [], [tree.data]);
  // The unit's parent on the split date: the new units are founded under it.
  const parent = useMemo(() => {
    const self = rows.find((r) => r.id === unit.id);
    const parentId = self ? self.parent_id : unit.parent_id;
    return rows.find((r) => r.id === parentId);
  }, [rows, unit]);
  const children = useMemo(() => splitChildren(rows, unit), [rows, unit]);
  const receivers = useMemo(() => successorChoices(rows, unit), [rows, unit]);
  const kinds = useMemo(() => splitKinds(parent?.kind, unit.kind), [parent, unit.kind]);
  useDropGone(form, children, receivers, !!tree.data);
  const onValuesChange = (changed: Partial<OrgSplitValues>) => {
    setPlan(null);
    setError(null);
    setProblem(null);
    // A part turned into a new unit starts from the parent's code and the split unit's kind.
    (changed.parts ?? []).forEach((p, i) => {
      if (p?.target !== 'new') return;
      if (!form.getFieldValue(['parts', i, 'code'])) form.setFieldValue(['parts', i, 'code'], `${parent?.code ?? unit.code}-`);
      const kind: OrgKind | undefined = form.getFieldValue(['parts', i, 'kind']);
      if (!kind || !kinds.includes(kind)) form.setFieldValue(['parts', i, 'kind'], kinds[0]);
    });
  };
  const send = async (commit: boolean) => {
    let v: OrgSplitValues;
    try {
      v = await form.validateFields();
    } catch {
      return;  // the form shows what is missing
    }
    const wrong = tree.data ? splitProblem(children, v) : 'Chưa tải xong danh sách đơn vị trực thuộc tại ngày chia tách; thử lại sau giây lát.';
    setProblem(wrong);
    if (wrong) {
      setPlan(null);
      return;
    }
    setBusy(commit ? 'commit' : 'preview');
    setError(null);
    try {
      const answer = await api.post<OrgSplitPlan>(`/organisations/${encodeURIComponent(unit.code)}/split`, splitBody(parent?.code, v), { query: { commit } });
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
    <Modal open title={`Chia tách ${unit.name}`} onCancel={onClose} width={960} footer={[
      <Button key="close" size="large" onClick={onClose}>Đóng</Button>,
      <Button key="preview" size="large" type={plan ? 'default' : 'primary'} loading={busy === 'preview'} onClick={() => send(false)}>Xem trước</Button>,
      plan && (
        <Popconfirm key="commit" title={`Chia tách ${plan.organisation.name} thành ${plan.parts.length} đơn vị từ ngày ${formatDate(plan.effective)}?`}
          description="Từ ngày này đơn vị bị chia tách không còn trong cây tổ chức; cây tổ chức trước ngày này vẫn giữ nguyên."
          okText="Đồng ý chia tách" cancelText="Không" okButtonProps={{ danger: true, size: 'large' }} cancelButtonProps={{ size: 'large' }}
          onConfirm={() => send(true)}>
          <Button size="large" type="primary" danger loading={busy === 'commit'}>Xác nhận chia tách</Button>
        </Popconfirm>
      ),
    ]}>
      <Form form={form} name="org-split" layout="vertical" size="large" onValuesChange={onValuesChange}
        initialValues={{ effective: today, parts: [newPart(), newPart()] }}>
        <Form.Item label="Ngày chia tách" name="effective" rules={[{ required: true, message: 'Cần nhập ngày chia tách' }]}
          extra={`Ngày đầu tiên các đơn vị sau chia tách hoạt động. ${unit.name} hoạt động đến hết ngày hôm trước; cây tổ chức trước ngày này vẫn giữ nguyên.`}>
          <DateField />
        </Form.Item>
        <Alert type="info" showIcon className="org-split-note"
          title={`Đơn vị tiếp nhận thứ nhất kế tục ${unit.name}: ngoài các đơn vị trực thuộc được chọn, đơn vị này nhận cả người do ${unit.name} trực tiếp quản lý, đảng viên và tài khoản người dùng của đơn vị.`} />
        <Form.List name="parts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Card key={field.key} size="small" className="org-split-part" role="group" aria-label={`Phần ${i + 1}`}
                  title={i === 0 ? `Phần 1: đơn vị tiếp nhận kế tục ${unit.name}` : `Phần ${i + 1}: đơn vị tiếp nhận`}
                  extra={fields.length > 1 && <Button onClick={() => remove(field.name)}>{`Bỏ phần ${i + 1}`}</Button>}>
                  <SplitPartFields index={field.name} unit={unit} parent={parent} kinds={kinds} below={children}
                    receivers={receivers} loading={tree.loading && !tree.data} />
                </Card>
              ))}
              <Button size="large" className="org-split-add" onClick={() => add(newPart())}>Thêm đơn vị tiếp nhận</Button>
            </>
          )}
        </Form.List>
      </Form>
      {tree.error !== undefined && <Alert type="warning" showIcon role="alert" className="org-admin-error"
        title={tree.error instanceof ApiError ? <ApiErrorText error={tree.error} /> : 'Không tải được danh sách đơn vị tại ngày này.'} />}
      {problem && <Alert type="error" showIcon role="alert" className="org-admin-error" title={problem} />}
      {error && <Alert type="error" showIcon role="alert" className="org-admin-error" title={<ApiErrorText error={error} />} />}
      {plan && <SplitPlanCard plan={plan} />}
    </Modal>
  );
}

const newPart = (): OrgSplitPartValues => ({ target: 'existing', units: [], authorised_to_admit: false });

// A new date may leave out units chosen for another: they are unchosen (the form never holds a
// unit it does not name).
function useDropGone(form: FormInstance<OrgSplitValues>, children: OrgTreeRow[], receivers: OrgTreeRow[], loaded: boolean) {
  useEffect(() => {
    if (!loaded) return;
    const below = new Set(children.map((c) => c.code));
    const receiving = new Set(receivers.map((c) => c.code));
    const parts: OrgSplitPartValues[] = form.getFieldValue('parts') ?? [];
    parts.forEach((p, i) => {
      const units = p?.units ?? [];
      if (units.some((c) => !below.has(c))) form.setFieldValue(['parts', i, 'units'], units.filter((c) => below.has(c)));
      if (p?.into && !receiving.has(p.into)) form.setFieldValue(['parts', i, 'into'], undefined);
    });
  }, [form, children, receivers, loaded]);
}

const kNone: OrgSplitPartValues[] = [];

// One part: its receiving unit, existing or new, and the units below the split unit it receives.
function SplitPartFields({ index, unit, parent, kinds, below, receivers, loading }: {
  index: number; unit: AdminUnit; parent: OrgTreeRow | undefined; kinds: OrgKind[]; below: OrgTreeRow[];
  receivers: OrgTreeRow[]; loading: boolean;
}) {
  const form = Form.useFormInstance<OrgSplitValues>();
  const parts: OrgSplitPartValues[] = Form.useWatch('parts', form) ?? kNone;
  const part = parts[index];
  const target = part?.target;
  const kind = part?.kind;
  // What the other parts took: an existing unit receives one part, a unit below goes to one part.
  const others = parts.filter((_, i) => i !== index);
  const takenInto = new Set(others.map((p) => (p?.target === 'existing' ? p.into : undefined)).filter((c): c is string => !!c));
  const takenUnits = new Set(others.flatMap((p) => p?.units ?? []));
  const intoOptions = unitOptions(receivers).map((o) => ({ ...o, disabled: takenInto.has(o.value) }));
  const parentName = parent?.name ?? 'đơn vị cấp trên của đơn vị bị chia tách';
  return (
    <>
      <Form.Item label="Đơn vị tiếp nhận là" name={[index, 'target']}>
        <Radio.Group options={[{ value: 'existing', label: 'Đơn vị có sẵn' }, { value: 'new', label: 'Thành lập đơn vị mới' }]} />
      </Form.Item>
      {target === 'new' ? (
        <>
          <Form.Item label="Tên đơn vị mới" name={[index, 'name']} rules={[{ required: true, whitespace: true, message: 'Cần nhập tên đơn vị mới' }]}
            extra={`Đơn vị mới thành lập từ ngày chia tách, trực thuộc ${parentName}.`}>
            <Input placeholder="ví dụ: Đảng ủy phường Tây Lộc Bắc" />
          </Form.Item>
          <Form.Item label="Mã đơn vị mới" name={[index, 'code']}
            extra={`Mã không đổi về sau; chỉ gồm chữ không dấu, chữ số và dấu gạch ngang, ví dụ ${parent?.code ?? unit.code}-MOI.`}
            rules={[{ required: true, message: 'Cần nhập mã đơn vị mới' },
              { pattern: kCodePattern, message: 'Mã chỉ gồm chữ không dấu, chữ số và dấu gạch ngang, không kết thúc bằng dấu gạch ngang' }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item label="Loại đơn vị" name={[index, 'kind']} rules={[{ required: true, message: 'Cần chọn loại đơn vị' }]}>
            <Select placeholder="Chọn loại đơn vị" options={kinds.map((k) => ({ value: k, label: kOrgKindLabels[k] }))} />
          </Form.Item>
          {kind && hasCommittee(kind) && (
            <Form.Item label="Số cấp ủy viên" name={[index, 'committee_member_count']}>
              <InputNumber min={0} max={99} style={{ width: '100%' }} />
            </Form.Item>
          )}
          {kind && mayBeAuthorised(kind) && (
            <Form.Item name={[index, 'authorised_to_admit']} valuePropName="checked">
              <Checkbox>Được ủy quyền quyết định kết nạp đảng viên</Checkbox>
            </Form.Item>
          )}
        </>
      ) : (
        <Form.Item label="Đơn vị tiếp nhận" name={[index, 'into']} rules={[{ required: true, message: 'Cần chọn đơn vị tiếp nhận' }]}
          extra="Gõ tên hoặc mã đơn vị để tìm, có dấu hoặc không dấu.">
          <Select showSearch={{ filterOption: matchesUnit }} options={intoOptions} loading={loading} placeholder="Chọn đơn vị tiếp nhận"
            notFoundContent={loading ? 'Đang tải…' : 'Không có đơn vị nào'} />
        </Form.Item>
      )}
      <Form.Item label="Các đơn vị trực thuộc chuyển sang" name={[index, 'units']}
        extra={index === 0
          ? `Ngoài các đơn vị này, phần 1 nhận cả người, đảng viên và tài khoản của chính ${unit.name}.`
          : 'Đơn vị đã giao cho phần khác không chọn được ở đây; bỏ chọn ở phần đó trước.'}>
        {below.length === 0
          ? <span className="org-admin-note">{loading ? 'Đang tải…' : 'Không có đơn vị trực thuộc tại ngày chia tách.'}</span>
          : <Checkbox.Group className="org-split-units"
              options={below.map((c) => ({ value: c.code, label: c.name, disabled: takenUnits.has(c.code) }))} />}
      </Form.Item>
    </>
  );
}

// The columns of the preview (those of the merge's, under their own class names).
const kSplitColumns = kMoveColumns.map((c) => ({ ...c, className: c.className.replace('merge-', 'split-') }));

const partNote = (p: OrgSplitPartPlan, i: number) =>
  [i === 0 ? 'Kế tục đơn vị' : '', p.new ? `Thành lập mới (${kindLabel(p.into.kind)})` : 'Đơn vị có sẵn'].filter(Boolean).join('; ');

// What the preview says each part receives, and the sum.
function SplitPlanCard({ plan }: { plan: OrgSplitPlan }) {
  const o = plan.organisation;
  const first = plan.parts[0]?.into;
  const total = plan.moves;
  return (
    <Card size="small" className="org-split-plan" data-testid="split-plan" title={`Xem trước: chia tách ${o.name}`}>
      <p>
        Từ ngày {formatDate(plan.effective)}, {o.name} thôi hoạt động, chia cho {plan.parts.length} đơn vị dưới đây
        {first ? `; ${first.name} kế tục đơn vị và nhận cả người, đảng viên, tài khoản của chính đơn vị` : ''}. Mỗi đơn vị tiếp nhận:
      </p>
      <Table<OrgSplitPartPlan>
        className="org-split-table"
        rowKey={(p) => p.into.code}
        dataSource={plan.parts}
        pagination={false}
        size="small"
        bordered
        scroll={{ x: 'max-content' }}
        columns={[
          { title: 'Đơn vị tiếp nhận', className: 'split-name', render: (_, p) => p.into.name },
          { title: 'Ghi chú', className: 'split-note', render: (_, p, i) => partNote(p, i) },
          ...kSplitColumns.map((c) => ({ title: c.title, className: c.className, align: 'right' as const, render: (_: unknown, p: OrgSplitPartPlan) => c.value(p.moves) })),
        ]}
        summary={() => (
          <Table.Summary.Row className="split-total">
            <Table.Summary.Cell index={0} className="split-name"><strong>Cộng</strong></Table.Summary.Cell>
            <Table.Summary.Cell index={1} className="split-note" />
            {kSplitColumns.map((c, i) => (
              <Table.Summary.Cell key={c.className} index={i + 2} align="right" className={c.className}><strong>{c.value(total)}</strong></Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        )}
      />
      {total.units > 0 && (
        <p className="org-admin-note">Các đơn vị trực thuộc chuyển sang nguyên vẹn, cùng người, đảng viên và hồ sơ của mình.</p>
      )}
      {total.open_cases.length === 0 ? <p>Không có hồ sơ đang làm.</p> : plan.parts.map((p, i) => p.moves.open_cases.length > 0 && (
        <div key={p.into.code}>
          <p className="org-merge-cases-title">Hồ sơ đang làm chuyển sang {p.into.name}, theo bước:</p>
          <ul className="org-moves-cases" data-testid={`split-cases-${i + 1}`}>
            {p.moves.open_cases.map((c) => <li key={c.stage}>{c.label}: <strong>{c.count}</strong></li>)}
          </ul>
        </div>
      ))}
    </Card>
  );
}

const dayBefore = (iso: string) => dayjs(iso, ISO_DATE).subtract(1, 'day').format(ISO_DATE);

// The words after a split: the receiving units' pages, and the unit as it was the day before.
export function SplitText({ plan }: { plan: OrgSplitPlan }) {
  const o = plan.organisation;
  return (
    <>
      Đã chia tách {o.name} từ ngày {formatDate(plan.effective)} cho{' '}
      {plan.parts.map((p, i) => (
        <span key={p.into.code}>
          {i > 0 && ', '}<Link to={unitPath(p.into.code)}>{p.into.name}</Link>{p.new && ' (thành lập mới)'}
        </span>
      ))}
      {plan.parts[0] && `; ${plan.parts[0].into.name} kế tục đơn vị`}.
      {' '}<Link to={unitPath(o.code, dayBefore(plan.effective))}>Xem đơn vị như trước ngày chia tách</Link>
    </>
  );
}
