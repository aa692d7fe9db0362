import { expect, kDesktop, kPassword, login, test } from './harness';

// Any role changes its own password from the user menu. A dedicated fixture account (doimatkhau,
// a leader: the least powerful role) so that no other spec's login is affected.
const kNewPassword = 'Mật khẩu mới 2026';

test('a user changes their own password and logs in with the new one', async ({ newPage, fixture, screenshot, expectApiStatus }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'doimatkhau');
  await page.locator('.app-user').getByRole('link', { name: 'Đổi mật khẩu' }).click();
  await page.getByRole('heading', { name: 'Đổi mật khẩu', level: 1 }).waitFor();

  // A wrong current password: refused, the message next to the field.
  expectApiStatus(403, /^\/api\/v1\/auth\/password$/);
  await page.getByLabel('Mật khẩu hiện tại').fill('sai-mat-khau-roi');
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill(kNewPassword);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(kNewPassword);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  const currentItem = page.locator('.ant-form-item').filter({ has: page.getByLabel('Mật khẩu hiện tại') });
  await currentItem.getByText('Mật khẩu hiện tại không đúng').waitFor();

  await page.getByLabel('Mật khẩu hiện tại').fill(kPassword);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await page.getByText('Đã đổi mật khẩu').waitFor();
  await screenshot(page, 'doi-mat-khau');

  // This session stays; the old password no longer opens one, the new one does.
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
  expectApiStatus(401, /^\/api\/v1\/auth\/login$/);
  await page.getByLabel('Tên đăng nhập').fill('doimatkhau');
  await page.getByLabel('Mật khẩu').fill(kPassword);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByText('Tên đăng nhập hoặc mật khẩu không đúng').waitFor();
  await page.getByLabel('Mật khẩu').fill(kNewPassword);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  // Back on the page the user left (Đổi mật khẩu), logged in.
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
  const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
  expect(me === 200, `GET /auth/me answers ${me} after logging in with the new password`);
});
