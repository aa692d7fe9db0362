import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Radio, Result, Table, Typography, Upload } from 'antd';
import { ApiError, request } from '../api/client';
import type { ImportColumn, ImportKind, ImportReport, ImportRowError, ImportSheet } from '../api/types';
import { can, useAuth } from '../auth/AuthContext';
import { foldVietnamese } from '../lib/format';
import {
  blobBytes, buildTemplate, kSheetAccept, kTemplateNames, readSheetFile, SheetFileError, templateColumns, type SheetData,
} from '../lib/importSheet';
import { useOrganisations } from '../lib/myOrg';
import { formatNumber } from '../lib/planning';
import { useReference } from '../lib/reference';
import { ApiErrorText, ErrorNotice } from '../components/ErrorNotice';
import { RuleCitation } from '../components/RuleCitation';
import '../styles/import.css';

interface KindChoice { value: ImportKind; label: string; line: string; done: { to: string; label: string } }

const kKinds: KindChoice[] = [
  {
    value: 'sources',
    label: 'Quần chúng ưu tú (nguồn)',
    line: 'Những người ngoài Đảng chi bộ đã đưa vào nguồn phát triển đảng viên; mỗi người được mở một hồ sơ ở bước nguồn.',
    done: { to: '/nguon', label: 'Xem danh sách nguồn phát triển đảng viên' },
  },
  {
    value: 'members',
    label: 'Đảng viên của chi bộ',
    line: 'Đảng viên chính thức và đảng viên dự bị đang sinh hoạt ở các chi bộ.',
    done: { to: '/to-chuc', label: 'Xem tổ chức đảng' },
  },
  {
    value: 'cases',
    label: 'Hồ sơ kết nạp đang làm dở',
    line: 'Những người đang trong quy trình kết nạp: ghi ngày của từng bước đã làm (cấp giấy chứng nhận, nộp đơn, chi bộ xét, quyết định, lễ kết nạp…); hệ thống đặt mỗi hồ sơ vào đúng bước và tính ngay các thời hạn.',
    done: { to: '/ho-so', label: 'Xem danh sách hồ sơ' },
  },
];

const kindOf = (kind: ImportKind) => kKinds.find((k) => k.value === kind)!;

const kXlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// The file read in the browser, with its name.
interface ChosenFile { name: string; sheet: SheetData }

// What the last answer of the server said about the file.
type Outcome =
  | { state: 'checked'; report: ImportReport }
  // commit=true answered 422: nothing loaded, the errors listed again.
  | { state: 'refused'; report: ImportReport }
  | { state: 'loaded'; report: ImportReport };

// "Nhập từ Excel": an office loads a list it keeps in Excel (sources, or the members of its
// cells). The browser reads the file (lib/importSheet.ts) and sends its rows as text; the server
// checks every row first (commit=false) and loads all of them or none (commit=true).
export default function ImportPage() {
  const { user } = useAuth();
  const [kind, setKind] = useState<ImportKind | undefined>(undefined);
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [reading, setReading] = useState(false);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [committing, setCommitting] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  // The newest check wins: a kind changed while a check runs starts another.
  const latest = useRef(0);

  if (user && !can(user, 'write_people')) {
    return <ErrorNotice error={new ApiError(403, { code: 'forbidden', message: 'Bạn không có quyền nhập danh sách' })} />;
  }

  const body = (k: ImportKind, f: ChosenFile): ImportSheet => ({
    kind: k, file_name: f.name, headers: f.sheet.headers, rows: f.sheet.rows,
  });

  const check = async (k: ImportKind, f: ChosenFile) => {
    const id = ++latest.current;
    setOutcome(null);
    setFailure(null);
    setChecking(true);
    try {
      const r = await request<ImportReport>('POST', '/imports', { query: { commit: false }, body: body(k, f) });
      if (id === latest.current) setOutcome({ state: 'checked', report: r.data });
    } catch (error) {
      if (id === latest.current) setFailure(error);
    } finally {
      if (id === latest.current) setChecking(false);
    }
  };

  const choose = async (chosen: File) => {
    setFileProblem(null);
    setOutcome(null);
    setFailure(null);
    setFile(null);
    setReading(true);
    try {
      const f = { name: chosen.name, sheet: await readSheetFile({ name: chosen.name, arrayBuffer: () => blobBytes(chosen) }) };
      setFile(f);
      if (kind) await check(kind, f);
    } catch (error) {
      setFileProblem(error instanceof SheetFileError ? error.message : `Không đọc được tệp «${chosen.name}». Hãy mở tệp bằng Excel, lưu lại rồi chọn lại.`);
    } finally {
      setReading(false);
    }
  };

  const changeKind = (k: ImportKind) => {
    setKind(k);
    if (file) void check(k, file);
  };

  const commit = async () => {
    if (!kind || !file) return;
    const id = ++latest.current;
    setFailure(null);
    setCommitting(true);
    try {
      const r = await request<ImportReport>('POST', '/imports', { query: { commit: true }, body: body(kind, file), answerStatuses: [422] });
      if (id !== latest.current) return;
      setOutcome({ state: r.status === 422 || !r.data.committed ? 'refused' : 'loaded', report: r.data });
    } catch (error) {
      if (id === latest.current) setFailure(error);
    } finally {
      if (id === latest.current) setCommitting(false);
    }
  };

  const startOver = () => {
    latest.current += 1;
    setFile(null);
    setOutcome(null);
    setFailure(null);
    setFileProblem(null);
  };

  return (
    <div className="page import-page">
      <div className="page-head">
        <Typography.Title level={1}>Nhập từ Excel</Typography.Title>
      </div>
      <p className="import-intro">
        Nạp vào hệ thống danh sách đơn vị đang giữ trong Excel, khỏi phải gõ lại từng người. Hệ thống kiểm tra
        mọi dòng trước; chỉ khi không còn dòng nào lỗi mới nhập, và nhập cả danh sách một lần. Người đã có
        (cùng số CCCD, họ tên, ngày sinh) được giữ nguyên, nên chọn lại cùng một tệp cũng không sinh trùng.
      </p>

      <KindCard kind={kind} onChange={changeKind} />

      <Card title={<h2 className="import-step">2. Chọn tệp danh sách</h2>} className="import-file-card">
        <Upload.Dragger
          accept={kSheetAccept}
          multiple={false}
          showUploadList={false}
          disabled={!kind || reading || checking || committing}
          beforeUpload={(chosen) => {
            void choose(chosen);
            return false;
          }}
          className="import-dragger"
        >
          <p className="import-dragger-title">{kind ? 'Bấm vào đây để chọn tệp' : 'Chọn loại danh sách ở bước 1 trước'}</p>
          <p className="import-dragger-hint">hoặc kéo tệp Excel (.xlsx) hay tệp .csv thả vào khung này</p>
        </Upload.Dragger>
        <ul className="import-rules">
          <li>Hệ thống đọc trang tính đầu tiên của tệp. Dòng đầu tiên có chữ là dòng tiêu đề cột; mỗi dòng sau là một người.</li>
          <li>Ngày tháng ghi theo dạng ngày/tháng/năm, ví dụ 05/03/1990. Số CCCD ghi đủ 12 chữ số.</li>
          <li>Tệp .csv phải lưu theo bảng mã UTF-8 (trong Excel chọn kiểu «CSV UTF-8»).</li>
        </ul>
        {reading && <p className="loading" role="status">Đang đọc tệp…</p>}
        {fileProblem && <Alert type="error" showIcon className="import-file-problem" role="alert" title={fileProblem} />}
        {file && !reading && (
          <p className="import-file-name">
            Tệp đã chọn: <strong>{file.name}</strong> — {formatNumber(file.sheet.rows.length)} dòng dưới dòng tiêu đề
          </p>
        )}
      </Card>

      {checking && <p className="loading" role="status">Đang kiểm tra các dòng của tệp…</p>}
      {failure !== null && (
        failure instanceof ApiError && failure.status !== 401
          ? <Alert type="error" showIcon role="alert" className="import-failure" title={<ApiErrorText error={failure} />} />
          : <ErrorNotice error={failure} />
      )}
      {outcome && file && kind && (
        outcome.state === 'loaded'
          ? <Loaded report={outcome.report} kind={kind} onAgain={startOver} />
          : <Preview report={outcome.report} refused={outcome.state === 'refused'} file={file}
              committing={committing} onCommit={() => void commit()} />
      )}
    </div>
  );
}

// Step 1: what the list holds, the columns each kind reads, and the template of each.
function KindCard({ kind, onChange }: { kind: ImportKind | undefined; onChange: (k: ImportKind) => void }) {
  const reference = useReference();
  const organisations = useOrganisations();
  const [making, setMaking] = useState<ImportKind | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // The template's example names a real cell of the user's, so that it reads like their list.
  const cell = organisations.find((o) => (o.kind === 'cell' || o.kind === 'grassroots_cell') && !o.valid_to)?.name;

  const download = async (k: ImportKind) => {
    setMaking(k);
    setProblem(null);
    try {
      const bytes = await buildTemplate(k, cell);
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: kXlsxType }));
      const a = document.createElement('a');
      a.href = url;
      a.download = kTemplateNames[k];
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch {
      setProblem('Chưa tạo được tệp mẫu, vui lòng thử lại.');
    } finally {
      setMaking(null);
    }
  };

  const categories = reference.categories.map((c) => c.label).join('; ');
  return (
    <Card title={<h2 className="import-step">1. Danh sách trong tệp là gì?</h2>} className="import-kind-card">
      <Radio.Group value={kind} onChange={(e) => onChange(e.target.value as ImportKind)} className="import-kinds" aria-label="Danh sách trong tệp là gì?">
        {kKinds.map((k) => {
          const columns = templateColumns(k.value);
          const describe = (c: (typeof columns)[number]) => {
            const hint = c.header === 'Nguồn' && categories ? categories : c.hint;
            return hint ? `${c.header} (${hint})` : c.header;
          };
          return (
            <div key={k.value} className={`import-kind${kind === k.value ? ' chosen' : ''}`}>
              <Radio value={k.value} className="import-kind-radio">
                <span className="import-kind-label">{k.label}</span>
                <span className="import-kind-line">{k.line}</span>
              </Radio>
              <p className="import-kind-columns">
                <span>Cột bắt buộc: {columns.filter((c) => c.required).map(describe).join(', ')}.</span>{' '}
                <span>Cột có thể thêm: {columns.filter((c) => !c.required).map(describe).join(', ')}.</span>
              </p>
              <Button size="large" onClick={() => void download(k.value)} loading={making === k.value}
                aria-label={`Tải tệp mẫu ${k.label}`} className="import-template">
                Tải tệp mẫu
              </Button>
            </div>
          );
        })}
      </Radio.Group>
      <p className="muted import-template-note">
        Tệp mẫu có sẵn dòng tiêu đề (cột chữ đỏ là cột bắt buộc) và một dòng ví dụ: ghi đè hoặc xóa dòng ví dụ rồi điền danh sách.
        Tiêu đề cột có thể viết hoa, viết thường, có dấu hoặc không dấu.
      </p>
      {problem && <Alert type="error" showIcon role="alert" title={problem} />}
    </Card>
  );
}

// Brings a card that has just appeared below the file's choice into view (on a laptop it would
// open below the fold). jsdom has no scrollIntoView.
function useShownOnArrival<T extends HTMLElement>(key: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'start' });
  }, [key]);
  return ref;
}

// The row of the sheet as Excel numbers it: the server counts its header as row 1.
const sheetRow = (file: ChosenFile, row: number) => row + file.sheet.headerRow - 1;

// Step 3: what loading the file would do, every error, and the button that loads it.
function Preview({ report, refused, file, committing, onCommit }: {
  report: ImportReport; refused: boolean; file: ChosenFile; committing: boolean; onCommit: () => void;
}) {
  const ref = useShownOnArrival<HTMLDivElement>(report);
  const errors = report.errors;
  const errorRows = new Set(errors.map((e) => e.row)).size;
  // The name on each row, so that an error reads "dòng 4 — Lê Văn Nam".
  const nameColumn = report.columns.find((c) => c.field === 'full_name' || foldVietnamese(c.label) === 'ho va ten');
  const nameIndex = nameColumn?.header ? file.sheet.headers.indexOf(nameColumn.header) : -1;
  const nameOf = (row: number) => (nameIndex >= 0 && row >= 2 ? file.sheet.rows[row - 2]?.[nameIndex] ?? '' : '');
  const blocked = errors.length > 0
    ? 'Sửa các dòng lỗi trong tệp rồi chọn lại tệp: chưa nhập dòng nào.'
    : report.rows === 0
      ? 'Tệp không có dòng nào dưới dòng tiêu đề: chưa có gì để nhập.'
      : report.new === 0
        ? 'Mọi dòng trong tệp đã có từ trước: không có gì để nhập thêm.'
        : null;

  return (
    <Card ref={ref} title={<h2 className="import-step">3. Kết quả kiểm tra tệp «{file.name}»</h2>} className="import-preview">
      {refused && (
        <Alert type="error" showIcon role="alert" className="import-refused"
          title="Chưa nhập dòng nào: khi nhập, hệ thống thấy các lỗi dưới đây. Sửa các dòng lỗi trong tệp rồi chọn lại tệp." />
      )}
      <dl className="import-counts">
        <div><dt>Số dòng</dt><dd data-count="rows">{formatNumber(report.rows)}</dd></div>
        <div><dt>Sẽ thêm mới</dt><dd data-count="new">{formatNumber(report.new)}</dd></div>
        <div><dt>Đã có — không thay đổi</dt><dd data-count="unchanged">{formatNumber(report.unchanged)}</dd></div>
        <div className={errors.length ? 'import-count-bad' : ''}><dt>Dòng có lỗi</dt><dd data-count="error-rows">{formatNumber(errorRows)}</dd></div>
      </dl>

      {report.stages.length > 0 && (
        <div className="import-stages">
          <h3 className="import-subtitle">Các hồ sơ sẽ thêm, theo bước đang làm</h3>
          <ul>
            {report.stages.map((s) => (
              <li key={s.stage} data-stage={s.stage}>{s.label}: <strong>{formatNumber(s.count)}</strong> hồ sơ</li>
            ))}
          </ul>
        </div>
      )}

      <h3 className="import-subtitle">Lỗi cần sửa trong tệp</h3>
      {errors.length === 0 ? <p className="import-no-errors">Không có lỗi nào.</p> : (
        <Table<ImportRowError & { key: number }>
          className="import-errors"
          size="middle"
          rowKey="key"
          dataSource={errors.map((e, i) => ({ ...e, key: i }))}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => `${formatNumber(n)} lỗi` }}
          scroll={{ x: 720 }}
          columns={[
            { title: 'Dòng', key: 'row', width: 80, render: (_, e) => formatNumber(sheetRow(file, e.row)) },
            ...(nameIndex >= 0 ? [{ title: 'Họ và tên', key: 'name', width: 200, render: (_: unknown, e: ImportRowError) => nameOf(e.row) || <span className="muted">—</span> }] : []),
            { title: 'Cột', key: 'column', width: 180, render: (_, e) => e.column || <span className="muted">—</span> },
            { title: 'Lỗi', key: 'message', render: (_, e) => <span>{e.message}<RuleCitation code={e.rule} /></span> },
          ]}
        />
      )}

      <h3 className="import-subtitle">Các cột đọc được từ tệp</h3>
      <Table<ImportColumn>
        className="import-columns"
        size="small"
        rowKey="field"
        dataSource={report.columns}
        pagination={false}
        columns={[
          { title: 'Thông tin', key: 'label', render: (_, c) => <>{c.label}{c.required && <span className="muted"> (bắt buộc)</span>}</> },
          { title: 'Đọc từ cột trong tệp', key: 'header', render: (_, c) => <ColumnSource column={c} /> },
        ]}
      />
      <p className="import-ignored">
        {report.ignored_headers.length === 0
          ? 'Mọi cột của tệp đều được dùng.'
          : <>Các cột không dùng đến (bỏ qua): {report.ignored_headers.map((h) => `«${h || '(không có tiêu đề)'}»`).join(', ')}.</>}
      </p>

      <div className="import-actions">
        <Button type="primary" size="large" className="import-commit" disabled={blocked !== null} loading={committing} onClick={onCommit}>
          Nhập {formatNumber(report.new)} dòng
        </Button>
        {blocked && <p className="import-blocked" role="status">{blocked}</p>}
      </div>
    </Card>
  );
}

function ColumnSource({ column }: { column: ImportColumn }) {
  if (column.header) return <>«{column.header}»</>;
  if (column.required) return <span className="import-missing">Thiếu cột này (bắt buộc phải có)</span>;
  return <span className="muted">Không có trong tệp</span>;
}

function Loaded({ report, kind, onAgain }: { report: ImportReport; kind: ImportKind; onAgain: () => void }) {
  const ref = useShownOnArrival<HTMLDivElement>(report);
  const done = kindOf(kind).done;
  const title = `Đã nhập ${formatNumber(report.created)} dòng` +
    (report.unchanged > 0 ? `; ${formatNumber(report.unchanged)} dòng đã có từ trước nên không thay đổi` : '') + '.';
  return (
    <Card ref={ref} className="import-done">
      <Result
        status="success"
        title={<span role="status">{title}</span>}
        subTitle={`Danh sách: ${kindOf(kind).label}.`}
        extra={[
          <Link key="see" to={done.to} className="import-done-link">{done.label}</Link>,
          <Button key="again" size="large" onClick={onAgain}>Nhập tệp khác</Button>,
        ]}
      />
    </Card>
  );
}
