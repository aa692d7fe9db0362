import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { Form } from 'antd';
import { VoteFields } from './VoteFields';

function Harness({ action = 'cell_vote', serverErrors = {} as Record<string, string> }) {
  const [form] = Form.useForm();
  return (
    <Form form={form}>
      <VoteFields form={form} action={action}
        serverError={(f) => (serverErrors[f] ? { help: serverErrors[f], validateStatus: 'error' } : {})} />
    </Form>
  );
}

async function type(label: string, value: string) {
  await act(async () => {
    fireEvent.change(screen.getByRole('spinbutton', { name: label }), { target: { value } });
  });
}

describe('VoteFields', () => {
  it('checks 2/3 of all official members as the user types', async () => {
    render(<Harness />);
    expect(screen.getByRole('status').textContent).toMatch(/Nhập tổng số đảng viên chính thức/);
    await type('Tổng số đảng viên chính thức của chi bộ', '8');
    await type('Số có mặt tại cuộc họp', '8');
    await type('Số tán thành', '5');
    expect(screen.getByRole('status').textContent).toMatch(/^Chưa đủ 2\/3: 5\/8 tán thành, cần ít nhất 6/);
    expect(screen.getByRole('status').querySelector('[data-citation="S9"]')).toBeTruthy();
    await type('Tổng số đảng viên chính thức của chi bộ', '9');
    await type('Số tán thành', '6');
    expect(screen.getByRole('status').textContent).toMatch(/Đạt: 6\/9 tán thành/);
  });

  it('names the rule of a recognition vote (P4) and of a committee vote (S11)', () => {
    const { unmount } = render(<Harness action="recognition_cell_vote" />);
    expect(screen.getByRole('status').querySelector('[data-citation="P4"]')).toBeTruthy();
    expect(screen.getByRole('status').textContent).not.toMatch(/\[P4\]/);
    unmount();
    render(<Harness action="grassroots_vote" />);
    expect(screen.getByRole('status').querySelector('[data-citation="S11"]')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(/cấp ủy viên/);
  });

  it('shows a server refusal next to the field it names', () => {
    render(<Harness serverErrors={{ 'vote.eligible': 'Chi bộ có 9 đảng viên chính thức' }} />);
    expect(screen.getByText('Chi bộ có 9 đảng viên chính thức')).toBeTruthy();
  });
});
