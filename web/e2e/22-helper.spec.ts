import { expect, kDesktop, login, pick, test } from './harness';

// S0: a ward assigns a helper to a source from the sources page. "Phan Thị Nguồn" (fixture.sh)
// is a source of HUE-TAYLOC-CB01 with no helper; "Huỳnh Tấn Huy" is an official member of that
// cell in the demo; "Nguyễn Văn Đức" (fixture.sh) is not a party member.
test('a ward assigns a helper to a source from the sources page', async ({ newPage, fixture, screenshot, expectApiStatus }) => {
  expectApiStatus(422, /^\/api\/v1\/cases\/\d+\/events$/);
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  await page.goto(`${fixture.baseUrl}/nguon`);
  const row = page.locator('.sources-table tbody tr.ant-table-row', { hasText: 'Phan Thị Nguồn' });
  await row.waitFor();
  expect((await row.innerText()).includes('Chưa phân công'), 'the source already has a helper');
  await row.getByRole('link', { name: 'Phân công người giúp đỡ Phan Thị Nguồn' }).click();

  await page.getByRole('heading', { name: 'Phan Thị Nguồn', level: 1 }).waitFor();
  expect((await page.locator('.helper-line').innerText()).includes('chưa phân công'), 'the case page names a helper');
  const drawer = page.locator('.step-drawer');
  const action = drawer.locator('.ant-form-item', { hasText: 'Bước cần ghi nhận' }).first();
  await action.getByText('Phân công đảng viên giúp đỡ').waitFor();
  expect(await drawer.getByLabel('Ngày thực hiện').inputValue() === '15/11/2023', 'the step date is not the server’s today');

  // Not a party member: the server refuses in plain Vietnamese, beside the field.
  await pick(page, 'Đảng viên được phân công giúp đỡ', /Nguyễn Văn Đức \(sinh 12\/03\/1990/, 'nguyen van duc');
  await page.getByRole('button', { name: 'Lưu bước này' }).click();
  const refusal = drawer.locator('.step-error');
  await refusal.waitFor();
  const text = await refusal.innerText();
  expect(text.includes('phải là đảng viên chính thức'), `refusal reads «${text}»`);
  await drawer.locator('.ant-form-item-explain-error', { hasText: 'phải là đảng viên chính thức' }).first().waitFor();
  await screenshot(page, 'phan-cong-giup-do-bi-tu-choi');

  // An official member of the same cell.
  await pick(page, 'Đảng viên được phân công giúp đỡ', /Huỳnh Tấn Huy/, 'huynh tan huy');
  await screenshot(page, 'phan-cong-giup-do');
  await page.getByRole('button', { name: 'Lưu bước này' }).click();
  await page.locator('.helper-line').getByText('Huỳnh Tấn Huy').waitFor();
  await page.locator('.helper-line').getByRole('button', { name: 'Đổi người giúp đỡ' }).waitFor();
  await screenshot(page, 'ho-so-nguoi-giup-do');

  await page.goto(`${fixture.baseUrl}/nguon`);
  const after = page.locator('.sources-table tbody tr.ant-table-row', { hasText: 'Phan Thị Nguồn' });
  await after.getByText('Huỳnh Tấn Huy').waitFor();
  expect((await after.getByRole('link', { name: /^Phân công/ }).count()) === 0, 'still offered to assign');
});
