import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, CaseEvent } from '../api/types';
import { unauditedSteps } from '../pages/CasePage';
import { RuleCitation } from './RuleCitation';
import { Withheld } from './Withheld';

describe('RuleCitation', () => {
  it('shows the code only as a marked citation that names the rule', () => {
    render(<p>Chưa đủ 2/3<RuleCitation code="S9" /></p>);
    const citation = document.querySelector('[data-citation="S9"]')!;
    expect(citation.tagName).toBe('SUP');
    expect(citation.getAttribute('aria-label')).toBe('Căn cứ: Chi bộ xét, đề nghị kết nạp (6-KNĐ)');
    expect(screen.getByText('Chưa đủ 2/3').textContent).toBe('Chưa đủ 2/3S9');
  });

  it('shows nothing without a code', () => {
    const { container } = render(<RuleCitation code={undefined} />);
    expect(container.innerHTML).toBe('');
  });
});

describe('Withheld', () => {
  it('says the value is not shown and why', () => {
    render(<Withheld />);
    expect(screen.getByText('(không hiển thị)').getAttribute('aria-label')).toBe('(không hiển thị): Bạn không có quyền xem thông tin này');
  });
});

describe('case history', () => {
  const event = (action: string, date: string): CaseEvent => ({ id: 1, case_id: 5, seq: 1, action, date, actor: 'system', recorded_at: '', documents: [] }) as CaseEvent;
  const entry = (action: string, date: string): AuditEntry => ({
    seq: 1, at: '2023-11-15T00:00:00Z', actor: 'taylocdu', role: 'grassroots_staff', address: '', action: `case.${action}`,
    entity: 'case', entity_id: 5, org_id: 1, before: null, after: { case: { id: 5 }, event: { action, date } },
  }) as AuditEntry;

  it('lists apart the steps no history entry recorded (loaded with the initial data)', () => {
    const events = [event('mark_sympathiser', '2022-01-10'), event('record_certificate', '2022-03-01'), event('cell_vote', '2023-11-15')];
    expect(unauditedSteps(events, [])).toHaveLength(3);
    expect(unauditedSteps(events, [entry('cell_vote', '2023-11-15')]).map((e) => e.action)).toEqual(['mark_sympathiser', 'record_certificate']);
    // The same step twice needs two entries.
    const twice = [event('recognition_cell_vote', '2023-11-15'), event('recognition_cell_vote', '2023-11-15')];
    expect(unauditedSteps(twice, [entry('recognition_cell_vote', '2023-11-15')])).toHaveLength(1);
  });
});
