import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import type { CaseEvent } from '../api/types';
import { CaseTimeline, timelineSteps } from './CaseTimeline';

let seq = 0;
const ev = (action: string, date: string, extra: Partial<CaseEvent> = {}): CaseEvent => ({
  id: ++seq, case_id: 1, seq, actor: 'bithua', recorded_at: `${date}T08:00:00Z`, action, date, documents: [], ...extra,
});

const dossierEvents = [
  ev('mark_sympathiser', '2022-01-10'),
  ev('record_certificate', '2022-03-01'),
  ev('open_dossier', '2023-06-01'),
  ev('stamp_biography', '2023-06-05'),
];

describe('timelineSteps', () => {
  it('marks done, current and ahead steps with their dates', () => {
    const steps = timelineSteps('dossier', '2022-01-05', dossierEvents);
    expect(steps.slice(0, 5).map((s) => [s.stage, s.status, s.date])).toEqual([
      ['source', 'done', '2022-01-05'],
      ['sympathiser', 'done', '2022-01-10'],
      ['certified', 'done', '2022-03-01'],
      ['dossier', 'current', '2023-06-01'],
      ['cell_approved', 'ahead', null],
    ]);
    expect(steps).toHaveLength(13);
  });

  it('marks the intermediate appraisal skipped where there is no intermediate committee', () => {
    const steps = timelineSteps('grassroots_approved', '2022-01-05', [
      ...dossierEvents,
      ev('cell_vote', '2023-11-10', { vote: { eligible: 9, present: 9, in_favour: 6, against: 3 } }),
      ev('grassroots_vote', '2023-11-20', { vote: { eligible: 11, present: 11, in_favour: 11, against: 0 } }),
    ]);
    expect(steps.find((s) => s.stage === 'intermediate_appraised')!.status).toBe('skipped');
    expect(steps.find((s) => s.stage === 'grassroots_approved')!.status).toBe('current');
  });

  it('ends a withdrawn case with its closing step', () => {
    const steps = timelineSteps('withdrawn', '2022-01-05', [...dossierEvents.slice(0, 2), ev('withdraw', '2022-05-01')]);
    expect(steps.map((s) => s.status)).toEqual(['done', 'done', 'done', 'closed']);
    expect(steps.at(-1)).toMatchObject({ stage: 'withdrawn', date: '2022-05-01', label: 'Dừng theo dõi' });
  });

  it('shows an official member with every step done', () => {
    const steps = timelineSteps('official', '2020-01-01', [ev('recognition_decision', '2023-01-01')]);
    expect(steps.at(-1)).toMatchObject({ stage: 'official', status: 'done' });
  });
});

describe('CaseTimeline', () => {
  it('renders Vietnamese labels, dd/mm/yyyy dates and marks the current step', () => {
    render(<CaseTimeline stage="dossier" openedOn="2022-01-05" events={dossierEvents} />);
    const current = screen.getByText('Lập hồ sơ đề nghị kết nạp').closest('li')!;
    expect(current.getAttribute('aria-current')).toBe('step');
    expect(current.textContent).toMatch(/Đang ở bước này · 01\/06\/2023/);
    expect(screen.getByText('Cảm tình Đảng').closest('li')!.textContent).toMatch(/Đã xong · 10\/01\/2022/);
    expect(screen.getByText('Đảng viên chính thức').closest('li')!.textContent).toMatch(/Chưa đến/);
  });
});
