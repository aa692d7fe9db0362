import type { Page } from 'playwright-core';
import { expect, kDesktop, login, test } from './harness';

// Every page each demo role can reach (its menu, the password page, one case, one person, one
// class) says things in its users' words: no rule code outside a citation
// (components/RuleCitation.tsx marks those with data-citation), no internal id in prose, no
// programmer's English. A screenshot of each page per role at 1366×768 goes to
// build/screenshots/plain-<login>-<page>.png. All offences of all pages are reported together.

const kRoles = ['taylocdu', 'lanhdao', 'admin', 'bithu.tayloc', 'ttct', 'bantochuc'];

// What must not show. Login names are people's data and may show (the users page, the activity
// list): "admin" is the demo administrator's login, so it is not in the list; nor is a dotted
// word (logins such as "bithu.tayloc" have dots).
const kOffences: [string, RegExp][] = [
  ['mã quy định trong câu', /\b[RSPC]\d{1,2}a?\b/],
  ['mã nội bộ trong câu', /\bmã (người|hồ sơ|đảng viên)[^\n]{0,20}\d{2,}/i],
  ['mã nội bộ trong câu', /\b(người|đảng viên) mã\s*\d{2,}|\(mã \d{2,}\)/i],
  ['mã nội bộ trong câu', /\bid\s*\d+/i],
  ['tiếng Anh của lập trình', /\b(system|null|undefined|NaN|error|Error|true|false|Invalid Date|object Object)\b/],
  ['mã nội bộ (snake_case)', /\b[a-z]+_[a-z_]+\b/],
];

// Texts the SERVER produces that still trip a check, listed so that each is fixed on the server
// side (src/domain, src/service): a line matching one of these is reported as expected and does
// not fail the test. Empty this list once the server says them in plain words.
const kKnownServerTexts: { text: RegExp; source: string }[] = [];

interface Offence { role: string; page: string; why: string; line: string; expected: boolean }

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.locator('.page-loading, .ant-spin-spinning, .loading').first().waitFor({ state: 'detached', timeout: 15000 }).catch(() => undefined);
}

// The visible text of the page without the citations.
async function plainText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = '[data-citation], .rule-citation { display: none !important; }';
    document.head.appendChild(style);
    const text = document.body.innerText;
    style.remove();
    return text;
  });
}

function check(role: string, name: string, text: string, offences: Offence[]) {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    for (const [why, pattern] of kOffences) {
      if (!pattern.test(line)) continue;
      const expected = kKnownServerTexts.some((k) => k.text.test(line));
      offences.push({ role, page: name, why, line: line.slice(0, 240), expected });
      break;
    }
  }
}

async function visit(page: Page, role: string, name: string, offences: Offence[], screenshot: (page: Page, name: string) => Promise<void>) {
  await page.locator('main h1, h1').first().waitFor();
  await settle(page);
  await screenshot(page, `plain-${role}-${name}`);
  check(role, name, await plainText(page), offences);
}

// A case with steps done never reads as if it had no history ("Lịch sử thay đổi: Chưa có"):
// steps that came with the initial data are listed as such.
async function historyShowsSteps(page: Page, role: string) {
  const done = await page.locator('.timeline-step[data-status="done"]').count();
  const items = await page.locator('.history-card .history-item').count();
  const text = await page.locator('.history-card').innerText();
  expect(done <= 1 || items > 0, `${role} ${page.url()}: ${done} steps done but the history reads «${text}»`);
}

const slug = (href: string) => href.replace(/^\//, '').replace(/[^a-z0-9-]+/gi, '-').replace(/-+$/, '') || 'viec-can-lam';

for (const role of kRoles) {
  test(`${role}: every page speaks plain Vietnamese`, async ({ newPage, fixture, screenshot }) => {
    const page = await newPage(kDesktop);
    await login(page, fixture.baseUrl, role);
    const offences: Offence[] = [];
    const links = await page.locator('#app-nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    for (const href of [...links, '/doi-mat-khau']) {
      await page.goto(`${fixture.baseUrl}${href}`);
      await visit(page, role, slug(href), offences, screenshot);
    }
    // One case (the first of the list), its person, and one class if the role has the menu.
    await page.goto(`${fixture.baseUrl}/ho-so`);
    const firstCase = page.locator('.case-table a[href^="/ho-so/"]').first();
    await firstCase.waitFor();
    await firstCase.click();
    await page.locator('.case-page h1').waitFor();
    await visit(page, role, 'ho-so-chi-tiet', offences, screenshot);
    await historyShowsSteps(page, role);
    // The fixture's case recorded step by step (bithu.tayloc sees only its own cell's).
    await page.goto(`${fixture.baseUrl}/ho-so/${role === 'bithu.tayloc' ? fixture.cellCaseId : fixture.caseId}`);
    await page.locator('.case-page h1').waitFor();
    await visit(page, role, 'ho-so-kiem-thu', offences, screenshot);
    await historyShowsSteps(page, role);
    await page.locator('.person-card a[href^="/nguoi/"]').click();
    await page.waitForURL(/\/nguoi\/\d+$/);
    await visit(page, role, 'nguoi-chi-tiet', offences, screenshot);
    if (links.includes('/lop-boi-duong')) {
      await page.goto(`${fixture.baseUrl}/lop-boi-duong`);
      await settle(page);
      const firstClass = page.locator('a[href^="/lop-boi-duong/"]').first();
      if (await firstClass.count()) {
        await firstClass.click();
        await page.waitForURL(/\/lop-boi-duong\/\d+$/);
        await visit(page, role, 'lop-chi-tiet', offences, screenshot);
      }
    }
    const expected = offences.filter((o) => o.expected);
    for (const o of expected) console.log(`  (server text, expected) ${o.role} ${o.page}: ${o.why}: «${o.line}»`);
    const failing = offences.filter((o) => !o.expected);
    if (failing.length) {
      throw new Error(`${failing.length} text(s) not in plain words:\n${failing.map((o) => `  ${o.role} ${o.page}: ${o.why}: «${o.line}»`).join('\n')}`);
    }
  });
}
