import { Card, Tag } from 'antd';
import { api, isMissingRoute } from '../api/client';
import type { CaseOpinionLine, CaseOpinions as CaseOpinionsBody } from '../api/types';
import { formatDate } from '../lib/format';
import { useApi } from '../lib/useApi';
import { ErrorNotice } from './ErrorNotice';
import { RuleCitation } from './RuleCitation';
import '../styles/mass-org.css';

// «Ý kiến của các đoàn thể» on a case's page: the opinions the ward's mass organisations are
// expected to give (S7; the Youth Union's or trade union's resolution introducing a member, S6,
// 4-KNĐ), each with why it is expected and either what was given or «Chưa có ý kiến». Nothing
// is shown for a case on which no organisation's opinion is expected. `version` reloads it with
// the case.
export function CaseOpinions({ caseId, version }: { caseId: number; version: number }) {
  const opinions = useApi((signal) => api.get<CaseOpinionsBody>(`/cases/${caseId}/opinions`, { signal }), [caseId, version]);
  // A server without the organisations' opinions: the page goes on without them.
  if (isMissingRoute(opinions.error)) return null;
  if (opinions.error) {
    return <Card title="Ý kiến của các đoàn thể" className="case-opinions-card"><ErrorNotice error={opinions.error} onRetry={opinions.reload} what="ý kiến của các đoàn thể" /></Card>;
  }
  const d = opinions.data;
  if (!d || d.items.length === 0) return null;
  return (
    <Card title={<>Ý kiến của các đoàn thể<RuleCitation code="S7" /></>} className="case-opinions-card"
      extra={d.missing > 0
        ? <Tag color="orange" className="opinions-missing">Còn thiếu {d.missing} ý kiến</Tag>
        : <Tag color="green" className="opinions-missing">Đã đủ ý kiến</Tag>}>
      <ul className="card-list case-opinions">
        {d.items.map((line) => <OpinionLine key={`${line.mass_organisation.id}.${line.kind}`} line={line} />)}
      </ul>
    </Card>
  );
}

function OpinionLine({ line }: { line: CaseOpinionLine }) {
  const o = line.opinion;
  return (
    <li className="case-opinion" data-kind={line.kind} data-given={o ? 'yes' : 'no'}>
      <div className="case-opinion-head">
        <strong>{line.mass_organisation.name}</strong>
        <span> — {line.kind_label}{line.form ? ` (mẫu ${line.form})` : ''}<RuleCitation code={line.form ? 'S6' : 'S7'} /></span>
      </div>
      {line.reason && <div className="muted">{line.reason}</div>}
      {o ? (
        <div className="case-opinion-given"><strong>Ngày {formatDate(o.given_on)}:</strong> {o.content}</div>
      ) : <Tag color="orange">Chưa có ý kiến</Tag>}
    </li>
  );
}
