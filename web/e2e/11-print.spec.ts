import { expect, kDesktop, login, test } from './harness';
import path from 'node:path';

test('the case page prints on A4 without the navigation and buttons', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  await page.goto(`${fixture.baseUrl}/ho-so/${fixture.caseId}`);
  await page.getByRole('heading', { name: 'Nguyễn Văn Đức', level: 1 }).waitFor();
  await page.locator('.history-card .history-item').first().waitFor();
  await page.emulateMedia({ media: 'print' });
  // A4 at 96 dpi less the 12 mm margins: 718 px of content width.
  await page.setViewportSize({ width: 718, height: 1000 });
  for (const hidden of ['.app-header', '.ant-btn']) {
    const visible = await page.locator(hidden).evaluateAll((els) => els.filter((e) => getComputedStyle(e).display !== 'none').length);
    expect(visible === 0, `${visible} ${hidden} printed`);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow <= 0, `the printed page is ${overflow} px too wide`);
  await screenshot(page, 'ho-so-in-a4');
  const pdf = await page.pdf({ path: path.join(fixture.screenshotDir, 'ho-so-in-a4.pdf'), format: 'A4', printBackground: true, preferCSSPageSize: true });
  expect(pdf.length > 10000, `the PDF has ${pdf.length} bytes`);
});
