import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { expect, kDesktop, login, test } from './harness';

// Reports: the §7 table with Vietnamese headers, its XLSX, its A4 print; the case
// list's XLSX with the filters on screen.
const kXlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function checkXlsx(page: Page, link: string, name: string, dir: string): Promise<string> {
  const anchor = page.getByRole('link', { name: link });
  const href = await anchor.getAttribute('href');
  expect(href, 'the export link has no address');
  const [download] = await Promise.all([page.waitForEvent('download'), anchor.click()]) as [Download, unknown];
  const file = path.join(dir, name);
  await download.saveAs(file);
  const bytes = readFileSync(file);
  const size = statSync(file).size;
  expect(bytes.subarray(0, 2).toString('latin1') === 'PK', `${name} does not start with PK`);
  expect(size > 3000 && size < 20_000_000, `${name} has ${size} bytes`);
  // The same address answered with the XLSX type as an attachment.
  const response = await page.request.get(new URL(href!, page.url()).toString());
  expect(response.status() === 200, `${href} answered ${response.status()}`);
  expect((response.headers()['content-type'] ?? '').startsWith(kXlsx), `Content-Type ${response.headers()['content-type']}`);
  expect((response.headers()['content-disposition'] ?? '').startsWith('attachment'), `Content-Disposition ${response.headers()['content-disposition']}`);
  return href!;
}

test('the admissions report: §7 table, XLSX download, A4 print', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'bantochuc');
  await page.locator('#app-nav').getByRole('link', { name: 'Báo cáo', exact: true }).click();
  await page.getByRole('heading', { name: 'Báo cáo kết quả kết nạp đảng viên', level: 1 }).waitFor();
  const table = page.locator('.report-table');
  await table.waitFor();
  const headers = await table.locator('thead th').allInnerTexts();
  expect(headers.some((h) => h.includes('kết nạp')) && headers.length > 10, `headers: ${headers.join(' | ')}`);
  const total = await table.locator('tbody tr').first().innerText();
  expect(total.includes('Toàn Thành ủy Huế'), `the first row reads «${total}»`);
  expect(await table.locator('tbody tr').count() > 10, 'too few units in the report');
  await screenshot(page, 'bao-cao');
  const href = await checkXlsx(page, 'Xuất Excel', 'bao-cao.xlsx', fixture.screenshotDir);
  expect(href.includes('from=2023-01-01') && href.includes('to=2023-12-31'), `the XLSX link ${href}`);

  await page.emulateMedia({ media: 'print' });
  // A4 landscape at 96 dpi less the 10 mm margins.
  await page.setViewportSize({ width: 1047, height: 700 });
  const hidden = await page.locator('.app-header, .ant-btn, .filters').evaluateAll((els) => els.filter((e) => getComputedStyle(e).display !== 'none').length);
  expect(hidden === 0, `${hidden} navigation elements printed`);
  const over = await table.evaluate((t) => t.scrollWidth - (t.parentElement?.clientWidth ?? 0));
  expect(over <= 0, `the printed table is ${over} px too wide`);
  const pdf = await page.pdf({ path: path.join(fixture.screenshotDir, 'bao-cao-in-a4.pdf'), printBackground: true, preferCSSPageSize: true });
  expect(pdf.length > 10000, `the PDF has ${pdf.length} bytes`);
});

test('the case list exports exactly what the filters show', async ({ newPage, fixture }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  await page.goto(`${fixture.baseUrl}/ho-so?due=overdue&sort=person_name`);
  await page.getByRole('heading', { name: 'Hồ sơ kết nạp', level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  const href = await checkXlsx(page, 'Xuất Excel', 'ho-so.xlsx', fixture.screenshotDir);
  expect(href === '/api/v1/cases/export.xlsx?due=overdue&sort=person_name', `the export link ${href}`);
});
