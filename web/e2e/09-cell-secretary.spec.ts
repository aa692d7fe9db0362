import { expect, kDesktop, login, test } from './harness';

test('a cell secretary records receiving the dossier', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'bithu.tayloc');
  // A cell secretary reads no audit trail and manages no accounts: neither is offered.
  expect((await page.getByRole('link', { name: 'Tài khoản' }).count()) === 0, 'the accounts page is offered');
  await page.goto(`${fixture.baseUrl}/ho-so/${fixture.cellCaseId}`);
  await page.getByRole('heading', { name: 'Lê Thị Cúc', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Ghi nhận bước tiếp theo' }).click();
  const drawer = page.locator('.step-drawer');
  const action = await drawer.locator('.ant-form-item', { hasText: 'Bước cần ghi nhận' }).first().innerText();
  expect(action.includes('Nhận đơn xin vào Đảng'), `proposed step «${action}»`);
  // Only the steps a cell secretary may record are offered (not the certificate, S1).
  await drawer.getByRole('combobox', { name: 'Bước cần ghi nhận' }).click();
  const offered = await page.locator('.ant-select-dropdown:visible .ant-select-item-option').allInnerTexts();
  expect(!offered.some((o) => o.includes('giấy chứng nhận')), `offered ${offered.join(' | ')}`);
  await page.keyboard.press('Escape');
  expect((await drawer.getByRole('combobox', { name: 'Mẫu văn bản 1' }).inputValue()) === '1-KNĐ', 'the expected form is not proposed');
  await drawer.getByRole('textbox', { name: 'Số văn bản 1' }).fill('Đơn ngày 14/11/2023');
  await screenshot(page, 'bi-thu-ghi-nhan');
  await page.getByRole('button', { name: 'Lưu bước này' }).click();
  await page.locator('.stage-tag', { hasText: 'Lập hồ sơ đề nghị kết nạp' }).waitFor();
  await page.locator('.documents-card').getByText('Đơn ngày 14/11/2023').waitFor();
  // Without read_audit the history lists the recorded steps.
  await page.locator('.history-card').getByText('Nhận đơn xin vào Đảng và lý lịch').waitFor();
});
