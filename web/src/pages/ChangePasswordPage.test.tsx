import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { callsTo, kUsers, mockApi, renderPage } from '../test/mockApi';
import ChangePasswordPage from './ChangePasswordPage';

function fill(current: string, next: string, repeat: string) {
  fireEvent.change(screen.getByLabelText('Mật khẩu hiện tại'), { target: { value: current } });
  fireEvent.change(screen.getByLabelText('Mật khẩu mới'), { target: { value: next } });
  fireEvent.change(screen.getByLabelText('Nhập lại mật khẩu mới'), { target: { value: repeat } });
  fireEvent.click(screen.getByText('Đổi mật khẩu', { selector: 'button span' }));
}

describe('ChangePasswordPage', () => {
  it('sends the current and the new password and confirms', async () => {
    const calls = mockApi({ 'POST /auth/password': { status: 204 } }, kUsers.centre);
    renderPage(<ChangePasswordPage />, '/doi-mat-khau', '/doi-mat-khau');
    await screen.findByLabelText('Mật khẩu hiện tại');
    fill('Hue@2023demo', 'Mật khẩu mới 2026', 'Mật khẩu mới 2026');
    await screen.findByText('Đã đổi mật khẩu');
    const sent = callsTo(calls, 'POST', '/auth/password');
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toEqual({ current_password: 'Hue@2023demo', new_password: 'Mật khẩu mới 2026' });
    expect(sent[0].headers['X-CSRF-Token']).toBe('t');
  });

  it('checks the repeat and the length before sending', async () => {
    const calls = mockApi({ 'POST /auth/password': { status: 204 } });
    renderPage(<ChangePasswordPage />, '/doi-mat-khau', '/doi-mat-khau');
    await screen.findByLabelText('Mật khẩu hiện tại');
    fill('Hue@2023demo', 'ngan', 'khac');
    await screen.findByText('Mật khẩu phải có ít nhất 10 ký tự');
    await screen.findByText('Hai lần nhập mật khẩu mới không khớp');
    expect(callsTo(calls, 'POST', '/auth/password')).toHaveLength(0);
  });

  it('shows the server’s refusal next to the field it names', async () => {
    mockApi({
      'POST /auth/password': {
        status: 403,
        body: { error: { code: 'forbidden', message: 'Mật khẩu hiện tại không đúng', field: 'current_password' } },
      },
    });
    renderPage(<ChangePasswordPage />, '/doi-mat-khau', '/doi-mat-khau');
    await screen.findByLabelText('Mật khẩu hiện tại');
    fill('sai-mat-khau', 'Mật khẩu mới 2026', 'Mật khẩu mới 2026');
    const message = await screen.findByText('Mật khẩu hiện tại không đúng');
    await waitFor(() =>
      expect(message.closest('.ant-form-item')?.querySelector('#current_password')).toBeTruthy());
    expect(screen.queryByText('Đã đổi mật khẩu')).toBeNull();
  });
});
