import type { Locator, Page } from 'playwright-core';
import { expect, kDesktop, login, pick, test, until } from './harness';

// The ward's mass organisations in the loop: the Youth Union of Tây Lộc (doanthanhnien.tayloc)
// nominates a person as a source (S0), the ward's staff (taylocdu) take them into a cell and find
// them among the sources; the Youth Union gives its opinion on a case at the dossier (S7), which
// the ward reads on the case's page. The organisation's account reads no case: its menu has only
// its two pages, and the case pages tell it so without showing anything.

const kOrgLogin = 'doanthanhnien.tayloc';
const kLanding = 'Tổ chức của tôi';
const kToday = '15/11/2023';
// Nobody of the demo or of the other specs bears this name.
const kNominee = 'Tôn Nữ Thanh Giới';

interface TreeRow { id: number; code: string; name: string; kind: string; parent_id: number | null; valid_from: string; valid_to: string | null }

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

async function menuLinks(page: Page): Promise<string[]> {
  return page.locator('#app-nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
}

async function typeDate(field: Locator, text: string) {
  await field.fill(text);
  await field.press('Enter');
  await until(() => field.inputValue(), (v) => v === text, (v) => `the date reads «${v}», not «${text}»`);
}

// A cell of HUE-TAYLOC today whose name no other unit of the ward shares (the form lists names).
async function wardCell(page: Page, baseUrl: string): Promise<TreeRow> {
  const tree = await page.request.get(`${baseUrl}/api/v1/organisations`);
  expect(tree.ok(), `the organisation tree answered ${tree.status()}`);
  const rows = (await tree.json()).items as TreeRow[];
  const ward = rows.find((r) => r.code === 'HUE-TAYLOC');
  expect(ward !== undefined, 'HUE-TAYLOC is not in taylocdu\'s tree');
  const cells = rows.filter((r) => r.parent_id === ward.id && r.kind === 'cell' && r.valid_from <= '2023-11-15'
    && (r.valid_to === null || r.valid_to >= '2023-11-15'));
  const unique = cells.filter((c) => rows.filter((o) => o.name === c.name).length === 1);
  const cell = unique.find((c) => c.code === 'HUE-TAYLOC-CB01') ?? unique[0];
  expect(cell !== undefined, 'no cell of HUE-TAYLOC with a name of its own');
  return cell;
}

test('the Youth Union nominates a person; the ward takes them into a cell\'s sources', async ({ newPage, fixture, screenshot }) => {
  const org = await newPage(kDesktop);
  await login(org, fixture.baseUrl, kOrgLogin, kLanding);
  await until(() => Promise.resolve(new URL(org.url()).pathname), (p) => p === '/to-chuc-doan-the', (p) => `the first page is ${p}`);
  const links = await menuLinks(org);
  expect(JSON.stringify(links) === JSON.stringify(['/to-chuc-doan-the', '/cho-y-kien']), `the menu offers ${links.join(', ')}`);
  await org.locator('.mass-org-counts').waitFor();

  // The category of a Youth Union member, as the server words it.
  const reference = await org.request.get(`${fixture.baseUrl}/api/v1/reference`);
  expect(reference.ok(), `GET /reference answered ${reference.status()}`);
  const categories = (await reference.json()).categories as { code: string; label: string }[];
  const category = categories.find((c) => c.code === 'youth_union') ?? categories[0];

  const form = org.locator('.nominate-card');
  await form.getByLabel('Họ và tên (có dấu)').fill(kNominee);
  await typeDate(form.getByLabel('Ngày sinh'), '04/05/2001');
  await form.getByLabel('Nữ', { exact: true }).check();
  await pick(org, 'Đối tượng nguồn', exactly(category.label));
  // Enter in a date field sends a complete form: the date goes in before the reason.
  await typeDate(form.getByLabel('Ngày giới thiệu'), kToday);
  await form.getByLabel('Lý do giới thiệu').fill('Bí thư chi đoàn khu phố, gương mẫu trong phong trào thanh niên tình nguyện');
  await form.getByLabel('Minh chứng').fill('Giấy khen của Thành đoàn Huế năm 2023');
  await screenshot(org, 'doan-the-gioi-thieu-nguon');
  const posted = org.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/my-organisation/nominations'));
  await form.getByRole('button', { name: 'Gửi giới thiệu' }).click();
  const answer = await posted;
  expect(answer.status() === 201, `the nomination answered ${answer.status()}: ${await answer.text()}`);
  const mine = org.locator('.my-nominations-card tbody tr.ant-table-row').filter({ hasText: kNominee });
  await mine.getByText('Chờ xem xét').waitFor();

  // The ward's staff take the person into a cell of Tây Lộc.
  const ward = await newPage(kDesktop);
  await login(ward, fixture.baseUrl, 'taylocdu');
  const cell = await wardCell(ward, fixture.baseUrl);
  await ward.locator('#app-nav').getByRole('link', { name: 'Đoàn thể giới thiệu', exact: true }).click();
  await ward.getByRole('heading', { name: 'Đoàn thể giới thiệu', level: 1 }).waitFor();
  await ward.locator('.mass-orgs-table tbody tr.ant-table-row').first().waitFor();
  const row = ward.locator('.nominations-table tbody tr.ant-table-row').filter({ hasText: kNominee });
  await row.getByText('Chờ xem xét').waitFor();
  await screenshot(ward, 'doan-the-gioi-thieu-phuong');
  await row.getByRole('button', { name: `Tiếp nhận ${kNominee} vào nguồn` }).click();
  const modal = ward.locator('.ant-modal:visible');
  await modal.getByLabel('Ngày tiếp nhận').waitFor();
  expect(await modal.getByLabel('Ngày tiếp nhận').inputValue() === kToday, 'the date is not the server\'s today');
  // Typed, then chosen with Enter: the list redraws under a mouse that clicks while it filters.
  const box = ward.getByRole('combobox', { name: 'Chi bộ tiếp nhận' });
  await box.click();
  await box.fill(cell.name);
  await ward.locator('.ant-select-dropdown:visible').getByTitle(exactly(cell.name)).waitFor();
  await box.press('Enter');
  await until(() => modal.locator('.ant-select').first().innerText(), (t) => t.trim() === cell.name, (t) => `the form chose «${t}»`);
  const accepted = ward.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/v1\/nominations\/\d+\/accept$/.test(r.url()));
  await modal.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  const reply = await accepted;
  expect(reply.status() === 200, `the acceptance answered ${reply.status()}: ${await reply.text()}`);
  const nomination = (await reply.json()).nomination as { case_id: number | null; cell: { code: string } | null; stage: string | null };
  expect(nomination.case_id !== null && nomination.cell?.code === cell.code, `accepted as ${JSON.stringify(nomination)}`);
  await ward.getByText(`Đã tiếp nhận ${kNominee} vào nguồn của ${cell.name}`).waitFor();
  await row.getByText('Đã tiếp nhận vào nguồn').waitFor();
  await row.locator(`a[href="/ho-so/${nomination.case_id}"]`).waitFor();

  // The person is now a source of the cell (S0).
  await ward.goto(`${fixture.baseUrl}/nguon?q=${encodeURIComponent(kNominee)}`);
  await ward.getByRole('heading', { name: 'Nguồn phát triển đảng viên', level: 1 }).waitFor();
  const source = ward.locator('.sources-table tbody tr.ant-table-row').filter({ hasText: kNominee });
  await source.waitFor();
  expect((await source.innerText()).includes(cell.name), `the source row reads «${await source.innerText()}»`);
  await screenshot(ward, 'nguon-tu-doan-the');

  // The organisation reads the decision.
  await org.reload();
  await org.locator('.my-nominations-card tbody tr.ant-table-row').filter({ hasText: kNominee }).getByText('Đã tiếp nhận vào nguồn').waitFor();
});

test('the Youth Union gives its opinion on a case; the ward reads it on the case page', async ({ newPage, fixture, screenshot }) => {
  const org = await newPage(kDesktop);
  await login(org, fixture.baseUrl, kOrgLogin, kLanding);
  const orgName = (await org.locator('.mass-org-name strong').innerText()).trim();
  await org.locator('#app-nav').getByRole('link', { name: 'Cho ý kiến', exact: true }).click();
  await org.getByRole('heading', { name: 'Cho ý kiến về người vào Đảng', level: 1 }).waitFor();
  await org.locator('.opinion-summary').waitFor();

  // A person on whom the Youth Union's opinion (S7) is still missing; its resolution (S6) will do
  // if every opinion is in.
  const missing = org.locator('.opinion-request .expected-opinion.missing');
  expect(await missing.count() > 0, `no opinion of ${orgName} is missing: «${await org.locator('.opinion-summary').innerText()}»`);
  const opinionLine = org.locator('.opinion-request .expected-opinion.missing[data-kind="opinion"]');
  const kind = (await opinionLine.count()) > 0
    ? 'opinion' : ((await missing.first().getAttribute('data-kind')) ?? 'opinion');
  // The inner locator of `has` is matched inside each request.
  const request = org.locator('.opinion-request')
    .filter({ has: org.locator(`.expected-opinion.missing[data-kind="${kind}"]`) }).first();
  const line = request.locator(`.expected-opinion.missing[data-kind="${kind}"]`).first();
  const caseId = Number(await request.getAttribute('data-case'));
  const person = (await request.locator('.opinion-person').innerText()).trim();
  expect(caseId > 0, 'the request names no case');
  const content = 'Đoàn viên gương mẫu, nhiệt tình trong công tác đoàn, được đoàn viên tín nhiệm (kiểm thử)';
  await typeDate(line.getByLabel('Ngày', { exact: true }), kToday);
  await line.getByLabel('Nội dung').fill(content);
  await screenshot(org, 'cho-y-kien');
  const posted = org.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/my-organisation/opinions'));
  await line.getByRole('button', { name: 'Gửi ý kiến' }).click();
  const answer = await posted;
  expect(answer.status() === 201, `the opinion answered ${answer.status()}: ${await answer.text()}`);
  const given = org.locator(`.opinion-request[data-case="${caseId}"] .expected-opinion.given[data-kind="${kind}"]`);
  await given.getByText(content, { exact: false }).waitFor();
  await given.getByText('Đã cho ý kiến').waitFor();

  // The ward's staff read it on the case's page.
  const ward = await newPage(kDesktop);
  await login(ward, fixture.baseUrl, 'taylocdu');
  await ward.goto(`${fixture.baseUrl}/ho-so/${caseId}`);
  await ward.getByRole('heading', { name: person, level: 1 }).waitFor();
  const card = ward.locator('.case-opinions-card');
  await card.waitFor();
  const shown = card.locator(`li.case-opinion[data-kind="${kind}"][data-given="yes"]`).filter({ hasText: orgName });
  await shown.getByText(content, { exact: false }).waitFor();
  expect((await shown.innerText()).includes(`Ngày ${kToday}`), `the opinion reads «${await shown.innerText()}»`);
  await card.locator('.opinions-missing').waitFor();
  await card.scrollIntoViewIfNeeded();
  await screenshot(ward, 'ho-so-y-kien-doan-the');
});

test('a mass organisation\'s account reads no case', async ({ newPage, fixture, expectApiStatus }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, kOrgLogin, kLanding);
  const links = await menuLinks(page);
  expect(!links.some((l) => l === '/' || l.startsWith('/ho-so') || l.startsWith('/nguoi') || l === '/nguon'),
    `the menu offers ${links.join(', ')}`);

  // The pages never ask the server for a case.
  const asked: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (/^\/api\/v1\/(cases|deadlines|people|sources|organisations)/.test(path)) asked.push(path);
  });
  for (const address of ['/ho-so', `/ho-so/${fixture.caseId}`, '/nguoi', '/nguon']) {
    await page.goto(`${fixture.baseUrl}${address}`);
    await page.getByTestId('not-allowed').waitFor();
    expect((await page.locator('.case-table, .case-page, .sources-table').count()) === 0, `${address} shows case data`);
    expect(!(await page.locator('main').innerText()).includes('Nguyễn Văn Đức'), `${address} names the fixture's applicant`);
  }
  await page.goto(`${fixture.baseUrl}/`);
  await page.getByRole('heading', { name: kLanding, level: 1 }).waitFor();
  expect(asked.length === 0, `the pages asked for ${asked.join(', ')}`);

  // Nor does the server answer them.
  expectApiStatus(403, /^\/api\/v1\/cases/);
  for (const path of ['/api/v1/cases', `/api/v1/cases/${fixture.caseId}`, `/api/v1/cases/${fixture.caseId}/opinions`]) {
    const r = await page.request.get(`${fixture.baseUrl}${path}`);
    expect(r.status() === 403, `GET ${path} answered ${r.status()}`);
  }
});
