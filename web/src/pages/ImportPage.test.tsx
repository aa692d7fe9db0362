import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ImportReport } from '../api/types';
import { callsTo, kUsers, mockApi, renderPage, type Call } from '../test/mockApi';
import ImportPage from './ImportPage';

const kColumns: ImportReport['columns'] = [
  { header: 'Họ và tên', field: 'full_name', label: 'Họ và tên', required: true },
  { header: 'Ngày sinh', field: 'birth_date', label: 'Ngày sinh', required: true },
  { header: 'Giới tính', field: 'sex', label: 'Giới tính', required: true },
  { header: 'CCCD', field: 'id_number', label: 'Số CCCD', required: true },
  { header: '', field: 'cell', label: 'Chi bộ', required: true },
  { header: 'Ngày vào Đảng', field: 'joined_on', label: 'Ngày vào Đảng', required: true },
  { header: '', field: 'official_on', label: 'Ngày chính thức', required: false },
];

function report(over: Partial<ImportReport>): ImportReport {
  return {
    kind: 'members', rows: 2, new: 2, unchanged: 0, created: 0, committed: false,
    errors: [], columns: kColumns, ignored_headers: [], stages: [], ...over,
  };
}

// A blank first line: the header is the file's row 2, so the server's row 3 is the file's row 4.
const kCsv = '\uFEFF\nHọ và tên;Ngày sinh;Giới tính;CCCD;Ngày vào Đảng;Ghi chú\n'
  + 'Trần Văn Bình;20/08/1975;Nam;046075004321;03/02/2005;\n'
  + 'Lê Văn Nam;07/06/2000;Nam;046200001234;01/06/2016;"chuyển đến; 2016"\n';

function choose(container: HTMLElement, name: string, text: string) {
  const input = container.querySelector('input[type=file]') as HTMLInputElement;
  const file = new File([text], name, { type: name.endsWith('.csv') ? 'text/csv' : 'application/octet-stream' });
  fireEvent.change(input, { target: { files: [file] } });
}

async function pickMembers() {
  fireEvent.click(await screen.findByText('Đảng viên của chi bộ'));
}

describe('ImportPage', () => {
  it('checks the file read in the browser and lists every error with the file’s row numbers', async () => {
    const calls = mockApi({
      'POST /imports': {
        body: report({
          new: 1,
          errors: [
            { row: 1, column: 'Chi bộ', message: 'Thiếu cột «Chi bộ»' },
            { row: 3, column: 'Ngày vào Đảng', message: 'Vào Đảng khi chưa đủ 18 tuổi', rule: 'R1' },
          ],
          ignored_headers: ['Ghi chú'],
        }),
      },
    });
    const { container } = renderPage(<ImportPage />, '/nhap-excel', '/nhap-excel');
    await screen.findByRole('heading', { name: 'Nhập từ Excel', level: 1 });
    await pickMembers();
    choose(container, 'Đảng viên.csv', kCsv);
    await screen.findByText(/Kết quả kiểm tra tệp «Đảng viên\.csv»/);

    const [post] = callsTo(calls, 'POST', '/imports');
    expect(post.query.get('commit')).toBe('false');
    expect(post.body).toEqual({
      kind: 'members',
      file_name: 'Đảng viên.csv',
      headers: ['Họ và tên', 'Ngày sinh', 'Giới tính', 'CCCD', 'Ngày vào Đảng', 'Ghi chú'],
      rows: [
        ['Trần Văn Bình', '20/08/1975', 'Nam', '046075004321', '03/02/2005', ''],
        ['Lê Văn Nam', '07/06/2000', 'Nam', '046200001234', '01/06/2016', 'chuyển đến; 2016'],
      ],
    });

    expect(container.querySelector('[data-count="rows"]')!.textContent).toBe('2');
    expect(container.querySelector('[data-count="new"]')!.textContent).toBe('1');
    expect(container.querySelector('[data-count="error-rows"]')!.textContent).toBe('2');
    const rows = Array.from(container.querySelectorAll('.import-errors tbody tr.ant-table-row'));
    expect(rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent))).toEqual([
      ['2', '—', 'Chi bộ', 'Thiếu cột «Chi bộ»'],
      ['4', 'Lê Văn Nam', 'Ngày vào Đảng', 'Vào Đảng khi chưa đủ 18 tuổiR1'],
    ]);
    expect(rows[1].querySelector('[data-citation="R1"]')).toBeTruthy();
    // The mapping: the missing required column in red, the ignored header listed.
    expect(within(container.querySelector('.import-columns') as HTMLElement).getAllByText('Thiếu cột này (bắt buộc phải có)')).toHaveLength(1);
    expect(screen.getByText('«CCCD»')).toBeTruthy();
    expect(screen.getByText(/Các cột không dùng đến \(bỏ qua\): «Ghi chú»/)).toBeTruthy();
    const button = screen.getByRole('button', { name: 'Nhập 1 dòng' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(screen.getByText('Sửa các dòng lỗi trong tệp rồi chọn lại tệp: chưa nhập dòng nào.')).toBeTruthy();
  });

  it('loads the file when no row has an error and says how many rows it loaded', async () => {
    const calls = mockApi({
      'POST /imports': (call: Call) => call.query.get('commit') === 'true'
        ? { status: 201, body: report({ new: 1, unchanged: 1, created: 1, committed: true }) }
        : { body: report({ new: 1, unchanged: 1 }) },
    });
    const { container } = renderPage(<ImportPage />, '/nhap-excel', '/nhap-excel');
    await pickMembers();
    choose(container, 'dv.csv', kCsv);
    const button = await screen.findByRole('button', { name: 'Nhập 1 dòng' });
    expect(screen.getByText('Không có lỗi nào.')).toBeTruthy();
    expect(screen.queryByText(/chưa nhập dòng nào/)).toBeNull();
    fireEvent.click(button);
    await screen.findByText('Đã nhập 1 dòng; 1 dòng đã có từ trước nên không thay đổi.');
    expect(callsTo(calls, 'POST', '/imports').map((c) => c.query.get('commit'))).toEqual(['false', 'true']);
    expect(screen.getByRole('link', { name: 'Xem tổ chức đảng' }).getAttribute('href')).toBe('/to-chuc');
  });

  it('says at which step the cases of a list in progress will open, and leads to the case list', async () => {
    const calls = mockApi({
      'POST /imports': (call: Call) => call.query.get('commit') === 'true'
        ? { status: 201, body: report({ kind: 'cases', new: 2, created: 2, committed: true }) }
        : {
          body: report({
            kind: 'cases', new: 2,
            stages: [{ stage: 'dossier', label: 'Đang lập hồ sơ', count: 1 }, { stage: 'admitted', label: 'Đã có quyết định kết nạp', count: 1 }],
          }),
        },
    });
    const { container } = renderPage(<ImportPage />, '/nhap-excel', '/nhap-excel');
    fireEvent.click(await screen.findByText('Hồ sơ kết nạp đang làm dở'));
    // The columns of the kind: the dates of the steps, none of them required.
    const kind = container.querySelectorAll('.import-kind')[2] as HTMLElement;
    expect(kind.textContent).toMatch(/Cột có thể thêm: .*Ngày chi bộ xét kết nạp.*Ngày quyết định kết nạp/);
    choose(container, 'dang-lam.csv', kCsv);
    await screen.findByText('Các hồ sơ sẽ thêm, theo bước đang làm');
    expect(Array.from(container.querySelectorAll('.import-stages li')).map((li) => li.textContent)).toEqual([
      'Đang lập hồ sơ: 1 hồ sơ', 'Đã có quyết định kết nạp: 1 hồ sơ',
    ]);
    expect((callsTo(calls, 'POST', '/imports')[0].body as { kind: string }).kind).toBe('cases');
    fireEvent.click(screen.getByRole('button', { name: 'Nhập 2 dòng' }));
    await screen.findByText('Đã nhập 2 dòng.');
    expect(screen.getByRole('link', { name: 'Xem danh sách hồ sơ' }).getAttribute('href')).toBe('/ho-so');
  });

  it('shows the errors again when loading is refused (422), nothing loaded', async () => {
    mockApi({
      'POST /imports': (call: Call) => call.query.get('commit') === 'true'
        ? { status: 422, body: report({ new: 1, errors: [{ row: 2, column: 'CCCD', message: 'Số CCCD đã có trong hồ sơ khác' }] }) }
        : { body: report({}) },
    });
    const { container } = renderPage(<ImportPage />, '/nhap-excel', '/nhap-excel');
    await pickMembers();
    choose(container, 'dv.csv', kCsv);
    fireEvent.click(await screen.findByRole('button', { name: 'Nhập 2 dòng' }));
    await screen.findByText(/^Chưa nhập dòng nào: khi nhập, hệ thống thấy các lỗi dưới đây/);
    expect(screen.getByText('Số CCCD đã có trong hồ sơ khác')).toBeTruthy();
    expect(screen.getByText('Trần Văn Bình', { selector: '.import-errors td' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Nhập 1 dòng' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('checks again when the kind changes, and says when every row is already there', async () => {
    const calls = mockApi({
      'POST /imports': (call: Call) => ({ body: report({ kind: (call.body as { kind: 'sources' | 'members' }).kind, new: 0, unchanged: 2 }) }),
    });
    const { container } = renderPage(<ImportPage />, '/nhap-excel', '/nhap-excel');
    await pickMembers();
    choose(container, 'dv.csv', kCsv);
    await screen.findByText('Mọi dòng trong tệp đã có từ trước: không có gì để nhập thêm.');
    fireEvent.click(screen.getByText('Quần chúng ưu tú (nguồn)'));
    await waitFor(() => expect(callsTo(calls, 'POST', '/imports')).toHaveLength(2));
    expect((callsTo(calls, 'POST', '/imports')[1].body as { kind: string }).kind).toBe('sources');
  });

  it('refuses another kind of file in plain words, without asking the server', async () => {
    const calls = mockApi({});
    const { container } = renderPage(<ImportPage />, '/nhap-excel', '/nhap-excel');
    await pickMembers();
    choose(container, 'Danh sách.docx', 'PK');
    await screen.findByText('Tệp «Danh sách.docx» không phải tệp Excel (.xlsx) hoặc .csv. Hãy chọn tệp danh sách lưu bằng Excel.');
    expect(callsTo(calls, 'POST', '/imports')).toHaveLength(0);
  });

  it('shows the server’s refusal of the whole request', async () => {
    mockApi({ 'POST /imports': { status: 400, body: { error: { code: 'bad_request', message: 'Tệp có quá 5.000 dòng: hãy chia thành nhiều tệp' } } } });
    const { container } = renderPage(<ImportPage />, '/nhap-excel', '/nhap-excel');
    await pickMembers();
    choose(container, 'dv.csv', kCsv);
    await screen.findByText('Tệp có quá 5.000 dòng: hãy chia thành nhiều tệp');
  });

  it('is not for roles that do not record people', async () => {
    mockApi({}, kUsers.board);
    renderPage(<ImportPage />, '/nhap-excel', '/nhap-excel');
    await screen.findByTestId('forbidden');
  });
});
