import { expect, kDesktop, login, test } from './harness';

test('creating a person with the name and birth date of another warns before saving', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  await page.getByRole('link', { name: 'Quần chúng' }).click();
  await page.getByRole('heading', { name: 'Quần chúng ưu tú và người vào Đảng', level: 1 }).waitFor();
  await page.getByRole('button', { name: '+ Thêm người' }).click();
  await page.getByRole('heading', { name: 'Thêm người mới', level: 1 }).waitFor();
  await page.getByLabel('Họ và tên (có dấu)').fill('Nguyễn Văn Đức');
  await page.getByLabel('Ngày sinh').fill('12/03/1990');
  await page.getByLabel('Ngày sinh').press('Enter');
  await page.getByRole('combobox', { name: 'Đơn vị' }).click();
  await page.getByRole('combobox', { name: 'Đơn vị' }).fill('Kiểm thử');
  await page.locator('.ant-select-tree-treenode:visible').filter({ hasText: 'Chi bộ Tổ dân phố Kiểm thử' }).first().click();
  await page.getByRole('button', { name: 'Lưu người mới' }).click();

  const warning = page.locator('.duplicate-warning');
  await warning.waitFor();
  const text = await warning.innerText();
  expect(text.includes('Có thể trùng người đã có') && text.includes('12/03/1990'), `warning reads «${text}»`);
  expect((await warning.locator(`a[href="/nguoi/${fixture.personId}"]`).count()) === 1, 'the existing person is not linked');
  expect(page.url().endsWith('/nguoi/moi'), 'saved without confirmation');
  await screenshot(page, 'nguoi-trung-ten');

  await warning.getByRole('button', { name: 'Không phải người này — vẫn lưu người mới' }).click();
  await page.waitForURL(/\/nguoi\/\d+$/);
  const id = Number(/\/nguoi\/(\d+)$/.exec(page.url())![1]);
  expect(id !== fixture.personId, 'opened the existing person');
  await page.getByRole('heading', { name: 'Nguyễn Văn Đức', level: 1 }).waitFor();
  await page.locator('.person-cases').getByText('Chưa có hồ sơ kết nạp').waitFor();

  // A correction is a PATCH with If-Match; it survives a reload.
  await page.getByLabel('Điện thoại').fill('0905 123 456');
  const patched = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/api/v1/people/${id}`));
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  const answer = await patched;
  expect(answer.status() === 200, `PATCH answered ${answer.status()}`);
  expect(/^"\d+"$/.test(answer.request().headers()['if-match'] ?? ''), 'PATCH without If-Match');
  expect(JSON.stringify(answer.request().postDataJSON()) === '{"phone":"0905 123 456"}', `PATCH sent ${answer.request().postData()}`);
  await page.reload();
  await page.getByRole('heading', { name: 'Nguyễn Văn Đức', level: 1 }).waitFor();
  const phone = await page.getByLabel('Điện thoại').inputValue();
  expect(phone === '0905 123 456', `phone after reload «${phone}»`);
});

test("a person's page lists their cases", async ({ newPage, fixture }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  await page.goto(`${fixture.baseUrl}/nguoi/${fixture.personId}`);
  await page.getByRole('heading', { name: 'Nguyễn Văn Đức', level: 1 }).waitFor();
  await page.locator(`.person-cases a[href="/ho-so/${fixture.caseId}"]`).waitFor();
  expect((await page.locator('.person-cases tbody tr.ant-table-row').count()) === 1, 'another person\'s case is listed');
});
