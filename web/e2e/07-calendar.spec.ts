import { expect, kDesktop, login, test } from './harness';

test('the administrator adds a holiday and removes it again', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'admin');
  await page.getByRole('link', { name: 'Lịch làm việc' }).click();
  // The server's year (the demo runs on 15/11/2023), not the browser's.
  await page.getByRole('heading', { name: 'Lịch làm việc năm 2023', level: 1 }).waitFor();
  const summary = page.locator('.calendar-summary');
  await summary.waitFor();
  const before = Number(/có (\d+) ngày làm việc/.exec(await summary.innerText())![1]);
  const entry = page.locator('.special-days li[data-date="2023-12-22"]');
  expect((await entry.count()) === 0, '22/12/2023 is already special');

  await page.getByRole('button', { name: '22/12/2023', exact: true }).click();
  const modal = page.locator('.ant-modal:visible');
  await modal.getByText('Ngày nghỉ', { exact: true }).click();
  await modal.getByLabel('Ghi chú (căn cứ)').fill('Kiểm thử: nghỉ bù');
  await modal.getByRole('button', { name: 'Lưu' }).click();
  await entry.waitFor();
  expect((await entry.getAttribute('data-origin')) === 'override', 'not marked as an override');
  expect((await entry.innerText()).includes('Kiểm thử: nghỉ bù'), 'the note is missing');
  await summary.getByText(`có ${before - 1} ngày làm việc`).waitFor();
  await screenshot(page, 'lich-dieu-chinh');

  await page.getByRole('button', { name: /^22\/12\/2023: nghỉ/ }).click();
  await page.locator('.ant-modal:visible').getByRole('button', { name: 'Bỏ điều chỉnh ngày này' }).click();
  await entry.waitFor({ state: 'detached' });
  await summary.getByText(`có ${before} ngày làm việc`).waitFor();
});

test('a ward specialist sees the calendar but cannot change it', async ({ newPage, fixture }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  await page.goto(`${fixture.baseUrl}/lich`);
  await page.getByRole('heading', { name: 'Lịch làm việc năm 2023', level: 1 }).waitFor();
  await page.locator('.special-days li').first().waitFor();
  expect((await page.locator('.month-grid button').count()) === 0, 'days are clickable');
});
