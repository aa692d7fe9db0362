import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { CaseView } from '../api/types';
import { mockApi, renderPage } from '../test/mockApi';
import { setServerToday } from '../lib/serverToday';
import { StepForm } from './StepForm';

const kReference = {
  stages: [{ code: 'sympathiser', label: 'Cảm tình Đảng' }],
  actions: [
    { code: 'assign_helper', label: 'Phân công đảng viên giúp đỡ', form: '', fields: ['date', 'documents', 'note', 'member_person_id'] },
    { code: 'add_introducer', label: 'Ghi nhận người giới thiệu', form: '3-KNĐ', fields: ['date', 'documents', 'note', 'member_person_id', 'together_since', 'replacement'] },
    { code: 'cell_vote', label: 'Chi bộ xét, đề nghị kết nạp', form: '6-KNĐ', fields: ['date', 'documents', 'note', 'vote'] },
  ],
  categories: [], relations: [], roles: [], rules: [],
};

const view = {
  case: { id: 41, version: 3 },
  evaluation: {
    stage: 'dossier', allowed_actions: ['assign_helper', 'add_introducer', 'cell_vote'],
    unmet: [
      { rule: 'S2', message: 'Chưa đủ điều kiện: chưa có đơn xin vào Đảng (1-KNĐ)', blocking: true },
      { rule: 'R4', message: 'Chưa đủ điều kiện: cần một đảng viên chính thức giới thiệu (3-KNĐ)', blocking: true },
    ],
  },
} as unknown as CaseView;

function show(initialAction?: string) {
  mockApi({ 'GET /reference': { body: kReference } });
  setServerToday('2023-11-15');
  renderPage(
    <StepForm view={view} allowed={['assign_helper', 'add_introducer', 'cell_vote']} open onClose={vi.fn()} onRecorded={vi.fn()} onStale={vi.fn()} initialAction={initialAction} />,
    '/ho-so/41', '/ho-so/:id',
  );
}

describe('StepForm', () => {
  it('preselects the step that resolves an unmet condition and says why', async () => {
    localStorage.clear();
    show();
    const hint = await screen.findByRole('note');
    expect(hint.textContent).toBe('Bước tiếp theo còn thiếu: cần một đảng viên chính thức giới thiệu (3-KNĐ); gợi ý ghi nhận: Ghi nhận người giới thiệu.');
    const select = screen.getByLabelText('Bước cần ghi nhận').closest('.ant-select') as HTMLElement;
    expect(select.textContent).toContain('Ghi nhận người giới thiệu');
    // The step date is the server's today; the document's date follows it; the form code is offered.
    // The form fills them once the preselected step is set: on a loaded machine, after a while.
    await waitFor(() => expect((screen.getByLabelText('Ngày thực hiện') as HTMLInputElement).value).toBe('15/11/2023'));
    await waitFor(() => expect((screen.getByLabelText('Ngày văn bản 1') as HTMLInputElement).value).toBe('15/11/2023'));
    const code = screen.getByLabelText('Mẫu văn bản 1') as HTMLInputElement;
    await waitFor(() => expect(code.value).toBe('3-KNĐ'));
    fireEvent.mouseDown(code);
    fireEvent.change(code, { target: { value: '' } });
    await waitFor(() => expect(document.querySelectorAll('.ant-select-dropdown .ant-select-item-option').length).toBeGreaterThan(0));
    const offered = [...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')].map((o) => o.textContent);
    expect(offered).toEqual(['3-KNĐ']);
    // The blocked main-line step is marked in the list of steps.
    fireEvent.mouseDown(screen.getByLabelText('Bước cần ghi nhận'));
    const blocked = await screen.findByText('— chưa đủ điều kiện');
    expect(blocked.closest('.ant-select-item-option')?.getAttribute('title')).toContain('cần một đảng viên chính thức giới thiệu');
  });

  it('lists the reasons when the blocked step is selected', async () => {
    localStorage.clear();
    show('cell_vote');
    const alert = (await screen.findByText('Chưa đủ điều kiện để ghi nhận bước này')).closest('.ant-alert') as HTMLElement;
    const items = within(alert).getAllByRole('listitem');
    // Plain words first, the rule only as a citation beside them.
    expect(items.map((li) => li.firstChild?.textContent)).toEqual([
      'chưa có đơn xin vào Đảng (1-KNĐ)',
      'cần một đảng viên chính thức giới thiệu (3-KNĐ)',
    ]);
    expect(items.map((li) => li.querySelector('[data-citation]')?.textContent)).toEqual(['S2', 'R4']);
    expect((screen.getByLabelText('Mẫu văn bản 1') as HTMLInputElement).value).toBe('6-KNĐ');
  });
});
