// Loads the built UI from a running `ptdv serve` in Debian's chromium, logs in and visits every
// page, and reports each Content-Security-Policy violation and console error.
// Usage: node e2e/csp-check.mjs http://127.0.0.1:18080 [login] [password]
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:18080';
const login = process.argv[3] ?? 'taylocdu';
const password = process.argv[4] ?? 'Hue@2023demo';
const pages = ['/', '/ho-so', '/nguoi', '/to-chuc', '/lich', '/tai-khoan', '/tong-quan', '/nguon',
  '/lop-boi-duong', '/chi-tieu', '/bao-cao', '/kiem-tra-chung-nhan/ABC'];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
const problems = [];
let loggedIn = false;
page.on('console', (m) => {
  // A 401 from /auth/me before logging in is how the UI learns it must show the login page.
  if (/status of 401/.test(m.text()) && !loggedIn) return;
  if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`);
});
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('response', (r) => {
  if (r.status() >= 400) console.log(`  (${r.status()} ${r.request().method()} ${new URL(r.url()).pathname})`);
});
await page.addInitScript(() => {
  document.addEventListener('securitypolicyviolation', (e) => {
    console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
  });
});
const response = await page.goto(`${base}/dang-nhap`);
console.log(`CSP header: ${response.headers()['content-security-policy']}`);
await page.getByLabel('Tên đăng nhập').fill(login);
await page.getByLabel('Mật khẩu').fill(password);
await page.getByRole('button', { name: 'Đăng nhập' }).click();
await page.getByRole('heading', { name: 'Việc cần làm', level: 1 }).waitFor();
loggedIn = true;
for (const path of pages) {
  await page.goto(`${base}${path}`);
  await page.waitForLoadState('networkidle');
  const styles = await page.evaluate(() => document.querySelectorAll('style').length);
  const charts = await page.evaluate(() => [...document.querySelectorAll('svg')].filter((s) => s.querySelectorAll('path').length > 5).length);
  console.log(`${path}: ${styles} <style> elements, ${charts} charts (SVG with paths)`);
}
await browser.close();
console.log(problems.length ? problems.join('\n') : 'no CSP violation, no console error');
process.exit(problems.length ? 1 : 0);
