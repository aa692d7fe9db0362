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

// Huế's communes and wards were merged on 1/7/2025; here two communes of the demo merge on its
// today into a commune founded that day. The city's page then lists the new one and not the two;
// the city as of the day before still lists both.
interface TreeRow { id: number; parent_id: number | null; code: string; name: string; kind: string }

test('the organisation board merges two communes into a new one with the preview', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'bantochuc');
  // Hương Thọ and Thủy Bằng; were the demo to lack them, two other communes no other spec uses.
  const tree = await page.request.get(`${fixture.baseUrl}/api/v1/organisations`);
  expect(tree.ok(), `the organisation tree answered ${tree.status()}`);
  const rows = (await tree.json()).items as TreeRow[];
  const city = rows.find((r) => r.code === 'HUE');
  expect(city !== undefined, 'the demo has no HUE');
  const communes = rows.filter((r) => r.parent_id === city.id && r.kind === 'grassroots_committee');
  const wanted = ['HUE-HUONGTHO', 'HUE-THUYBANG'].map((c) => communes.find((r) => r.code === c));
  const merged = wanted.every((r) => r !== undefined) ? wanted as TreeRow[]
    : communes.filter((r) => !['HUE-TAYLOC', 'HUE-VYDA'].includes(r.code)).slice(0, 2);
  expect(merged.length === 2, 'the demo has not two communes to merge');
  const code = `HUE-SN${Date.now() % 100000}`;
  const name = 'Đảng ủy xã Hương Thọ – Thủy Bằng';

  await page.goto(`${fixture.baseUrl}/don-vi/HUE`);
  await page.getByRole('heading', { name: 'Thành ủy Huế', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Sáp nhập các đơn vị trực thuộc' }).click();
  const modal = page.locator('.ant-modal:visible');
  await modal.getByLabel('Ngày sáp nhập').waitFor();
  expect(await modal.getByLabel('Ngày sáp nhập').inputValue() === '15/11/2023', 'the merge date is not the server\'s today');
  for (const r of merged) await pick(page, 'Các đơn vị sáp nhập', `${r.name} (Đảng bộ cơ sở)`, r.name);
  await modal.locator('.ant-modal-title').click();  // closes the list
  await modal.getByLabel('Thành lập đơn vị mới').check();
  expect(await modal.getByLabel('Mã đơn vị mới').inputValue() === 'HUE-', 'the code is not suggested from the city\'s');
  const kind = await modal.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: 'Loại đơn vị' }) }).innerText();
  expect(kind.trim() === 'Đảng bộ cơ sở', `the new unit's kind reads «${kind}»`);
  await modal.getByLabel('Tên đơn vị mới').fill(name);
  await modal.getByLabel('Mã đơn vị mới').fill(code);
  await modal.getByRole('button', { name: 'Xem trước' }).click();

  // One row per commune with what it hands over, and the sum of the two.
  const plan = modal.getByTestId('merge-plan');
  await plan.waitFor();
  const planText = await plan.innerText();
  expect(planText.includes(`thành lập ${name}`), `the preview reads «${planText}»`);
  const figure = async (row: string, column: string) => {
    const text = (await plan.locator(`${row} td.${column}`).innerText()).trim();
    expect(/^\d+$/.test(text), `${column} of ${row} reads «${text}»`);
    return Number(text);
  };
  for (const r of merged) {
    expect((await plan.locator(`tr[data-row-key="${r.code}"] td.merge-name`).innerText()).trim() === r.name, `no row for ${r.name}`);
    expect(await figure(`tr[data-row-key="${r.code}"]`, 'merge-units') > 0, `${r.name} hands over no unit`);
  }
  for (const column of ['merge-units', 'merge-people', 'merge-official', 'merge-probationary', 'merge-cases', 'merge-accounts']) {
    const each = await Promise.all(merged.map((r) => figure(`tr[data-row-key="${r.code}"]`, column)));
    const total = await figure('tr.merge-total', column);
    expect(total === each[0] + each[1], `the total of ${column} is ${total}, not ${each[0]} + ${each[1]}`);
  }
  await plan.scrollIntoViewIfNeeded();
  await screenshot(page, 'don-vi-sap-nhap-nhieu-xem-truoc');
  await modal.getByRole('button', { name: 'Xác nhận sáp nhập' }).click();
  await page.getByRole('button', { name: 'Đồng ý sáp nhập' }).click();
  const done = page.locator('.org-admin-done');
  await until(() => done.innerText().catch(() => ''), (t) => t.includes(`Đã thành lập ${name} từ ngày 15/11/2023`),
    (t) => `the confirmation reads «${t}»`);
  expect(await done.getByRole('link', { name, exact: true }).getAttribute('href') === `/don-vi/${code}`, 'no link to the new unit');
  await done.scrollIntoViewIfNeeded();
  await screenshot(page, 'don-vi-da-sap-nhap-nhieu');

  // Today the city lists the new commune and not the two; the day before, the two and not it.
  const children = page.locator('.org-children');
  await children.getByRole('link', { name, exact: true }).waitFor();
  for (const r of merged) {
    expect(await children.getByRole('link', { name: r.name, exact: true }).count() === 0, `${r.name} is still listed today`);
  }
  await done.getByRole('link', { name: 'Xem các đơn vị trực thuộc như trước ngày sáp nhập' }).click();
  await until(() => Promise.resolve(page.url()), (u) => u.endsWith('/don-vi/HUE?on=2023-11-14'), (u) => `the link led to ${u}`);
  for (const r of merged) await children.getByRole('link', { name: r.name, exact: true }).waitFor();
  await until(() => children.getByRole('link', { name, exact: true }).count(), (n) => n === 0, () => 'the new unit is listed the day before');
  await screenshot(page, 'don-vi-truoc-ngay-sap-nhap-nhieu');
});

// A commune split in two on the demo's today: its first cell to a commune founded that day (its
// successor, which also keeps what the commune held itself), the others to a neighbour, after
// a preview of what each receives. The day before, the commune still holds all its cells.
test('the organisation board splits a commune into a new one and a neighbour', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'bantochuc');
  const unit = await page.request.get(`${fixture.baseUrl}/api/v1/organisations/HUE-PHUTHANH`);
  expect(unit.ok(), `HUE-PHUTHANH answered ${unit.status()}`);
  const children = (await unit.json()).children as TreeRow[];
  expect(children.length >= 2, 'Phú Thanh has fewer than two cells');
  const [first, ...rest] = children;
  const code = `HUE-CT${Date.now() % 100000}`;
  const name = 'Đảng ủy xã Phú Thanh Đông';

  await page.goto(`${fixture.baseUrl}/don-vi/HUE-PHUTHANH`);
  await page.getByRole('heading', { name: 'Đảng ủy xã Phú Thanh', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Chia tách đơn vị' }).click();
  const modal = page.locator('.ant-modal:visible');
  await modal.getByLabel('Ngày chia tách').waitFor();
  const one = modal.getByRole('group', { name: 'Phần 1' });
  const two = modal.getByRole('group', { name: 'Phần 2' });
  await one.getByLabel('Thành lập đơn vị mới').check();
  await one.getByLabel('Tên đơn vị mới').fill(name);
  await one.getByLabel('Mã đơn vị mới').fill(code);
  await one.getByRole('checkbox', { name: first.name, exact: true }).check();
  await two.getByLabel('Đơn vị có sẵn').check();
  await pick(page, 'Đơn vị tiếp nhận', 'Đảng ủy xã Phú Mậu (Đảng bộ cơ sở)', 'Phú Mậu');
  for (const cell of rest) await two.getByRole('checkbox', { name: cell.name, exact: true }).check();
  await modal.getByRole('button', { name: 'Xem trước' }).click();

  const plan = modal.getByTestId('split-plan');
  await plan.waitFor();
  const units = async (key: string) => Number((await plan.locator(`tr[data-row-key="${key}"] td.split-units`).innerText()).trim());
  expect(await units(code) === 1, 'the new commune does not receive one cell');
  expect(await units('HUE-PHUMAU') === rest.length, `the neighbour does not receive ${rest.length} cells`);
  await plan.scrollIntoViewIfNeeded();
  await screenshot(page, 'don-vi-chia-tach-xem-truoc');
  await modal.getByRole('button', { name: 'Xác nhận chia tách' }).click();
  await page.getByRole('button', { name: 'Đồng ý chia tách' }).click();
  await page.getByText('Đã chia tách đơn vị').first().waitFor();

  // From the day the new commune holds the first cell and Phú Mậu the others; the day before,
  // Phú Thanh still held them all.
  const after = await page.request.get(`${fixture.baseUrl}/api/v1/organisations/${code}`);
  expect(after.ok(), `${code} answered ${after.status()}`);
  const held = ((await after.json()).children as TreeRow[]).map((c) => c.code);
  expect(held.length === 1 && held[0] === first.code, `${code} holds ${held.join(', ')}`);
  const neighbour = await (await page.request.get(`${fixture.baseUrl}/api/v1/organisations/HUE-PHUMAU`)).json();
  const there = (neighbour.children as TreeRow[]).map((c) => c.code);
  expect(rest.every((c) => there.includes(c.code)), `Phú Mậu holds ${there.join(', ')}`);
  const before = await (await page.request.get(`${fixture.baseUrl}/api/v1/organisations/HUE-PHUTHANH?on=2023-11-14`)).json();
  expect((before.children as unknown[]).length === children.length, 'the day before, Phú Thanh lost cells');
});
