// A tiny test harness for the e2e specs: playwright-core drives Debian's chromium; no browser
// download, no test framework. Specs call test(); run.ts runs them in file order.
import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface Fixture {
  baseUrl: string;
  caseId: number;
  personId: number;
  screenshotDir: string;
}

export interface TestContext {
  browser: Browser;
  fixture: Fixture;
  // A fresh browser context (cookies, storage) at the given viewport.
  newPage: (viewport?: { width: number; height: number }) => Promise<Page>;
  screenshot: (page: Page, name: string) => Promise<void>;
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

export async function login(page: Page, baseUrl: string, user: string): Promise<void> {
  await page.goto(`${baseUrl}/dang-nhap`);
  await page.getByLabel('Tên đăng nhập').fill(user);
  await page.getByLabel('Mật khẩu').fill(kPassword);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { name: 'Việc cần làm', level: 1 }).waitFor();
}

export type { BrowserContext, Page };
