import { expect, kDesktop, login, pick, test, until } from './harness';

test('the case list filters overdue cases and shows why blocked ones are stuck', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'taylocdu');
  await page.getByRole('link', { name: 'Hồ sơ kết nạp' }).click();
  await page.getByRole('heading', { name: 'Hồ sơ kết nạp', level: 1 }).waitFor();
  const rows = page.locator('.case-table tbody tr.ant-table-row');
  await rows.first().waitFor();
  // Counted before filtering: once the URL changes the filtered rows may already be shown.
  const all = await rows.count();

  await pick(page, 'Thời hạn', 'Quá hạn');
  await page.waitForURL(/due=overdue/);
  // Every row left is overdue (and some are not: the filter did filter).
  await until(
    () => page.locator('.case-table .deadline-cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-status'))),
    (statuses) => statuses.length > 0 && statuses.length < all && statuses.every((s) => s === 'overdue'),
    (statuses) => `deadline statuses after filtering ${all} rows: ${statuses.join(',')}`,
  );
  const tag = await page.locator('.case-table .deadline-cell .deadline-tag').first().innerText();
  expect(/quá hạn \d+ ngày/.test(tag), `deadline reads «${tag}»`);
  await screenshot(page, 'ho-so-qua-han');

  await pick(page, 'Thời hạn', 'Đang vướng điều kiện');
  await page.waitForURL(/due=blocked/);
  await page.getByRole('columnheader', { name: 'Đang vướng' }).waitFor();
  const reason = page.locator('.case-table .unmet-cell .blocked-reason').first();
  await reason.waitFor();
  const text = await reason.innerText();
  // Plain words first; the rule only as a citation after them.
  const citation = await reason.locator('[data-citation]').innerText();
  expect(/^[A-Z]\d+[a-z]?$/.test(citation) && text.trim().endsWith(citation), `the reason cites «${citation}» in «${text}»`);
  expect(!/^[A-Z]\d/.test(text.trim()) && text.length > 12 + citation.length, `the reason reads «${text}»`);
  await screenshot(page, 'ho-so-dang-vuong');
});
