import { expect, kDesktop, kPhone, login, test, until } from './harness';

// A personal link: the ward's staff (taylocdu) issue one on the page of a case of HUE-TAYLOC-CB01
// (the fixture's cellCaseId); its address, shown once, opens on a phone without an account the
// person's own path — where they are and what comes next, in plain words, nothing of the
// verification, the votes or identity papers. Once revoked, the same address no longer opens.

// Words the person's page must never show (the verification, the votes, the identity card).
const kNeverShown = ['thẩm tra', 'biểu quyết', 'CCCD'];
// 15/11/2023, the server's today, plus 90 days.
const kDefaultLastDay = '13/02/2024';

test('ward staff issue a personal link; the person follows their path without an account; revoked, it no longer opens', async ({ newPage, fixture, screenshot, expectApiStatus }) => {
  const ward = await newPage(kDesktop);
  await login(ward, fixture.baseUrl, 'taylocdu');
  const detail = await ward.request.get(`${fixture.baseUrl}/api/v1/cases/${fixture.cellCaseId}`);
  expect(detail.ok(), `GET /cases/${fixture.cellCaseId} answered ${detail.status()}`);
  const name = ((await detail.json()).person as { full_name: string }).full_name;
  await ward.goto(`${fixture.baseUrl}/ho-so/${fixture.cellCaseId}`);
  await ward.getByRole('heading', { name, level: 1 }).waitFor();

  // Issue a link: the last day defaults to 90 days from the server's today.
  const card = ward.locator('.candidate-links-card');
  await card.waitFor();
  await card.getByRole('button', { name: 'Cấp đường dẫn mới' }).click();
  const form = ward.locator('.ant-modal:visible');
  const lastDay = form.getByLabel('Có hiệu lực đến hết ngày');
  await lastDay.waitFor();
  expect(await lastDay.inputValue() === kDefaultLastDay, `the last day reads «${await lastDay.inputValue()}», not ${kDefaultLastDay}`);
  const posted = ward.waitForResponse((r) => r.request().method() === 'POST'
    && new URL(r.url()).pathname === `/api/v1/cases/${fixture.cellCaseId}/candidate-links`);
  await form.getByRole('button', { name: 'Cấp đường dẫn', exact: true }).click();
  const answer = await posted;
  expect(answer.status() === 201, `issuing answered ${answer.status()}: ${await answer.text()}`);
  const issued = (await answer.json()) as { link: { id: number; expires_on: string }; path: string };
  expect(issued.link.expires_on === '2024-02-13', `the link was issued until ${issued.link.expires_on}`);

  // Its address, shown this once, with its QR code.
  const shown = ward.locator('.candidate-link-issued');
  const field = shown.getByLabel('Đường dẫn theo dõi');
  await field.waitFor();
  const url = await field.inputValue();
  expect(url === `${fixture.baseUrl}${issued.path}` && /\/hanh-trinh\/[\w-]{20,}$/.test(url), `the address shown is «${url}» (path ${issued.path})`);
  await shown.getByText('Đường dẫn chỉ hiện một lần').waitFor();
  const qr = shown.getByAltText('Mã QR của đường dẫn theo dõi');
  await qr.waitFor();
  expect((await qr.getAttribute('src'))?.startsWith('data:image/svg+xml') === true, 'the QR code is not an image');
  await screenshot(ward, 'duong-dan-theo-doi-cap');
  await shown.locator('.ant-modal-footer').getByRole('button', { name: 'Đóng', exact: true }).click();
  await shown.waitFor({ state: 'hidden' });
  expect(!(await ward.locator('body').innerText()).includes(issued.path), 'the address is still on the page');
  const line = card.locator(`li.candidate-link[data-link="${issued.link.id}"]`);
  await line.getByText('Còn hiệu lực').waitFor();
  expect((await line.innerText()).includes(`Hết hạn ngày ${kDefaultLastDay}`), `the link reads «${await line.innerText()}»`);

  // The person opens it on a phone, without an account: the server is asked for that page only
  // (its path and its online classes).
  const person = await newPage(kPhone);
  const asked: string[] = [];
  person.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/')) asked.push(path);
  });
  await person.goto(url);
  await person.getByRole('heading', { name, level: 1 }).waitFor();
  await person.getByRole('heading', { name: 'Bước tiếp theo' }).waitFor();
  await person.locator('.candidate-foot').waitFor();
  const text = await person.locator('body').innerText();
  for (const words of ['Giai đoạn hiện tại', 'Anh/chị cần chuẩn bị', 'Lịch lớp học', 'Thông tin cập nhật ngày 15/11/2023',
    `Đường dẫn có hiệu lực đến ${kDefaultLastDay}`]) {
    expect(text.includes(words), `the person's page lacks «${words}»: ${text.slice(0, 600)}`);
  }
  for (const words of kNeverShown) {
    expect(!text.toLocaleLowerCase('vi').includes(words.toLocaleLowerCase('vi')), `the person's page says «${words}»: ${text.slice(0, 600)}`);
  }
  expect(!/\d{4}-\d{2}-\d{2}/.test(text), `the person's page shows an ISO date: ${text.slice(0, 600)}`);
  expect(new URL(person.url()).pathname === issued.path, `the page went on to ${person.url()}`);
  // Its path, then its online classes.
  const viewPath = `/api/v1/candidate-view/${issued.path.split('/').pop()}`;
  expect(asked.length > 0 && asked.every((p) => p === viewPath || p === `${viewPath}/learning`),
    `the page asked for ${asked.join(', ')}`);
  await screenshot(person, 'hanh-trinh-dien-thoai');

  // The ward sees it was opened.
  await ward.reload();
  await line.waitFor();
  await until(() => line.innerText(), (t) => /Số lần xem: [1-9]/.test(t), (t) => `the link reads «${t}»`);

  // Revoked, with a confirmation.
  await line.getByRole('button', { name: 'Thu hồi', exact: true }).click();
  const revoked = ward.waitForResponse((r) => r.request().method() === 'POST'
    && new URL(r.url()).pathname === `/api/v1/cases/${fixture.cellCaseId}/candidate-links/${issued.link.id}/revoke`);
  await ward.getByRole('button', { name: 'Đồng ý thu hồi' }).click();
  const reply = await revoked;
  expect(reply.status() === 200, `revoking answered ${reply.status()}: ${await reply.text()}`);
  await until(() => line.getAttribute('data-state'), (s) => s === 'revoked', (s) => `the link is ${s}`);
  await line.getByText('Đã thu hồi').waitFor();
  expect((await line.getByRole('button', { name: 'Thu hồi', exact: true }).count()) === 0, 'a revoked link is offered to be revoked');

  // The same address no longer opens: the server's one answer for a closed link.
  expectApiStatus(404, /^\/api\/v1\/candidate-view\//);
  await person.reload();
  await person.locator('.candidate-closed').waitFor();
  const closed = await person.locator('.candidate-closed').innerText();
  expect(closed.includes('không còn hiệu lực'), `the closed link reads «${closed}»`);
  expect((await person.getByRole('heading', { name, level: 1 }).count()) === 0, 'the revoked link still shows the person');
  await screenshot(person, 'hanh-trinh-da-thu-hoi');
});
