import { expect, kDesktop, kPhone, login, test } from './harness';

test('find a person by the unaccented search and open the case', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  await page.getByRole('link', { name: 'Hồ sơ kết nạp' }).click();
  await page.getByRole('heading', { name: 'Hồ sơ kết nạp', level: 1 }).waitFor();
  await page.locator('#case-search').fill('nguyen van duc');
  await page.locator('#case-search').press('Enter');
  const link = page.locator('.case-table').getByRole('link', { name: 'Nguyễn Văn Đức' });
  await link.first().waitFor();
  await screenshot(page, 'ho-so-desktop');
  await page.locator(`.case-table a[href="/ho-so/${fixture.caseId}"]`).click();
  await page.getByRole('heading', { name: 'Nguyễn Văn Đức', level: 1 }).waitFor();
  expect(page.url().endsWith(`/ho-so/${fixture.caseId}`), `opened ${page.url()}`);
});

test('the case page shows the person, the timeline, conditions and deadlines', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  await page.goto(`${fixture.baseUrl}/ho-so/${fixture.caseId}`);
  await page.getByRole('heading', { name: 'Nguyễn Văn Đức', level: 1 }).waitFor();
  const current = page.locator('.timeline-step[data-status="current"]');
  expect((await current.innerText()).includes('Lập hồ sơ đề nghị kết nạp'), 'current step is not the dossier');
  expect((await page.locator('.timeline-step[data-status="done"]').count()) === 3, 'three steps done');
  await page.getByText('Không có điều kiện nào chưa đạt').waitFor();
  const deadline = await page.locator('.deadlines-card').innerText();
  expect(/còn \d+ ngày/.test(deadline), `deadlines read «${deadline.slice(0, 200)}»`);
  expect(deadline.includes('01/06/2024'), 'R6 due date shown as dd/mm/yyyy');
  await screenshot(page, 'ho-so-chi-tiet-desktop');
  const phone = await newPage(kPhone);
  await login(phone, fixture.baseUrl, 'taylocdu');
  await phone.goto(`${fixture.baseUrl}/ho-so/${fixture.caseId}`);
  await phone.getByRole('heading', { name: 'Nguyễn Văn Đức', level: 1 }).waitFor();
  await screenshot(phone, 'ho-so-chi-tiet-phone');
});

test('a user of another ward cannot open the case by URL', async ({ newPage, fixture, screenshot, expectApiStatus }) => {
  expectApiStatus(403, new RegExp(`^/api/v1/cases/${fixture.caseId}$`));
  expectApiStatus(404, new RegExp(`^/api/v1/cases/${fixture.caseId}$`));
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'vydadu');
  await page.goto(`${fixture.baseUrl}/ho-so/${fixture.caseId}`);
  const notice = page.locator('[data-testid="forbidden"], [data-testid="not-found"]');
  await notice.waitFor();
  expect((await page.getByRole('heading', { name: 'Nguyễn Văn Đức' }).count()) === 0, 'the name leaked');
  await screenshot(page, 'ho-so-khong-co-quyen');
});
