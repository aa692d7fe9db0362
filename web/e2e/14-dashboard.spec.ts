import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, kDesktop, kPhone, login, test, until } from './harness';

// Issue #5 "Dashboards": the city sees every ward and drills down; a ward sees only its own;
// screenshots of both for review (build/screenshots/tong-quan-*.png).
async function ready(page: Page, heading: string) {
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  await page.locator('.figures').waitFor();
  // The charts are drawn (ECharts is loaded on demand).
  await page.locator('.units-card .chart svg, .units-card .empty').first().waitFor();
  await page.waitForLoadState('networkidle');
}

async function fullShot(page: Page, dir: string, name: string) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

test('the city dashboard shows every ward and drills down to one', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'bantochuc');
  await page.locator('#app-nav').getByRole('link', { name: 'Tổng quan', exact: true }).click();
  await ready(page, 'Tổng quan — Thành ủy Huế');
  const wards = (await page.locator('.units-table tbody tr.ant-table-row .drill-link').allInnerTexts()).map((t) => t.trim());
  // The demo's Huế has 29 wards and 7 communes (docs/demo-data.md), besides its other units.
  const wardCount = wards.filter((w) => w.startsWith('Đảng ủy phường')).length;
  expect(wardCount >= 29 && wards.includes('Đảng ủy phường Tây Lộc') && wards.includes('Đảng ủy phường Vỹ Dạ'),
    `${wards.length} units, ${wardCount} wards: ${wards.slice(0, 5).join(', ')}…`);
  const figures = await page.locator('.figures').innerText();
  expect(figures.includes('/191'), `the city's figures read «${figures}»`);
  // Every stage of the funnel and every step duration drawn.
  expect(await page.locator('.funnel-card .chart svg').count() === 1, 'no funnel chart');
  expect(await page.locator('.steps-table tbody tr.ant-table-row').count() > 3, 'too few step durations');
  await screenshot(page, 'tong-quan-thanh-pho');
  await fullShot(page, fixture.screenshotDir, 'tong-quan-thanh-pho-toan-trang');
  // Where time is lost: each ward's median days per step as a heat map.
  await page.getByText('So sánh đơn vị: trung vị').click();
  const heat = page.getByRole('img', { name: 'Bản đồ nhiệt số ngày trung vị của từng bước theo đơn vị' });
  await heat.locator('svg').waitFor();
  await heat.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await heat.screenshot({ path: path.join(fixture.screenshotDir, 'tong-quan-thoi-gian-theo-don-vi.png') });

  await page.locator('.units-table .drill-link', { hasText: 'Đảng ủy phường Tây Lộc' }).click();
  await ready(page, 'Tổng quan — Đảng ủy phường Tây Lộc');
  expect(new URL(page.url()).searchParams.get('org') === 'HUE-TAYLOC', `drilled to ${page.url()}`);
  const cells = await page.locator('.units-table tbody').innerText().catch(() => '');
  expect(!cells.includes('Vỹ Dạ'), 'another ward shown after drilling down');
  // And back up.
  await page.getByRole('button', { name: '← Thành ủy Huế' }).click();
  await ready(page, 'Tổng quan — Thành ủy Huế');
});

test('a ward user sees only their own ward', async ({ newPage, fixture, screenshot, expectApiStatus }) => {
  expectApiStatus(404, /^\/api\/v1\/dashboard$/);  // another unit answers as if it did not exist
  for (const [viewport, suffix] of [[kDesktop, 'desktop'], [kPhone, 'phone']] as const) {
    const page = await newPage(viewport);
    await login(page, fixture.baseUrl, 'taylocdu');
    await page.goto(`${fixture.baseUrl}/tong-quan`);
    await ready(page, 'Tổng quan — Đảng ủy phường Tây Lộc');
    const text = await page.locator('main').innerText();
    expect(!text.includes('Vỹ Dạ') && !text.includes('An Cựu'), 'another ward on the ward’s dashboard');
    expect(await page.locator('.up-link').count() === 0, 'a ward is offered to go up to the city');
    await screenshot(page, `tong-quan-phuong-${suffix}`);
    if (suffix === 'desktop') await fullShot(page, fixture.screenshotDir, 'tong-quan-phuong-toan-trang');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow <= 0, `/tong-quan at ${viewport.width} px is ${overflow} px too wide`);
  }
  // The city by URL: refused by the server, said plainly.
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  await page.goto(`${fixture.baseUrl}/tong-quan?org=HUE`);
  await until(() => page.locator('[data-testid="forbidden"], [data-testid="not-found"]').count(), (n) => n === 1, () => 'no refusal shown');
});
