import { expect, kDesktop, login, test, until } from './harness';

// Ward staff move a case to another cell of the ward («Chuyển sang chi bộ khác»): a pupil, a
// student or a militia member moved house, school or job. The case page then names the new cell,
// and the steps done keep their deadlines.

interface CaseItem { id: number; cell_code: string; person_name: string }
interface TreeRow { id: number; code: string; name: string; kind: string; valid_from: string; valid_to: string | null }

const kToday = '2023-11-15';
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

test('ward staff move a case to another cell of the ward; its deadlines stay', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');

  // An open case of Tây Lộc at the dossier, not one the other specs work on.
  const list = await page.request.get(`${fixture.baseUrl}/api/v1/cases?org=HUE-TAYLOC&stage=dossier&page_size=100`);
  expect(list.ok(), `case list answered ${list.status()}`);
  const items = (await list.json()).items as CaseItem[];
  const item = items.find((c) => c.id !== fixture.caseId && c.id !== fixture.cellCaseId);
  expect(item !== undefined, 'no case of Tây Lộc at the dossier in the demo');

  // Another cell of the ward, today, with a name no other cell has (the form lists names).
  const tree = await page.request.get(`${fixture.baseUrl}/api/v1/organisations`);
  expect(tree.ok(), `the organisation tree answered ${tree.status()}`);
  const cells = ((await tree.json()).items as TreeRow[]).filter((r) => (r.kind === 'cell' || r.kind === 'grassroots_cell')
    && r.valid_from <= kToday && (r.valid_to === null || r.valid_to >= kToday));
  const target = cells.find((c) => c.code !== item.cell_code && cells.filter((o) => o.name === c.name).length === 1);
  expect(target !== undefined, `no other cell of Tây Lộc than ${item.cell_code}`);

  await page.goto(`${fixture.baseUrl}/ho-so/${item.id}`);
  await page.getByRole('heading', { name: item.person_name, level: 1 }).waitFor();
  const deadlines = page.locator('.deadlines-card');
  await deadlines.waitFor();
  const before = await deadlines.innerText();

  await page.getByRole('button', { name: 'Chuyển sang chi bộ khác' }).click();
  const modal = page.locator('.ant-modal:visible');
  await modal.getByLabel('Ngày chuyển').waitFor();
  expect(await modal.getByLabel('Ngày chuyển').inputValue() === '15/11/2023', 'the date is not the server\'s today');
  await modal.getByText('Hồ sơ giữ nguyên các bước đã làm và thời hạn', { exact: false }).waitFor();
  // Typed, then chosen with Enter: the list redraws under a mouse that clicks while it filters.
  const box = page.getByRole('combobox', { name: 'Chi bộ tiếp nhận' });
  await box.click();
  await box.fill(target.name);
  await page.locator('.ant-select-dropdown:visible').getByTitle(exactly(target.name)).waitFor();
  await box.press('Enter');
  const chosen = modal.locator('.ant-select').first();
  await until(() => chosen.innerText(), (t) => t.trim() === target.name, (t) => `the form chose «${t}»`);
  await screenshot(page, 'ho-so-chuyen-chi-bo');
  await modal.getByRole('button', { name: 'Chuyển hồ sơ' }).click();
  // Either the form closes or it shows the server's refusal.
  const refusal = modal.locator('.case-transfer-error');
  await until(async () => (await modal.count()) === 0 || (await refusal.count()) > 0, (settled) => settled, () => 'the form neither closed nor said why');
  if (await refusal.count() > 0) throw new Error(`the transfer was refused: «${await refusal.innerText()}»`);
  await page.getByText(`Đã chuyển hồ sơ sang ${target.name}`).waitFor();

  // The page names the new cell; the deadlines are those of before.
  const shownCell = page.locator('.case-meta li').first();
  await until(() => shownCell.innerText(), (t) => t.trim() === target.name, (t) => `the case page names «${t}»`);
  await until(() => deadlines.innerText(), (t) => t === before, (t) => `the deadlines changed from «${before}» to «${t}»`);
  await page.locator('.history-card').getByText('Chuyển hồ sơ sang chi bộ khác').first().waitFor();
  await screenshot(page, 'ho-so-da-chuyen-chi-bo');

  // The server agrees.
  const detail = await page.request.get(`${fixture.baseUrl}/api/v1/cases/${item.id}`);
  const cell = (await detail.json()).cell as { code: string };
  expect(cell.code === target.code, `the case is in ${cell.code}, not ${target.code}`);
});
