import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { ClassView, Enrolment } from '../api/types';
import { callsTo, kUsers, mockApi, renderPage } from '../test/mockApi';
import ClassPage from './ClassPage';
import CertificateCheckPage from './CertificateCheckPage';

const enrolment = (id: number, name: string, extra: Partial<Enrolment> = {}): Enrolment => ({
  id, class_id: 7, case_id: 100 + id, person_id: 200 + id, person_name: name, nominated_by: 'HUE-TAYLOC',
  state: 'nominated', assessment: 'pending', attendance: [], attended: 0, certificate_number: null, ...extra,
});

const view = (enrolments: Enrolment[], all = true): ClassView => ({
  class: {
    id: 7, kind: 'awareness', kind_label: 'Bồi dưỡng nhận thức về Đảng', code: 'NT-2023-05', name: 'Lớp nhận thức về Đảng khóa 5',
    organiser: 'HUE', organiser_name: 'Thành ủy Huế', format: 'shortened', place: 'Hội trường A', capacity: 2, enrolled: 2,
    starts_on: '2023-10-02', ends_on: '2023-10-06', sessions: 3, min_attendance_percent: 80, blended: false,
  },
  enrolments, all_enrolments: all,
});

const kFull = view([
  enrolment(1, 'Trần Văn An', { state: 'enrolled' }),
  enrolment(2, 'Lê Thị Bình', { state: 'enrolled', attendance: [{ session: 1, present: true }], attended: 1 }),
  enrolment(3, 'Phạm Văn Cường'),
]);

describe('ClassPage', () => {
  it('shows the class in dd/mm/yyyy and the server’s 409 when the class is full', async () => {
    const calls = mockApi({
      'GET /classes/7': { body: kFull },
      'PATCH /classes/7/enrolments/3': { status: 409, body: { error: { code: 'conflict', message: 'Lớp «NT-2023-05» đã đủ 2 học viên (sĩ số tối đa 2)' } } },
    }, kUsers.centre);
    renderPage(<ClassPage />, '/lop-boi-duong/7', '/lop-boi-duong/:id');
    await screen.findByText('Lớp nhận thức về Đảng khóa 5', { selector: 'h1' });
    expect(screen.getByText('02/10/2023 – 06/10/2023')).toBeTruthy();
    expect(screen.getByTestId('capacity').textContent).toBe('2/2 · đã đủ sĩ số');
    fireEvent.click(screen.getByLabelText('Ghi danh Phạm Văn Cường'));
    const alert = await screen.findByText(/đã đủ 2 học viên/);
    expect(alert.closest('[role=alert]')).toBeTruthy();
    expect(callsTo(calls, 'PATCH', '/classes/7/enrolments/3')[0].body).toEqual({ state: 'enrolled' });
  });

  it('marks attendance per session and records the assessment', async () => {
    const calls = mockApi({
      'GET /classes/7': { body: kFull },
      'PUT /classes/7/enrolments/1/attendance/2': { body: { enrolment_id: 1, session: 2, present: true } },
      'PUT /classes/7/enrolments/2/attendance/1': { body: { enrolment_id: 2, session: 1, present: false } },
    }, kUsers.centre);
    renderPage(<ClassPage />, '/lop-boi-duong/7', '/lop-boi-duong/:id');
    await screen.findByText('Lớp nhận thức về Đảng khóa 5', { selector: 'h1' });
    const bình = screen.getByLabelText('Lê Thị Bình có mặt buổi 1') as HTMLInputElement;
    expect(bình.checked).toBe(true);
    fireEvent.click(screen.getByLabelText('Trần Văn An có mặt buổi 2'));
    fireEvent.click(bình);
    await waitFor(() => expect(callsTo(calls, 'PUT', '/classes/7/enrolments/2/attendance/1')).toHaveLength(1));
    expect(callsTo(calls, 'PUT', '/classes/7/enrolments/1/attendance/2')[0].body).toEqual({ present: true });
    expect(callsTo(calls, 'PUT', '/classes/7/enrolments/2/attendance/1')[0].body).toEqual({ present: false });
    // A nominated learner has no attendance boxes yet.
    expect(screen.queryByLabelText('Phạm Văn Cường có mặt buổi 1')).toBeNull();
  });

  it('issues the certificate and shows its number and verification code', async () => {
    const issued = enrolment(1, 'Trần Văn An', {
      state: 'enrolled', assessment: 'passed', certificate_number: '125/GCN-TTCT', certificate_date: '2023-10-10', verification_code: 'K7M2Q9XW4T',
    });
    const calls = mockApi({
      'GET /classes/7': { body: kFull },
      'POST /classes/7/enrolments/1/certificate': { status: 201, body: { enrolment: issued } },
    }, kUsers.centre);
    renderPage(<ClassPage />, '/lop-boi-duong/7', '/lop-boi-duong/:id');
    await screen.findByText('Lớp nhận thức về Đảng khóa 5', { selector: 'h1' });
    fireEvent.click(screen.getByLabelText('Cấp giấy chứng nhận cho Trần Văn An'));
    fireEvent.change(await screen.findByLabelText('Số giấy chứng nhận'), { target: { value: ' 125/GCN-TTCT ' } });
    fireEvent.click(screen.getByText('Cấp giấy chứng nhận', { selector: '.ant-modal-footer button span' }));
    expect((await screen.findByTestId('issued-code')).textContent).toBe('K7M2Q9XW4T');
    expect(screen.getByTestId('issued-number').textContent).toBe('125/GCN-TTCT');
    // The default date is the server's today (15/11/2023, after the class ended).
    expect(callsTo(calls, 'POST', '/classes/7/enrolments/1/certificate')[0].body).toEqual({ number: '125/GCN-TTCT', date: '2023-11-15' });
  });

  it('lets a ward nominate but not manage', async () => {
    const calls = mockApi({
      'GET /classes/7': { body: view([enrolment(3, 'Phạm Văn Cường')], false) },
      'GET /cases': { body: { items: [
        { id: 55, person_name: 'Hoàng Thị Dung', birth_date: '2000-01-02', cell_name: 'Chi bộ 1', stage: 'sympathiser', stage_label: 'Cảm tình Đảng' },
        { id: 56, person_name: 'Đảng viên Dự bị', birth_date: '1999-01-02', cell_name: 'Chi bộ 1', stage: 'probation', stage_label: 'Đảng viên dự bị' },
      ], total: 2, page: 1, page_size: 50, counts_by_stage: {}, on: '2023-11-15' } },
      'POST /classes/7/nominations': { status: 201, body: { enrolment: enrolment(4, 'Hoàng Thị Dung') } },
    }, kUsers.ward);
    renderPage(<ClassPage />, '/lop-boi-duong/7', '/lop-boi-duong/:id');
    await screen.findByText('Lớp nhận thức về Đảng khóa 5', { selector: 'h1' });
    expect(screen.queryByLabelText('Ghi danh Phạm Văn Cường')).toBeNull();
    const picker = screen.getByLabelText('Hồ sơ của quần chúng (cảm tình Đảng)');
    fireEvent.focus(picker);
    fireEvent.mouseDown(picker);
    fireEvent.click(await screen.findByText(/Hoàng Thị Dung \(sinh 02\/01\/2000\)/));
    // Only the steps the awareness class serves are offered.
    expect(screen.queryByText(/Đảng viên Dự bị/)).toBeNull();
    fireEvent.click(screen.getByText('Cử đi học', { selector: 'button span' }));
    await waitFor(() => expect(callsTo(calls, 'POST', '/classes/7/nominations')).toHaveLength(1));
    expect(callsTo(calls, 'POST', '/classes/7/nominations')[0].body).toEqual({ case_id: 55 });
    expect(callsTo(calls, 'GET', '/cases')[0].query.get('stage')).toBe('sympathiser');
  });
});

describe('CertificateCheckPage', () => {
  it('shows a valid certificate’s number, name and date only', async () => {
    const calls = mockApi({ 'GET /certificates/K7M2-Q9XW4T': { body: { valid: true, number: '125/GCN-TTCT', name: 'Trần Văn An', date: '2023-10-10', kind: 'awareness', expires_on: '2028-10-09' } } });
    renderPage(<CertificateCheckPage />, '/kiem-tra-chung-nhan/K7M2-Q9XW4T', '/kiem-tra-chung-nhan/:code?');
    expect((await screen.findByText('✓ Hợp lệ')).closest('[role=status]')?.textContent).toContain('Trần Văn An');
    expect(screen.getByText('10/10/2023')).toBeTruthy();
    expect(screen.getByText('125/GCN-TTCT')).toBeTruthy();
    expect(screen.queryByText(/2028/)).toBeNull();
    expect(callsTo(calls, 'GET', '/certificates/K7M2-Q9XW4T')).toHaveLength(1);
  });

  it('says invalid for an unknown code, and checks a typed one', async () => {
    mockApi({ 'GET /certificates/ZZZ': { body: { valid: false } } });
    renderPage(<CertificateCheckPage />, '/kiem-tra-chung-nhan', '/kiem-tra-chung-nhan/:code?');
    fireEvent.change(screen.getByLabelText('Mã kiểm tra'), { target: { value: ' ZZZ ' } });
    fireEvent.click(screen.getByText('Kiểm tra', { selector: 'button span' }));
    expect(await screen.findByText('✗ Không hợp lệ')).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe('/kiem-tra-chung-nhan/ZZZ');
  });
});

// «Học trực tuyến»: the Political Centre's section of a class partly online.
describe('ClassPage — online part', () => {
  const kBlended = { ...kFull, class: { ...kFull.class, blended: true } };
  const kRules = { self_study_percent: 80, quiz_questions: 2, quiz_pass_percent: 70, quiz_max_attempts: 3 };
  const material = (id: number, position: number, title: string) => ({
    id, class_id: 7, position, title, file_name: `${title}.pdf`, media_type: 'application/pdf' as const, size_bytes: 2048,
    sha256: 'ab', uploaded_by: 'ttct', uploaded_at: '2023-11-01T02:00:00Z',
  });
  const question = (id: number, position: number, text: string, active = true) => ({
    id, class_id: 7, position, text, options: ['Năm 1925', 'Năm 1930', 'Năm 1945'], correct_option: 2, active,
  });
  const kSetup = {
    rules: kRules,
    materials: [material(11, 1, 'Bài 1: Chủ nghĩa Mác - Lênin'), material(12, 2, 'Bài 2: Điều lệ Đảng')],
    questions: [question(21, 1, 'Đảng ra đời năm nào?'), question(22, 2, 'Câu hỏi cũ', false)],
  };
  const openSection = async () => {
    renderPage(<ClassPage />, '/lop-boi-duong/7', '/lop-boi-duong/:id');
    await screen.findByText('Lớp nhận thức về Đảng khóa 5', { selector: 'h1' });
    // Its tabs once the online part is loaded.
    await screen.findByText('Quy định', { selector: '[role=tab]' });
    return screen.getByText('Học trực tuyến').closest('.online-card') as HTMLElement;
  };
  // getByRole weighs every element of the page's tables: the tests look up by label and text.
  const openTab = async (name: RegExp) => {
    fireEvent.click(await screen.findByText(name, { selector: '[role=tab]' }));
  };
  const button = (text: string) => screen.getByText(text, { selector: 'button span' });

  it('sets the rules of a class that has none, from the usual values, and the class becomes blended', async () => {
    let blended = false;
    const calls = mockApi({
      'GET /classes/7': () => ({ body: { ...kFull, class: { ...kFull.class, blended } } }),
      'GET /classes/7/online': { body: { rules: null, materials: [], questions: [] } },
      'PUT /classes/7/online': (call) => {
        blended = true;
        return { body: { rules: call.body } };
      },
    }, kUsers.centre);
    await openSection();
    expect(screen.queryByText('Kết hợp trực tuyến')).toBeNull();
    expect(screen.getByText('Lớp chưa có phần học trực tuyến')).toBeTruthy();
    const value = (label: string) => (screen.getByLabelText(label) as HTMLInputElement).value;
    expect(value('Tỷ lệ tài liệu tự học phải hoàn thành (%)')).toBe('100');
    expect(value('Số câu hỏi mỗi lần làm bài')).toBe('10');
    expect(value('Điểm đạt (%)')).toBe('70');
    expect(value('Số lần làm bài tối đa')).toBe('3');
    // Fewer questions in the bank than an attempt draws: a warning, not a refusal.
    expect(screen.getByText(/Ngân hàng hiện có 0 câu hỏi đang dùng/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Số câu hỏi mỗi lần làm bài'), { target: { value: '15' } });
    fireEvent.change(screen.getByLabelText('Điểm đạt (%)'), { target: { value: '80' } });
    fireEvent.click(button('Lưu quy định'));
    await waitFor(() => expect(callsTo(calls, 'PUT', '/classes/7/online')).toHaveLength(1));
    expect(callsTo(calls, 'PUT', '/classes/7/online')[0].body).toEqual({
      self_study_percent: 100, quiz_questions: 15, quiz_pass_percent: 80, quiz_max_attempts: 3,
    });
    // The class is read again and shows its new kind.
    expect(await screen.findByText('Kết hợp trực tuyến')).toBeTruthy();
    expect(screen.queryByText('Lớp chưa có phần học trực tuyến')).toBeNull();
  });

  it('shows the documents in order, moves one down, takes one off and uploads another', async () => {
    const calls = mockApi({
      'GET /classes/7': { body: kBlended },
      'GET /classes/7/online': { body: kSetup },
      'POST /classes/7/materials/11/move': { body: { materials: [material(12, 1, 'Bài 2: Điều lệ Đảng'), material(11, 2, 'Bài 1: Chủ nghĩa Mác - Lênin')] } },
      'POST /classes/7/materials/12/remove': { body: { materials: [material(11, 1, 'Bài 1: Chủ nghĩa Mác - Lênin')] } },
      'POST /classes/7/materials': { status: 201, body: { material: material(13, 2, 'Bài 3: Lịch sử Đảng') } },
    }, kUsers.centre);
    await openSection();
    expect(screen.getByText('Kết hợp trực tuyến', { selector: '.class-title-tags *' })).toBeTruthy();
    await openTab(/^Tài liệu tự học \(2\)/);
    const titles = () => [...document.querySelectorAll('.material-item .material-title')].map((a) => a.textContent);
    expect(titles()).toEqual(['Bài 1: Chủ nghĩa Mác - Lênin', 'Bài 2: Điều lệ Đảng']);
    expect(screen.getByText('Bài 1: Chủ nghĩa Mác - Lênin', { selector: 'a' }).getAttribute('href')).toBe('/api/v1/classes/7/materials/11');
    expect((screen.getByLabelText('Đưa «Bài 1: Chủ nghĩa Mác - Lênin» lên trên') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('Đưa «Bài 1: Chủ nghĩa Mác - Lênin» xuống dưới'));
    await waitFor(() => expect(titles()).toEqual(['Bài 2: Điều lệ Đảng', 'Bài 1: Chủ nghĩa Mác - Lênin']));
    expect(callsTo(calls, 'POST', '/classes/7/materials/11/move')[0].body).toEqual({ position: 2 });

    fireEvent.click(screen.getByLabelText('Gỡ «Bài 2: Điều lệ Đảng»'));
    fireEvent.click(await screen.findByText('Gỡ tài liệu', { selector: '.ant-popconfirm button span' }));
    await waitFor(() => expect(titles()).toEqual(['Bài 1: Chủ nghĩa Mác - Lênin']));

    const input = document.querySelector('.material-upload input[type=file]') as HTMLInputElement;
    const file = new File(['%PDF-1.4'], 'Bai 3 - Lich su Dang.pdf', { type: 'application/pdf' });
    fireEvent.change(input, { target: { files: [file] } });
    await waitFor(() => expect((screen.getByLabelText('Tên tài liệu') as HTMLInputElement).value).toBe('Bai 3 - Lich su Dang'));
    fireEvent.change(screen.getByLabelText('Tên tài liệu'), { target: { value: ' Bài 3: Lịch sử Đảng ' } });
    fireEvent.click(button('Tải lên'));
    await waitFor(() => expect(titles()).toEqual(['Bài 1: Chủ nghĩa Mác - Lênin', 'Bài 3: Lịch sử Đảng']));
    const upload = callsTo(calls, 'POST', '/classes/7/materials')[0];
    expect(upload.query.get('title')).toBe('Bài 3: Lịch sử Đảng');
    expect(upload.query.get('name')).toBe('Bai 3 - Lich su Dang.pdf');
    expect(upload.headers['Content-Type']).toBe('application/pdf');
    expect(upload.body).toBeInstanceOf(Blob);
  });

  it('adds a question with its options and the right one, and takes one out of the bank', async () => {
    const added = { id: 23, class_id: 7, position: 3, text: 'Ai là người sáng lập Đảng?', options: ['Hồ Chí Minh', 'Lê Hồng Phong', 'Trần Phú'], correct_option: 1, active: true };
    const calls = mockApi({
      'GET /classes/7': { body: kBlended },
      'GET /classes/7/online': { body: kSetup },
      'POST /classes/7/questions': { status: 201, body: { question: added } },
      'POST /classes/7/questions/21/remove': { body: { question: question(21, 1, 'Đảng ra đời năm nào?', false) } },
    }, kUsers.centre);
    await openSection();
    await openTab(/^Ngân hàng câu hỏi \(1\)/);
    // The removed question stays listed, greyed.
    const old = document.querySelector('[data-question="22"]')!;
    expect(old.className).toContain('question-inactive');
    expect(old.textContent).toContain('Đã loại khỏi ngân hàng');
    expect(document.querySelector('[data-question="21"] .question-correct')!.textContent).toBe('B. Năm 1930 ✓ đáp án đúng');

    fireEvent.change(screen.getByLabelText('Nội dung câu hỏi'), { target: { value: ' Ai là người sáng lập Đảng? ' } });
    fireEvent.change(screen.getByLabelText('Phương án A'), { target: { value: 'Trần Phú' } });
    fireEvent.change(screen.getByLabelText('Phương án B'), { target: { value: 'Hồ Chí Minh ' } });
    fireEvent.change(screen.getByLabelText('Phương án C'), { target: { value: 'Lê Hồng Phong' } });
    // The right answer follows its option when an option above it is taken out.
    fireEvent.click(screen.getByLabelText('Phương án B là đáp án đúng'));
    fireEvent.click(screen.getByLabelText('Bỏ phương án D'));
    fireEvent.click(screen.getByLabelText('Bỏ phương án A'));
    expect((screen.getByLabelText('Phương án A') as HTMLInputElement).value).toBe('Hồ Chí Minh ');
    expect((screen.getByLabelText('Phương án A là đáp án đúng') as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByLabelText('Bỏ phương án A')).toBeNull();
    fireEvent.click(button('+ Thêm phương án'));
    fireEvent.change(screen.getByLabelText('Phương án C'), { target: { value: 'Trần Phú' } });
    fireEvent.click(button('Thêm câu hỏi'));
    await waitFor(() => expect(callsTo(calls, 'POST', '/classes/7/questions')).toHaveLength(1));
    expect(callsTo(calls, 'POST', '/classes/7/questions')[0].body).toEqual({
      text: 'Ai là người sáng lập Đảng?', options: ['Hồ Chí Minh', 'Lê Hồng Phong', 'Trần Phú'], correct_option: 1,
    });
    await screen.findByText(/Ai là người sáng lập Đảng\?/, { selector: '.question-text' });
    expect(screen.getByText(/^Ngân hàng câu hỏi \(2\)/, { selector: '[role=tab]' })).toBeTruthy();

    fireEvent.click(screen.getByLabelText('Loại câu 1 khỏi ngân hàng'));
    fireEvent.click(await screen.findByText('Loại khỏi ngân hàng', { selector: '.ant-popconfirm button span' }));
    await waitFor(() => expect(document.querySelector('[data-question="21"]')!.className).toContain('question-inactive'));
    expect(callsTo(calls, 'POST', '/classes/7/questions/21/remove')).toHaveLength(1);
  });

  it('asks for the right option before sending a question', async () => {
    const calls = mockApi({
      'GET /classes/7': { body: kBlended },
      'GET /classes/7/online': { body: kSetup },
    }, kUsers.centre);
    await openSection();
    await openTab(/^Ngân hàng câu hỏi/);
    fireEvent.change(screen.getByLabelText('Nội dung câu hỏi'), { target: { value: 'Câu hỏi' } });
    for (const letter of ['A', 'B', 'C', 'D']) fireEvent.change(screen.getByLabelText(`Phương án ${letter}`), { target: { value: letter } });
    fireEvent.click(button('Thêm câu hỏi'));
    expect(await screen.findByText('Chọn phương án đúng bằng nút tròn bên trái phương án')).toBeTruthy();
    expect(callsTo(calls, 'POST', '/classes/7/questions')).toHaveLength(0);
  });

  it('shows the results per learner and per question, in the order the server gives', async () => {
    const learner = (id: number, name: string, extra: object) => ({
      enrolment_id: id, person_name: name, nominating_org_name: 'Đảng ủy phường Tây Lộc', state: 'enrolled',
      sessions_attended: 3, session_count: 3, sessions_met: true, materials_done: 2, materials_total: 2, self_study_met: true,
      attempts_used: 1, best_percent: 100, quiz_passed: true, certifiable: true, certificate_date: null, ...extra,
    });
    const stat = (id: number, position: number, text: string, drawn: number, failed: number, percent: number | null) => ({
      question_id: id, position, text, active: true, drawn, correct: drawn - failed, failed, fail_percent: percent,
    });
    mockApi({
      'GET /classes/7': { body: kBlended },
      'GET /classes/7/online': { body: kSetup },
      'GET /classes/7/online/results': { body: {
        rules: kRules,
        learners: [
          learner(2, 'Lê Thị Bình', { certificate_date: '2023-11-14' }),
          learner(1, 'Trần Văn An', { sessions_attended: 1, sessions_met: false, materials_done: 1, self_study_met: false,
            attempts_used: 2, best_percent: 50, quiz_passed: false, certifiable: false }),
          learner(3, 'Phạm Văn Cường', { attempts_used: 0, best_percent: null, quiz_passed: false, certifiable: false, materials_done: 0, self_study_met: false }),
        ],
        questions: [stat(22, 2, 'Câu hỏi khó', 5, 4, 80), stat(21, 1, 'Đảng ra đời năm nào?', 5, 1, 20), stat(23, 3, 'Chưa ra đề', 0, 0, null)],
      } },
    }, kUsers.centre);
    await openSection();
    await openTab(/^Kết quả/);
    await screen.findByText('Kết quả học viên');
    const cells = (table: string) => [...document.querySelectorAll(`.${table} tbody tr.ant-table-row`)]
      .map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent));
    expect([...document.querySelectorAll('.online-learners-table thead th')].map((th) => th.textContent)).toEqual([
      'Học viên', 'Đơn vị', 'Buổi học', 'Tự học', 'Bài kiểm tra (lần/điểm cao nhất)', 'Đủ điều kiện cấp giấy chứng nhận',
    ]);
    expect(cells('online-learners-table')).toEqual([
      ['Lê Thị Bình', 'Đảng ủy phường Tây Lộc', '3/3 ✓', '2/2 ✓', '1/3 lần · 100% Đạt', 'Cóđã cấp ngày 14/11/2023'],
      ['Trần Văn An', 'Đảng ủy phường Tây Lộc', '1/3', '1/2', '2/3 lần · 50%', 'Chưa'],
      ['Phạm Văn Cường', 'Đảng ủy phường Tây Lộc', '3/3 ✓', '0/2', 'Chưa làm bài', 'Chưa'],
    ]);
    expect(screen.getByText('1/3', { selector: 'strong' })).toBeTruthy();
    expect([...document.querySelectorAll('.online-questions-table thead th')].map((th) => th.textContent)).toEqual([
      'Câu hỏi', 'Số lần ra đề', 'Trả lời đúng', 'Trả lời sai', 'Tỷ lệ sai (%)',
    ]);
    expect(cells('online-questions-table')).toEqual([
      ['Câu 2. Câu hỏi khó', '5', '1', '4', '80'],
      ['Câu 1. Đảng ra đời năm nào?', '5', '4', '1', '20'],
      ['Câu 3. Chưa ra đề', '0', '0', '0', '—'],
    ]);
  });

  it('is not offered to a ward, and the server is not asked', async () => {
    const calls = mockApi({ 'GET /classes/7': { body: { ...kBlended, all_enrolments: false } } }, kUsers.ward);
    renderPage(<ClassPage />, '/lop-boi-duong/7', '/lop-boi-duong/:id');
    await screen.findByText('Lớp nhận thức về Đảng khóa 5', { selector: 'h1' });
    expect(screen.getByText('Kết hợp trực tuyến')).toBeTruthy();
    expect(screen.queryByText('Học trực tuyến')).toBeNull();
    expect(calls.some((c) => c.path.includes('/online'))).toBe(false);
  });

  it('leaves the section out when the server refuses it', async () => {
    mockApi({
      'GET /classes/7': { body: kBlended },
      'GET /classes/7/online': { status: 403, body: { error: { code: 'forbidden', message: 'Lớp không thuộc đơn vị bạn phụ trách' } } },
    }, kUsers.centre);
    renderPage(<ClassPage />, '/lop-boi-duong/7', '/lop-boi-duong/:id');
    await screen.findByText('Lớp nhận thức về Đảng khóa 5', { selector: 'h1' });
    await new Promise((r) => setTimeout(r, 100));
    expect(screen.queryByText('Học trực tuyến')).toBeNull();
    expect(screen.queryByText(/không thuộc đơn vị/)).toBeNull();
  });
});
