import { Alert, Form, InputNumber } from 'antd';
import type { FormInstance } from 'antd';
import { checkVote, type VoteInput } from '../lib/vote';
import { RuleCitation } from './RuleCitation';

export interface FieldError {
  help?: string;
  validateStatus?: 'error' | 'warning';
}

// The vote of a cell (S9, P4) or a committee (S11): four counts and, as the user types, whether
// the votes in favour reach two thirds of ALL official members (committee members).
export function VoteFields({
  form,
  action,
  serverError,
}: {
  form: FormInstance;
  action: string;
  serverError: (field: string) => FieldError;
}) {
  const vote = (Form.useWatch('vote', form) ?? {}) as VoteInput;
  const committee = action === 'grassroots_vote' || action === 'recognition_grassroots_vote';
  const body = committee ? 'đảng ủy cơ sở' : 'chi bộ';
  const members = committee ? 'cấp ủy viên' : 'đảng viên chính thức';
  const rule = committee ? 'S11' : action === 'recognition_cell_vote' ? 'P4' : 'S9';
  const check = checkVote(vote, body, members);
  const live = (field: 'eligible' | 'present' | 'in_favour' | 'against'): FieldError => {
    const server = serverError(`vote.${field}`);
    if (server.help) return server;
    const problem = check.problems.find((p) => p.field === field && field !== 'in_favour');
    return problem ? { help: problem.message, validateStatus: 'warning' } : {};
  };
  const counts = [
    { field: 'eligible' as const, label: `Tổng số ${members} của ${body}`, extra: <>Mẫu số của tỷ lệ 2/3<RuleCitation code={rule} /></> },
    { field: 'present' as const, label: 'Số có mặt tại cuộc họp' },
    { field: 'in_favour' as const, label: 'Số tán thành' },
    { field: 'against' as const, label: 'Số không tán thành' },
  ];
  return (
    <fieldset className="vote-fields">
      <legend>Kết quả biểu quyết</legend>
      <div className="vote-grid">
        {counts.map((c) => (
          <Form.Item
            key={c.field}
            name={['vote', c.field]}
            label={c.label}
            extra={c.extra}
            rules={[{ required: true, message: 'Cần nhập số' }]}
            {...live(c.field)}
          >
            <InputNumber min={0} max={999} precision={0} style={{ width: '100%' }} inputMode="numeric" aria-label={c.label} />
          </Form.Item>
        ))}
      </div>
      <Alert
        className="vote-check"
        role="status"
        aria-live="polite"
        type={check.passes === null ? 'info' : check.passes ? 'success' : 'warning'}
        showIcon
        message={<>{check.summary}<RuleCitation code={rule} /></>}
        description={
          check.needed !== null
            ? `Quy định: nghị quyết đề nghị phải được ít nhất hai phần ba (2/3) tổng số ${members} của ${body} tán thành — tính cả người vắng mặt. Với ${vote.eligible} ${members}, cần ít nhất ${check.needed} phiếu tán thành.`
            : undefined
        }
      />
      {serverError('vote.in_favour').help || serverError('vote').help ? (
        <Alert type="error" showIcon role="alert" className="vote-server-error"
          message={serverError('vote.in_favour').help ?? serverError('vote').help} />
      ) : null}
    </fieldset>
  );
}
