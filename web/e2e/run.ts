// Runs the e2e specs against the real server: builds the fixture database (fixture.sh),
// starts `ptdv serve` on a free loopback port with the built UI, drives /usr/bin/chromium
// through playwright-core, saves screenshots under build/screenshots/ and ends with
// "N passed, N failed". Usage (from web/): npx tsx e2e/run.ts [name filter]
// Environment: PTDV_BIN (default ../build/ptdv), CHROMIUM (default /usr/bin/chromium).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { setCurrentFile, tests, type Fixture, type TestContext } from './harness';

const here = path.dirname(fileURLToPath(import.meta.url));
const web = path.resolve(here, '..');
const root = path.resolve(web, '..');
const bin = process.env.PTDV_BIN ?? path.join(root, 'build', 'ptdv');
const browserPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const dist = path.join(web, 'dist');
const screenshotDir = path.join(root, 'build', 'screenshots');
const filter = process.argv[2];

function startServer(db: string): Promise<{ server: ChildProcess; baseUrl: string }> {
  return new Promise((resolve, reject) => {
    const server = spawn(bin, ['--db', db, '--today', '2023-11-15', 'serve', '--listen', '127.0.0.1:0', '--static-dir', dist], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    const timer = setTimeout(() => reject(new Error(`ptdv serve did not start: ${err}`)), 30000);
    server.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /http:\/\/([\d.]+):(\d+)\//.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ server, baseUrl: `http://${m[1]}:${m[2]}` });
      }
    });
    server.on('exit', (code) => reject(new Error(`ptdv serve exited (${code}): ${err}`)));
  });
}

async function main(): Promise<number> {
  for (const [what, p] of [['ptdv', bin], ['chromium', browserPath], ['the built UI (npm run build)', path.join(dist, 'index.html')]]) {
    if (!existsSync(p)) {
      console.error(`e2e: ${what} not found at ${p}`);
      return 2;
    }
  }
  mkdirSync(screenshotDir, { recursive: true });
  // Failure screenshots of an earlier run would pass for this one's.
  for (const f of readdirSync(screenshotDir)) if (f.startsWith('FAILED-')) rmSync(path.join(screenshotDir, f));
  const work = mkdtempSync(path.join(tmpdir(), 'ptdv-e2e-'));
  const db = path.join(work, 'e2e.db');
  const out = execFileSync('bash', [path.join(here, 'fixture.sh'), bin, db], { encoding: 'utf8' });
  const m = /case_id=(\d+) person_id=(\d+) cell_case_id=(\d+)/.exec(out);
  if (!m) throw new Error(`fixture.sh printed no case: ${out}`);
  const { server, baseUrl } = await startServer(db);
  const fixture: Fixture = { bin, baseUrl, caseId: Number(m[1]), personId: Number(m[2]), cellCaseId: Number(m[3]), screenshotDir };
  let browser: Browser | null = null;
  let passed = 0;
  let failed = 0;
  try {
    browser = await chromium.launch({
      executablePath: browserPath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    for (const file of readdirSync(here).filter((f) => f.endsWith('.spec.ts')).sort()) {
      setCurrentFile(file);
      await import(path.join(here, file));
    }
    const b = browser;
    for (const t of tests) {
      if (filter && !`${t.file} ${t.name}`.includes(filter)) continue;
      const contexts: import('playwright-core').BrowserContext[] = [];
      // What went wrong in the browser: /api answers of 400 or more that the test did not
      // declare, console errors, uncaught exceptions.
      const problems: string[] = [];
      // The first /auth/me of a page without a session answers 401 by design.
      const expected: { status: number; path: RegExp }[] = [{ status: 401, path: /^\/api\/v1\/auth\/me$/ }];
      const ctx: TestContext = {
        browser: b,
        fixture,
        newPage: async (viewport = { width: 1366, height: 768 }) => {
          const c = await b.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
          c.setDefaultTimeout(15000);
          contexts.push(c);
          const page = await c.newPage();
          page.on('response', (r) => {
            const url = new URL(r.url());
            if (!url.pathname.startsWith('/api/') || r.status() < 400) return;
            if (expected.some((e) => e.status === r.status() && e.path.test(url.pathname))) return;
            problems.push(`${r.status()} ${r.request().method()} ${url.pathname}${url.search}`);
          });
          page.on('console', (message) => {
            // A failed fetch is also logged as "Failed to load resource"; the response
            // handler above judges those.
            if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
              problems.push(`console: ${message.text().slice(0, 300)}`);
            }
          });
          page.on('pageerror', (error) => problems.push(`page error: ${error.message.slice(0, 300)}`));
          return page;
        },
        expectApiStatus: (status, apiPath) => { expected.push({ status, path: apiPath }); },
        screenshot: async (page, name) => {
          // Not while a table is still faded behind its loading spinner.
          await page.locator('.ant-spin-blur, .ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
          await page.waitForTimeout(300);
          await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: false });
        },
      };
      const started = Date.now();
      try {
        await t.fn(ctx);
        if (problems.length) throw new Error(`the browser saw:\n${[...new Set(problems)].join('\n')}`);
        passed++;
        console.log(`  ✓ ${t.file} › ${t.name} (${Date.now() - started} ms)`);
      } catch (e) {
        failed++;
        console.log(`  ✗ ${t.file} › ${t.name} (${Date.now() - started} ms)\n      ${String((e as Error).message ?? e).split('\n').slice(0, 6).join('\n      ')}`);
        const page = contexts.at(-1)?.pages().at(-1);
        if (page) await page.screenshot({ path: path.join(screenshotDir, `FAILED-${t.name.replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
      } finally {
        for (const c of contexts) await c.close().catch(() => undefined);
      }
    }
  } finally {
    await browser?.close();
    server.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => {
  console.error(e);
  process.exit(2);
});
