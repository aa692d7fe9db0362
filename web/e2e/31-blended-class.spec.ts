import type { APIRequestContext } from 'playwright-core';
import { expect, kDesktop, kPhone, login, test, until } from './harness';
import type { Page } from './harness';

// A class partly online (lớp kết hợp trực tuyến): the Huế demo's blended awareness class of 2023,
// still running on the demo's today (15/11/2023). The Political Centre (ttct) finds its
// «Học trực tuyến» section on the class page — rules, self-study documents in order, the question
// bank, the results — adds a document (moved up, then taken off again) and a question. A learner
// of ward Tây Lộc, through a personal link the ward issues, opens the documents, marks them
// studied, takes the final quiz and reads the result, without an account.

interface ClassItem { id: number; code: string; name: string; ends_on: string; blended: boolean }
interface EnrolmentItem { case_id: number; state: string; certificate_number?: string | null }
interface LearningClassItem {
  class_id: number;
  certified: boolean;
  materials: { done: boolean }[];
  quiz: { passed: boolean; attempts_used: number; max_attempts: number; open_attempt_id: number | null } | null;
}

const kToday = '2023-11-15';
// A few days after the demo's today.
const kLinkLastDay = '2023-11-20';
// A one-page PDF (as in 23-scans.spec.ts).
const kPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n'
  + '3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
);
const kMaterialTitle = 'Tài liệu đọc thêm (kiểm thử)';
const kQuestion = 'Đảng Cộng sản Việt Nam được thành lập vào năm nào? (kiểm thử)';

// The demo's blended class of 2023 that has not ended on the demo's today.
async function blendedClass(page: Page, baseUrl: string): Promise<ClassItem> {
  const answer = await page.request.get(`${baseUrl}/api/v1/classes?year=2023`);
  expect(answer.ok(), `GET /classes?year=2023 answered ${answer.status()}`);
  const items = ((await answer.json()) as { items: ClassItem[] }).items;
  const found = items.filter((c) => c.blended && c.ends_on >= kToday).sort((a, b) => a.ends_on.localeCompare(b.ends_on))[0];
  expect(found, `no blended class of 2023 running on ${kToday}: ${items.map((c) => `${c.code} ${c.ends_on} ${c.blended}`).join(', ')}`);
  return found;
}

const isPost = (path: string | RegExp) => (r: { request: () => { method: () => string }; url: () => string }) => {
  if (r.request().method() !== 'POST') return false;
  const p = new URL(r.url()).pathname;
  return typeof path === 'string' ? p === path : path.test(p);
};

let blended: ClassItem | null = null;

test('the Political Centre sets up the online part of its blended class', async ({ newPage, fixture, screenshot }) => {
  const page = await newPage(kDesktop);
  await login(page, fixture.baseUrl, 'ttct');
  const c = await blendedClass(page, fixture.baseUrl);
  blended = c;

  // Marked on the list of the year, then on its page.
  await page.goto(`${fixture.baseUrl}/lop-boi-duong?year=2023`);
  await page.getByRole('heading', { name: 'Lớp bồi dưỡng', level: 1 }).waitFor();
  const row = page.locator('.classes-table tbody tr.ant-table-row').filter({ hasText: c.code });
  await row.first().waitFor();
  expect((await row.first().innerText()).includes('Kết hợp trực tuyến'), `the list row reads «${await row.first().innerText()}»`);
  await row.first().getByRole('link', { name: c.name }).click();
  await page.getByRole('heading', { name: c.name, level: 1 }).waitFor();
  await page.locator('.class-title-tags').getByText('Kết hợp trực tuyến').waitFor();

  // «Học trực tuyến»: the rules first.
  const online = page.locator('.online-card');
  await online.waitFor();
  await online.getByRole('tab', { name: 'Quy định' }).waitFor();
  for (const label of ['Tỷ lệ tài liệu tự học phải hoàn thành (%)', 'Số câu hỏi mỗi lần làm bài', 'Điểm đạt (%)', 'Số lần làm bài tối đa']) {
    const value = await online.getByLabel(label, { exact: true }).inputValue();
    expect(/^\d+$/.test(value), `«${label}» reads «${value}»`);
  }
  await online.scrollIntoViewIfNeeded();
  await screenshot(page, 'hoc-truc-tuyen-quy-dinh');

  // The documents in order; one more goes at the end, moves up one place, and is taken off.
  await online.getByRole('tab', { name: /^Tài liệu tự học/ }).click();
  const materials = online.locator('.material-item');
  await materials.first().waitFor();
  const before = (await materials.locator('.material-title').allInnerTexts()).map((t) => t.trim());
  expect(before.length >= 1, 'the blended class has no document');
  await online.getByLabel('Tên tài liệu', { exact: true }).fill(kMaterialTitle);
  await online.locator('.material-upload input[type=file]').setInputFiles({ name: 'doc-them.pdf', mimeType: 'application/pdf', buffer: kPdf });
  await until(() => online.getByTestId('material-file').innerText(), (t) => t.includes('doc-them.pdf'), (t) => `the chosen file reads «${t}»`);
  const uploaded = page.waitForResponse(isPost(`/api/v1/classes/${c.id}/materials`));
  await online.getByRole('button', { name: 'Tải lên' }).click();
  const upload = await uploaded;
  expect(upload.status() === 201, `uploading answered ${upload.status()}: ${await upload.text()}`);
  const titles = () => materials.locator('.material-title').allInnerTexts().then((t) => t.map((x) => x.trim()));
  await until(titles, (t) => t.join('|') === [...before, kMaterialTitle].join('|'), (t) => `the documents read ${t.join(' | ')}`);
  if (before.length >= 1) {
    const moved = page.waitForResponse(isPost(/\/api\/v1\/classes\/\d+\/materials\/\d+\/move$/));
    await online.getByRole('button', { name: `Đưa «${kMaterialTitle}» lên trên` }).click();
    expect((await moved).status() === 200, 'moving the document was refused');
    const expected = [...before.slice(0, -1), kMaterialTitle, before[before.length - 1]];
    await until(titles, (t) => t.join('|') === expected.join('|'), (t) => `after moving, the documents read ${t.join(' | ')}`);
  }
  await online.getByRole('button', { name: `Gỡ «${kMaterialTitle}»` }).click();
  const removed = page.waitForResponse(isPost(/\/api\/v1\/classes\/\d+\/materials\/\d+\/remove$/));
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Gỡ tài liệu' }).click();
  expect((await removed).status() === 200, 'taking the document off was refused');
  await until(titles, (t) => t.join('|') === before.join('|'), (t) => `after taking it off, the documents read ${t.join(' | ')}`);

  // The question bank, and one more question.
  await online.getByRole('tab', { name: /^Ngân hàng câu hỏi/ }).click();
  const questions = online.locator('.question-item');
  await questions.first().waitFor();
  const count = await questions.count();
  await online.getByLabel('Nội dung câu hỏi', { exact: true }).fill(kQuestion);
  for (const [letter, text] of [['A', 'Năm 1925'], ['B', 'Năm 1930'], ['C', 'Năm 1945'], ['D', 'Năm 1954']]) {
    await online.getByLabel(`Phương án ${letter}`, { exact: true }).fill(text);
  }
  await online.getByLabel('Phương án B là đáp án đúng', { exact: true }).check();
  const added = page.waitForResponse(isPost(`/api/v1/classes/${c.id}/questions`));
  await online.getByRole('button', { name: 'Thêm câu hỏi', exact: true }).click();
  const answer = await added;
  expect(answer.status() === 201, `adding the question answered ${answer.status()}: ${await answer.text()}`);
  const question = questions.filter({ hasText: kQuestion });
  await question.waitFor();
  expect((await question.locator('.question-correct').innerText()).includes('Năm 1930'), 'the right option is not marked');
  expect(await questions.count() === count + 1, `the bank lists ${await questions.count()} questions, not ${count + 1}`);
  await question.scrollIntoViewIfNeeded();
  await screenshot(page, 'hoc-truc-tuyen-ngan-hang-cau-hoi');

  // The results: per learner, and per question in the server's order (most failed first).
  await online.getByRole('tab', { name: 'Kết quả' }).click();
  const learners = online.locator('.online-learners-table');
  const perQuestion = online.locator('.online-questions-table');
  await perQuestion.locator('tbody tr.ant-table-row').first().waitFor();
  const heads = (await learners.locator('thead th').allInnerTexts()).map((t) => t.trim());
  for (const title of ['Học viên', 'Đơn vị', 'Buổi học', 'Tự học', 'Bài kiểm tra (lần/điểm cao nhất)', 'Đủ điều kiện cấp giấy chứng nhận']) {
    expect(heads.includes(title), `the learners' table lacks «${title}»: ${heads.join(' | ')}`);
  }
  const questionHeads = (await perQuestion.locator('thead th').allInnerTexts()).map((t) => t.trim());
  expect(questionHeads.join('|') === 'Câu hỏi|Số lần ra đề|Trả lời đúng|Trả lời sai|Tỷ lệ sai (%)', `the per-question table reads ${questionHeads.join(' | ')}`);
  const results = await page.request.get(`${fixture.baseUrl}/api/v1/classes/${c.id}/online/results`);
  expect(results.ok(), `GET /online/results answered ${results.status()}`);
  const order = ((await results.json()) as { questions: { text: string }[] }).questions.map((q) => q.text);
  const shown = (await perQuestion.locator('tbody tr.ant-table-row td:first-child').allInnerTexts()).map((t) => t.trim());
  expect(shown.length === order.length && shown.every((t, i) => t.includes(order[i])),
    `the per-question table is not in the server's order: ${shown.join(' | ')}`);
  expect(shown.some((t) => t.includes(kQuestion)), 'the new question is not in the per-question table');
  await perQuestion.scrollIntoViewIfNeeded();
  await screenshot(page, 'hoc-truc-tuyen-ket-qua');
});

// A personal link for one of the ward's learners of the class who may still take the quiz:
// issued through the API (the CSRF token of the session goes with it), checked through the
// learner's own view of their classes. Returns the page's path and that class's learning.
async function learnerLink(request: APIRequestContext, baseUrl: string, classId: number):
  Promise<{ path: string; lesson: LearningClassItem }> {
  const me = await request.get(`${baseUrl}/api/v1/auth/me`);
  expect(me.ok(), `GET /auth/me answered ${me.status()}`);
  const csrf = ((await me.json()) as { csrf_token: string }).csrf_token;
  const view = await request.get(`${baseUrl}/api/v1/classes/${classId}`);
  expect(view.ok(), `GET /classes/${classId} answered ${view.status()}`);
  // The class view of a ward lists only the ward's own learners.
  const enrolments = ((await view.json()) as { enrolments: EnrolmentItem[] }).enrolments
    .filter((e) => e.state === 'enrolled' && !e.certificate_number);
  expect(enrolments.length > 0, `ward Tây Lộc has no enrolled learner without a certificate in class ${classId}`);
  let fallback: { path: string; lesson: LearningClassItem } | null = null;
  for (const e of enrolments.slice(0, 6)) {
    const issued = await request.post(`${baseUrl}/api/v1/cases/${e.case_id}/candidate-links`, {
      data: { expires_on: kLinkLastDay }, headers: { 'X-CSRF-Token': csrf },
    });
    expect(issued.status() === 201, `issuing a link for case ${e.case_id} answered ${issued.status()}: ${await issued.text()}`);
    const { path, token } = (await issued.json()) as { path: string; token: string };
    const learning = await request.get(`${baseUrl}/api/v1/candidate-view/${token}/learning`);
    expect(learning.ok(), `GET /candidate-view/…/learning answered ${learning.status()}`);
    const lesson = ((await learning.json()) as { classes: LearningClassItem[] }).classes.find((l) => l.class_id === classId);
    const quiz = lesson?.quiz;
    if (!lesson || !quiz || lesson.certified || quiz.passed) continue;
    if (quiz.open_attempt_id === null && quiz.attempts_used >= quiz.max_attempts) continue;
    // Better one with a document still to study.
    if (lesson.materials.some((m) => !m.done)) return { path, lesson };
    fallback ??= { path, lesson };
  }
  expect(fallback, `no learner of ward Tây Lộc in class ${classId} may still take the quiz`);
  return fallback;
}

test('a learner studies the documents and takes the final quiz through a personal link', async ({ newPage, fixture, screenshot }) => {
  expect(blended, 'no blended class from the previous test');
  const c = blended;
  const ward = await newPage(kDesktop);
  await login(ward, fixture.baseUrl, 'taylocdu');
  const { path, lesson } = await learnerLink(ward.request, fixture.baseUrl, c.id);

  // The person opens the link on a phone, without an account.
  const person = await newPage(kPhone);
  await person.goto(`${fixture.baseUrl}${path}`);
  await person.getByRole('heading', { name: 'Học trực tuyến', level: 2 }).waitFor();
  const card = person.locator('.learning-class').filter({ has: person.getByRole('heading', { name: c.name, level: 3 }) });
  await card.waitFor();
  const open = card.getByRole('link', { name: /^Mở tài liệu/ });
  expect(await open.count() === lesson.materials.length, `the class lists ${await open.count()} documents, not ${lesson.materials.length}`);
  const href = await open.first().getAttribute('href');
  expect(href?.startsWith(`/api/v1/candidate-view/`) && (await open.first().getAttribute('target')) === '_blank',
    `«Mở tài liệu» leads to ${href}`);

  // Every document still to study is marked as studied.
  const toStudy = card.getByRole('button', { name: /^Đã học xong/ });
  const left = await toStudy.count();
  expect(left === lesson.materials.filter((m) => !m.done).length, `${left} documents are offered to mark`);
  for (let i = left; i > 0; i -= 1) {
    const marked = person.waitForResponse(isPost(/\/api\/v1\/candidate-view\/[^/]+\/materials\/\d+\/done$/));
    await toStudy.first().click();
    const reply = await marked;
    expect(reply.status() === 200, `marking a document answered ${reply.status()}: ${await reply.text()}`);
    await until(() => toStudy.count(), (n) => n === i - 1, (n) => `${n} documents still offered to mark, not ${i - 1}`);
  }
  const progress = card.getByTestId('learning-progress');
  await until(() => progress.innerText(), (t) => t.includes(`Đã học ${lesson.materials.length}/${lesson.materials.length} tài liệu`),
    (t) => `the progress reads «${t}»`);
  expect(await card.getByText('Đã học ✓').count() === lesson.materials.length, 'not every document reads «Đã học ✓»');

  // The final quiz: option A everywhere, then the result.
  const summary = card.getByTestId('quiz-summary');
  expect((await summary.innerText()).startsWith('Bài kiểm tra cuối khóa:'), `the quiz reads «${await summary.innerText()}»`);
  const started = person.waitForResponse(isPost(`/api/v1/candidate-view/${path.split('/').pop()}/classes/${c.id}/attempts`));
  await card.getByRole('button', { name: /^(Làm bài|Tiếp tục làm bài)$/ }).click();
  const start = await started;
  expect(start.status() === 201 || start.status() === 200, `starting the quiz answered ${start.status()}: ${await start.text()}`);
  const paper = ((await start.json()) as { attempt: { questions: unknown[] } }).attempt;
  const asked = card.locator('.quiz-question');
  await asked.first().waitFor();
  expect(await asked.count() === paper.questions.length, `the paper shows ${await asked.count()} questions, not ${paper.questions.length}`);
  for (let i = 0; i < paper.questions.length; i += 1) {
    await asked.nth(i).locator('.quiz-option').first().click();
    await until(() => asked.nth(i).getByRole('radio').first().isChecked(), (v) => v, () => `question ${i + 1}: option A not chosen`);
  }
  await screenshot(person, 'hoc-truc-tuyen-bai-kiem-tra');
  const submitted = person.waitForResponse(isPost(/\/api\/v1\/candidate-view\/[^/]+\/attempts\/\d+\/submit$/));
  await card.getByRole('button', { name: 'Nộp bài' }).click();
  const reply = await submitted;
  expect(reply.status() === 200, `submitting answered ${reply.status()}: ${await reply.text()}`);
  const result = ((await reply.json()) as { result: { passed: boolean; correct: number; total: number; percent: number } }).result;
  const box = card.locator('.quiz-result');
  await box.waitFor();
  const verdict = (await box.locator('.quiz-verdict').innerText()).trim();
  expect(verdict === (result.passed ? 'Đạt' : 'Chưa đạt'), `the result reads «${verdict}» for ${JSON.stringify(result)}`);
  const score = await box.innerText();
  expect(score.includes(`Trả lời đúng ${result.correct}/${result.total} câu (${result.percent}%)`), `the score reads «${score}»`);
  expect(await card.locator('.quiz-mark').count() === paper.questions.length, 'not every question is marked right or wrong');
  await box.scrollIntoViewIfNeeded();
  await screenshot(person, 'hoc-truc-tuyen-ket-qua-bai-lam');
});
