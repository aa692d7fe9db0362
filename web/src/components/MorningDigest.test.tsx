import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { setFetch } from '../api/client';
import type { Digest, DigestOpinion, DigestSubscription } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { callsTo, kUsers, mockApi, renderPage } from '../test/mockApi';
import { kMilitia, kWaiting, kYouthUnion } from '../test/massOrgFixtures';
import { TodoPage } from '../pages/TodoPage';
import { MorningDigest } from './MorningDigest';

const row = (id: number, status: 'overdue' | 'due_soon', name: string, due: string, working_days = true) => ({
  case_id: id, person_name: name, stage: 'sympathiser', rule: 'S2', label: 'Học lớp nhận thức về Đảng', due,
  status, days: status === 'overdue' ? -3 : 3, working_days, text: status === 'overdue' ? 'quá hạn 3 ngày làm việc' : 'còn 3 ngày làm việc',
});

const opinion = (caseId: number, name: string, fields: Partial<DigestOpinion> = {}): DigestOpinion => ({
  case_id: caseId, person_name: name,
  mass_organisation: { id: kYouthUnion.id, kind: kYouthUnion.kind, kind_label: kYouthUnion.kind_label, name: kYouthUnion.name },
  kind: 'opinion', kind_label: 'Ý kiến nhận xét', given_on: '2023-11-14', ...fields,
});

const digest = (fields: Partial<Digest> = {}): Digest => ({
  org: { id: 2, code: 'HUE-TAYLOC', name: 'Đảng ủy phường Tây Lộc', kind: 'ward' },
  on: '2023-11-15', since: '2023-11-14',
  overdue: [], newly_overdue: 0, due_soon: [], opinions: [], nominations_waiting: [],
  ...fields,
});

const kBusy = digest({
  overdue: [row(1, 'overdue', 'Nguyễn Văn An', '2023-10-01'), row(2, 'overdue', 'Trần Thị Bình', '2023-11-14'), row(3, 'overdue', 'Lê Văn Cường', '2023-09-01')],
  newly_overdue: 1,
  due_soon: [row(4, 'due_soon', 'Phạm Thị Dung', '2023-11-20')],
  opinions: [
    opinion(41, 'Hoàng Văn Em'),
    opinion(42, 'Võ Thị Giang', {
      mass_organisation: { id: kMilitia.id, kind: kMilitia.kind, kind_label: kMilitia.kind_label, name: kMilitia.name },
      kind: 'union_resolution', kind_label: 'Nghị quyết giới thiệu đoàn viên ưu tú vào Đảng', given_on: '2023-11-15',
    }),
  ],
  nominations_waiting: [kWaiting, { ...kWaiting, id: 32, full_name: 'Ngô Văn Hải' }],
});

// Says who is signed in, once the session is known.
function SignedIn() {
  const { user } = useAuth();
  return user ? <output>{user.login}</output> : null;
}

const card = () => screen.findByRole('region', { name: 'Tóm tắt buổi sáng' });
const line = (region: HTMLElement, kind: string) => region.querySelector<HTMLElement>(`[data-digest="${kind}"]`);

describe('MorningDigest', () => {
  it('sums up the day in plain words, each line leading to its items', async () => {
    mockApi({ 'GET /digest': { body: kBusy } });
    renderPage(<MorningDigest />, '/', '/');
    const region = await card();
    await within(region).findByText('15/11/2023');
    const overdue = within(region).getByRole('link', { name: '3 việc quá hạn (1 mới quá hạn từ 14/11/2023)' });
    expect(overdue.getAttribute('href')).toBe('#qua-han');
    const soon = within(region).getByRole('link', { name: '1 việc đến hạn trong 5 ngày làm việc tới' });
    expect(soon.getAttribute('href')).toBe('#sap-den-han');
    expect(line(region, 'opinions')!.firstChild!.textContent).toBe('2 ý kiến của các đoàn thể mới nhận');
    expect(within(region).getByRole('link', { name: 'Hoàng Văn Em' }).getAttribute('href')).toBe('/ho-so/41');
    expect(within(region).getByRole('link', { name: 'Võ Thị Giang' }).closest('li')!.textContent)
      .toBe('Võ Thị Giang — Nghị quyết giới thiệu đoàn viên ưu tú vào Đảng của Ban Chỉ huy quân sự phường Tây Lộc, ngày 15/11/2023');
    const nominations = within(region).getByRole('link', { name: '2 đề xuất giới thiệu nguồn đang chờ xem xét' });
    expect(nominations.getAttribute('href')).toBe('/doan-the-gioi-thieu?status=waiting');
    expect(screen.queryByText('Không có việc mới')).toBeNull();
  });

  it('leaves out what is zero and the “newly overdue” aside when nothing became overdue', async () => {
    mockApi({ 'GET /digest': { body: digest({ overdue: [row(1, 'overdue', 'Nguyễn Văn An', '2023-10-01')], newly_overdue: 0 }) } });
    renderPage(<MorningDigest />, '/', '/');
    const region = await card();
    await within(region).findByRole('link', { name: '1 việc quá hạn' });
    expect(region.querySelectorAll('[data-digest]')).toHaveLength(1);
  });

  it('does not name the five working days when a due-soon duty counts calendar days', async () => {
    mockApi({ 'GET /digest': { body: digest({ due_soon: [row(4, 'due_soon', 'Phạm Thị Dung', '2023-12-20', false)] }) } });
    renderPage(<MorningDigest />, '/', '/');
    const region = await card();
    await within(region).findByRole('link', { name: '1 việc sắp đến hạn' });
  });

  it('says “nothing new” on one line when everything is zero', async () => {
    mockApi({ 'GET /digest': { body: digest() } });
    renderPage(<MorningDigest />, '/', '/');
    const region = await card();
    await within(region).findByText('Không có việc mới');
    expect(region.querySelectorAll('[data-digest]')).toHaveLength(1);
    expect(within(region).queryAllByRole('link')).toHaveLength(0);
  });

  it('shows the first opinions and the rest on demand', async () => {
    const many = Array.from({ length: 7 }, (_, i) => opinion(50 + i, `Người thứ ${i + 1}`));
    mockApi({ 'GET /digest': { body: digest({ opinions: many }) } });
    renderPage(<MorningDigest />, '/', '/');
    const region = await card();
    await within(region).findByText('7 ý kiến của các đoàn thể mới nhận');
    expect(region.querySelectorAll('.digest-opinions li')).toHaveLength(5);
    fireEvent.click(within(region).getByRole('button', { name: 'Xem thêm 2 ý kiến' }));
    expect(region.querySelectorAll('.digest-opinions li')).toHaveLength(7);
    expect(within(region).queryByRole('button')).toBeNull();
  });

  it('on an error shows only a small muted line', async () => {
    mockApi({ 'GET /digest': { status: 503, body: { error: { code: 'unavailable', message: 'Máy chủ tạm thời không truy cập được cơ sở dữ liệu' } } } });
    renderPage(<MorningDigest />, '/', '/');
    const notice = await screen.findByText('Chưa xem được tóm tắt buổi sáng.');
    expect(notice.classList.contains('muted')).toBe(true);
    expect(screen.queryByRole('region', { name: 'Tóm tắt buổi sáng' })).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('asks nothing for an account that reads no case', async () => {
    const calls = mockApi({ 'GET /digest': { body: kBusy } }, kUsers.massOrg);
    const { container } = renderPage(<><MorningDigest /><SignedIn /></>, '/', '/');
    await screen.findByText('doanthanhnien.tayloc');
    expect(callsTo(calls, 'GET', '/digest')).toHaveLength(0);
    expect(container.querySelector('.digest-card, .digest-unavailable')).toBeNull();
  });

  it('Việc cần làm asks for the digest beside its lists and shows them without waiting for it', async () => {
    // The digest is answered only when the test says so; everything else at once.
    let answerDigest!: () => void;
    const digestHeld = new Promise<void>((resolve) => { answerDigest = resolve; });
    const asked: string[] = [];
    const answers: Record<string, unknown> = {
      '/auth/me': { user: kUsers.ward, csrf_token: 't' },
      '/deadlines': { on: '2023-11-15', items: kBusy.overdue },
      '/cases': { items: [], total: 0, page: 1, page_size: 10, counts_by_stage: {}, on: '2023-11-15' },
      '/digest': kBusy,
    };
    setFetch(async (input) => {
      const path = new URL(String(input), 'http://localhost').pathname.replace(/^\/api\/v1/, '');
      asked.push(path);
      if (path === '/digest') await digestHeld;
      const body = answers[path];
      return new Response(JSON.stringify(body ?? { error: { code: 'not_found', message: 'Không tìm thấy' } }),
        { status: body ? 200 : 404, headers: { 'Content-Type': 'application/json' } });
    });
    renderPage(<TodoPage />, '/', '/');
    const overdue = await screen.findByRole('region', { name: 'Quá hạn' });
    await within(overdue).findByText('Nguyễn Văn An');
    expect(overdue.id).toBe('qua-han');
    expect(asked).toContain('/digest');
    const region = screen.getByRole('region', { name: 'Tóm tắt buổi sáng' });
    expect(within(region).getByText('Đang tải…')).toBeTruthy();
    answerDigest();
    await within(region).findByRole('link', { name: '3 việc quá hạn (1 mới quá hạn từ 14/11/2023)' });
    // The digest's count is the list's.
    expect(within(overdue).getByTestId('overdue-count').textContent).toBe('3');
  });
});

const kAddress = 'van.thu@tayloc.hue.gov.vn';
const subscribed = (fields: Partial<DigestSubscription> = {}): DigestSubscription => ({
  email: kAddress, enabled: true, last_sent_on: '2023-11-14', ...fields,
});
const mailPart = () => screen.findByRole('group', { name: 'Nhận qua thư điện tử' });
const mailState = (part: HTMLElement) => within(part).getByTestId('digest-mail-state').textContent;

describe('MorningDigest «Nhận qua thư điện tử»', () => {
  it('says “not registered” when the account has no subscription', async () => {
    const calls = mockApi({ 'GET /digest': { body: digest() }, 'GET /digest/subscription': { body: { subscription: null } } });
    renderPage(<MorningDigest />, '/', '/');
    const part = await mailPart();
    expect(mailState(part)).toBe('Chưa đăng ký');
    expect(within(part).getByRole('button', { name: 'Đăng ký' })).toBeTruthy();
    expect(callsTo(calls, 'GET', '/digest/subscription')).toHaveLength(1);
  });

  it('says where the digest is mailed and when it was last, dates as dd/mm/yyyy', async () => {
    mockApi({ 'GET /digest': { body: digest() }, 'GET /digest/subscription': { body: { subscription: subscribed() } } });
    renderPage(<MorningDigest />, '/', '/');
    const part = await mailPart();
    expect(mailState(part)).toBe(`Đang gửi tới ${kAddress} · lần gửi gần nhất 14/11/2023`);
    expect(within(part).getByRole('button', { name: 'Thay đổi' })).toBeTruthy();
  });

  it('saving sends the address and the switch, then shows the new state and “Đã lưu”', async () => {
    const calls = mockApi({
      'GET /digest': { body: digest() },
      'GET /digest/subscription': { body: { subscription: null } },
      'PUT /digest/subscription': (call) => ({ body: { subscription: { ...(call.body as object), last_sent_on: null } } }),
    });
    renderPage(<MorningDigest />, '/', '/');
    const part = await mailPart();
    fireEvent.click(within(part).getByRole('button', { name: 'Đăng ký' }));
    const email = await within(part).findByLabelText('Địa chỉ thư điện tử') as HTMLInputElement;
    expect(email.type).toBe('email');
    expect(email.closest('form')!.noValidate).toBe(true);
    expect(within(part).getByText(/Nhận tóm tắt này qua thư điện tử mỗi sáng/)).toBeTruthy();
    // Registering means mailing: the switch starts on.
    expect(within(part).getByRole('switch', { name: 'Gửi mỗi sáng' }).getAttribute('aria-checked')).toBe('true');
    fireEvent.change(email, { target: { value: ` ${kAddress} ` } });
    fireEvent.click(within(part).getByRole('button', { name: 'Lưu' }));
    await within(part).findByText('Đã lưu');
    expect(callsTo(calls, 'PUT', '/digest/subscription').map((c) => c.body)).toEqual([{ email: kAddress, enabled: true }]);
    expect(mailState(part)).toBe(`Đang gửi tới ${kAddress}`);
    expect(within(part).queryByLabelText('Địa chỉ thư điện tử')).toBeNull();
    // The keyboard is back on the button that opened the form.
    expect(document.activeElement).toBe(within(part).getByRole('button', { name: 'Thay đổi' }));
  });

  it('turning the switch off keeps the address and says the mail is paused', async () => {
    const calls = mockApi({
      'GET /digest': { body: digest() },
      'GET /digest/subscription': { body: { subscription: subscribed() } },
      'PUT /digest/subscription': (call) => ({ body: { subscription: { ...(call.body as object), last_sent_on: '2023-11-14' } } }),
    });
    renderPage(<MorningDigest />, '/', '/');
    const part = await mailPart();
    fireEvent.click(within(part).getByRole('button', { name: 'Thay đổi' }));
    const email = await within(part).findByLabelText('Địa chỉ thư điện tử') as HTMLInputElement;
    expect(email.value).toBe(kAddress);
    fireEvent.click(within(part).getByRole('switch', { name: 'Gửi mỗi sáng' }));
    fireEvent.click(within(part).getByRole('button', { name: 'Lưu' }));
    await within(part).findByText('Đã lưu');
    expect(callsTo(calls, 'PUT', '/digest/subscription').map((c) => c.body)).toEqual([{ email: kAddress, enabled: false }]);
    expect(mailState(part)).toBe(`Đã tạm dừng gửi tới ${kAddress} · lần gửi gần nhất 14/11/2023`);
  });

  it('shows the server’s refusal of a malformed address on the field and keeps the form', async () => {
    const calls = mockApi({
      'GET /digest': { body: digest() },
      'GET /digest/subscription': { body: { subscription: null } },
      'PUT /digest/subscription': { status: 400, body: { error: { code: 'invalid', message: 'Địa chỉ thư điện tử không hợp lệ', field: 'email' } } },
    });
    renderPage(<MorningDigest />, '/', '/');
    const part = await mailPart();
    fireEvent.click(within(part).getByRole('button', { name: 'Đăng ký' }));
    const email = await within(part).findByLabelText('Địa chỉ thư điện tử') as HTMLInputElement;
    fireEvent.change(email, { target: { value: 'van.thu@tayloc' } });
    fireEvent.click(within(part).getByRole('button', { name: 'Lưu' }));
    const problem = await within(part).findByText('Địa chỉ thư điện tử không hợp lệ');
    expect(problem.closest('.ant-form-item')).toBe(email.closest('.ant-form-item'));
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(callsTo(calls, 'PUT', '/digest/subscription').map((c) => c.body)).toEqual([{ email: 'van.thu@tayloc', enabled: true }]);
    expect(mailState(part)).toBe('Chưa đăng ký');
    expect(within(part).queryByText('Đã lưu')).toBeNull();
  });

  it('asks for an address before sending anything', async () => {
    const calls = mockApi({ 'GET /digest': { body: digest() }, 'GET /digest/subscription': { body: { subscription: null } } });
    renderPage(<MorningDigest />, '/', '/');
    const part = await mailPart();
    fireEvent.click(within(part).getByRole('button', { name: 'Đăng ký' }));
    await within(part).findByLabelText('Địa chỉ thư điện tử');
    fireEvent.click(within(part).getByRole('button', { name: 'Lưu' }));
    await within(part).findByText('Cần nhập địa chỉ thư điện tử');
    expect(callsTo(calls, 'PUT', '/digest/subscription')).toHaveLength(0);
  });

  it('“Hủy” closes the form and leaves the state as it was', async () => {
    const calls = mockApi({ 'GET /digest': { body: digest() }, 'GET /digest/subscription': { body: { subscription: subscribed() } } });
    renderPage(<MorningDigest />, '/', '/');
    const part = await mailPart();
    fireEvent.click(within(part).getByRole('button', { name: 'Thay đổi' }));
    const email = await within(part).findByLabelText('Địa chỉ thư điện tử');
    fireEvent.change(email, { target: { value: 'khac@tayloc.hue.gov.vn' } });
    fireEvent.click(within(part).getByRole('button', { name: 'Hủy' }));
    expect(within(part).queryByLabelText('Địa chỉ thư điện tử')).toBeNull();
    expect(mailState(part)).toBe(`Đang gửi tới ${kAddress} · lần gửi gần nhất 14/11/2023`);
    expect(callsTo(calls, 'PUT', '/digest/subscription')).toHaveLength(0);
  });

  it('a failed GET /digest/subscription leaves the card whole, without the part', async () => {
    mockApi({
      'GET /digest': { body: kBusy },
      'GET /digest/subscription': { status: 503, body: { error: { code: 'unavailable', message: 'Máy chủ tạm thời không truy cập được cơ sở dữ liệu' } } },
    });
    renderPage(<MorningDigest />, '/', '/');
    const region = await card();
    await within(region).findByRole('link', { name: '3 việc quá hạn (1 mới quá hạn từ 14/11/2023)' });
    // Let the subscription's answer arrive.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('group', { name: 'Nhận qua thư điện tử' })).toBeNull();
    expect(screen.queryByText('Máy chủ tạm thời không truy cập được cơ sở dữ liệu')).toBeNull();
    expect(screen.queryByText('Chưa xem được tóm tắt buổi sáng.')).toBeNull();
  });

  it('the digest is shown without waiting for the subscription', async () => {
    let answerSubscription!: () => void;
    const held = new Promise<void>((resolve) => { answerSubscription = resolve; });
    setFetch(async (input) => {
      const path = new URL(String(input), 'http://localhost').pathname.replace(/^\/api\/v1/, '');
      if (path === '/digest/subscription') await held;
      const answers: Record<string, unknown> = {
        '/auth/me': { user: kUsers.ward, csrf_token: 't' },
        '/digest': kBusy,
        '/digest/subscription': { subscription: subscribed({ last_sent_on: null }) },
      };
      const body = answers[path];
      return new Response(JSON.stringify(body ?? { error: { code: 'not_found', message: 'Không tìm thấy' } }),
        { status: body ? 200 : 404, headers: { 'Content-Type': 'application/json' } });
    });
    renderPage(<MorningDigest />, '/', '/');
    const region = await card();
    await within(region).findByRole('link', { name: '3 việc quá hạn (1 mới quá hạn từ 14/11/2023)' });
    expect(within(region).queryByRole('group', { name: 'Nhận qua thư điện tử' })).toBeNull();
    answerSubscription();
    const part = await mailPart();
    expect(region.contains(part)).toBe(true);
    expect(mailState(part)).toBe(`Đang gửi tới ${kAddress}`);
  });
});
