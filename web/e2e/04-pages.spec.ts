import { expect, kDesktop, kPhone, login, test } from './harness';

// Screenshots of the main pages at laptop and phone widths (build/screenshots/).
const kPages: [string, string | RegExp, string][] = [
  ['/ho-so', 'Hồ sơ kết nạp', 'ho-so'],
  ['/nguoi?q=duc', 'Quần chúng ưu tú và người vào Đảng', 'nguoi'],
  ['/to-chuc', 'Tổ chức đảng', 'to-chuc'],
  ['/lich', /Lịch làm việc năm \d{4}/, 'lich'],
  ['/tai-khoan', 'Tài khoản người dùng', 'tai-khoan'],
];

for (const [url, heading, name] of kPages) {
  test(`page ${url} renders at desktop and phone widths`, async ({ newPage, fixture, screenshot }) => {
    for (const [viewport, suffix] of [[kDesktop, 'desktop'], [kPhone, 'phone']] as const) {
      const page = await newPage(viewport);
      await login(page, fixture.baseUrl, 'taylocdu');
      await page.goto(`${fixture.baseUrl}${url}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, `${name}-${suffix}`);
      // Nothing may make a phone scroll sideways (wide tables scroll inside their card).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow <= 0, `${url} at ${viewport.width} px is ${overflow} px too wide`);
    }
  });
}
