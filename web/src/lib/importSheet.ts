// Reading a list an office keeps in Excel, in the browser, into what POST /imports takes: the
// header row and the data rows, every cell as text (dates as dd/mm/yyyy). An .xlsx is read with
// exceljs (loaded only when a page needs it: it is large), a .csv with the small parser below.
// Also the templates ("Tải tệp mẫu") the page offers for each kind of list.
//
// Everything here is a plain function of its input (exceljs is passed in or loaded lazily) so
// that importSheet.test.ts checks it without a browser.

import type { ImportKind } from '../api/types';

type ExcelModule = typeof import('exceljs');

// exceljs, loaded on first use (its own chunk of the build; the main bundle does not carry it).
export async function loadExcel(): Promise<ExcelModule> {
  const loaded = (await import('exceljs')) as ExcelModule & { default?: ExcelModule };
  // A CommonJS module: its exports come as the default export in some bundles.
  return loaded.default?.Workbook ? loaded.default : loaded;
}

// A file the page cannot read, with the reason in Vietnamese for the user.
export class SheetFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SheetFileError';
  }
}

// The list as POST /imports takes it. `headerRow` is the row of the sheet (from 1) the headers
// were read from: the server numbers rows from its header as 1, the page shows the sheet's own
// numbers (server row + headerRow - 1).
export interface SheetData {
  headers: string[];
  rows: string[][];
  headerRow: number;
}

// ---- Cells to text --------------------------------------------------------------------------

const pad2 = (n: number) => String(n).padStart(2, '0');

// dd/mm/yyyy of a date by its UTC parts: exceljs gives a date cell as midnight UTC of its day.
export function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  return `${pad2(date.getUTCDate())}/${pad2(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
}

// The day an Excel serial number stands for (1900 system: day 1 is 01/01/1900, counting the
// year's phantom 29 February as Excel does; 1904 system: day 0 is 01/01/1904).
export function excelSerialDate(serial: number, date1904 = false): Date {
  // Before 1 March 1900 the 1900 system has not yet counted the phantom 29 February.
  const days = date1904 ? serial - 24107 : serial < 61 ? serial - 25568 : serial - 25569;
  return new Date(Math.round(days * 86400000));
}

// Whether a number format shows a date (d, y, or a month name), not a number: "dd/mm/yyyy",
// "[$-42A]d mmmm yyyy"; not "0", "#,##0.00", "General" or "000000000000".
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt || /^general$/i.test(numFmt.trim())) return false;
  const bare = numFmt.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '');
  return /[dy]/i.test(bare) || /m{3,}/i.test(bare);
}

// A number as people wrote it: never "1.2e+11" (an ID number typed into a number cell), with its
// leading zeros when the cell's format keeps them ("000000000000").
export function numberText(value: number, numFmt?: string): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) {
    const digits = BigInt(value).toString();
    const zeros = numFmt && /^0+$/.test(numFmt.trim()) ? numFmt.trim().length : 0;
    return value >= 0 && zeros > digits.length ? digits.padStart(zeros, '0') : digits;
  }
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

// Text as people see it: Unicode composed (a name typed on a Mac or copied from a PDF may come
// decomposed), no spaces around.
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(/\u00a0/g, ' ').trim();
}

function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

// The text of an exceljs cell value: a date cell as dd/mm/yyyy, a number plainly (or as a date
// when its format is one), rich text joined, a formula's result, a link's text, an error as
// Excel shows it ("#N/A").
export function cellText(value: unknown, numFmt?: string, date1904 = false): string {
  if (value === null || value === undefined) return '';
  if (isDate(value)) return dateText(value);
  if (typeof value === 'number') {
    return isDateFormat(numFmt) ? dateText(excelSerialDate(value, date1904)) : numberText(value, numFmt);
  }
  if (typeof value === 'string') return cleanText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return cleanText((v.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join(''));
    }
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result, numFmt, date1904);
    if ('text' in v) return cellText(v.text, numFmt, date1904);
    if (typeof v.error === 'string') return v.error;
  }
  return '';
}

// ---- Rows to the list -----------------------------------------------------------------------

const isBlank = (row: readonly string[] | undefined) => !row || row.every((c) => cleanText(c ?? '') === '');

// The list from the rows of a sheet (index 0 is the sheet's row 1; a missing row is blank): the
// first row with any text is the header row, its last non-empty cell the last column; each later
// row cut or padded to that width; blank rows at the end dropped (blank rows between are kept, so
// that the server's row numbers stay the sheet's). Null when the sheet has no text at all.
export function sheetFromGrid(grid: readonly (readonly string[] | undefined)[]): SheetData | null {
  const first = grid.findIndex((row) => !isBlank(row));
  if (first < 0) return null;
  const headerCells = grid[first]!.map(cleanText);
  let width = headerCells.length;
  while (width > 0 && headerCells[width - 1] === '') width -= 1;
  const headers = headerCells.slice(0, width);
  let last = grid.length - 1;
  while (last > first && isBlank(grid[last]?.slice(0, width))) last -= 1;
  const rows: string[][] = [];
  for (let i = first + 1; i <= last; i += 1) {
    const row = grid[i] ?? [];
    rows.push(Array.from({ length: width }, (_, c) => cleanText(row[c] ?? '')));
  }
  return { headers, rows, headerRow: first + 1 };
}

// ---- XLSX -----------------------------------------------------------------------------------

// The rows of the first visible worksheet of an .xlsx, every cell as text.
export async function readXlsxGrid(data: ArrayBuffer | Uint8Array, excel?: ExcelModule): Promise<string[][]> {
  const Excel = excel ?? (await loadExcel());
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet) return [];
  const date1904 = !!(workbook.properties as { date1904?: boolean } | undefined)?.date1904;
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      cells[colNumber - 1] = cellText(cell.value, cell.numFmt, date1904);
    });
    grid[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(grid, (row) => row ?? []);
}

// ---- CSV ------------------------------------------------------------------------------------

// The separator of a CSV from its first line that is not empty (the header line): the most
// frequent of ';', ',' and tab outside quotes (Excel in Vietnamese writes ';' where the decimal
// mark is a comma); ',' when none.
export function csvDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let seen = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (seen) break;
      continue;
    } else if (!quoted && ch in counts) counts[ch] += 1;
    if (ch.trim() !== '') seen = true;
  }
  let best = ',';
  for (const d of [';', '\t']) if (counts[d] > counts[best]) best = d;
  return best;
}

// The records of a CSV text (RFC 4180): fields separated by `delimiter` (found from the first
// line when not given), quoted fields with "" for a quote and line breaks inside; CRLF, LF or
// CR ends a record; a BOM at the start is dropped.
export function parseCsv(input: string, delimiter?: string): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const sep = delimiter ?? csvDelimiter(text);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      i += 1;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      // An opening quote (spaces before it are dropped, as spreadsheets do).
      field = '';
      quoted = true;
    } else if (ch === sep) {
      endField();
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
    } else {
      field += ch;
    }
    i += 1;
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

// The text of a .csv file: UTF-8 (with or without BOM) or UTF-16 with its BOM (Excel's "Unicode
// text"); anything else (an old code page) would spoil the Vietnamese letters, so it is refused.
export function decodeCsv(bytes: Uint8Array, fileName: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SheetFileError(
      `Tệp «${fileName}» không lưu chữ theo bảng mã UTF-8 nên chữ tiếng Việt sẽ bị sai. ` +
      'Hãy mở tệp bằng Excel, chọn «Lưu thành» kiểu «Sổ làm việc Excel (.xlsx)» hoặc «CSV UTF-8», rồi chọn lại tệp.');
  }
}

// ---- Files ----------------------------------------------------------------------------------

export const kSheetAccept = '.xlsx,.csv';

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const kZip = [0x50, 0x4b, 0x03, 0x04];
const kOle = [0xd0, 0xcf, 0x11, 0xe0];

// The bytes of a chosen file (FileReader where Blob.arrayBuffer is missing: older browsers, jsdom).
export function blobBytes(blob: Blob): Promise<ArrayBuffer> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('FileReader'));
    reader.readAsArrayBuffer(blob);
  });
}

// Reads a chosen file (.xlsx or .csv) into the list; a SheetFileError says in Vietnamese why it
// cannot be read.
export async function readSheetFile(file: { name: string; arrayBuffer: () => Promise<ArrayBuffer> }, excel?: ExcelModule): Promise<SheetData> {
  const name = file.name;
  const lower = name.toLowerCase();
  const isXlsx = lower.endsWith('.xlsx');
  const isCsv = lower.endsWith('.csv');
  if (lower.endsWith('.xls')) {
    throw new SheetFileError(`Tệp «${name}» là dạng Excel cũ (.xls). Hãy mở tệp bằng Excel, chọn «Lưu thành» kiểu «Sổ làm việc Excel (.xlsx)», rồi chọn lại tệp mới.`);
  }
  if (!isXlsx && !isCsv) {
    throw new SheetFileError(`Tệp «${name}» không phải tệp Excel (.xlsx) hoặc .csv. Hãy chọn tệp danh sách lưu bằng Excel.`);
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    throw new SheetFileError(`Không mở được tệp «${name}». Hãy chọn lại tệp.`);
  }
  if (bytes.length === 0) throw new SheetFileError(`Tệp «${name}» rỗng, không có dữ liệu.`);
  let grid: string[][];
  if (isXlsx || startsWith(bytes, kZip)) {
    if (startsWith(bytes, kOle)) {
      throw new SheetFileError(`Tệp «${name}» có đặt mật khẩu hoặc là dạng Excel cũ. Hãy mở tệp bằng Excel, bỏ mật khẩu, lưu lại kiểu «Sổ làm việc Excel (.xlsx)», rồi chọn lại tệp.`);
    }
    if (!startsWith(bytes, kZip)) {
      throw new SheetFileError(`Tệp «${name}» không đọc được: nội dung không phải một tệp Excel (.xlsx). Hãy mở tệp bằng Excel, lưu lại rồi chọn lại.`);
    }
    try {
      grid = await readXlsxGrid(bytes, excel);
    } catch {
      throw new SheetFileError(`Tệp «${name}» không đọc được: tệp có thể bị hỏng. Hãy mở tệp bằng Excel, lưu lại rồi chọn lại.`);
    }
  } else {
    grid = parseCsv(decodeCsv(bytes, name));
  }
  const sheet = sheetFromGrid(grid);
  if (!sheet) throw new SheetFileError(`Tệp «${name}» không có dữ liệu: trang tính đầu tiên còn trống.`);
  return sheet;
}

// ---- Templates ------------------------------------------------------------------------------

export interface TemplateColumn {
  header: string;
  required: boolean;
  // What to write, for the page's help ("Nam hoặc Nữ").
  hint?: string;
  // The example row of the template.
  example: string;
  // Column width in the template, in characters.
  width: number;
}

// The main headers offices use for each kind (the server also knows their other names) and an
// example row. `cell` is the example's chi bộ.
export function templateColumns(kind: ImportKind, cell = 'Chi bộ 1'): TemplateColumn[] {
  const person: TemplateColumn[] = [
    { header: 'Họ và tên', required: true, example: kind === 'members' ? 'Trần Văn Bình' : 'Nguyễn Thị Hoa', width: 26 },
    { header: 'Ngày sinh', required: true, hint: 'ngày/tháng/năm', example: kind === 'members' ? '20/08/1975' : '03/04/1999', width: 13 },
    { header: 'Giới tính', required: true, hint: 'Nam hoặc Nữ', example: kind === 'members' ? 'Nam' : 'Nữ', width: 10 },
    { header: 'Số CCCD', required: true, hint: '12 chữ số', example: kind === 'members' ? '046075004321' : '046199001234', width: 16 },
    { header: 'Chi bộ', required: true, hint: 'mã hoặc tên chi bộ', example: cell, width: 30 },
  ];
  if (kind === 'cases') {
    const date = (header: string, example: string, hint = 'ngày/tháng/năm', width = 16): TemplateColumn =>
      ({ header, required: false, hint, example, width });
    return [
      ...person,
      { header: 'Nguồn', required: false, hint: 'Giáo viên, Học sinh, sinh viên, Dân quân, Đoàn viên…', example: 'Giáo viên', width: 20 },
      date('Ngày đưa vào nguồn', '15/01/2025'),
      date('Ngày vào danh sách cảm tình Đảng', '20/02/2025', 'ngày chi bộ ra nghị quyết', 18),
      date('Ngày cấp giấy chứng nhận', '10/04/2025', 'giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng', 18),
      { header: 'Số giấy chứng nhận', required: false, example: '125/GCN-TTCT', width: 18 },
      date('Ngày nộp đơn vào Đảng', '05/05/2025'),
      date('Ngày chi bộ xét kết nạp', '10/09/2025'),
      date('Ngày đảng ủy bộ phận thẩm định', '', 'chỉ khi chi bộ trực thuộc đảng ủy bộ phận', 18),
      date('Ngày đảng ủy cơ sở xét', '25/09/2025', 'bỏ trống nếu là chi bộ cơ sở', 18),
      { header: 'Số quyết định kết nạp', required: false, example: '312-QĐ/TU', width: 18 },
      date('Ngày quyết định kết nạp', '20/11/2025'),
      date('Ngày chi bộ nhận quyết định', '', 'nếu khác ngày quyết định', 18),
      date('Ngày kết nạp', '', 'ngày tổ chức lễ kết nạp'),
      date('Ngày cấp giấy chứng nhận lớp đảng viên mới', '', 'ngày/tháng/năm', 20),
    ];
  }
  if (kind === 'members') {
    return [
      ...person,
      { header: 'Ngày vào Đảng', required: true, hint: 'ngày/tháng/năm', example: '03/02/2005', width: 15 },
      { header: 'Ngày chính thức', required: false, hint: 'để trống nếu còn dự bị', example: '03/02/2006', width: 16 },
    ];
  }
  return [
    ...person,
    { header: 'Nguồn', required: false, hint: 'Giáo viên, Học sinh, sinh viên, Dân quân, Đoàn viên…', example: 'Giáo viên', width: 20 },
    { header: 'Dân tộc', required: false, example: 'Kinh', width: 10 },
    { header: 'Tôn giáo', required: false, example: 'Không', width: 10 },
    { header: 'Điện thoại', required: false, example: '0905123456', width: 13 },
    { header: 'Nơi cư trú', required: false, example: 'Số 12 đường Lê Duẩn, thành phố Huế', width: 34 },
    { header: 'Ngày đưa vào nguồn', required: false, hint: 'ngày/tháng/năm', example: '15/01/2023', width: 18 },
  ];
}

export const kTemplateNames: Record<ImportKind, string> = {
  sources: 'Mẫu danh sách quần chúng ưu tú.xlsx',
  members: 'Mẫu danh sách đảng viên.xlsx',
  cases: 'Mẫu danh sách hồ sơ kết nạp đang làm.xlsx',
};

// The template of a kind as .xlsx bytes: the header row (required columns in bold red) and one
// example row; every column is text, so that an ID number keeps its leading zero and a date
// typed as 05/03/1990 stays what was typed.
export async function buildTemplate(kind: ImportKind, cell?: string, excel?: ExcelModule): Promise<Uint8Array> {
  const Excel = excel ?? (await loadExcel());
  const columns = templateColumns(kind, cell);
  const workbook = new Excel.Workbook();
  const sheet = workbook.addWorksheet('Danh sách', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width, style: { numFmt: '@' } }));
  const header = sheet.getRow(1);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true, color: { argb: c.required ? 'FFB3151B' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  sheet.addRow(columns.map((c) => c.example));
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
