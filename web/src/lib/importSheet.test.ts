import { describe, expect, it } from 'vitest';
import {
  buildTemplate, cellText, csvDelimiter, dateText, decodeCsv, excelSerialDate, isDateFormat, loadExcel,
  numberText, parseCsv, readSheetFile, readXlsxGrid, sheetFromGrid, SheetFileError, templateColumns,
} from './importSheet';

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

// A file as the page gets it from the Upload.
function file(name: string, data: Uint8Array | string) {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return { name, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer };
}

async function readError(f: ReturnType<typeof file>): Promise<SheetFileError> {
  const error = await readSheetFile(f).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SheetFileError);
  return error as SheetFileError;
}

describe('cells to text', () => {
  it('writes dates as dd/mm/yyyy by their UTC parts', () => {
    expect(dateText(utc(1990, 3, 5))).toBe('05/03/1990');
    expect(dateText(new Date(Date.UTC(2001, 11, 31, 23, 30)))).toBe('31/12/2001');
    expect(dateText(new Date(Number.NaN))).toBe('');
    expect(cellText(utc(1985, 11, 2))).toBe('02/11/1985');
  });

  it('turns Excel serial numbers in a date format into dates', () => {
    expect(dateText(excelSerialDate(1))).toBe('01/01/1900');
    expect(dateText(excelSerialDate(59))).toBe('28/02/1900');
    expect(dateText(excelSerialDate(61))).toBe('01/03/1900');
    expect(dateText(excelSerialDate(25569))).toBe('01/01/1970');
    expect(dateText(excelSerialDate(36526))).toBe('01/01/2000');
    expect(dateText(excelSerialDate(36526.75))).toBe('01/01/2000');
    expect(dateText(excelSerialDate(0, true))).toBe('01/01/1904');
    expect(cellText(32937, 'dd/mm/yyyy')).toBe('05/03/1990');
    expect(cellText(32937, '[$-42A]d mmmm yyyy')).toBe('05/03/1990');
    expect(cellText(32937, 'General')).toBe('32937');
    expect(cellText(32937)).toBe('32937');
  });

  it('knows a date format from a number format', () => {
    for (const f of ['dd/mm/yyyy', 'd/m/yy', 'mm-dd-yy', 'yyyy-mm-dd', 'mmm yyyy', '[$-F800]dddd, mmmm dd, yyyy']) expect(isDateFormat(f), f).toBe(true);
    for (const f of [undefined, '', 'General', '0', '#,##0.00', '000000000000', '0.0%', '"Ngày" 0', '@']) expect(isDateFormat(f), String(f)).toBe(false);
  });

  it('writes numbers plainly: long ID numbers without an exponent, leading zeros kept by the format', () => {
    expect(numberText(120000000000)).toBe('120000000000');
    expect(String(1.2e21)).toBe('1.2e+21');
    expect(numberText(1.2e21)).toBe('1200000000000000000000');
    expect(numberText(79123456789)).toBe('79123456789');
    expect(numberText(79123456789, '000000000000')).toBe('079123456789');
    expect(cellText(46085001234, '000000000000')).toBe('046085001234');
    expect(numberText(12.5)).toBe('12.5');
    expect(numberText(1e-7)).toBe('0.0000001');
    expect(numberText(-3)).toBe('-3');
    expect(numberText(Number.NaN)).toBe('');
  });

  it('joins rich text, takes a formula’s result and a link’s text', () => {
    expect(cellText({ richText: [{ text: 'Nguyễn ' }, { text: 'Văn', font: { bold: true } }, { text: ' An' }] })).toBe('Nguyễn Văn An');
    expect(cellText({ formula: 'A1&B1', result: 'Chi bộ 1' })).toBe('Chi bộ 1');
    expect(cellText({ formula: 'A2*1', result: 79123456789 })).toBe('79123456789');
    expect(cellText({ formula: 'DATE(1990,3,5)', result: utc(1990, 3, 5) })).toBe('05/03/1990');
    expect(cellText({ formula: 'A3', result: 32937 }, 'dd/mm/yyyy')).toBe('05/03/1990');
    expect(cellText({ sharedFormula: 'C2', result: 'Nam' })).toBe('Nam');
    expect(cellText({ formula: 'X1' })).toBe('');
    expect(cellText({ text: 'Trang chủ', hyperlink: 'https://example.vn' })).toBe('Trang chủ');
    expect(cellText({ error: '#N/A' })).toBe('#N/A');
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText(true)).toBe('TRUE');
  });

  it('trims text and composes decomposed Vietnamese letters', () => {
    const decomposed = 'Nguyễn Thị Hoa'.normalize('NFD');
    expect(decomposed).not.toBe('Nguyễn Thị Hoa');
    expect(cellText(`  ${decomposed}\u00a0`)).toBe('Nguyễn Thị Hoa');
  });
});

describe('rows to the list', () => {
  it('takes the first row with text as the header row and keeps the sheet’s row numbers', () => {
    const sheet = sheetFromGrid([
      undefined,
      ['', '', ''],
      ['Họ và tên', ' Ngày sinh ', '', 'Giới tính', '', ''],
      ['Lê Văn Nam', '07/06/2004', 'x', 'Nam', 'ghi chú ngoài bảng'],
      [],
      ['Trần Thị Mai'],
      ['', '', '', '', ''],
      undefined,
      [''],
    ]);
    expect(sheet).toEqual({
      headers: ['Họ và tên', 'Ngày sinh', '', 'Giới tính'],
      rows: [
        ['Lê Văn Nam', '07/06/2004', 'x', 'Nam'],
        ['', '', '', ''],
        ['Trần Thị Mai', '', '', ''],
      ],
      headerRow: 3,
    });
  });

  it('has nothing to give for an empty sheet; a header alone gives no rows', () => {
    expect(sheetFromGrid([])).toBeNull();
    expect(sheetFromGrid([[''], undefined, ['', ' \u00a0']])).toBeNull();
    expect(sheetFromGrid([['Họ và tên'], [' ']])).toEqual({ headers: ['Họ và tên'], rows: [], headerRow: 1 });
  });

  it('drops trailing blank rows past the header’s columns', () => {
    const sheet = sheetFromGrid([['A', 'B'], ['1', '2'], ['', '', 'ngoài bảng']]);
    expect(sheet!.rows).toEqual([['1', '2']]);
  });
});

describe('CSV', () => {
  it('reads semicolons, quotes with "" escapes, separators and line breaks inside quotes', () => {
    const text = 'Họ và tên;Ngày sinh;Nơi cư trú\r\n"Nguyễn Văn ""Út"" An";05/03/1990;"Số 12; Lê Duẩn\r\nHuế"\r\nLê Thị Hà;;Huế\r\n';
    expect(csvDelimiter(text)).toBe(';');
    expect(parseCsv(text)).toEqual([
      ['Họ và tên', 'Ngày sinh', 'Nơi cư trú'],
      ['Nguyễn Văn "Út" An', '05/03/1990', 'Số 12; Lê Duẩn\r\nHuế'],
      ['Lê Thị Hà', '', 'Huế'],
    ]);
  });

  it('finds the separator from the header line: comma, semicolon or tab', () => {
    expect(csvDelimiter('Họ và tên,Ngày sinh,"Giới; tính"\nA;B;C;D')).toBe(',');
    expect(csvDelimiter('"Họ, và tên";Ngày sinh\n1,2,3,4')).toBe(';');
    expect(csvDelimiter('Họ và tên\tNgày sinh\tGiới tính')).toBe('\t');
    expect(csvDelimiter('Họ và tên')).toBe(',');
    expect(csvDelimiter('\r\n\nHọ và tên;Ngày sinh\n1,2,3')).toBe(';');
    expect(parseCsv('a,b\n1,"2"\n3,4')).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
    expect(parseCsv('a;b\r1;2\r')).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a,""\n')).toEqual([['a', '']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('drops the BOM and refuses text that is not UTF-8', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Họ và tên;Số CCCD\nLê Văn Nam;046085001234\n')]);
    const sheet = await readSheetFile(file('danh sach.csv', bom));
    expect(sheet).toEqual({ headers: ['Họ và tên', 'Số CCCD'], rows: [['Lê Văn Nam', '046085001234']], headerRow: 1 });
    // "Hà" in Windows-1258 (H, a, combining grave).
    const legacy = new Uint8Array([0x48, 0x61, 0xcc, 0x3b, 0x41, 0x0a]);
    expect(() => decodeCsv(legacy, 'cu.csv')).toThrow(/UTF-8/);
    expect((await readError(file('cu.csv', legacy))).message).toMatch(/^Tệp «cu\.csv» không lưu chữ theo bảng mã UTF-8/);
    // Excel's "Unicode text": UTF-16 with its BOM.
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('Họ\tTên').flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    expect(decodeCsv(utf16, 'u.csv')).toBe('Họ\tTên');
  });

  it('reads blank lines between rows as blank rows (row numbers stay the file’s)', async () => {
    const sheet = await readSheetFile(file('a.csv', '\nHọ và tên,Ngày sinh\nAn,01/01/1990\n\nBình,02/02/1991\n\n\n'));
    expect(sheet.headerRow).toBe(2);
    expect(sheet.rows).toEqual([['An', '01/01/1990'], ['', ''], ['Bình', '02/02/1991']]);
  });
});

describe('XLSX', () => {
  it('reads the first visible worksheet: dates, long ID numbers, rich text, formulas', async () => {
    const Excel = await loadExcel();
    const workbook = new Excel.Workbook();
    const hidden = workbook.addWorksheet('Ẩn', { state: 'hidden' });
    hidden.addRow(['Không đọc']);
    const ws = workbook.addWorksheet('Đảng viên');
    ws.getRow(2).values = ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Chi bộ', 'Ngày vào Đảng', 'Ngày chính thức'];
    ws.getRow(3).values = ['Trần Văn Bình', utc(1975, 8, 20), 'Nam', '046075004321', 'HUE-TAYLOC-CB01', utc(2005, 2, 3), utc(2006, 2, 3)];
    ws.getRow(4).values = [{ richText: [{ text: 'Lê ' }, { text: 'Thị Hà', font: { italic: true } }] }, '12/05/1980', 'Nữ', 46080001234, 'Chi bộ 1', { formula: 'DATE(2010,6,1)', result: utc(2010, 6, 1) }, null];
    ws.getCell('D4').numFmt = '000000000000';
    ws.getRow(5).values = ['Phan Văn Cường', 32937, 'Nam', 79123456789012, { formula: 'E3', result: 'HUE-TAYLOC-CB01' }, 40000, ''];
    ws.getCell('B5').numFmt = 'dd/mm/yyyy';
    ws.getCell('F5').numFmt = 'dd/mm/yyyy';
    // Formatted but empty rows at the end, as Excel leaves them.
    ws.getCell('A9').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    ws.getCell('B10').value = '';
    const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);

    const sheet = await readSheetFile(file('Đảng viên Tây Lộc.xlsx', bytes));
    expect(sheet.headerRow).toBe(2);
    expect(sheet.headers).toEqual(['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Chi bộ', 'Ngày vào Đảng', 'Ngày chính thức']);
    expect(sheet.rows).toEqual([
      ['Trần Văn Bình', '20/08/1975', 'Nam', '046075004321', 'HUE-TAYLOC-CB01', '03/02/2005', '03/02/2006'],
      ['Lê Thị Hà', '12/05/1980', 'Nữ', '046080001234', 'Chi bộ 1', '01/06/2010', ''],
      ['Phan Văn Cường', '05/03/1990', 'Nam', '79123456789012', 'HUE-TAYLOC-CB01', '06/07/2009', ''],
    ]);
    const grid = await readXlsxGrid(bytes, Excel);
    expect(grid[0]).toEqual([]);
  });

  it('says plainly why a file cannot be read', async () => {
    expect((await readError(file('Danh sách.docx', 'PK\u0003\u0004'))).message)
      .toBe('Tệp «Danh sách.docx» không phải tệp Excel (.xlsx) hoặc .csv. Hãy chọn tệp danh sách lưu bằng Excel.');
    expect((await readError(file('cu.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0])))).message).toMatch(/dạng Excel cũ \(\.xls\)/);
    expect((await readError(file('khoa.xlsx', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1])))).message).toMatch(/có đặt mật khẩu/);
    expect((await readError(file('gia.xlsx', 'Họ và tên;Ngày sinh'))).message).toMatch(/không phải một tệp Excel/);
    expect((await readError(file('hong.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])))).message).toMatch(/có thể bị hỏng/);
    expect((await readError(file('rong.csv', ''))).message).toBe('Tệp «rong.csv» rỗng, không có dữ liệu.');
    expect((await readError(file('trang.csv', ';;\n;;\n'))).message).toMatch(/không có dữ liệu/);
    const Excel = await loadExcel();
    const empty = new Excel.Workbook();
    empty.addWorksheet('Trống');
    const bytes = new Uint8Array((await empty.xlsx.writeBuffer()) as ArrayBuffer);
    expect((await readError(file('trong.xlsx', bytes))).message).toMatch(/trang tính đầu tiên còn trống/);
  });
});

describe('templates', () => {
  it('list the main headers, the required ones first', () => {
    expect(templateColumns('members').map((c) => c.header)).toEqual(
      ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Chi bộ', 'Ngày vào Đảng', 'Ngày chính thức']);
    expect(templateColumns('members').filter((c) => c.required).map((c) => c.header)).toEqual(
      ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Chi bộ', 'Ngày vào Đảng']);
    expect(templateColumns('sources').map((c) => c.header)).toEqual(
      ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Chi bộ', 'Nguồn', 'Dân tộc', 'Tôn giáo', 'Điện thoại', 'Nơi cư trú', 'Ngày đưa vào nguồn']);
    // Cases in progress: the person, then the date of each step in the order of the procedure.
    const steps = templateColumns('cases').map((c) => c.header);
    expect(steps.slice(0, 5)).toEqual(['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Chi bộ']);
    const order = ['Ngày cấp giấy chứng nhận', 'Ngày nộp đơn vào Đảng', 'Ngày chi bộ xét kết nạp', 'Ngày đảng ủy cơ sở xét', 'Ngày quyết định kết nạp', 'Ngày kết nạp'];
    expect(order.map((h) => steps.indexOf(h))).toEqual([...order.map((h) => steps.indexOf(h))].sort((a, b) => a - b));
    expect(order.every((h) => steps.includes(h))).toBe(true);
    expect(templateColumns('cases').filter((c) => c.required)).toHaveLength(5);
  });

  it('are .xlsx files with the header row and one example row, all text, read back as they were written', async () => {
    for (const kind of ['sources', 'members', 'cases'] as const) {
      const bytes = await buildTemplate(kind, 'Chi bộ Khu vực 3');
      const sheet = await readSheetFile(file('mau.xlsx', bytes));
      const columns = templateColumns(kind, 'Chi bộ Khu vực 3');
      expect(sheet.headers).toEqual(columns.map((c) => c.header));
      expect(sheet.rows).toEqual([columns.map((c) => c.example)]);
      expect(sheet.rows[0]).toContain('Chi bộ Khu vực 3');
    }
    const Excel = await loadExcel();
    const workbook = new Excel.Workbook();
    await workbook.xlsx.load((await buildTemplate('members')).buffer as ArrayBuffer);
    const ws = workbook.worksheets[0];
    expect(ws.getColumn(4).numFmt).toBe('@');
    expect(ws.getCell('D2').value).toBe('046075004321');
    expect(ws.getCell('A1').font?.color?.argb).toBe('FFB3151B');
    expect(ws.getCell('G1').font?.color?.argb).toBe('FF000000');
  });
});
