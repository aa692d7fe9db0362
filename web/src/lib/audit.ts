// Plain Vietnamese for the entries of GET /audit (http/audit_api.cc): what was done, to what,
// who did it, and for a case step its vote. The action codes are the service's ("case.cell_vote",
// "person.update", service/*.cc); an unknown one is named by its object ("Thay đổi tài
// khoản"), never shown as a code.
import type { AuditEntry, Vote } from '../api/types';
import { votesNeeded } from './vote';

const kActionLabels: Record<string, string> = {
  'case.open': 'Mở hồ sơ kết nạp',
  'case.attach': 'Đính kèm bản quét văn bản',
  'case.import': 'Nhập hồ sơ đang làm dở từ danh sách',
  'import.load': 'Nhập danh sách từ Excel',
  'person.create': 'Thêm người',
  'person.update': 'Sửa thông tin người',
  'user.create': 'Tạo tài khoản',
  'user.disable': 'Khóa tài khoản',
  'user.enable': 'Mở khóa tài khoản',
  'user.password': 'Đổi mật khẩu',
  'auth.login': 'Đăng nhập',
  'auth.login_failed': 'Đăng nhập không thành công',
  'auth.logout': 'Đăng xuất',
  'calendar.day_put': 'Điều chỉnh lịch làm việc',
  'calendar.day_delete': 'Bỏ điều chỉnh lịch làm việc',
  'calendar.override': 'Điều chỉnh lịch làm việc',
  'calendar.seed': 'Nạp lịch làm việc',
  'organisation.create': 'Thêm tổ chức đảng',
  'organisation.change': 'Thay đổi thông tin đơn vị',
  'organisation.dissolve': 'Giải thể, sáp nhập đơn vị',
  'case.transfer': 'Chuyển hồ sơ sang chi bộ khác',
  'user.move': 'Chuyển tài khoản sang đơn vị tiếp nhận',
  'membership.create': 'Ghi nhận đảng viên',
  'auth.password_failed': 'Nhập sai mật khẩu cũ khi đổi mật khẩu',
  'class.create': 'Mở lớp bồi dưỡng',
  'class.nominate': 'Cử người đi học lớp bồi dưỡng',
  'class.enrolment': 'Cập nhật danh sách học viên',
  'class.attendance': 'Ghi nhận điểm danh lớp bồi dưỡng',
  'class.assessment': 'Ghi nhận kết quả học tập',
  'class.certificate': 'Cấp giấy chứng nhận lớp bồi dưỡng',
  'source.review': 'Rà soát nguồn phát triển đảng viên',
  'target.create': 'Đặt chỉ tiêu kết nạp',
  'target.update': 'Sửa chỉ tiêu kết nạp',
  'rule_set.seed': 'Nạp bộ quy định',
  'rule_set.update': 'Sửa tham số bộ quy định',
  'demo.load': 'Nạp dữ liệu ban đầu',
  'database.backup': 'Sao lưu dữ liệu',
  'database.restore': 'Khôi phục dữ liệu',
  'candidate_link.issue': 'Cấp đường dẫn theo dõi cho người vào Đảng',
  'candidate_link.revoke': 'Thu hồi đường dẫn theo dõi',
  'candidate.view': 'Người vào Đảng mở đường dẫn theo dõi',
};

// The object of an action, for one the list above does not name.
const kEntityLabels: Record<string, string> = {
  case: 'hồ sơ', person: 'thông tin người', user: 'tài khoản', class: 'lớp bồi dưỡng',
  class_enrolment: 'học viên lớp bồi dưỡng', calendar_year: 'lịch làm việc', organisation: 'tổ chức đảng',
  membership: 'đảng viên', rule_set: 'bộ quy định', source_review: 'nguồn phát triển đảng viên',
  target: 'chỉ tiêu', database: 'dữ liệu', demo: 'dữ liệu ban đầu',
};

// The server's own actions (seeding, the demo load, the first accounts) are recorded by the
// login "system" (service/actor.h); people read "Hệ thống".
// A view through a personal link is recorded by "lien-ket-<link id>"
// (service/candidate_link_service.cc View; change both together).
export function auditActor(actor: string | null | undefined): string {
  if (!actor || actor === 'system') return 'Hệ thống';
  return /^lien-ket-\d+$/.test(actor) ? 'Người có đường dẫn theo dõi' : actor;
}

const kPersonFields: Record<string, string> = {
  full_name: 'họ tên', birth_date: 'ngày sinh', sex: 'giới tính', ethnicity: 'dân tộc',
  religion: 'tôn giáo', general_education: 'học vấn', professional_education: 'chuyên môn',
  occupation: 'nghề nghiệp', workplace_type: 'khu vực làm việc', youth_union_member: 'đoàn viên',
  trade_union_member: 'công đoàn viên', id_number: 'số định danh', phone: 'điện thoại',
  address: 'nơi ở', org_id: 'đơn vị',
};

function object(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

// The event a case entry recorded (its `after` is {case, event}).
export function auditEvent(entry: AuditEntry): Record<string, unknown> | null {
  return object(object(entry.after)?.event);
}

export function auditVote(entry: AuditEntry): Vote | null {
  const vote = object(auditEvent(entry)?.vote);
  if (!vote || typeof vote.eligible !== 'number' || typeof vote.in_favour !== 'number') return null;
  return vote as unknown as Vote;
}

// What the entry did: "Chi bộ xét, đề nghị kết nạp" for a case step (its label from
// /reference), else the label of the action.
export function auditTitle(entry: AuditEntry, actionLabel: (code: string) => string): string {
  const known = kActionLabels[entry.action];
  if (known) return known;
  if (entry.action.startsWith('case.')) return actionLabel(entry.action.slice('case.'.length));
  const object = kEntityLabels[entry.entity];
  return object ? `Thay đổi ${object}` : 'Thay đổi dữ liệu';
}

// One line of detail: the vote and its 2/3 result, the fields a correction changed, the day a
// unit's change takes effect, what a dissolution handed over, the day a calendar change was
// about; '' when there is nothing to add.
export function auditDetail(entry: AuditEntry): string {
  const vote = auditVote(entry);
  if (vote) {
    const needed = votesNeeded(vote.eligible);
    const result = vote.in_favour >= needed ? 'đạt 2/3' : `không đạt 2/3 (cần ${needed})`;
    return `Biểu quyết: ${vote.in_favour}/${vote.eligible} tán thành, ${vote.present} có mặt — ${result}`;
  }
  if (entry.action === 'case.attach') {
    const scan = object(entry.after);
    if (scan && typeof scan.file_name === 'string') {
      const form = typeof scan.form_code === 'string' && scan.form_code ? ` (văn bản ${scan.form_code})` : '';
      const hash = typeof scan.sha256 === 'string' ? ` · mã kiểm tra SHA-256 ${scan.sha256.slice(0, 16)}…` : '';
      return `${scan.file_name}${form}${hash}`;
    }
  }
  if (entry.action === 'case.import') {
    const after = object(entry.after);
    const steps = Array.isArray(after?.events) ? after.events.length : 0;
    const note = object(Array.isArray(after?.events) ? after.events[0] : null)?.note;
    const from = typeof note === 'string' && note ? `${note}; ` : '';
    return `${from}${steps} bước đã làm`;
  }
  if (entry.action === 'import.load') {
    const load = object(entry.after);
    if (load && typeof load.file === 'string' && typeof load.created === 'number') {
      const unchanged = typeof load.unchanged === 'number' && load.unchanged > 0 ? `, ${load.unchanged} dòng đã có` : '';
      return `Tệp «${load.file}»: ${load.created} dòng mới${unchanged}`;
    }
  }
  if (entry.action === 'candidate_link.issue') {
    const expires = object(entry.after)?.expires_on;
    if (typeof expires === 'string' && expires) return `Có hiệu lực đến hết ngày ${shownDate(expires)}`;
  }
  if (entry.action === 'organisation.change') {
    const effective = object(entry.after)?.effective;
    if (typeof effective === 'string' && effective) return `Từ ngày ${shownDate(effective)}`;
  }
  if (entry.action === 'organisation.dissolve') {
    const moves = object(object(entry.after)?.moves);
    if (moves) return dissolveMoves(moves);
  }
  if (entry.action === 'person.update') {
    const before = object(entry.before);
    const after = object(entry.after);
    if (before && after) {
      const changed = Object.keys(kPersonFields).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      if (changed.length) return `Đã sửa: ${changed.map((k) => kPersonFields[k]).join(', ')}`;
    }
  }
  const event = auditEvent(entry);
  if (event && typeof event.date === 'string') return `Ngày thực hiện: ${shownDate(event.date)}`;
  return '';
}

// yyyy-mm-dd as dd/mm/yyyy.
const shownDate = (iso: string) => iso.split('-').reverse().join('/');

const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

// What a dissolution handed to the unit taking over (its `after.moves`: units, people and the
// open cases by step), the parts that moved nothing left out.
function dissolveMoves(moves: Record<string, unknown>): string {
  const cases = Object.values(object(moves.open_cases) ?? {}).reduce<number>((sum, n) => sum + count(n), 0);
  const parts = [
    count(moves.units) > 0 ? `${count(moves.units)} đơn vị trực thuộc` : '',
    count(moves.people) > 0 ? `${count(moves.people)} người` : '',
    cases > 0 ? `${cases} hồ sơ đang làm` : '',
  ].filter(Boolean);
  return parts.length ? `Chuyển sang đơn vị tiếp nhận: ${parts.join(', ')}` : 'Không có gì phải chuyển';
}

// Where the entry's object is shown in the UI, if anywhere.
export function auditLink(entry: AuditEntry): { to: string; text: string } | null {
  if (entry.entity === 'case') return { to: `/ho-so/${entry.entity_id}`, text: `hồ sơ số ${entry.entity_id}` };
  if (entry.entity === 'person') {
    const name = object(entry.after)?.full_name ?? object(entry.before)?.full_name;
    return { to: `/nguoi/${entry.entity_id}`, text: typeof name === 'string' && name ? name : 'xem thông tin người' };
  }
  return null;
}
