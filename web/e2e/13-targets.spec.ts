import { expect, kDesktop, kPhone, login, test, until } from './harness';

// §7: Huế's 2023 targets (demo: 191 for the city, 151 split among 36 units), progress
// and forecast; a split that passes the whole is refused by the server (422) and the refusal is
// shown next to the numbers; a right one is saved; a ward sees only its own target.
const kTotal = 'Thành ủy Huế (tất cả các nguồn)';

test('the organisation board reads the targets, progress and forecast', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'bantochuc');
  await page.locator('#app-nav').getByRole('link', { name: 'Chỉ tiêu', exact: true }).click();
  await page.getByRole('heading', { name: 'Chỉ tiêu kết nạp đảng viên năm 2023', level: 1 }).waitFor();
  const total = page.locator('.progress-table tbody tr', { hasText: 'Tổng số' });
  await total.waitFor();
  const cells = (await total.locator('td').allInnerTexts()).map((c) => c.trim());
  // Target, admitted, forecast, expected: the server's figures as they are.
  expect(cells[1] === '191' && cells[2] === '52' && Number(cells[4]) === 52 + Number(cells[3]), `total row reads ${cells.join(' | ')}`);
  await page.locator('.progress-table').getByText('Giáo viên').waitFor();
  const city = page.locator('.targets-table tbody tr', { hasText: 'Nghị quyết 14-NQ/TU' }).first();
  const cityText = await city.innerText();
  expect(cityText.includes('151/191 cho 36 đơn vị'), `city row reads «${cityText}»`);
  // The ward's whole target and its targets by source category.
  await page.locator('.targets-table tbody tr', { hasText: 'Đảng ủy phường Tây Lộc' }).first().waitFor();
  expect(await page.locator('.targets-table tbody tr', { hasText: 'Đảng ủy phường Tây Lộc' }).count() >= 2, 'Tây Lộc has no target by category');
  await screenshot(page, 'chi-tieu');
});

test('a split past the whole is refused next to the numbers; a right one is saved', async ({ newPage, fixture, expectApiStatus }) => {
  expectApiStatus(422, /^\/api\/v1\/targets\/\d+$/);
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'bantochuc');
  await page.goto(`${fixture.baseUrl}/chi-tieu`);
  await page.getByRole('button', { name: `Phân bổ chỉ tiêu của ${kTotal}` }).click();
  const modal = page.locator('.ant-modal:visible');
  const tayloc = modal.getByLabel('Chỉ tiêu của Đảng ủy phường Tây Lộc');
  await until(() => tayloc.inputValue(), (v) => v === '4', (v) => `Tây Lộc's split reads «${v}»`);
  await until(() => modal.getByTestId('split-sum').innerText(), (t) => t.includes('151'), (t) => `sum reads «${t}»`);
  await tayloc.fill('50');
  await until(() => modal.getByTestId('split-sum').innerText(), (t) => t.includes('197') && t.includes('vượt 6'), (t) => `sum reads «${t}»`);
  await modal.getByRole('button', { name: 'Lưu phân bổ' }).click();
  const refusal = modal.locator('.split-error');
  await refusal.waitFor();
  const said = await refusal.innerText();
  expect(said.includes('§7') && said.includes('197') && said.includes('191'), `the refusal reads «${said}»`);
  await tayloc.fill('6');
  await modal.getByRole('button', { name: 'Lưu phân bổ' }).click();
  await modal.waitFor({ state: 'detached' }).catch(() => modal.waitFor({ state: 'hidden' }));
  const city = page.locator('.targets-table tbody tr', { hasText: 'Nghị quyết 14-NQ/TU' }).first();
  await until(() => city.innerText(), (t) => t.includes('153/191'), (t) => `city row reads «${t}»`);
  // Lowering the whole below its splits: refused on the number itself.
  await page.getByRole('button', { name: `Sửa chỉ tiêu của ${kTotal}` }).click();
  const edit = page.locator('.ant-modal:visible');
  await edit.getByLabel('Số đảng viên kết nạp').fill('100');
  await edit.getByRole('button', { name: 'Lưu' }).click();
  const help = edit.locator('.ant-form-item', { hasText: 'Số đảng viên kết nạp' }).locator('.ant-form-item-explain');
  await help.waitFor();
  expect((await help.innerText()).includes('§7'), 'the refusal is not on the number');
  await edit.getByRole('button', { name: 'Hủy' }).click();
});

test('a ward sees only its own target and cannot change it', async ({ newPage, fixture, screenshot }) => {
  for (const [viewport, suffix] of [[kDesktop, 'desktop'], [kPhone, 'phone']] as const) {
    const page = await newPage(viewport);
    await login(page, fixture.baseUrl, 'taylocdu');
    await page.goto(`${fixture.baseUrl}/chi-tieu`);
    await page.getByRole('heading', { name: 'Chỉ tiêu kết nạp đảng viên năm 2023', level: 1 }).waitFor();
    const list = page.locator(suffix === 'desktop' ? '.targets-table tbody' : '.target-cards');
    await list.getByText('Đảng ủy phường Tây Lộc').first().waitFor();
    const text = await list.innerText();
    expect(!text.includes('Thành ủy Huế') && !text.includes('Vỹ Dạ'), `the ward sees «${text}»`);
    expect(await page.getByRole('button', { name: 'Giao chỉ tiêu' }).count() === 0, 'a ward is offered to set targets');
    await page.locator(suffix === 'desktop' ? '.progress-table tbody tr' : '.progress-cards li', { hasText: 'Tổng số' }).waitFor();
    await screenshot(page, `chi-tieu-phuong-${suffix}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow <= 0, `/chi-tieu at ${viewport.width} px is ${overflow} px too wide`);
  }
});
