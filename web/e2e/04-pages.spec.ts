import { expect, kDesktop, kPhone, login, test } from './harness';

// Screenshots of the main pages at laptop and phone widths (build/screenshots/).
// [url, heading, screenshot name, what must show: the page drew the server's answer]
const kPages: [string, string | RegExp, string, string][] = [
  ['/ho-so', 'Hồ sơ kết nạp', 'ho-so', '.case-table a[href^="/ho-so/"]'],
  ['/nguoi?q=duc', 'Quần chúng ưu tú và người vào Đảng', 'nguoi', '.people-table a[href^="/nguoi/"]'],
  // The tree on the server's today (15/11/2023), when the demo's wards still exist.
  ['/to-chuc', 'Tổ chức đảng', 'to-chuc', '.org-node >> text=Đảng ủy phường Tây Lộc'],
  ['/lich', 'Lịch làm việc năm 2023', 'lich', '.special-days li'],
  ['/tai-khoan', 'Tài khoản người dùng', 'tai-khoan', 'text=bithu.tayloc'],
  ['/don-vi/HUE-TAYLOC', 'Đảng ủy phường Tây Lộc', 'don-vi', '.org-children a[href^="/don-vi/"]'],
  ['/huong-dan', 'Hướng dẫn sử dụng', 'huong-dan', '.help-glossary dt'],
  ['/khong-co-trang-nay', 'Không tìm thấy trang', 'khong-tim-thay-trang', '.not-found-address'],
];

for (const [url, heading, name, shown] of kPages) {
  test(`page ${url} renders at desktop and phone widths`, async ({ newPage, fixture, screenshot }) => {
    for (const [viewport, suffix] of [[kDesktop, 'desktop'], [kPhone, 'phone']] as const) {
      const page = await newPage(viewport);
      await login(page, fixture.baseUrl, 'taylocdu');
      await page.goto(`${fixture.baseUrl}${url}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await page.locator(shown).first().waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, `${name}-${suffix}`);
      // Nothing may make a phone scroll sideways (wide tables scroll inside their card).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow <= 0, `${url} at ${viewport.width} px is ${overflow} px too wide`);
    }
  });
}
