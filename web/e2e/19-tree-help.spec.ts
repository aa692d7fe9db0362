import { expect, kDesktop, kPhone, login, test, until, type Page } from './harness';

// The organisation tree opens and closes, finds units typed without diacritics, and leads to a
// unit's page; an unknown address says so; the help page is one click from every page.

// The rows of the tree that show (the tree keeps a hidden one to measure rows).
const kRows = '.org-tree .ant-tree-treenode:not([aria-hidden="true"])';

// The row of the tree whose unit is called `name`.
function treeRow(page: Page, name: string) {
  return page.locator(kRows).filter({ has: page.locator('.org-node strong', { hasText: new RegExp(`^${name}$`) }) });
}

// A cell of Tây Lộc made by the e2e fixture (fixture.sh), with exactly 9 official members.
const kCell = 'Chi bộ Tổ dân phố Kiểm thử';

test('the ward opens and closes in the tree, and a search without diacritics finds a cell', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  await page.locator('#app-nav').getByRole('link', { name: 'Tổ chức đảng', exact: true }).click();
  await page.getByRole('heading', { name: 'Tổ chức đảng', level: 1 }).waitFor();
  const ward = treeRow(page, 'Đảng ủy phường Tây Lộc');
  const cell = treeRow(page, kCell);
  // The user's own ward is open at first: its cells show.
  await cell.waitFor();
  const cells = await page.locator(kRows).count();
  expect(cells >= 3, `only ${cells} units in Tây Lộc's tree`);

  await ward.locator('.ant-tree-switcher').click();
  await cell.waitFor({ state: 'detached' });
  expect(await page.locator(kRows).count() === 1, 'the closed ward still shows units');
  await ward.locator('.ant-tree-switcher').click();
  await cell.waitFor();
  await treeRow(page, 'Đảng ủy phường Tây Lộc').locator('.org-meta', { hasText: 'mã HUE-TAYLOC' }).waitFor();
  await page.waitForLoadState('networkidle');
  await screenshot(page, 'to-chuc-mo-rong');

  // Typed without diacritics, "đ" as "d": the cell, and the way to it, open.
  const search = page.getByLabel('Tìm đơn vị');
  await search.fill('to dan pho kiem thu');
  await page.getByText('Tìm thấy 1 đơn vị.').waitFor();
  await until(() => page.locator(kRows).count(), (n) => n === 2,
    (n) => `${n} units shown for one match and its ward`);
  await cell.locator('.org-match').waitFor();
  await screenshot(page, 'to-chuc-tim-kiem');
  await search.fill('dang uy phuong tay loc');
  await page.getByText('Tìm thấy 1 đơn vị.').waitFor();
  await treeRow(page, 'Đảng ủy phường Tây Lộc').locator('.org-match').waitFor();
  await search.fill('khong co don vi nay');
  await page.getByText('Không có đơn vị nào khớp.').waitFor();
  expect(await page.locator('.org-tree').count() === 0, 'a tree shows for a search that matches nothing');
  // By code, too.
  await search.fill('tayloc-e2e');
  await cell.locator('.org-match').waitFor();
});

test('a city leader opens a closed ward of the city to see its cells', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'lanhdao');
  await page.goto(`${fixture.baseUrl}/to-chuc`);
  const ward = treeRow(page, 'Đảng ủy phường Tây Lộc');
  // The city is open, its wards closed.
  await ward.waitFor();
  await treeRow(page, 'Đảng ủy phường Vỹ Dạ').waitFor();
  expect(await treeRow(page, kCell).count() === 0, 'a ward of the city is open at first');
  await ward.locator('.ant-tree-switcher').click();
  await treeRow(page, kCell).waitFor();
  await ward.scrollIntoViewIfNeeded();
  await page.waitForLoadState('networkidle');
  await screenshot(page, 'to-chuc-thanh-pho');
});

test('a unit\'s page names its parent, its cells, its members, and leads to its cases', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  await page.goto(`${fixture.baseUrl}/to-chuc`);
  await treeRow(page, 'Đảng ủy phường Tây Lộc').getByRole('link', { name: 'Đảng ủy phường Tây Lộc' }).click();
  await page.getByRole('heading', { name: 'Đảng ủy phường Tây Lộc', level: 1 }).waitFor();
  expect(page.url().endsWith('/don-vi/HUE-TAYLOC'), `the ward's page is at ${page.url()}`);
  await page.locator('.org-unit-facts').getByText('Đảng bộ cơ sở', { exact: true }).waitFor();
  const children = page.locator('.org-children');
  await children.getByRole('link', { name: kCell }).waitFor();
  expect(Number(await page.getByTestId('official-members').innerText()) >= 9, 'the ward counts fewer official members than its test cell');
  await page.waitForLoadState('networkidle');
  await screenshot(page, 'don-vi');

  await children.getByRole('link', { name: kCell }).click();
  await page.getByRole('heading', { name: kCell, level: 1 }).waitFor();
  expect(await page.getByTestId('official-members').innerText() === '9', 'the test cell does not have its 9 official members');
  expect(await page.getByTestId('probationary-members').innerText() === '0', 'the test cell has probationary members');
  await page.getByText('từ 01/01/2019 (chưa có ngày kết thúc)').waitFor();
  // Its parent is a link back up.
  await page.locator('.org-unit-facts').getByRole('link', { name: 'Đảng ủy phường Tây Lộc' }).waitFor();
  const cases = page.getByRole('link', { name: 'Hồ sơ kết nạp của đơn vị' });
  expect(await cases.getAttribute('href') === '/ho-so?org=HUE-TAYLOC-E2E', 'the cases link does not filter by the unit');
  expect(await page.getByRole('link', { name: 'Nguồn phát triển đảng viên', exact: true }).last().getAttribute('href') === '/nguon?org=HUE-TAYLOC-E2E',
    'the sources link does not filter by the unit');
  await cases.click();
  await page.getByRole('heading', { name: 'Hồ sơ kết nạp', level: 1 }).waitFor();
  await page.locator('.case-table').getByText('Nguyễn Văn Đức').first().waitFor();
});

test('an unknown address says "Không tìm thấy trang" and leads back to the day\'s work', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  await page.goto(`${fixture.baseUrl}/khong-co-trang-nay?x=1`);
  await page.getByRole('heading', { name: 'Không tìm thấy trang', level: 1 }).waitFor();
  expect(page.url().endsWith('/khong-co-trang-nay?x=1'), `the address changed to ${page.url()}`);
  expect(await page.locator('.not-found-address').innerText() === '/khong-co-trang-nay?x=1', 'the page does not show the address asked');
  await screenshot(page, 'khong-tim-thay-trang');
  await page.getByRole('link', { name: 'Về trang Việc cần làm', exact: true }).click();
  await page.getByRole('heading', { name: 'Việc cần làm', level: 1 }).waitFor();
});

test('the help page is linked from the header and explains each role and the words', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'bithu.tayloc');
  await page.locator('.app-user').getByRole('link', { name: 'Hướng dẫn' }).click();
  await page.getByRole('heading', { name: 'Hướng dẫn sử dụng', level: 1 }).waitFor();
  expect(page.url().endsWith('/huong-dan'), `the help is at ${page.url()}`);
  // The reader's own role comes first.
  const first = await page.locator('.help-page h2').first().innerText();
  expect(first.startsWith('Bí thư chi bộ') && first.includes('vai trò của bạn'), `the first section is "${first}"`);
  for (const heading of ['Chuyên viên Ban Tổ chức Đảng ủy phường, xã', 'Ban Tổ chức Thành ủy', 'Trung tâm Chính trị', 'Lãnh đạo', 'Thuật ngữ']) {
    await page.getByRole('heading', { name: heading, level: 2 }).first().waitFor();
  }
  const glossary = await page.locator('.help-glossary').innerText();
  for (const term of ['Thẩm tra lý lịch', 'Danh sách cảm tình Đảng', 'Ngày làm việc', 'Xóa tên trong danh sách đảng viên dự bị']) {
    expect(glossary.includes(term), `the glossary lacks ${term}`);
  }
  await screenshot(page, 'huong-dan');
  await page.locator('.help-page').getByRole('link', { name: 'Lớp bồi dưỡng' }).first().click();
  await page.getByRole('heading', { name: 'Lớp bồi dưỡng', level: 1 }).waitFor();
});

test('on a phone the help is in the folded menu', async ({ newPage, fixture }) => {
  const page = await newPage(kPhone);
  await login(page, fixture.baseUrl, 'ttct');
  expect(!(await page.locator('.app-help-link').isVisible()), 'the header shows the help link beside the menu button on a phone');
  await page.getByRole('button', { name: '☰ Danh mục' }).click();
  await page.locator('#app-nav').getByRole('link', { name: 'Hướng dẫn sử dụng', exact: true }).click();
  await page.getByRole('heading', { name: 'Hướng dẫn sử dụng', level: 1 }).waitFor();
  const first = await page.locator('.help-page h2').first().innerText();
  expect(first.startsWith('Trung tâm Chính trị'), `the Political Centre's help is not first: "${first}"`);
});
