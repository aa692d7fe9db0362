import { expect, kDesktop, login, pick, test, until, type Page } from './harness';

// The organisation board administers the tree from a unit's page («Quản lý đơn vị»): adds a cell
// to ward Tây Lộc, renames it from a date (the tree before that date keeps the old name), then
// merges it into the fixture's cell after a preview of what moves. The tree on the day no longer
// lists it; the unit as of the day before still shows. A ward is not offered any of it.

// A code and names of their own, so the spec passes again on the same database.
const kSuffix = Date.now().toString(36).toUpperCase().slice(-5);
const kCode = `HUE-TAYLOC-CB9${kSuffix}`;
const kName = `Chi bộ Tổ dân phố 9 (${kSuffix})`;
const kNewName = `Chi bộ Tổ dân phố 9A (${kSuffix})`;
// A cell of Tây Lộc made by the e2e fixture (fixture.sh).
const kSuccessor = 'Chi bộ Tổ dân phố Kiểm thử';

// Types a date into the DateField labelled `label` and leaves it (Enter would submit the form).
async function typeDate(scope: Pick<Page, 'getByLabel'>, label: string, date: string) {
  await scope.getByLabel(label, { exact: true }).fill(date);
  await scope.getByLabel(label, { exact: true }).press('Tab');
}

test('the organisation board adds a cell to a ward, renames it and merges it into another', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'bantochuc');
  await page.locator('#app-nav').getByRole('link', { name: 'Tổ chức đảng', exact: true }).click();
  await page.getByRole('heading', { name: 'Tổ chức đảng', level: 1 }).waitFor();
  await page.getByText('rồi dùng mục «Quản lý đơn vị»', { exact: false }).waitFor();
  await page.getByLabel('Tìm đơn vị').fill('tay loc');
  await page.locator('.org-tree').getByRole('link', { name: 'Đảng ủy phường Tây Lộc', exact: true }).click();
  await page.getByRole('heading', { name: 'Đảng ủy phường Tây Lộc', level: 1 }).waitFor();

  // Add a cell: under a ward, a cell or an intermediate committee; the code starts with the ward's.
  await page.getByRole('button', { name: 'Thêm đơn vị trực thuộc' }).click();
  const add = page.locator('.ant-modal:visible');
  await add.getByLabel('Mã đơn vị').waitFor();
  expect(await add.getByLabel('Mã đơn vị').inputValue() === 'HUE-TAYLOC-', 'the code is not suggested from the ward\'s');
  expect(await add.getByLabel('Ngày thành lập').inputValue() === '15/11/2023', 'the founding date is not the server\'s today');
  await pick(page, 'Loại đơn vị', 'Chi bộ');
  await add.getByLabel('Tên đơn vị').fill(kName);
  await add.getByLabel('Mã đơn vị').fill(kCode);
  await typeDate(add, 'Ngày thành lập', '01/11/2023');
  await screenshot(page, 'don-vi-them-chi-bo');
  await add.getByRole('button', { name: 'Thêm đơn vị' }).click();
  await add.waitFor({ state: 'detached' }).catch(() => add.waitFor({ state: 'hidden' }));
  const children = page.locator('.org-children');
  await children.getByRole('link', { name: kName, exact: true }).waitFor();
  const added = await page.locator('.org-admin-done').innerText();
  expect(added.includes(`Đã thêm ${kName}, hoạt động từ ngày 01/11/2023`), `the confirmation reads «${added}»`);
  await screenshot(page, 'don-vi-da-them-chi-bo');

  // Rename it from 10/11/2023: today's page shows the new name, 05/11/2023 the old one.
  await children.getByRole('link', { name: kName, exact: true }).click();
  await page.getByRole('heading', { name: kName, level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Sửa thông tin' }).click();
  const edit = page.locator('.ant-modal:visible');
  await edit.getByText('Cây tổ chức trước ngày này vẫn giữ thông tin cũ.').waitFor();
  await edit.getByLabel('Tên đơn vị').fill(kNewName);
  await typeDate(edit, 'Ngày có hiệu lực', '10/11/2023');
  await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await page.getByRole('heading', { name: kNewName, level: 1 }).waitFor();
  await page.goto(`${fixture.baseUrl}/don-vi/${kCode}?on=2023-11-05`);
  await page.getByRole('heading', { name: kName, level: 1 }).waitFor();
  await page.goto(`${fixture.baseUrl}/don-vi/${kCode}`);
  await page.getByRole('heading', { name: kNewName, level: 1 }).waitFor();

  // Merge it into the fixture's cell: the preview first (a new cell moves no one), then confirm.
  await page.getByRole('button', { name: 'Giải thể / sáp nhập' }).click();
  const dissolve = page.locator('.ant-modal:visible');
  await dissolve.getByLabel('Ngày giải thể').waitFor();
  expect(await dissolve.getByLabel('Ngày giải thể').inputValue() === '15/11/2023', 'the dissolution date is not the server\'s today');
  await pick(page, 'Đơn vị tiếp nhận (sáp nhập vào)', `${kSuccessor} (Chi bộ)`, 'to dan pho kiem thu');
  await dissolve.getByRole('button', { name: 'Xem trước' }).click();
  const plan = dissolve.getByTestId('dissolve-plan');
  await plan.waitFor();
  const planText = await plan.innerText();
  expect(planText.includes(`chuyển sang ${kSuccessor}`), `the preview reads «${planText}»`);
  for (const id of ['moves-units', 'moves-people', 'moves-official', 'moves-probationary', 'moves-accounts']) {
    const n = await plan.getByTestId(id).innerText();
    expect(n === '0', `a new cell moves ${n} (${id})`);
  }
  await screenshot(page, 'don-vi-sap-nhap-xem-truoc');
  await dissolve.getByRole('button', { name: 'Xác nhận giải thể' }).click();
  await page.getByRole('button', { name: 'Đồng ý giải thể' }).click();
  const done = page.locator('.org-admin-done');
  await until(() => done.innerText().catch(() => ''), (t) => t.includes(`vào ${kSuccessor} từ ngày 15/11/2023`), (t) => `the confirmation reads «${t}»`);
  await page.getByText('Không hoạt động tại ngày 15/11/2023').waitFor();
  expect(await page.getByRole('button', { name: 'Giải thể / sáp nhập' }).count() === 0, 'a dissolved unit is offered to be dissolved again');
  await screenshot(page, 'don-vi-da-sap-nhap');

  // The day before, it was there under its new name.
  await done.getByRole('link', { name: 'Xem đơn vị như trước ngày giải thể' }).click();
  await until(() => Promise.resolve(page.url()), (u) => u.endsWith(`/don-vi/${kCode}?on=2023-11-14`), (u) => `the link led to ${u}`);
  await page.getByRole('heading', { name: kNewName, level: 1 }).waitFor();
  // The page of today shows until the answer for 14/11/2023 replaces it.
  await until(() => page.getByText('Không hoạt động tại ngày', { exact: false }).count(), (n) => n === 0,
    () => 'the unit was not active the day before its dissolution');

  // Today's tree no longer lists it; its successor is still there.
  await page.goto(`${fixture.baseUrl}/to-chuc`);
  await page.getByRole('heading', { name: 'Tổ chức đảng', level: 1 }).waitFor();
  await page.getByLabel('Tìm đơn vị').fill(kCode.toLowerCase());
  await page.getByText('Không có đơn vị nào khớp.').waitFor();
  await page.getByLabel('Tìm đơn vị').fill('to dan pho kiem thu');
  await page.getByText('Tìm thấy 1 đơn vị.').waitFor();
  // On 14/11/2023 it is in the tree.
  await typeDate(page, 'Tại ngày', '14/11/2023');
  await page.getByLabel('Tìm đơn vị').fill(kCode.toLowerCase());
  await page.locator('.org-tree .org-match', { hasText: kNewName }).waitFor();
  await screenshot(page, 'to-chuc-truoc-ngay-sap-nhap');
});

test('a ward is not offered to change the tree', async ({ newPage, fixture }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  await page.goto(`${fixture.baseUrl}/don-vi/HUE-TAYLOC`);
  await page.getByRole('heading', { name: 'Đảng ủy phường Tây Lộc', level: 1 }).waitFor();
  await page.locator('.org-children').waitFor();
  expect(await page.getByText('Quản lý đơn vị').count() === 0, 'a ward is offered «Quản lý đơn vị»');
  expect(await page.getByRole('button', { name: 'Thêm đơn vị trực thuộc' }).count() === 0, 'a ward is offered to add a unit');
});
