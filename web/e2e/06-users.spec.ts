import { expect, kDesktop, login, pick, test } from './harness';

test('the administrator creates an account and locks it', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'admin');
  await page.getByRole('link', { name: 'Tài khoản' }).click();
  await page.getByRole('heading', { name: 'Tài khoản người dùng', level: 1 }).waitFor();
  const table = page.locator('.users-page .ant-table');
  const bithu = table.locator('tr', { hasText: 'bithu.tayloc' });
  await bithu.waitFor();
  expect((await bithu.innerText()).includes('Bí thư chi bộ'), 'the role label is missing');
  await screenshot(page, 'tai-khoan-quan-tri');

  await page.getByRole('button', { name: '+ Thêm tài khoản' }).click();
  const modal = page.locator('.ant-modal:visible');
  await modal.getByLabel('Tên đăng nhập').fill('bithu.kiemthu');
  await modal.getByLabel('Họ và tên').fill('Trần Văn Kiểm');
  await pick(page, 'Vai trò', 'Bí thư chi bộ');
  await modal.getByRole('combobox', { name: 'Đơn vị' }).click();
  await modal.getByRole('combobox', { name: 'Đơn vị' }).fill('Kiểm thử');
  await page.locator('.ant-select-tree-treenode:visible').filter({ hasText: 'Chi bộ Tổ dân phố Kiểm thử' }).first().click();
  await modal.getByLabel('Mật khẩu ban đầu (ít nhất 10 ký tự)').fill('Kiem@thu2023');
  await modal.getByRole('button', { name: 'Tạo tài khoản' }).click();
  const row = table.locator('tr', { hasText: 'bithu.kiemthu' });
  await row.waitFor();
  const text = await row.innerText();
  expect(text.includes('Trần Văn Kiểm') && text.includes('Bí thư chi bộ') && text.includes('Đang dùng'), `new row reads «${text}»`);

  await row.getByRole('button', { name: 'Khóa' }).click();
  await row.getByText('Đã khóa').waitFor();
  await row.getByRole('button', { name: 'Mở khóa' }).waitFor();
});
