import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import type { CaseEvent } from '../api/types';
import { mockApi, renderPage } from '../test/mockApi';
import { currentHelperId, HelperLine } from './HelperLine';

const ev = (action: string, member?: number) => ({ action, date: '2023-01-01', documents: [], member_person_id: member }) as unknown as CaseEvent;

describe('currentHelperId', () => {
  it('takes the member of the latest helper step', () => {
    expect(currentHelperId([])).toBeUndefined();
    expect(currentHelperId([ev('mark_sympathiser', 5), ev('record_certificate')])).toBe(5);
    expect(currentHelperId([ev('mark_sympathiser', 5), ev('assign_helper', 9), ev('open_dossier')])).toBe(9);
    expect(currentHelperId([ev('add_introducer', 7)])).toBeUndefined();
  });
});

describe('HelperLine', () => {
  it('names the helper and offers to change them', async () => {
    mockApi({ 'GET /people/9': { body: { person: { id: 9, full_name: 'Trần Thị Hoa' } } } });
    const onAssign = vi.fn();
    renderPage(<HelperLine events={[ev('assign_helper', 9)]} onAssign={onAssign} />, '/', '/');
    // The name arrives after the person is read; until then the line says it is loading.
    expect((await screen.findByText('Trần Thị Hoa')).getAttribute('data-testid')).toBe('helper-name');
    fireEvent.click(screen.getByRole('button', { name: 'Đổi người giúp đỡ' }));
    expect(onAssign).toHaveBeenCalled();
  });

  it('says when no helper is assigned', async () => {
    mockApi({});
    renderPage(<HelperLine events={[ev('open_dossier')]} onAssign={vi.fn()} />, '/', '/');
    expect(await screen.findByText('chưa phân công')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Phân công người giúp đỡ' })).toBeTruthy();
  });
});
