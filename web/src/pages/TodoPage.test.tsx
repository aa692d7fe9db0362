import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { mockApi, renderPage } from '../test/mockApi';
import { TodoPage } from './TodoPage';

const row = (id: number, status: 'overdue' | 'due_soon', name: string) => ({
  case_id: id, person_name: name, stage: 'sympathiser', rule: 'S2', label: 'Học lớp nhận thức về Đảng', due: '2023-10-01',
  status, days: 30, working_days: true, text: status === 'overdue' ? 'quá hạn 30 ngày' : 'còn 3 ngày làm việc',
});

function answer(items: ReturnType<typeof row>[]) {
  return {
    'GET /deadlines': { body: { on: '2023-11-15', items } },
    'GET /cases': { body: { items: [], total: 0, page: 1, page_size: 10, counts_by_stage: {}, on: '2023-11-15' } },
  };
}

describe('TodoPage', () => {
  it('says “nothing due soon” on one line across the page, not in a half-page card', async () => {
    mockApi(answer([row(1, 'overdue', 'Nguyễn Văn An'), row(2, 'overdue', 'Trần Thị Bình')]));
    renderPage(<TodoPage />, '/', '/');
    await screen.findByText('Nguyễn Văn An');
    const soon = screen.getByRole('region', { name: 'Sắp đến hạn' });
    expect(soon.classList.contains('todo-line')).toBe(true);
    expect(within(soon).getByText('Không có hồ sơ sắp đến hạn')).toBeTruthy();
    expect(within(soon).getByTestId('due_soon-count').textContent).toBe('0');
    // Above the lists, so that the overdue and blocked lists sit side by side.
    const grid = soon.parentElement!;
    expect(grid.firstElementChild).toBe(soon);
    expect(screen.getByRole('region', { name: 'Quá hạn' }).classList.contains('todo-line')).toBe(false);
  });

  it('lists the cases due soon in their own card', async () => {
    mockApi(answer([row(1, 'overdue', 'Nguyễn Văn An'), row(3, 'due_soon', 'Lê Văn Cường')]));
    renderPage(<TodoPage />, '/', '/');
    const soon = await screen.findByRole('region', { name: 'Sắp đến hạn' });
    await within(soon).findByText('Lê Văn Cường');
    expect(soon.classList.contains('todo-line')).toBe(false);
    expect(screen.queryByText('Không có hồ sơ sắp đến hạn')).toBeNull();
  });
});
