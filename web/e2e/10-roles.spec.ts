import type { Page } from 'playwright-core';
import { expect, kDesktop, login, test } from './harness';

// Every demo role clicks through every page its menu offers, and opens a case it may see: the
// harness fails the test on any /api answer of 400 or more and on any console error.
const kRoles: [string, boolean][] = [
  // [login, sees the fixture's case of HUE-TAYLOC-E2E]
  ['admin', true], ['bantochuc', true], ['taylocdu', true], ['vydadu', false],
  ['bithu.tayloc', false], ['ttct', true], ['lanhdao', true],
];

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.locator('.page-loading, .ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10000 }).catch(() => undefined);
}

for (const [user, seesCase] of kRoles) {
  test(`${user} opens every page of the menu`, async ({ newPage, fixture }) => {
    const page = await newPage(kDesktop);
    await login(page, fixture.baseUrl, user);
    await settle(page);
    const links = await page.locator('#app-nav a').evaluateAll((as) => as.map((a) => [a.textContent ?? '', a.getAttribute('href') ?? '']));
    expect(links.length >= 5, `${links.length} links in the menu`);
    for (const [label, href] of links) {
      await page.locator('#app-nav').getByRole('link', { name: label, exact: true }).click();
      await page.waitForURL((url) => url.pathname === href);
      await page.locator('main h1').first().waitFor();
      await settle(page);
    }
    // The first case of the list opens.
    await page.goto(`${fixture.baseUrl}/ho-so`);
    const first = page.locator('.case-table tbody tr.ant-table-row a').first();
    await first.waitFor();
    await first.click();
    await page.locator('.case-page h1').waitFor();
    await settle(page);
    if (seesCase) {
      await page.goto(`${fixture.baseUrl}/ho-so/${fixture.caseId}`);
      await page.getByRole('heading', { name: 'Nguyễn Văn Đức', level: 1 }).waitFor();
      await settle(page);
      await page.goto(`${fixture.baseUrl}/nguoi/${fixture.personId}`);
      await page.getByRole('heading', { name: 'Nguyễn Văn Đức', level: 1 }).waitFor();
      await settle(page);
    }
  });
}
