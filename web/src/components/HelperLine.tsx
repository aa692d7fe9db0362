import { Button, Typography } from 'antd';
import { api } from '../api/client';
import type { CaseEvent, Person } from '../api/types';
import { useApi } from '../lib/useApi';

// The current helper (DOMAIN S0, P2): the member of the latest mark_sympathiser / assign_helper step.
export function currentHelperId(events: CaseEvent[]): number | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if ((e.action === 'mark_sympathiser' || e.action === 'assign_helper') && e.member_person_id) return e.member_person_id;
  }
  return undefined;
}

// "Người giúp đỡ: …" on the case page, with the button that opens the step form on assign_helper.
export function HelperLine({ events, onAssign }: { events: CaseEvent[]; onAssign?: () => void }) {
  const helperId = currentHelperId(events);
  const person = useApi(
    (signal) => helperId
      ? api.get<{ person: Person }>(`/people/${helperId}`, { signal }).then((r) => r.person)
      : Promise.resolve(undefined),
    [helperId],
  );
  const name = !helperId
    ? undefined
    : person.data?.full_name ?? (person.loading ? '…' : '(không đọc được họ tên)');
  return (
    <div className="helper-line">
      <span>Người giúp đỡ: </span>
      {name ? <strong data-testid="helper-name">{name}</strong> : <Typography.Text type="secondary">chưa phân công</Typography.Text>}
      {onAssign && (
        <Button size="small" className="no-print" onClick={onAssign} style={{ marginLeft: 12 }}>
          {helperId ? 'Đổi người giúp đỡ' : 'Phân công người giúp đỡ'}
        </Button>
      )}
    </div>
  );
}
