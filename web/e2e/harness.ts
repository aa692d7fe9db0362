// A tiny test harness for the e2e specs: playwright-core drives Debian's chromium; no browser
// download, no test framework. Specs call test(); run.ts runs them in file order.
import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface Fixture {
  // The ptdv binary the server runs.
  bin: string;
  baseUrl: string;
  caseId: number;
  personId: number;
  // A case of HUE-TAYLOC-CB01 (bithu.tayloc's cell) whose next step is the dossier.
  cellCaseId: number;
  screenshotDir: string;
}

export interface TestContext {
  browser: Browser;
  fixture: Fixture;
  // A fresh browser context (cookies, storage) at the given viewport.
  newPage: (viewport?: { width: number; height: number }) => Promise<Page>;
  screenshot: (page: Page, name: string) => Promise<void>;
  // Every page fails its test on a console error or an /api answer of 400 or more, except the
  // statuses a test expects (a refused vote, a forbidden case) declared here.
  expectApiStatus: (status: number, path: RegExp) => void;
}

export interface TestCase {
  name: string;
  file: string;
  fn: (t: TestContext) => Promise<void>;
}

export const tests: TestCase[] = [];
let currentFile = '';

export function setCurrentFile(file: string): void {
  currentFile = file;
}

export function test(name: string, fn: (t: TestContext) => Promise<void>): void {
  tests.push({ name, file: currentFile, fn });
}

export const kDesktop = { width: 1366, height: 768 };
export const kPhone = { width: 390, height: 844 };
export const kPassword = 'Hue@2023demo';

export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

// Polls `probe` until it returns true (a list redrawn after a filter, say); fails with
// `message(last value)` after `timeout` ms.
export async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, message: (value: T) => string, timeout = 10000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(message(value));
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Picks `option` in the antd Select labelled `label` (a combobox); `search` is typed first when
// the list is long.
export async function pick(page: Page, label: string, option: string | RegExp, search?: string): Promise<void> {
  const box = page.getByRole('combobox', { name: label });
  const select = page.locator('.ant-select').filter({ has: box }).first();
  const single = !(await select.evaluate((e) => e.classList.contains('ant-select-multiple')).catch(() => true));
  const list = page.locator('.ant-select-dropdown:visible, .ant-select-tree:visible');
  // A click on an option is lost when the list redraws between mouse-down and mouse-up (on a
  // loaded machine): a single select is checked for the choice, and chosen again if it missed.
  for (let attempt = 1; ; attempt += 1) {
    if ((await list.count()) === 0) await box.click();
    if (search) await box.fill(search);
    await list.getByTitle(option).first().click();
    if (!single || attempt === 3) return;
    try {
      await select.getByTitle(option).first().waitFor({ timeout: 3000 });
      return;
    } catch {
      // not chosen yet: open the list again
    }
  }
}

// Logs `user` in and waits for the first page: «Việc cần làm», or `landing` for a role that starts
// elsewhere (a mass organisation's account starts at «Tổ chức của tôi»).
export async function login(page: Page, baseUrl: string, user: string, landing = 'Việc cần làm'): Promise<void> {
  await page.goto(`${baseUrl}/dang-nhap`);
  await page.getByLabel('Tên đăng nhập').fill(user);
  await page.getByLabel('Mật khẩu').fill(kPassword);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { name: landing, level: 1 }).waitFor();
}

export type { BrowserContext, Page };
