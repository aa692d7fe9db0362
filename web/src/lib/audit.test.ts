import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../api/types';
import { auditActor, auditDetail, auditLink, auditTitle } from './audit';

// As GET /audit?case= answers (http/audit_api.cc, service/case_service.cc Record).
const entry = (patch: Partial<AuditEntry>): AuditEntry => ({
  seq: 7, at: '2023-11-15T02:03:04Z', actor: 'taylocdu', role: 'grassroots_staff', address: '127.0.0.1',
  action: 'case.cell_vote', entity: 'case', entity_id: 42, org_id: 3, before: null, after: null, ...patch,
});

describe('audit entries', () => {
  it('names a case step by its /reference label and shows its vote', () => {
    const vote = entry({ after: { case: { id: 42 }, event: { action: 'cell_vote', date: '2023-11-15', vote: { eligible: 9, present: 9, in_favour: 6, against: 3 } } } });
    expect(auditTitle(vote, (c) => (c === 'cell_vote' ? 'Chi bộ xét, đề nghị kết nạp' : c))).toBe('Chi bộ xét, đề nghị kết nạp');
    expect(auditDetail(vote)).toBe('Biểu quyết: 6/9 tán thành, 9 có mặt — đạt 2/3');
    expect(auditLink(vote)).toEqual({ to: '/ho-so/42', text: 'hồ sơ số 42' });
  });

  it('says which fields a correction changed', () => {
    const update = entry({ action: 'person.update', entity: 'person', before: { full_name: 'A', phone: '1' }, after: { full_name: 'A', phone: '2' } });
    expect(auditTitle(update, (c) => c)).toBe('Sửa thông tin người');
    expect(auditDetail(update)).toBe('Đã sửa: điện thoại');
    expect(auditLink(update)).toEqual({ to: '/nguoi/42', text: 'A' });
    expect(auditLink(entry({ entity: 'person', after: { id: 42 } }))).toEqual({ to: '/nguoi/42', text: 'xem thông tin người' });
  });

  it('names an unknown action by its object, never by its code', () => {
    expect(auditTitle(entry({ action: 'rules.load', entity: 'rule_set' }), (c) => c)).toBe('Thay đổi bộ quy định');
    expect(auditTitle(entry({ action: 'x.y', entity: 'thing' }), (c) => c)).toBe('Thay đổi dữ liệu');
    expect(auditTitle(entry({ action: 'user.create', entity: 'user' }), (c) => c)).toBe('Tạo tài khoản');
    expect(auditTitle(entry({ action: 'demo.load', entity: 'demo' }), (c) => c)).toBe('Nạp dữ liệu ban đầu');
    expect(auditLink(entry({ entity: 'calendar_year' }))).toBeNull();
  });

  it('names an attached scan with its document and the start of its hash', () => {
    const attach = entry({
      action: 'case.attach',
      after: { id: 5, event_id: 9, position: 1, form_code: '2-KNĐ', file_name: 'Lý lịch.pdf', media_type: 'application/pdf', size_bytes: 2000, sha256: 'ab'.repeat(32) },
    });
    expect(auditTitle(attach, (c) => c)).toBe('Đính kèm bản quét văn bản');
    expect(auditDetail(attach)).toBe(`Lý lịch.pdf (văn bản 2-KNĐ) · mã kiểm tra SHA-256 ${'ab'.repeat(8)}…`);
  });

  it('names a case loaded from a list with its steps, and the load itself with its file', () => {
    const imported = entry({
      action: 'case.import',
      after: { case: { id: 42 }, events: [{ action: 'record_certificate', note: 'Nhập từ danh sách «hs.xlsx»' }, { action: 'open_dossier', note: 'Nhập từ danh sách «hs.xlsx»' }] },
    });
    expect(auditTitle(imported, (c) => c)).toBe('Nhập hồ sơ đang làm dở từ danh sách');
    expect(auditDetail(imported)).toBe('Nhập từ danh sách «hs.xlsx»; 2 bước đã làm');
    const load = entry({ action: 'import.load', entity: 'organisation', after: { file: 'hs.xlsx', kind: 'cases', rows: 3, created: 2, unchanged: 1 } });
    expect(auditTitle(load, (c) => c)).toBe('Nhập danh sách từ Excel');
    expect(auditDetail(load)).toBe('Tệp «hs.xlsx»: 2 dòng mới, 1 dòng đã có');
  });

  it('names the server itself "Hệ thống"', () => {
    expect(auditActor('system')).toBe('Hệ thống');
    expect(auditActor('')).toBe('Hệ thống');
    expect(auditActor('taylocdu')).toBe('taylocdu');
  });
});

describe('audit entries of the organisation tree and of transfers', () => {
  it('names the changes of units, transfers and moved accounts', () => {
    expect(auditTitle(entry({ action: 'organisation.change', entity: 'organisation' }), (c) => c)).toBe('Thay đổi thông tin đơn vị');
    expect(auditTitle(entry({ action: 'organisation.dissolve', entity: 'organisation' }), (c) => c)).toBe('Giải thể, sáp nhập đơn vị');
    expect(auditTitle(entry({ action: 'case.transfer' }), (c) => c)).toBe('Chuyển hồ sơ sang chi bộ khác');
    expect(auditTitle(entry({ action: 'user.move', entity: 'user' }), (c) => c)).toBe('Chuyển tài khoản sang đơn vị tiếp nhận');
  });

  it('says from when a unit\'s change takes effect', () => {
    const change = entry({
      action: 'organisation.change', entity: 'organisation',
      before: { id: 21, name: 'Chi bộ 9' }, after: { effective: '2023-12-01', organisation: { id: 21, name: 'Chi bộ 9A' } },
    });
    expect(auditDetail(change)).toBe('Từ ngày 01/12/2023');
    expect(auditDetail(entry({ action: 'organisation.change', entity: 'organisation', after: { organisation: { id: 21 } } }))).toBe('');
  });

  it('counts what a dissolution handed over, leaving out what moved nothing', () => {
    const dissolve = (moves: unknown) => entry({ action: 'organisation.dissolve', entity: 'organisation', after: { organisation: { id: 21 }, moves } });
    expect(auditDetail(dissolve({ units: 3, people: 12, official_members: 9, probationary_members: 1, accounts: 1, open_cases: { sympathiser: 5, dossier: 3 } })))
      .toBe('Chuyển sang đơn vị tiếp nhận: 3 đơn vị trực thuộc, 12 người, 8 hồ sơ đang làm');
    expect(auditDetail(dissolve({ units: 0, people: 4, official_members: 0, probationary_members: 0, accounts: 0, open_cases: {} })))
      .toBe('Chuyển sang đơn vị tiếp nhận: 4 người');
    expect(auditDetail(dissolve({ units: 0, people: 0, official_members: 0, probationary_members: 0, accounts: 0, open_cases: { dossier: 1 } })))
      .toBe('Chuyển sang đơn vị tiếp nhận: 1 hồ sơ đang làm');
    expect(auditDetail(dissolve({ units: 0, people: 0, official_members: 0, probationary_members: 0, accounts: 0, open_cases: {} })))
      .toBe('Không có gì phải chuyển');
  });
});

describe('audit entries of the personal links', () => {
  it('names issuing, revoking and opening a link, and who opened it', () => {
    const issued = entry({ action: 'candidate_link.issue', after: { id: 3, case_id: 42, expires_on: '2024-02-13', revoked: false } });
    expect(auditTitle(issued, (c) => c)).toBe('Cấp đường dẫn theo dõi cho người vào Đảng');
    expect(auditDetail(issued)).toBe('Có hiệu lực đến hết ngày 13/02/2024');
    expect(auditTitle(entry({ action: 'candidate_link.revoke' }), (c) => c)).toBe('Thu hồi đường dẫn theo dõi');
    const viewed = entry({ action: 'candidate.view', actor: 'lien-ket-3', role: 'candidate', after: { link_id: 3, views: 2 } });
    expect(auditTitle(viewed, (c) => c)).toBe('Người vào Đảng mở đường dẫn theo dõi');
    expect(auditDetail(viewed)).toBe('');
    expect(auditActor('lien-ket-3')).toBe('Người có đường dẫn theo dõi');
    expect(auditActor('lien-ket')).toBe('lien-ket');
  });
});
