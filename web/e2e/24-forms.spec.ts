import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, kDesktop, login, test } from './harness';

// The text of a PDF as a reader sees it (pdftotext, poppler-utils), whitespace collapsed.
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ptdv-form-'));
  try {
    const file = path.join(dir, 'form.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('ward staff print a form filled from a case; a leader is not offered forms', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  // A member of Tây Lộc on probation: the cell voted, the city decided.
  const list = await page.request.get(`${fixture.baseUrl}/api/v1/cases?org=HUE-TAYLOC&stage=probation&page_size=1`);
  expect(list.ok(), `case list answered ${list.status()}`);
  const [item] = (await list.json()).items as { id: number; person_name: string }[];
  expect(item !== undefined, 'no member of Tây Lộc on probation in the demo');
  await page.goto(`${fixture.baseUrl}/ho-so/${item.id}`);
  const card = page.locator('.forms-card');
  const link = card.getByRole('link', { name: 'In mẫu 6-KNĐ' });
  await link.waitFor();
  expect((await card.getByRole('link', { name: 'In mẫu 9-KNĐ' }).count()) === 1, 'no 9-KNĐ to print');
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'ho-so-mau-in');

  // The link opens the PDF in a new tab; its bytes are the form filled from the case.
  const href = await link.getAttribute('href');
  expect(href !== null && /\/documents\/6-KN%C4%90/.test(href), `the link goes to ${href}`);
  const [popup] = await Promise.all([page.waitForEvent('popup'), link.click()]);
  expect(popup.url().includes('/documents/6-KN%C4%90'), `the new tab opened ${popup.url()}`);
  await popup.close();
  const pdf = await page.request.get(`${fixture.baseUrl}${href}`);
  expect(pdf.status() === 200, `the form answered ${pdf.status()}`);
  expect(pdf.headers()['content-type'] === 'application/pdf', `the form came as ${pdf.headers()['content-type']}`);
  const text = pdfText(await pdf.body());
  for (const words of [item.person_name, 'ĐẢNG CỘNG SẢN VIỆT NAM', 'NGHỊ QUYẾT', 'T/M CHI BỘ', 'đảng viên chính thức của chi bộ']) {
    expect(text.includes(words), `the printed 6-KNĐ lacks «${words}»: ${text.slice(0, 400)}`);
  }

  // A leader reads the case but not personal data: no form to print.
  const leader = await newPage(kDesktop);
  await login(leader, fixture.baseUrl, 'lanhdao');
  await leader.goto(`${fixture.baseUrl}/ho-so/${item.id}`);
  await leader.locator('.documents-card').waitFor();
  expect((await leader.locator('.forms-card').count()) === 0, 'the leader is offered forms to print');
});

test('the Political Centre prints a class list to sign and a certificate with its QR code', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'ttct');
  // A class of the demo year with certificates issued.
  const classes = await page.request.get(`${fixture.baseUrl}/api/v1/classes?year=2023&kind=awareness`);
  expect(classes.ok(), `class list answered ${classes.status()}`);
  let found: { id: number; learner: string; enrolment: number } | undefined;
  for (const c of (await classes.json()).items as { id: number }[]) {
    const detail = await (await page.request.get(`${fixture.baseUrl}/api/v1/classes/${c.id}`)).json();
    const issued = (detail.enrolments as { id: number; person_name: string; certificate_number: string | null }[])
      .find((e) => e.certificate_number);
    if (issued) { found = { id: c.id, learner: issued.person_name, enrolment: issued.id }; break; }
  }
  expect(found !== undefined, 'no class of 2023 with a certificate issued');
  await page.goto(`${fixture.baseUrl}/lop-boi-duong/${found!.id}`);
  const roster = page.getByRole('link', { name: 'In danh sách ký tên (PDF)' });
  await roster.waitFor();
  const certificate = page.getByRole('link', { name: `In giấy chứng nhận của ${found!.learner}` });
  await certificate.scrollIntoViewIfNeeded();
  await screenshot(page, 'lop-in-giay-chung-nhan');

  const list = await page.request.get(`${fixture.baseUrl}${await roster.getAttribute('href')}`);
  expect(list.headers()['content-type'] === 'application/pdf', `the list came as ${list.headers()['content-type']}`);
  const listText = pdfText(await list.body());
  for (const words of ['DANH SÁCH HỌC VIÊN', 'Ký tên', found!.learner]) {
    expect(listText.includes(words), `the printed list lacks «${words}»`);
  }
  const paper = await page.request.get(`${fixture.baseUrl}${await certificate.getAttribute('href')}`);
  expect(paper.status() === 200, `the certificate answered ${paper.status()}`);
  const paperText = pdfText(await paper.body());
  for (const words of ['GIẤY CHỨNG NHẬN', found!.learner, 'Mã kiểm tra']) {
    expect(paperText.includes(words), `the printed certificate lacks «${words}»`);
  }
});
