import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { setFetch } from '../api/client';
import type { CandidateView } from '../api/types';
import { App } from '../App';
import CandidatePathPage, { waitText } from './CandidatePathPage';

// The page of a personal link: what the person reads, the answers for a closed link and for too
// many views, and that it knows no session (no /auth/me, no login page).

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

// A fake server answering the page's one request; returns the paths asked.
function serve(answer: { status: number; body?: unknown; headers?: Record<string, string> }): Seen[] {
  const seen: Seen[] = [];
  setFetch(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    seen.push({ path: url.pathname, credentials: init?.credentials });
    const ok = url.pathname === `/api/v1/candidate-view/${kToken}`;
    return new Response(JSON.stringify(ok ? answer.body : { error: { code: 'unauthenticated', message: 'Chưa đăng nhập' } }), {
      status: ok ? answer.status : 401, headers: { 'Content-Type': 'application/json', ...answer.headers },
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
    expect(seen.map((s) => s.path)).toEqual([`/api/v1/candidate-view/${kToken}`]);
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
    expect(seen.map((s) => s.path)).toEqual([`/api/v1/candidate-view/${kToken}`]);
    // Neither the application's menu nor its login form.
    expect(document.querySelector('#app-nav')).toBeNull();
    expect(screen.queryByLabelText('Mật khẩu')).toBeNull();
    await waitFor(() => expect(document.querySelector('.candidate-foot')).toBeTruthy());
    window.history.pushState({}, '', '/');
  });
});
