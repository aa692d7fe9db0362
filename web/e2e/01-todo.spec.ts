import { expect, kDesktop, kPhone, login, test } from './harness';

test('a ward specialist logs in and lands on Việc cần làm', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  expect(page.url() === `${fixture.baseUrl}/`, `landed on ${page.url()}`);
  // Nothing due soon: said on one line, not in an empty half of the page.
  const soon = page.getByRole('region', { name: 'Sắp đến hạn' });
  await page.locator('.todo-overdue .deadline-item, .todo-overdue .empty').first().waitFor();
  if ((await page.getByTestId('due_soon-count').innerText()) === '0') {
    expect((await soon.innerText()).includes('Không có hồ sơ sắp đến hạn'), 'the empty due-soon list says nothing');
    const box = (await soon.boundingBox())!;
    expect(box.height <= 80 && box.width > 1000, `the empty due-soon list takes ${box.width}×${box.height} px`);
  }
  await screenshot(page, 'viec-can-lam-desktop');
});

test('an overdue case is marked on Việc cần làm', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  const overdue = page.locator('.todo-overdue .deadline-item[data-status="overdue"]');
  await overdue.first().waitFor();
  expect((await overdue.count()) > 0, 'no overdue item');
  const badge = await overdue.first().locator('.badge').innerText();
  expect(/^Quá hạn \d+ ngày/.test(badge), `badge reads «${badge}»`);
  const count = await page.getByTestId('overdue-count').innerText().catch(() => '');
  expect(count === '' || Number(count) > 0, `overdue count ${count}`);
  // The overdue item opens its case.
  const name = await overdue.first().locator('.deadline-person').innerText();
  await overdue.first().locator('.deadline-person').click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  const phone = await newPage(kPhone);
  await login(phone, fixture.baseUrl, 'taylocdu');
  await phone.locator('.deadline-item').first().waitFor();
  await screenshot(phone, 'viec-can-lam-phone');
});

test('the larger-text switch is remembered', async ({ newPage, fixture }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  await page.getByRole('switch', { name: 'Chữ to' }).click();
  await page.reload();
  await page.getByRole('heading', { name: 'Việc cần làm', level: 1 }).waitFor();
  const large = await page.evaluate(() => document.documentElement.classList.contains('large-text'));
  expect(large, 'large text not kept after reload');
});

test('Việc cần làm names why blocked cases are stuck and shows the work done', async ({ newPage, fixture }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'admin');
  const blocked = page.getByRole('region', { name: 'Hồ sơ đang vướng' });
  const reason = blocked.locator('.blocked-reason').first();
  await reason.waitFor();
  const text = await reason.innerText();
  // Plain words first; the rule only as a citation after them.
  expect(/^Chưa đủ điều kiện: \S/.test(text), `the reason reads «${text}»`);
  const citation = await reason.locator('[data-citation]').innerText();
  expect(/^[A-Z]\d+[a-z]?$/.test(citation) && text.trim().endsWith(citation), `the reason cites «${citation}» in «${text}»`);
  await blocked.getByRole('link', { name: /^Xem tất cả \d+ hồ sơ đang vướng$/ }).click();
  await page.waitForURL(/\/ho-so\?due=blocked$/);
  await page.getByRole('columnheader', { name: 'Đang vướng' }).waitFor();
  // Recent activity is the work (case steps, people), not logins.
  await page.goto(`${fixture.baseUrl}/`);
  const activity = page.getByRole('region', { name: 'Hoạt động gần đây' }).locator('.activity-item');
  await activity.first().waitFor();
  const items = await activity.allInnerTexts();
  expect(!items.some((i) => i.includes('Đăng nhập')), `activity lists logins: ${items.slice(0, 3).join(' | ')}`);
});
