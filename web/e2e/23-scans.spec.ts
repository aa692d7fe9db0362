import { readFile } from 'node:fs/promises';
import { expect, kDesktop, login, test } from './harness';
import type { Page } from './harness';

// A one-page PDF, as a scanner writes one (header, catalogue, page, trailer).
const kPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n'
  + '3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
);
const kScanName = 'Lý lịch người xin vào Đảng.pdf';

interface CaseDetail { events: { action: string; documents: unknown[] }[] }

// A case of ward Tây Lộc with a recorded document on a step its staff record (the cell's and
// the ward's steps), read through the API as the logged-in user.
async function caseWithDocument(page: Page, baseUrl: string): Promise<number> {
  const staffSteps = new Set(['mark_sympathiser', 'open_dossier', 'stamp_biography', 'request_verification',
    'record_verification_reply', 'conclude_verification', 'add_introducer', 'record_union_resolution', 'record_opinions', 'cell_vote']);
  const list = await page.request.get(`${baseUrl}/api/v1/cases?org=HUE-TAYLOC&stage=dossier&page_size=100`);
  expect(list.ok(), `case list answered ${list.status()}`);
  for (const item of (await list.json()).items as { id: number }[]) {
    const detail = (await (await page.request.get(`${baseUrl}/api/v1/cases/${item.id}`)).json()) as CaseDetail;
    if (detail.events.some((e) => staffSteps.has(e.action) && e.documents.length > 0)) return item.id;
  }
  throw new Error('no case of Tây Lộc at the dossier with a recorded document');
}

test('ward staff attach a scan to a document and download it; a leader sees it listed', async ({ newPage, fixture, screenshot, expectApiStatus }) => {
  expectApiStatus(400, /^\/api\/v1\/cases\/\d+\/attachments$/);
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  const caseId = await caseWithDocument(page, fixture.baseUrl);
  await page.goto(`${fixture.baseUrl}/ho-so/${caseId}`);
  const card = page.locator('.documents-card');
  await card.getByRole('button', { name: /^Đính kèm bản quét/ }).first().waitFor();
  const cell = card.locator('.scan-cell').filter({ has: page.getByRole('button', { name: /^Đính kèm bản quét/ }) }).first();
  const input = cell.locator('input[type=file]');

  // A Word file is refused before it is sent; a text renamed .pdf by the server, by its content.
  await input.setInputFiles({ name: 'Đơn xin vào Đảng.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from('PK\u0003\u0004') });
  await cell.locator('.scan-problem', { hasText: 'không phải bản quét PDF, JPEG hoặc PNG' }).waitFor();
  await input.setInputFiles({ name: 'gia-mao.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Đây không phải bản quét') });
  await cell.locator('.scan-problem', { hasText: 'nội dung tệp này không phải các dạng đó' }).waitFor();
  await cell.scrollIntoViewIfNeeded();
  await screenshot(page, 'ban-quet-bi-tu-choi');
  expect((await cell.locator('[data-testid="scan"]').count()) === 0, 'a refused file was listed');

  await input.setInputFiles({ name: kScanName, mimeType: 'application/pdf', buffer: kPdf });
  const link = cell.getByRole('link', { name: kScanName });
  await link.waitFor();
  expect((await cell.locator('.scan-problem').count()) === 0, 'the refusal stayed after a good file');
  await link.scrollIntoViewIfNeeded();
  await screenshot(page, 'ho-so-ban-quet');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename() === kScanName, `downloaded as «${download.suggestedFilename()}»`);
  const bytes = await readFile(await download.path());
  expect(bytes.equals(kPdf), 'the downloaded file differs from the one attached');

  // A leader reads the case but not personal data: the scan is listed, not offered for download.
  const leader = await newPage(kDesktop);
  await login(leader, fixture.baseUrl, 'lanhdao');
  await leader.goto(`${fixture.baseUrl}/ho-so/${caseId}`);
  const listed = leader.locator('.documents-card [data-testid="scan"]', { hasText: kScanName });
  await listed.waitFor();
  expect((await listed.innerText()).includes('(không tải về được)'), 'the leader is offered the download');
  expect((await leader.locator('.documents-card .scan-link').count()) === 0, 'a download link for the leader');
  expect((await leader.locator('.documents-card').getByRole('button', { name: /^Đính kèm/ }).count()) === 0, 'the leader may attach');
  await listed.scrollIntoViewIfNeeded();
  await screenshot(leader, 'ho-so-ban-quet-lanh-dao');
});
