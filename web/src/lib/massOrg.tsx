// The ward's mass organisations (tổ chức chính trị - xã hội) in the UI: the words of a
// nomination's state, and the cells of a ward a nomination may be taken into.
import { Tag } from 'antd';
import type { Nomination, NominationStatus, OrgTreeRow } from '../api/types';
import { transferChoices } from '../components/CaseTransfer';
import type { UnitOption } from './orgAdmin';

export const kNominationStatuses: { value: NominationStatus; label: string }[] = [
  { value: 'waiting', label: 'Chờ xem xét' },
  { value: 'accepted', label: 'Đã tiếp nhận vào nguồn' },
  { value: 'declined', label: 'Không tiếp nhận' },
];

const kStatusColours: Record<NominationStatus, string> = { waiting: 'gold', accepted: 'green', declined: 'red' };

export function NominationStatusTag({ nomination }: { nomination: Pick<Nomination, 'status' | 'status_label'> }) {
  const label = nomination.status_label || kNominationStatuses.find((s) => s.value === nomination.status)?.label;
  return <Tag color={kStatusColours[nomination.status]} className="nomination-status" data-status={nomination.status}>{label}</Tag>;
}

// What became of a decided nomination, in one line: the cell and the stage of the case it
// opened, or the reason it was declined.
export function decisionText(n: Nomination, formatDate: (iso: string | null) => string): string {
  const on = n.decided_on ? ` ngày ${formatDate(n.decided_on)}` : '';
  if (n.status === 'accepted') {
    const where = n.cell ? `vào ${n.cell.name}` : 'vào nguồn';
    return `Tiếp nhận ${where}${on}${n.stage_label ? `; hiện: ${n.stage_label}` : ''}`;
  }
  if (n.status === 'declined') return `Không tiếp nhận${on}${n.decision_note ? `: ${n.decision_note}` : ''}`;
  return '';
}

// The cells of the ward `wardCode` (at any depth below it) that exist on `today`, as the case
// transfer lists them: the cell a nominated person is taken into.
export function wardCells(rows: readonly OrgTreeRow[], wardCode: string, today: string): UnitOption[] {
  const ward = rows.find((r) => r.code === wardCode);
  if (!ward) return [];
  const below = new Set<number>([ward.id]);
  // Rows come in any order: repeat until no new descendant is found.
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows) {
      if (r.parent_id !== null && below.has(r.parent_id) && !below.has(r.id)) {
        below.add(r.id);
        grew = true;
      }
    }
  }
  const subtree = rows.filter((r) => below.has(r.id));
  // A grassroots cell is its own ward: the person is taken into it.
  return transferChoices(subtree, -1, today);
}
