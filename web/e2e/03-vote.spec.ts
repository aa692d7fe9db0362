import type { Page } from 'playwright-core';
import { expect, kDesktop, login, test } from './harness';

async function fillVote(page: Page, eligible: number, present: number, inFavour: number, against: number) {
  const field = (name: string) => page.getByRole('spinbutton', { name });
  await field('Tổng số đảng viên chính thức của chi bộ').fill(String(eligible));
  await field('Số có mặt tại cuộc họp').fill(String(present));
  await field('Số tán thành').fill(String(inFavour));
  await field('Số không tán thành').fill(String(against));
}

test('a cell vote of 5 of 8 is refused with the 2/3 rule, 6 of 9 is accepted', async ({ newPage, fixture, screenshot, expectApiStatus }) => {
  expectApiStatus(422, new RegExp(`^/api/v1/cases/${fixture.caseId}/events$`));
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  await page.goto(`${fixture.baseUrl}/ho-so/${fixture.caseId}`);
  await page.getByRole('heading', { name: 'Nguyễn Văn Đức', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Ghi nhận bước tiếp theo' }).click();
  const drawer = page.locator('.step-drawer');
  await drawer.getByText('Chi bộ xét, đề nghị kết nạp').first().waitFor();

  await fillVote(page, 8, 8, 5, 3);
  const check = drawer.locator('.vote-check');
  await check.getByText(/Chưa đủ 2\/3: 5\/8 tán thành, cần ít nhất 6/).waitFor();
  await drawer.getByRole('textbox', { name: 'Số văn bản 1' }).fill('02-NQ/CB');
  await page.getByRole('button', { name: 'Lưu bước này' }).click();
  const refusal = drawer.locator('.step-error');
  await refusal.waitFor();
  const text = await refusal.innerText();
  expect(text.includes('S9') && text.includes('2/3'), `refusal reads «${text}»`);
  // The refusal sits next to the field it names.
  const fieldError = drawer.locator('.ant-form-item-explain-error').filter({ hasText: '2/3' });
  expect((await fieldError.count()) > 0, 'no field-level refusal');
  await screenshot(page, 'bieu-quyet-bi-tu-choi');

  await fillVote(page, 9, 9, 6, 3);
  await check.getByText(/Đạt: 6\/9 tán thành/).waitFor();
  await page.getByRole('button', { name: 'Lưu bước này' }).click();
  await page.locator('.stage-tag', { hasText: 'Chi bộ đã xét, đề nghị kết nạp' }).waitFor();
  await page.locator('.votes-card').getByText('Đạt 2/3').waitFor();
});

test('the case history shows the recorded vote and not the refused one', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  await page.goto(`${fixture.baseUrl}/ho-so/${fixture.caseId}`);
  await page.getByRole('heading', { name: 'Nguyễn Văn Đức', level: 1 }).waitFor();
  const votes = page.locator('.history-card .history-item[data-action="case.cell_vote"]');
  await votes.first().waitFor();
  expect((await votes.count()) === 1, `${await votes.count()} cell votes in the history`);
  const text = await votes.innerText();
  expect(text.includes('Chi bộ xét, đề nghị kết nạp'), `the entry reads «${text}»`);
  expect(text.includes('6/9 tán thành') && text.includes('đạt 2/3'), `the vote reads «${text}»`);
  expect(text.includes('taylocdu'), `the entry names no actor: «${text}»`);
  await page.locator('.history-card').scrollIntoViewIfNeeded();
  await screenshot(page, 'ho-so-lich-su');
});
