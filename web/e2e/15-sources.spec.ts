import { expect, kDesktop, kPhone, login, test, until } from './harness';

// Sources (S0): a ward's pool of sources with its filters and per-category counts
// against targets, and the committee's periodic review recorded.
test('a ward reads its sources, filters them and records a review', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  await page.locator('#app-nav').getByRole('link', { name: 'Nguồn phát triển đảng viên', exact: true }).click();
  await page.getByRole('heading', { name: 'Nguồn phát triển đảng viên', level: 1 }).waitFor();
  const counts = page.locator('.source-counts-table tbody tr.ant-table-row');
  await counts.first().waitFor();
  expect(await counts.count() >= 5, 'fewer categories than the reference has');
  const rows = page.locator('.sources-table tbody tr.ant-table-row');
  await rows.first().waitFor();
  const all = await rows.count();
  const text = await page.locator('.sources-table tbody').innerText();
  expect(!text.includes('Vỹ Dạ'), 'another ward’s source listed');
  await screenshot(page, 'nguon');

  const requests: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/api/v1/sources?')) requests.push(r.url()); });
  const overdueBox = page.getByLabel('Chỉ người quá hạn rà soát');
  await overdueBox.click();
  await until(() => overdueBox.isChecked(), (v) => v, () => 'the overdue filter is not ticked');
  await until(async () => requests.at(-1) ?? '', (u) => u.includes('review=overdue'), (u) => `last request ${u}`);
  await page.waitForLoadState('networkidle');
  const overdue = await page.locator('.sources-table tbody tr.ant-table-row').count();
  expect(overdue <= all, `${overdue} overdue of ${all}`);

  await page.getByRole('button', { name: 'Ghi nhận rà soát' }).click();
  const modal = page.locator('.ant-modal:visible');
  expect(await modal.getByLabel('Ngày rà soát').inputValue() === '15/11/2023', 'the review date is not the server’s today');
  await modal.getByLabel('Ghi chú (kết quả rà soát)').fill('Rà soát quý IV: bổ sung 2 giáo viên (kiểm thử)');
  await modal.getByRole('button', { name: 'Ghi nhận' }).click();
  await page.locator('.reviews-card').getByText('bổ sung 2 giáo viên (kiểm thử)').waitFor();
  await page.locator('.reviews-card').getByText('15/11/2023').first().waitFor();
});

test('the sources page at phone width', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kPhone);
  await login(page, fixture.baseUrl, 'taylocdu');
  await page.goto(`${fixture.baseUrl}/nguon`);
  await page.locator('.source-cards li, .sources-page .empty').first().waitFor();
  await screenshot(page, 'nguon-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow <= 0, `/nguon at 390 px is ${overflow} px too wide`);
});
