import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { setFetch } from '../api/client';
import type { CandidateView, LearningClass } from '../api/types';
import { App } from '../App';
import CandidatePathPage, { waitText } from './CandidatePathPage';

// The page of a personal link: what the person reads, the answers for a closed link and for too
// many views, that it knows no session (no /auth/me, no login page), and the online part of a
// class (documents to study, the final quiz).

const kToken = 'q8N3zV0kX2mYfA7cR1tLw9pE5sJ4hU6bG_dK-oI3nZa';

const kView: CandidateView = {
  full_name: 'Lê Thị Cúc',
  cell_name: 'Chi bộ Khu vực 1',
  stage_label: 'Lập hồ sơ đề nghị kết nạp',
  milestones: [
    { label: 'Được giới thiệu là quần chúng ưu tú', date: '2023-01-10' },
    { label: 'Học xong lớp bồi dưỡng nhận thức về Đảng', date: '2023-03-01' },
  ],
  next: {
    label: 'Chi bộ xem xét, đề nghị kết nạp', who: 'Chi bộ', by: '2023-12-20',
    to_bring: ['Đơn xin vào Đảng (mẫu 1-KNĐ)', 'Lý lịch của người xin vào Đảng (mẫu 2-KNĐ)'],
  },
  classes: [{
    name: 'Lớp nhận thức về Đảng khóa 3/2023', kind_label: 'Bồi dưỡng nhận thức về Đảng', format_label: 'Lớp tiêu chuẩn',
    place: 'Trung tâm Chính trị thành phố Huế', starts_on: '2023-02-20', ends_on: '2023-02-24', session_count: 10,
    state_label: 'Đã hoàn thành', certificate_date: '2023-03-01',
  }],
  as_of: '2023-11-15',
  link_expires_on: '2024-02-13',
};

interface Seen { path: string; credentials?: RequestCredentials }

const kBase = `/api/v1/candidate-view/${kToken}`;

// A fake server answering the page's request and, once it has loaded, the one of its online
// classes (none by default); returns the paths asked.
function serve(answer: { status: number; body?: unknown; headers?: Record<string, string> },
  learning: { status: number; body?: unknown } = { status: 200, body: { classes: [] } }): Seen[] {
  const seen: Seen[] = [];
  setFetch(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    seen.push({ path: url.pathname, credentials: init?.credentials });
    const reply = url.pathname === kBase ? answer : url.pathname === `${kBase}/learning` ? learning
      : { status: 401, body: { error: { code: 'unauthenticated', message: 'Chưa đăng nhập' } } };
    return new Response(JSON.stringify(reply.body), {
      status: reply.status, headers: { 'Content-Type': 'application/json', ...(reply === answer ? answer.headers : {}) },
    });
  });
  return seen;
}

function open() {
  return render(
    <MemoryRouter initialEntries={[`/hanh-trinh/${kToken}`]}>
      <Routes><Route path="/hanh-trinh/:token" element={<CandidatePathPage />} /></Routes>
    </MemoryRouter>,
  );
}

describe('CandidatePathPage', () => {
  it('shows the person where they are, the steps done, the next step and their classes', async () => {
    const seen = serve({ status: 200, body: kView });
    open();
    await screen.findByRole('heading', { name: 'Lê Thị Cúc', level: 1 });
    expect(screen.getByText('Chi bộ Khu vực 1')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Giai đoạn hiện tại' })).toBeTruthy();
    expect(screen.getByText('Lập hồ sơ đề nghị kết nạp')).toBeTruthy();
    const milestones = [...document.querySelectorAll('.candidate-milestone')].map((m) => m.textContent);
    expect(milestones).toEqual(['10/01/2023Được giới thiệu là quần chúng ưu tú', '01/03/2023Học xong lớp bồi dưỡng nhận thức về Đảng']);
    const next = document.querySelector('.candidate-next')!;
    expect(next.textContent).toContain('Bước tiếp theo');
    expect(next.textContent).toContain('Chi bộ xem xét, đề nghị kết nạp');
    expect(next.textContent).toContain('Người thực hiệnChi bộ');
    expect(next.textContent).toContain('Hạn20/12/2023');
    expect(screen.getByRole('heading', { name: 'Anh/chị cần chuẩn bị' })).toBeTruthy();
    expect([...document.querySelectorAll('.candidate-bring li')].map((li) => li.textContent))
      .toEqual(['Đơn xin vào Đảng (mẫu 1-KNĐ)', 'Lý lịch của người xin vào Đảng (mẫu 2-KNĐ)']);
    const lesson = document.querySelector('.candidate-class')!;
    expect(lesson.textContent).toContain('Lớp nhận thức về Đảng khóa 3/2023');
    expect(lesson.textContent).toContain('Từ 20/02/2023 đến 24/02/2023 (10 buổi)');
    expect(lesson.textContent).toContain('Trung tâm Chính trị thành phố Huế');
    expect(lesson.textContent).toContain('Đã cấp ngày 01/03/2023');
    expect(document.querySelector('.candidate-foot')!.textContent)
      .toBe('Thông tin cập nhật ngày 15/11/2023 · Đường dẫn có hiệu lực đến 13/02/2024');
    // No ISO date is left for the reader.
    expect(document.body.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await waitFor(() => expect(seen.map((s) => s.path)).toEqual([kBase, `${kBase}/learning`]));
    // No online class: no such section.
    expect(screen.queryByText('Học trực tuyến')).toBeNull();
  });

  it('says plainly when nothing is left to bring, no date runs, and no class is planned', async () => {
    serve({ status: 200, body: { ...kView, milestones: [], classes: [], next: { label: 'Chờ chi bộ xem xét', who: 'Chi bộ', by: null, to_bring: [] } } });
    open();
    await screen.findByRole('heading', { name: 'Lê Thị Cúc', level: 1 });
    expect(screen.getByText('Hiện anh/chị chưa cần chuẩn bị thêm gì.')).toBeTruthy();
    expect(screen.getByText('Anh/chị chưa có lịch lớp học nào.')).toBeTruthy();
    expect(document.querySelector('.candidate-next')!.textContent).not.toContain('Hạn');
  });

  it('gives the server\'s words for a link that no longer opens', async () => {
    const message = 'Đường dẫn này không còn hiệu lực. Vui lòng liên hệ chi bộ hoặc đảng ủy nơi anh/chị sinh hoạt để được cấp đường dẫn mới.';
    serve({ status: 404, body: { error: { code: 'not_found', message } } });
    open();
    await screen.findByText(message);
    expect(screen.getByText('Không mở được trang theo dõi')).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 1, name: 'Lê Thị Cúc' })).toBeNull();
  });

  it('asks to try again later after too many views', async () => {
    serve({ status: 429, body: { error: { code: 'too_many_requests', message: 'Mở trang quá nhiều lần' } }, headers: { 'Retry-After': '90' } });
    open();
    await screen.findByText('Vui lòng thử lại sau');
    expect(screen.getByText(/đợi khoảng 2 phút rồi mở lại/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Mở lại' })).toBeTruthy();
    expect(waitText(undefined)).toBe('ít phút');
    expect(waitText(20)).toBe('khoảng một phút');
  });

  it('opens in the app without a session: no login page, no session check', async () => {
    window.history.pushState({}, '', `/hanh-trinh/${kToken}`);
    const seen = serve({ status: 200, body: kView });
    render(<App />);
    await screen.findByRole('heading', { name: 'Lê Thị Cúc', level: 1 });
    await new Promise((r) => setTimeout(r, 100));
    expect(window.location.pathname).toBe(`/hanh-trinh/${kToken}`);
    await waitFor(() => expect(seen.map((s) => s.path)).toEqual([kBase, `${kBase}/learning`]));
    // Neither the application's menu nor its login form.
    expect(document.querySelector('#app-nav')).toBeNull();
    expect(screen.queryByLabelText('Mật khẩu')).toBeNull();
    await waitFor(() => expect(document.querySelector('.candidate-foot')).toBeTruthy());
    window.history.pushState({}, '', '/');
  });
});

// «Học trực tuyến»: a class partly online, its documents and its final quiz.
const lesson = (extra: Partial<LearningClass> = {}): LearningClass => ({
  class_id: 9, name: 'Lớp bồi dưỡng nhận thức về Đảng khóa 6 năm 2023', starts_on: '2023-11-13', ends_on: '2023-11-24',
  self_study_percent: 80,
  materials: [
    { id: 31, position: 1, title: 'Bài 1: Chủ nghĩa Mác - Lênin', media_type: 'application/pdf', size_bytes: 1000, done: true },
    { id: 32, position: 2, title: 'Bài 2: Điều lệ Đảng', media_type: 'application/pdf', size_bytes: 1000, done: false },
  ],
  materials_done: 1, self_study_met: false,
  quiz: { questions: 2, pass_percent: 50, max_attempts: 3, attempts_used: 0, best_percent: null, passed: false, open_attempt_id: null },
  certified: false,
  ...extra,
});

const kPaper = {
  id: 77, attempt_no: 1, max_attempts: 3, pass_percent: 50,
  questions: [
    { position: 1, text: 'Đảng Cộng sản Việt Nam ra đời năm nào?', options: ['1925', '1930', '1945'] },
    { position: 2, text: 'Ai là người sáng lập Đảng?', options: ['Trần Phú', 'Hồ Chí Minh'] },
  ],
};

interface Sent { method: string; path: string; body: unknown }
type Reply = { status: number; body: unknown };

// A fake server: the page, its online classes as `classes()` says at the time, and the changes
// of `routes` ("POST /materials/32/done", under the link's path); returns what was asked.
function serveLearning(classes: () => LearningClass[], routes: Record<string, (body: unknown) => Reply> = {}): Sent[] {
  const sent: Sent[] = [];
  setFetch(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const path = url.pathname.slice(kBase.length);
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    sent.push({ method, path, body });
    const reply: Reply = method === 'GET' && path === '' ? { status: 200, body: kView }
      : method === 'GET' && path === '/learning' ? { status: 200, body: { classes: classes() } }
        : routes[`${method} ${path}`]?.(body) ?? { status: 404, body: { error: { code: 'not_found', message: 'Không tìm thấy' } } };
    return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'Content-Type': 'application/json' } });
  });
  return sent;
}

const sentTo = (sent: Sent[], method: string, path: string) => sent.filter((s) => s.method === method && s.path === path);

async function openLearning() {
  open();
  const heading = await screen.findByRole('heading', { name: 'Học trực tuyến', level: 2 });
  return heading.closest('section') as HTMLElement;
}

describe('CandidatePathPage — Học trực tuyến', () => {
  it('lists the documents in order and marks one as studied', async () => {
    let current = lesson();
    const sent = serveLearning(() => [current], {
      'POST /materials/32/done': () => {
        current = lesson({ materials: current.materials.map((m) => ({ ...m, done: true })), materials_done: 2, self_study_met: true });
        return { status: 200, body: { material_id: 32, done: true } };
      },
    });
    const section = await openLearning();
    expect(within(section).getByRole('heading', { name: 'Lớp bồi dưỡng nhận thức về Đảng khóa 6 năm 2023', level: 3 })).toBeTruthy();
    expect(section.textContent).toContain('Từ 13/11/2023 đến 24/11/2023');
    const items = [...section.querySelectorAll('.learning-material')];
    expect(items.map((li) => li.querySelector('.learning-material-title')!.textContent)).toEqual(['Bài 1: Chủ nghĩa Mác - Lênin', 'Bài 2: Điều lệ Đảng']);
    const link = within(section).getByRole('link', { name: 'Mở tài liệu: Bài 2: Điều lệ Đảng' });
    expect(link.getAttribute('href')).toBe(`${kBase}/materials/32`);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.textContent).toBe('Mở tài liệu');
    expect(items[0].textContent).toContain('Đã học ✓');
    expect(screen.getByTestId('learning-progress').textContent).toBe('Đã học 1/2 tài liệu (cần 80%)');
    expect(screen.getByTestId('quiz-summary').textContent).toBe('Bài kiểm tra cuối khóa: 2 câu, đạt từ 50%, đã làm 0/3 lần');

    fireEvent.click(within(section).getByRole('button', { name: 'Đã học xong: Bài 2: Điều lệ Đảng' }));
    await waitFor(() => expect(items[1].textContent).toContain('Đã học ✓'));
    expect(sentTo(sent, 'POST', '/materials/32/done')).toHaveLength(1);
    await waitFor(() => expect(screen.getByTestId('learning-progress').textContent).toBe('Đã học 2/2 tài liệu (cần 80%) — đã đủ'));
    expect(within(section).queryByRole('button', { name: /^Đã học xong/ })).toBeNull();
    expect(sentTo(sent, 'GET', '/learning')).toHaveLength(2);
  });

  it('takes the quiz: the paper, the answers in its order, the result without the right options', async () => {
    let current = lesson();
    const sent = serveLearning(() => [current], {
      'POST /classes/9/attempts': () => {
        current = lesson({ quiz: { ...current.quiz!, open_attempt_id: 77 } });
        return { status: 201, body: { attempt: kPaper } };
      },
      'POST /attempts/77/submit': () => {
        current = lesson({ quiz: { ...current.quiz!, attempts_used: 1, best_percent: 50, passed: true, open_attempt_id: null } });
        return { status: 200, body: { result: {
          attempt_no: 1, correct: 1, total: 2, percent: 50, passed: true, attempts_left: 2,
          items: [{ position: 1, correct: true }, { position: 2, correct: false }],
        } } };
      },
    });
    const section = await openLearning();
    fireEvent.click(within(section).getByRole('button', { name: 'Làm bài' }));
    const first = await within(section).findByRole('radiogroup', { name: 'Câu 1. Đảng Cộng sản Việt Nam ra đời năm nào?' });
    const second = within(section).getByRole('radiogroup', { name: 'Câu 2. Ai là người sáng lập Đảng?' });
    expect(within(first).getAllByRole('radio').map((r) => r.closest('label')!.textContent)).toEqual(['A. 1925', 'B. 1930', 'C. 1945']);
    expect(section.textContent).toContain('Lần làm bài thứ 1/3.');
    fireEvent.click(within(first).getByLabelText('B. 1930'));
    fireEvent.click(within(second).getByLabelText('A. Trần Phú'));
    fireEvent.click(within(section).getByRole('button', { name: 'Nộp bài' }));
    const verdict = await within(section).findByText('Đạt', { selector: '.quiz-verdict' });
    expect(sentTo(sent, 'POST', '/attempts/77/submit')[0].body).toEqual({ answers: [2, 1] });
    expect(verdict.closest('[role=status]')!.textContent).toContain('Trả lời đúng 1/2 câu (50%).');
    const marks = [...section.querySelectorAll('.quiz-question')].map((q) => q.querySelector('.quiz-mark')?.textContent);
    expect(marks).toEqual(['✓ Trả lời đúng', '✗ Trả lời sai']);
    // The right option of the question answered wrongly is not given away.
    expect(section.querySelector('.quiz-question[data-position="2"]')!.textContent).not.toMatch(/đáp án|đúng là/i);
    expect((within(second).getByLabelText('A. Trần Phú') as HTMLInputElement).disabled).toBe(true);
    expect(within(section).queryByRole('button', { name: 'Nộp bài' })).toBeNull();
    // The list is read again: the attempt counts, and no more is offered once passed.
    await waitFor(() => expect(screen.getByTestId('quiz-summary').textContent)
      .toBe('Bài kiểm tra cuối khóa: 2 câu, đạt từ 50%, đã làm 1/3 lần, điểm cao nhất 50%'));
    expect(within(section).queryByRole('button', { name: /Làm bài/ })).toBeNull();
    fireEvent.click(within(section).getByRole('button', { name: 'Đóng bài làm' }));
    expect(await within(section).findByText('Anh/chị đã đạt bài kiểm tra.')).toBeTruthy();
  });

  it('asks before submitting a paper with questions left unanswered, and resumes an open one', async () => {
    const sent = serveLearning(() => [lesson({ quiz: { ...lesson().quiz!, attempts_used: 2, best_percent: 0, open_attempt_id: 77 } })], {
      'POST /classes/9/attempts': () => ({ status: 200, body: { attempt: { ...kPaper, attempt_no: 3 } } }),
      'POST /attempts/77/submit': () => ({ status: 200, body: { result: {
        attempt_no: 3, correct: 0, total: 2, percent: 0, passed: false, attempts_left: 0,
        items: [{ position: 1, correct: false }, { position: 2, correct: false }],
      } } }),
    });
    const section = await openLearning();
    fireEvent.click(within(section).getByRole('button', { name: 'Tiếp tục làm bài' }));
    const first = await within(section).findByRole('radiogroup', { name: /^Câu 1\./ });
    fireEvent.click(within(first).getByLabelText('A. 1925'));
    fireEvent.click(within(section).getByRole('button', { name: 'Nộp bài' }));
    expect(await screen.findByText('Còn 1 câu chưa trả lời')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Làm tiếp' }));
    expect(sentTo(sent, 'POST', '/attempts/77/submit')).toHaveLength(0);
    fireEvent.click(within(section).getByRole('button', { name: 'Nộp bài' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Vẫn nộp bài' }));
    const verdict = await within(section).findByText('Chưa đạt', { selector: '.quiz-verdict' });
    expect(sentTo(sent, 'POST', '/attempts/77/submit')[0].body).toEqual({ answers: [1, null] });
    const box = verdict.closest('[role=status]')!;
    expect(box.textContent).toContain('Trả lời đúng 0/2 câu (0%).');
    expect(box.textContent).toContain('Anh/chị đã làm hết số lần cho phép.');
  });

  it('shows the server’s words when the quiz cannot start', async () => {
    const message = 'Anh/chị cần học đủ 80% tài liệu trước khi làm bài kiểm tra';
    serveLearning(() => [lesson()], {
      'POST /classes/9/attempts': () => ({ status: 409, body: { error: { code: 'conflict', message } } }),
    });
    const section = await openLearning();
    fireEvent.click(within(section).getByRole('button', { name: 'Làm bài' }));
    expect((await within(section).findByText(message)).getAttribute('role')).toBe('alert');
    expect(within(section).queryByRole('radiogroup')).toBeNull();
  });

  it('offers no quiz for a class already certified, nor once the attempts are used up', async () => {
    serveLearning(() => [
      lesson({ certified: true }),
      lesson({ class_id: 10, name: 'Lớp khóa 7', quiz: { ...lesson().quiz!, attempts_used: 3, best_percent: 40 } }),
    ]);
    const section = await openLearning();
    const [certified, spent] = [...section.querySelectorAll('.learning-class')] as HTMLElement[];
    expect(certified.textContent).toContain('Anh/chị đã được cấp giấy chứng nhận của lớp này.');
    expect(certified.querySelector('.learning-quiz')).toBeNull();
    expect(within(certified).queryByRole('button')).toBeNull();
    expect(within(spent).queryByRole('button', { name: /Làm bài/ })).toBeNull();
    expect(spent.textContent).toContain('Anh/chị đã làm hết số lần cho phép.');
  });

  it('keeps the rest of the page when the online classes cannot be read', async () => {
    serve({ status: 200, body: kView }, { status: 503, body: { error: { code: 'unavailable', message: 'Máy chủ đang bận' } } });
    open();
    await screen.findByRole('heading', { name: 'Lê Thị Cúc', level: 1 });
    await new Promise((r) => setTimeout(r, 100));
    expect(document.querySelector('.candidate-foot')).toBeTruthy();
    expect(screen.queryByText('Học trực tuyến')).toBeNull();
    expect(screen.queryByText(/Máy chủ đang bận/)).toBeNull();
  });
});
