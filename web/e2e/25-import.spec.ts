import { readFile } from 'node:fs/promises';
import { expect, kDesktop, login, test, until } from './harness';
import type { Page } from './harness';
import { loadExcel, readSheetFile } from '../src/lib/importSheet';

// "Nhập từ Excel": ward staff load the members of a cell from the .xlsx they keep. A row whose
// person joined at 16 is refused (R1) with its row number and nothing is loaded; the fixed file
// loads its 5 members; loading it again changes nothing.

interface OrgItem { code: string; name: string; kind: string; valid_to: string | null; official_members: number; probationary_members: number }

// A cell of ward Tây Lộc, as the logged-in user's tree lists it.
async function tayLocCell(page: Page, baseUrl: string): Promise<OrgItem> {
  const answer = await page.request.get(`${baseUrl}/api/v1/organisations`);
  expect(answer.ok(), `organisations answered ${answer.status()}`);
  const cells = ((await answer.json()).items as OrgItem[])
    .filter((o) => o.code.startsWith('HUE-TAYLOC') && o.kind === 'cell' && !o.valid_to)
    .sort((a, b) => a.code.localeCompare(b.code));
  expect(cells.length > 0, 'no cell of Tây Lộc in the tree of taylocdu');
  return cells[0];
}

async function members(page: Page, baseUrl: string, code: string): Promise<number> {
  const answer = await page.request.get(`${baseUrl}/api/v1/organisations`);
  const cell = ((await answer.json()).items as OrgItem[]).find((o) => o.code === code);
  return (cell?.official_members ?? 0) + (cell?.probationary_members ?? 0);
}

const utc = (d: number, m: number, y: number) => new Date(Date.UTC(y, m - 1, d));

// The members' sheet as an office keeps it: a numbering column the import ignores, birth dates
// as Excel dates, the other dates as typed text, ID numbers as text (their leading zero).
async function membersXlsx(cell: string, ids: string[], joinedAt16: boolean): Promise<Buffer> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  const sheet = workbook.addWorksheet('Đảng viên');
  sheet.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Chi bộ', 'Ngày vào Đảng', 'Ngày chính thức']);
  const people: [string, Date, string, string, string][] = [
    ['Hoàng Văn Thành', utc(12, 4, 1972), 'Nam', '14/06/1998', '14/06/1999'],
    ['Nguyễn Thị Lan Anh', utc(3, 9, 1985), 'Nữ', '19/05/2008', '19/05/2009'],
    // Born 10/05/2000: joining on 01/06/2016 is at 16 (R1); on 01/06/2019, at 19.
    ['Trương Quang Vinh', utc(10, 5, 2000), 'Nam', joinedAt16 ? '01/06/2016' : '01/06/2019', joinedAt16 ? '01/06/2017' : '01/06/2020'],
    ['Lê Thị Thu Hằng', utc(22, 12, 1979), 'Nữ', '03/02/2005', '03/02/2006'],
    ['Phan Đình Khoa', utc(7, 7, 1968), 'Nam', '02/09/1995', '02/09/1996'],
  ];
  people.forEach(([name, born, sex, joined, official], i) => {
    const row = sheet.addRow([i + 1, name, born, sex, ids[i], cell, joined, official]);
    row.getCell(3).numFmt = 'dd/mm/yyyy';
  });
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

const kXlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function count(page: Page, what: string): Promise<string> {
  return (await page.locator(`.import-preview [data-count="${what}"]`).innerText()).trim();
}

test('ward staff load the members of a cell from Excel: a wrong row stops it, the fixed file loads once', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  const cell = await tayLocCell(page, fixture.baseUrl);
  const before = await members(page, fixture.baseUrl, cell.code);
  // Unique 12-digit ID numbers, so that the test also passes again on the same database.
  const stamp = String(Date.now()).slice(-7);
  const ids = [0, 1, 2, 3, 4].map((i) => `0793${stamp}${i}`);

  await page.locator('#app-nav').getByRole('link', { name: 'Nhập từ Excel', exact: true }).click();
  await page.getByRole('heading', { name: 'Nhập từ Excel', level: 1 }).waitFor();
  await page.getByText('Đảng viên của chi bộ', { exact: true }).click();
  expect(await page.getByRole('radio', { name: /Đảng viên của chi bộ/ }).isChecked(), 'the kind was not chosen');

  // The template: the header row the page describes, and one example row.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải tệp mẫu Đảng viên của chi bộ' }).click(),
  ]);
  expect(download.suggestedFilename().endsWith('.xlsx'), `the template came as «${download.suggestedFilename()}»`);
  const template = await readFile(await download.path());
  const templateSheet = await readSheetFile({ name: 'mau.xlsx', arrayBuffer: async () => new Uint8Array(template).buffer });
  expect(templateSheet.headers.join('|') === 'Họ và tên|Ngày sinh|Giới tính|Số CCCD|Chi bộ|Ngày vào Đảng|Ngày chính thức',
    `the template's headers: ${templateSheet.headers.join(', ')}`);
  expect(templateSheet.rows.length === 1, `the template has ${templateSheet.rows.length} example rows`);

  const input = page.locator('.import-file-card input[type=file]');
  const fileName = `Đảng viên ${cell.name}.xlsx`;

  // One member joined at 16: only that row is refused, by its row in the sheet (the header is 1).
  await input.setInputFiles({ name: fileName, mimeType: kXlsx, buffer: await membersXlsx(cell.code, ids, true) });
  const errors = page.locator('.import-preview .import-errors tbody tr.ant-table-row');
  await errors.first().waitFor();
  const rows = await errors.evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td as HTMLElement).innerText.trim())));
  expect(rows.length === 1, `the preview lists ${rows.length} errors: ${JSON.stringify(rows)}`);
  expect(rows[0][0] === '4', `the error is on row ${rows[0][0]}, not 4: ${JSON.stringify(rows[0])}`);
  expect(rows[0].some((c) => c.startsWith('Trương Quang Vinh')), `the error does not name the person: ${JSON.stringify(rows[0])}`);
  expect((await errors.first().locator('[data-citation="R1"]').count()) === 1, 'the error does not cite R1');
  expect(await count(page, 'rows') === '5', `the file has ${await count(page, 'rows')} rows`);
  expect(await count(page, 'error-rows') === '1', `${await count(page, 'error-rows')} rows with errors`);
  expect(await page.locator('.import-ignored').innerText().then((t) => t.includes('«STT»')), 'the numbering column is not listed as ignored');
  const commit = page.locator('.import-commit');
  expect(await commit.isDisabled(), 'the import button is enabled despite the error');
  await page.getByText('Sửa các dòng lỗi trong tệp rồi chọn lại tệp: chưa nhập dòng nào.').waitFor();
  await page.locator('.import-preview .import-errors').scrollIntoViewIfNeeded();
  await screenshot(page, 'nhap-excel-loi');
  expect(await members(page, fixture.baseUrl, cell.code) === before, 'a file with an error loaded some members');

  // The fixed file: no error, 5 new members; loading them says so.
  await input.setInputFiles({ name: fileName, mimeType: kXlsx, buffer: await membersXlsx(cell.code, ids, false) });
  await page.locator('.import-preview .import-no-errors').waitFor();
  expect(await count(page, 'new') === '5', `${await count(page, 'new')} new rows, not 5`);
  expect(await count(page, 'unchanged') === '0', `${await count(page, 'unchanged')} rows unchanged, not 0`);
  expect(await commit.isEnabled(), 'the import button is disabled');
  expect((await commit.innerText()).replace(/\s+/g, ' ').trim() === 'Nhập 5 dòng', `the button reads «${await commit.innerText()}»`);
  await commit.click();
  const done = page.locator('.import-done');
  await done.getByText('Đã nhập 5 dòng.').waitFor();
  expect((await done.getByRole('link', { name: 'Xem tổ chức đảng' }).getAttribute('href')) === '/to-chuc', 'no link to the organisation tree');
  await done.scrollIntoViewIfNeeded();
  await screenshot(page, 'nhap-excel-xong');
  await until(() => members(page, fixture.baseUrl, cell.code), (n) => n === before + 5,
    (n) => `${cell.code} counts ${n} members after the import, ${before} before`);

  // The same file again: every row is already there, nothing to load.
  await input.setInputFiles({ name: fileName, mimeType: kXlsx, buffer: await membersXlsx(cell.code, ids, false) });
  await page.locator('.import-preview .import-no-errors').waitFor();
  expect(await count(page, 'new') === '0', `${await count(page, 'new')} new rows on loading the file again`);
  expect(await count(page, 'unchanged') === '5', `${await count(page, 'unchanged')} rows unchanged, not 5`);
  expect(await commit.isDisabled(), 'the import button is enabled with nothing new');
  await page.getByText('Mọi dòng trong tệp đã có từ trước: không có gì để nhập thêm.').waitFor();
});

interface OrgUnit { id: number; parent_id: number | null; code: string; name: string; kind: string; valid_to: string | null }

// A cell of ward Tây Lộc directly under the ward's committee (no intermediate level, S10).
async function tayLocWardCell(page: Page, baseUrl: string): Promise<OrgUnit> {
  const answer = await page.request.get(`${baseUrl}/api/v1/organisations`);
  expect(answer.ok(), `organisations answered ${answer.status()}`);
  const units = (await answer.json()).items as OrgUnit[];
  const kind = new Map(units.map((u) => [u.id, u.kind]));
  const cells = units
    .filter((o) => o.code.startsWith('HUE-TAYLOC') && o.kind === 'cell' && !o.valid_to)
    .filter((o) => o.parent_id !== null && kind.get(o.parent_id) === 'grassroots_committee')
    .sort((a, b) => a.code.localeCompare(b.code));
  expect(cells.length > 0, 'no cell of Tây Lộc directly under the ward');
  return cells[0];
}

// Two cases in progress as an office lists them (the demo's day is 15/11/2023): one voted by its
// cell on 02/11/2023 (S12: the decision is due within 60 working days), one whose admission was
// decided on 01/08/2023 and whose ceremony is overdue (S13: within 30 working days).
async function casesXlsx(cell: string, ids: string[]): Promise<Buffer> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  const sheet = workbook.addWorksheet('Hồ sơ đang làm');
  sheet.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Chi bộ', 'Nguồn', 'Ngày cấp giấy chứng nhận',
    'Số giấy chứng nhận', 'Ngày nộp đơn', 'Ngày chi bộ xét', 'Ngày đảng ủy xét', 'Số quyết định', 'Ngày quyết định kết nạp']);
  sheet.addRow([1, 'Võ Thị Ngọc Ánh', '14/02/1998', 'Nữ', ids[0], cell, 'Giáo viên', '10/03/2023', '87/GCN-TTCT', '05/05/2023', '02/11/2023', '', '', '']);
  sheet.addRow([2, 'Trần Hữu Phước', '09/09/2001', 'Nam', ids[1], cell, 'Dân quân', '01/02/2023', '15/GCN-TTCT', '01/03/2023', '01/06/2023', '15/06/2023', '1203-QĐ/TU', '01/08/2023']);
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

// The newest case of `name` (the test may run again on the same database).
async function caseOf(page: Page, baseUrl: string, name: string): Promise<number> {
  const answer = await page.request.get(`${baseUrl}/api/v1/cases?org=HUE-TAYLOC&q=${encodeURIComponent(name)}&page_size=100`);
  expect(answer.ok(), `cases answered ${answer.status()}`);
  const items = ((await answer.json()).items as { id: number; person_name: string }[])
    .filter((c) => c.person_name === name).sort((a, b) => b.id - a.id);
  expect(items.length > 0, `no case of ${name} in the list`);
  return items[0].id;
}

test('ward staff load the cases in progress from Excel: each opens at its step with its deadline', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  const cell = await tayLocWardCell(page, fixture.baseUrl);
  const stamp = String(Date.now()).slice(-7);
  const ids = [0, 1].map((i) => `0794${stamp}${i}`);

  await page.locator('#app-nav').getByRole('link', { name: 'Nhập từ Excel', exact: true }).click();
  await page.getByRole('heading', { name: 'Nhập từ Excel', level: 1 }).waitFor();
  await page.getByText('Hồ sơ kết nạp đang làm dở', { exact: true }).click();
  await page.locator('.import-file-card input[type=file]').setInputFiles({
    name: 'Hồ sơ đang làm.xlsx', mimeType: kXlsx, buffer: await casesXlsx(cell.code, ids),
  });
  await page.locator('.import-preview .import-no-errors').waitFor();
  expect(await count(page, 'new') === '2', `${await count(page, 'new')} new rows, not 2`);
  const stages = await page.locator('.import-stages li').allInnerTexts();
  expect(stages.length === 2 && stages.every((s) => s.endsWith(': 1 hồ sơ')), `the steps of the new cases: ${JSON.stringify(stages)}`);
  await page.locator('.import-stages').scrollIntoViewIfNeeded();
  await screenshot(page, 'nhap-excel-ho-so');
  await page.locator('.import-commit').click();
  const done = page.locator('.import-done');
  await done.getByText('Đã nhập 2 dòng.').waitFor();
  expect((await done.getByRole('link', { name: 'Xem danh sách hồ sơ' }).getAttribute('href')) === '/ho-so', 'no link to the case list');

  // The case voted by its cell: the decision's deadline runs at once, still on time.
  await page.goto(`${fixture.baseUrl}/ho-so/${await caseOf(page, fixture.baseUrl, 'Võ Thị Ngọc Ánh')}`);
  const voted = page.locator('.deadlines-card .deadline-row').filter({ has: page.locator('[data-citation="S12"]') });
  await voted.waitFor();
  expect(await voted.getAttribute('data-status') !== 'overdue', 'the decision due 60 working days after 02/11/2023 reads overdue');
  // The decided case: its ceremony is overdue since September.
  await page.goto(`${fixture.baseUrl}/ho-so/${await caseOf(page, fixture.baseUrl, 'Trần Hữu Phước')}`);
  const decided = page.locator('.deadlines-card .deadline-row').filter({ has: page.locator('[data-citation="S13"]') });
  await decided.waitFor();
  expect(await decided.getAttribute('data-status') === 'overdue', 'the ceremony due 30 working days after 01/08/2023 does not read overdue');
  expect(/quá hạn/i.test(await decided.innerText()), 'the case page does not say the ceremony is overdue');
});
