import type { CaseEvent } from '../api/types';
import { formatDate } from '../lib/format';
import { kClosedStages, kMainStages, kStages, labelOf } from '../lib/labels';
import { useReference } from '../lib/reference';

// The action that brings a case into each stage of the main line (docs/architecture.md).
const kReachedBy: Record<string, string> = {
  sympathiser: 'mark_sympathiser',
  certified: 'record_certificate',
  dossier: 'open_dossier',
  cell_approved: 'cell_vote',
  intermediate_appraised: 'intermediate_appraisal',
  grassroots_approved: 'grassroots_vote',
  admitted: 'admission_decision',
  probation: 'ceremony',
  recognition_cell_approved: 'recognition_cell_vote',
  recognition_intermediate_appraised: 'recognition_intermediate',
  recognition_grassroots_approved: 'recognition_grassroots_vote',
  official: 'recognition_decision',
};

const kClosedBy: Record<string, string> = {
  withdrawn: 'withdraw',
  not_admitted: 'reject_admission',
  removed: 'remove_name',
  cancelled: 'cancel_decision',
};

export type StepStatus = 'done' | 'current' | 'ahead' | 'skipped' | 'closed';

export interface TimelineStep {
  stage: string;
  label: string;
  status: StepStatus;
  date: string | null;
}

// The procedure as steps: done (with the date it was reached), the current one, those ahead;
// a stage passed without its own event (no intermediate committee, a failed vote later
// overturned) is "skipped"; a closed case ends with its closing step.
export function timelineSteps(
  stage: string,
  openedOn: string,
  events: CaseEvent[],
  label: (code: string) => string = (code) => labelOf(kStages, code),
): TimelineStep[] {
  // The date of the last event of an action; a recognition vote may be recorded more than once.
  const lastDate = (action: string): string | null => {
    let date: string | null = null;
    for (const e of events) {
      if (e.action === action && (!e.vote || e.vote.in_favour * 3 >= e.vote.eligible * 2 || action !== 'recognition_cell_vote')) {
        date = e.date;
      }
    }
    return date;
  };
  const closed = kClosedStages.includes(stage) && stage !== 'official';
  // The furthest main-line stage reached.
  let reached = 0;
  if (!closed) {
    reached = kMainStages.indexOf(stage);
  } else {
    kMainStages.forEach((s, i) => {
      if (i === 0 || lastDate(kReachedBy[s])) reached = i;
    });
  }
  const steps: TimelineStep[] = kMainStages.map((s, i) => {
    const date = i === 0 ? openedOn : lastDate(kReachedBy[s]);
    let status: StepStatus;
    if (i < reached) status = date ? 'done' : 'skipped';
    else if (i === reached) status = closed ? 'done' : stage === 'official' ? 'done' : 'current';
    else status = 'ahead';
    return { stage: s, label: label(s), status, date };
  });
  if (closed) {
    const end = steps.slice(0, reached + 1);
    end.push({ stage, label: label(stage), status: 'closed', date: lastDate(kClosedBy[stage]) });
    return end;
  }
  return steps;
}

const kStatusText: Record<StepStatus, string> = {
  done: 'Đã xong',
  current: 'Đang ở bước này',
  ahead: 'Chưa đến',
  skipped: 'Không áp dụng',
  closed: 'Kết thúc',
};

export function CaseTimeline({ stage, openedOn, events }: { stage: string; openedOn: string; events: CaseEvent[] }) {
  const { stageLabel } = useReference();
  const steps = timelineSteps(stage, openedOn, events, stageLabel);
  return (
    <ol className="timeline" aria-label="Các bước của quy trình">
      {steps.map((s) => (
        <li key={s.stage} className={`timeline-step timeline-${s.status}`} data-status={s.status} aria-current={s.status === 'current' ? 'step' : undefined}>
          <span className="timeline-dot" aria-hidden="true">{s.status === 'done' ? '✓' : s.status === 'closed' ? '■' : ''}</span>
          <span className="timeline-label">{s.label}</span>
          <span className="timeline-meta">
            <span className="timeline-status">{kStatusText[s.status]}</span>
            {s.date ? <span className="timeline-date"> · {formatDate(s.date)}</span> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
