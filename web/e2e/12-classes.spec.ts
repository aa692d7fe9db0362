import type { Page } from 'playwright-core';
import { expect, kDesktop, kPhone, login, pick, test, until } from './harness';

// S1 / R3: the Political Centre opens a class of ONE place, the ward nominates two
// sympathisers, the Centre enrols the first and is refused the second (capacity: 409 shown),
// marks attendance, records "Đạt", issues the certificate (number + verification code), and
// anyone checks the code on the public page without an account.
let classUrl = '';
let learner = '';
let code = '';

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
}

test('the Political Centre opens a class', async ({ newPage, fixture }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'ttct');
  await page.locator('#app-nav').getByRole('link', { name: 'Lớp bồi dưỡng', exact: true }).click();
  await page.getByRole('heading', { name: 'Lớp bồi dưỡng', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Mở lớp mới' }).click();
  const drawer = page.locator('.ant-drawer:visible');
  await drawer.getByLabel('Mã lớp').fill('E2E-NT-01');
  await drawer.getByLabel('Tên lớp').fill('Lớp nhận thức về Đảng (kiểm thử)');
  await drawer.getByLabel('Số buổi học').fill('2');
  await drawer.getByLabel('Sĩ số tối đa').fill('1');
  await drawer.getByLabel('Địa điểm').fill('Hội trường Trung tâm Chính trị');
  // Typed dates, committed by leaving the field (Enter would also submit the form).
  for (const [label, date] of [['Ngày khai giảng', '01/11/2023'], ['Ngày bế giảng', '03/11/2023']]) {
    await drawer.getByLabel(label, { exact: true }).fill(date);
    await drawer.getByLabel(label, { exact: true }).press('Tab');
  }
  // The format last, once the drawer has settled; the choice must show before the class opens.
  await pick(page, 'Hình thức', 'Rút gọn');
  await drawer.locator('[title="Rút gọn"]').first().waitFor();
  await drawer.getByRole('button', { name: 'Mở lớp' }).click();
  await page.getByRole('heading', { name: 'Lớp nhận thức về Đảng (kiểm thử)', level: 1 }).waitFor();
  classUrl = new URL(page.url()).pathname;
  expect(/^\/lop-boi-duong\/\d+$/.test(classUrl), `class page at ${classUrl}`);
  // The facts fill in as the class and its enrolment counts arrive.
  await until(() => page.locator('.class-facts').innerText(),
    (facts) => facts.includes('01/11/2023 – 03/11/2023') && facts.includes('Rút gọn') && facts.includes('0/1'),
    (facts) => `class facts read «${facts.replace(/\s+/g, ' ')}»`);
});

test('two wards each nominate a sympathiser and see only their own', async ({ newPage, fixture }) => {
  expect(classUrl, 'no class from the previous test');
  for (const [user, ward] of [['taylocdu', 'HUE-TAYLOC'], ['vydadu', 'HUE-VYDA']]) {
    const page = await newPage(kDesktop);
    await login(page, fixture.baseUrl, user);
    await page.goto(`${fixture.baseUrl}${classUrl}`);
    await page.getByRole('heading', { name: 'Lớp nhận thức về Đảng (kiểm thử)', level: 1 }).waitFor();
    // A ward does not manage the class.
    expect(await page.getByRole('button', { name: /^Ghi danh / }).count() === 0, 'the ward is offered to enrol');
    const box = page.getByRole('combobox', { name: 'Hồ sơ của quần chúng (cảm tình Đảng)' });
    await box.click();
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
    await option.waitFor();
    const label = (await option.innerText()).trim();
    expect(label.includes('Cảm tình Đảng') && label.includes('sinh '), `option reads «${label}»`);
    await option.click();
    await page.getByRole('button', { name: 'Cử đi học' }).click();
    const rows = page.locator('.enrolments-table tbody tr.ant-table-row');
    await rows.first().waitFor();
    await settle(page);
    const texts = await rows.allInnerTexts();
    expect(texts.length === 1 && texts[0].includes(ward) && texts[0].includes('Được cử đi học'), `${user} sees: ${texts.join(' | ')}`);
    if (user === 'taylocdu') learner = label.split(' (sinh')[0];
  }
});

test('the Centre enrols up to capacity, then certifies', async ({ newPage, fixture, expectApiStatus, screenshot }) => {
  expect(classUrl && learner, 'no class or learner from the previous tests');
  expectApiStatus(409, /^\/api\/v1\/classes\/\d+\/enrolments\/\d+$/);
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'ttct');
  await page.goto(`${fixture.baseUrl}${classUrl}`);
  await page.getByRole('heading', { name: 'Lớp nhận thức về Đảng (kiểm thử)', level: 1 }).waitFor();
  const rows = page.locator('.enrolments-table tbody tr.ant-table-row');
  await rows.first().waitFor();
  const names = (await rows.locator('td:first-child a').allInnerTexts()).map((n) => n.trim());
  expect(names.includes(learner), `«${learner}» not among ${names.join(', ')}`);
  const other = names.find((n) => n !== learner)!;
  await page.getByRole('button', { name: `Ghi danh ${learner}` }).click();
  await until(() => page.getByTestId('capacity').innerText(), (t) => t.startsWith('1/1'), (t) => `capacity reads «${t}»`);
  // Full: the server's 409 is shown, plainly.
  await page.getByRole('button', { name: `Ghi danh ${other}` }).click();
  const alert = page.locator('.class-problem');
  await alert.waitFor();
  const said = await alert.innerText();
  expect(said.includes('đã đủ') && said.includes('sĩ số tối đa 1'), `the refusal reads «${said}»`);
  await screenshot(page, 'lop-boi-duong-du-si-so');

  for (const s of [1, 2]) {
    const box = page.getByRole('checkbox', { name: `${learner} có mặt buổi ${s}` });
    await box.check();
    await settle(page);
    await until(() => box.isChecked(), (v) => v, () => `session ${s} not ticked`);
  }
  await pick(page, `Kết quả của ${learner}`, 'Đạt');
  await settle(page);
  await page.getByRole('button', { name: `Cấp giấy chứng nhận cho ${learner}` }).click();
  const modal = page.locator('.ant-modal:visible');
  await modal.getByLabel('Số giấy chứng nhận').fill('E2E-001/GCN-TTCT');
  // The default date is the server's today, 15/11/2023 (after the class ended).
  expect(await modal.getByLabel('Ngày cấp').inputValue() === '15/11/2023', 'the certificate date is not the server’s today');
  await modal.getByRole('button', { name: 'Cấp giấy chứng nhận' }).click();
  code = (await page.getByTestId('issued-code').innerText()).trim();
  expect(/^[0-9A-Z]{5}-?[0-9A-Z]{5}$/.test(code), `verification code «${code}»`);
  expect((await page.getByTestId('issued-number').innerText()).trim() === 'E2E-001/GCN-TTCT', 'certificate number');
  await page.locator('.ant-modal:visible .ant-modal-footer').getByRole('button', { name: 'Đóng' }).click();
  const row = rows.filter({ hasText: learner });
  await row.getByText(code).waitFor();
  await screenshot(page, 'lop-boi-duong');
});

test('anyone checks a certificate code without logging in', async ({ newPage, fixture, screenshot }) => {
  expect(code, 'no certificate from the previous test');
  for (const viewport of [kDesktop, kPhone]) {
    const page = await newPage(viewport);
    await page.goto(`${fixture.baseUrl}/kiem-tra-chung-nhan/${code.toLowerCase()}`);
    const result = page.locator('.certificate-result');
    await result.waitFor();
    const text = await result.innerText();
    expect(text.includes('Hợp lệ') && text.includes(learner) && text.includes('E2E-001/GCN-TTCT') && text.includes('15/11/2023'),
      `the check reads «${text}»`);
    // Nothing else about the person.
    expect(!/sinh|Chi bộ|HUE/.test(text), `the check says more: «${text}»`);
    if (viewport === kPhone) {
      await screenshot(page, 'kiem-tra-chung-nhan-phone');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow <= 0, `the check page is ${overflow} px too wide on a phone`);
    }
  }
  const page = await newPage(kDesktop);
  await page.goto(`${fixture.baseUrl}/kiem-tra-chung-nhan`);
  await page.getByLabel('Mã kiểm tra').fill('ABCDEFGHJK');
  await page.getByRole('button', { name: 'Kiểm tra' }).click();
  await page.getByText('✗ Không hợp lệ').waitFor();
});

test('the class list at laptop and phone widths', async ({ newPage, fixture, screenshot }) => {
  for (const [viewport, suffix] of [[kDesktop, 'desktop'], [kPhone, 'phone']] as const) {
    const page = await newPage(viewport);
    await login(page, fixture.baseUrl, 'ttct');
    await page.goto(`${fixture.baseUrl}/lop-boi-duong`);
    await page.getByText('Lớp nhận thức về Đảng (kiểm thử)').first().waitFor();
    await screenshot(page, `lop-boi-duong-danh-sach-${suffix}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow <= 0, `/lop-boi-duong at ${viewport.width} px is ${overflow} px too wide`);
  }
});
