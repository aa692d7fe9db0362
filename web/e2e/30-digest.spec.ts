import { expect, kDesktop, login, test, until } from './harness';

// «Tóm tắt buổi sáng» at the top of «Việc cần làm» (components/MorningDigest.tsx): for taylocdu on
// the demo's 15/11/2023 it counts the same overdue duties as the page's «Quá hạn» list, names the
// opinions the Youth Union gave the day before (docs/demo-data.md) and the nominations waiting
// for the ward, each line leading to its items. Under it, «Nhận qua thư điện tử»: the account's
// own subscription to the digest by e-mail (GET/PUT /api/v1/digest/subscription).

const kToday = '15/11/2023';

test('the morning digest counts what Việc cần làm lists and leads to the waiting nominations', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  const digest = page.getByRole('region', { name: 'Tóm tắt buổi sáng' });
  await digest.locator('[data-digest]').first().waitFor();
  const title = await digest.locator('h2').innerText();
  expect(title.includes(kToday), `the digest is titled «${title}»`);

  // Overdue: the digest's count is the number of items in the page's «Quá hạn» section.
  const section = page.locator('.todo-overdue');
  await section.locator('.deadline-item, .empty').first().waitFor();
  const more = section.locator('.more-button');
  while ((await more.count()) > 0) await more.click();
  const items = await section.locator('.deadline-item').count();
  const badge = Number(await page.getByTestId('overdue-count').innerText());
  expect(items > 0 && items === badge, `the overdue section lists ${items} items under a count of ${badge}`);
  const overdue = digest.locator('[data-digest="overdue"]');
  const overdueText = await overdue.innerText();
  const counted = /^(\d+) việc quá hạn( \(\d+ mới quá hạn từ \d\d\/\d\d\/\d{4}\))?$/.exec(overdueText);
  expect(counted !== null && Number(counted[1]) === items, `the digest says «${overdueText}», the section lists ${items}`);

  // The opinions given since the previous working day, each naming its case.
  const opinions = digest.locator('[data-digest="opinions"]');
  const opinionsText = await opinions.locator('.digest-opinions-count').innerText();
  expect(/^\d+ ý kiến của các đoàn thể mới nhận$/.test(opinionsText), `the opinions line reads «${opinionsText}»`);
  const person = opinions.locator('.digest-opinions a').first();
  const href = await person.getAttribute('href');
  expect(/^\/ho-so\/\d+$/.test(href ?? ''), `an opinion links to «${href}»`);

  // The nominations waiting for the ward, as its nominations page lists them.
  const waiting = await page.request.get(`${fixture.baseUrl}/api/v1/nominations?status=waiting`);
  expect(waiting.ok(), `GET /nominations answered ${waiting.status()}`);
  const count = ((await waiting.json()) as { items: unknown[] }).items.length;
  expect(count > 0, 'the demo ward has no nomination waiting');
  const nominations = digest.locator('[data-digest="nominations"]');
  const nominationsText = await nominations.innerText();
  expect(nominationsText === `${count} đề xuất giới thiệu nguồn đang chờ xem xét`,
    `the digest says «${nominationsText}», ${count} are waiting`);
  await screenshot(page, 'tom-tat-buoi-sang');

  // The overdue line leads to the section, on the same page.
  await overdue.getByRole('link').click();
  await page.waitForURL(/\/#qua-han$/);
  await until(() => section.evaluate((e) => e.getBoundingClientRect().top), (top) => top > -2 && top < 400,
    (top) => `the overdue section is ${top} px from the top of the window`);

  // The nominations line leads to the nominations waiting.
  await nominations.getByRole('link').click();
  await page.getByRole('heading', { name: 'Đoàn thể giới thiệu', level: 1 }).waitFor();
  const url = new URL(page.url());
  expect(url.pathname === '/doan-the-gioi-thieu' && url.searchParams.get('status') === 'waiting', `the link led to ${page.url()}`);
});

// The demo has no subscription; the address is the ward office's own.
const kAddress = 'van.thu@tayloc.hue.gov.vn';

interface SubscriptionAnswer {
  subscription: { email: string; enabled: boolean; last_sent_on: string | null } | null;
}

test('a ward user registers for the morning digest by e-mail; a malformed address is refused on the field', async ({ newPage, fixture, screenshot, expectApiStatus }) => {
  // The malformed address below: the server's refusal is the point.
  expectApiStatus(400, /^\/api\/v1\/digest\/subscription$/);
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  const digest = page.getByRole('region', { name: 'Tóm tắt buổi sáng' });
  const mail = digest.getByRole('group', { name: 'Nhận qua thư điện tử' });
  const state = mail.getByTestId('digest-mail-state');
  await state.waitFor();
  expect((await state.innerText()) === 'Chưa đăng ký', `the demo's taylocdu is said to be «${await state.innerText()}»`);

  // Register through the form: the switch starts on.
  await mail.getByRole('button', { name: 'Đăng ký', exact: true }).click();
  const email = mail.getByLabel('Địa chỉ thư điện tử');
  await email.fill(kAddress);
  const mailed = await mail.getByRole('switch', { name: 'Gửi mỗi sáng' }).getAttribute('aria-checked');
  expect(mailed === 'true', `the switch «Gửi mỗi sáng» starts as ${mailed}`);
  await mail.getByRole('button', { name: 'Lưu', exact: true }).click();
  await mail.getByText('Đã lưu', { exact: true }).waitFor();
  const sending = /^Đang gửi tới van\.thu@tayloc\.hue\.gov\.vn( · lần gửi gần nhất \d\d\/\d\d\/\d{4})?$/;
  await until(() => state.innerText(), (text) => sending.test(text), (text) => `after saving the line reads «${text}»`);
  expect((await email.count()) === 0, 'the form stays open after saving');

  // The server keeps it: its answer, and the line after a reload.
  const answer = await page.request.get(`${fixture.baseUrl}/api/v1/digest/subscription`);
  expect(answer.ok(), `GET /digest/subscription answered ${answer.status()}`);
  const kept = ((await answer.json()) as SubscriptionAnswer).subscription;
  expect(kept !== null && kept.email === kAddress && kept.enabled === true,
    `GET /digest/subscription answers ${JSON.stringify(kept)}`);
  await page.reload();
  await until(() => state.innerText(), (text) => sending.test(text), (text) => `after a reload the line reads «${text}»`);

  // A malformed address: the server's own words on the field, and nothing changes.
  await mail.getByRole('button', { name: 'Thay đổi', exact: true }).click();
  await email.fill('van.thu@tayloc');
  const [refusal] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/digest/subscription' && r.request().method() === 'PUT'),
    mail.getByRole('button', { name: 'Lưu', exact: true }).click(),
  ]);
  const refused = (await refusal.json()) as { error?: { message?: string; field?: string } };
  expect(refusal.status() === 400 && refused.error?.field === 'email' && !!refused.error.message,
    `PUT /digest/subscription with «van.thu@tayloc» answered ${refusal.status()} ${JSON.stringify(refused)}`);
  await mail.locator('.ant-form-item-explain-error').filter({ hasText: refused.error.message }).waitFor();
  const invalid = await email.getAttribute('aria-invalid');
  expect(invalid === 'true', `the address field has aria-invalid=${invalid}`);
  await screenshot(page, 'tom-tat-thu-dien-tu');
  await mail.getByRole('button', { name: 'Hủy', exact: true }).click();
  await until(() => state.innerText(), (text) => sending.test(text), (text) => `after the refusal the line reads «${text}»`);
  const after = ((await (await page.request.get(`${fixture.baseUrl}/api/v1/digest/subscription`)).json()) as SubscriptionAnswer).subscription;
  expect(after?.email === kAddress, `after the refusal GET /digest/subscription answers ${JSON.stringify(after)}`);
});
