import { describe, expect, it } from 'vitest';
import { chooseStep, formsFor, nextAction, plainReason } from './stepChoice';
import type { Unmet } from '../api/types';

// A case at the sympathiser stage with five unmet conditions (as GET /cases/{id} answers).
const kUnmet: Unmet[] = [
  { rule: 'S2', message: 'Chưa đủ điều kiện: chưa có đơn xin vào Đảng (1-KNĐ)', blocking: true },
  { rule: 'S4', message: 'Chưa đủ điều kiện: lý lịch chưa được đóng dấu giáp lai', blocking: true },
  { rule: 'R4', message: 'Chưa đủ điều kiện: cần một đảng viên chính thức giới thiệu (3-KNĐ)', blocking: true },
  { rule: 'S7', message: 'Chưa đủ điều kiện: chưa tổng hợp ý kiến nhận xét (5-KNĐ)', blocking: true },
  { rule: 'R3', message: 'Chưa đủ điều kiện: chưa có giấy chứng nhận lớp bồi dưỡng', blocking: true },
];
// The dossier stage (domain/stage_table.cc AllowedAtStage).
const kAllowed = ['assign_helper', 'record_certificate', 'stamp_biography', 'request_verification', 'add_introducer', 'record_opinions', 'cell_vote', 'withdraw'];

describe('nextAction', () => {
  it('proposes the step that moves the case along', () => {
    expect(nextAction(['assign_helper', 'record_certificate', 'stamp_biography', 'cell_vote', 'withdraw'])).toBe('cell_vote');
    expect(nextAction(['assign_helper', 'ceremony', 'cancel_decision'])).toBe('ceremony');
    expect(nextAction(['withdraw'])).toBe('withdraw');
  });
});

describe('chooseStep', () => {
  it('blocks the cell vote and preselects the step that resolves the first unmet condition', () => {
    const c = chooseStep(kAllowed, kUnmet);
    expect(c.blocked).toBe('cell_vote');
    expect(c.reasons.map((u) => u.rule)).toEqual(['S2', 'S4', 'R4', 'S7', 'R3']);
    // S2 needs the dossier opened, which is not possible any more: the biography's stamp is next.
    expect(c.preselect).toBe('stamp_biography');
    expect(c.because?.rule).toBe('S4');
  });

  it('skips the unmet conditions no allowed step resolves', () => {
    const c = chooseStep(['add_introducer', 'record_opinions', 'cell_vote'], kUnmet);
    expect(c.preselect).toBe('add_introducer');
    expect(c.because?.rule).toBe('R4');
    const verification = chooseStep(['record_verification_reply', 'cell_vote'], [{ rule: 'R7', message: 'Chưa thẩm tra xong', blocking: true }]);
    expect(verification.preselect).toBe('record_verification_reply');
  });

  it('preselects the main-line step when nothing blocks it', () => {
    const c = chooseStep(kAllowed, []);
    expect(c).toMatchObject({ preselect: 'cell_vote', blocked: undefined, reasons: [] });
    // A warning that does not block leaves the main line open.
    expect(chooseStep(kAllowed, [{ rule: 'S8', message: 'Sắp hết hạn', blocking: false }]).blocked).toBeUndefined();
  });

  it('never preselects the blocked step when nothing resolves the condition', () => {
    const c = chooseStep(['assign_helper', 'ceremony'], [{ rule: 'S13', message: 'Chưa nhận quyết định', blocking: true }]);
    expect(c.blocked).toBe('ceremony');
    expect(c.preselect).toBe('assign_helper');
    expect(c.because).toBeUndefined();
  });

  it('honours the step asked for', () => {
    const c = chooseStep(kAllowed, kUnmet, 'assign_helper');
    expect(c.preselect).toBe('assign_helper');
    expect(c.blocked).toBe('cell_vote');
    expect(chooseStep(kAllowed, kUnmet, 'not_allowed').preselect).toBe('stamp_biography');
  });

  it('does not hold up the step that itself resolves a condition', () => {
    // The certified stage: opening the dossier brings the application letter (S2).
    const c = chooseStep(['assign_helper', 'record_certificate', 'open_dossier', 'withdraw'], kUnmet);
    expect(c).toMatchObject({ preselect: 'open_dossier', blocked: undefined, reasons: [] });
  });
});

describe('formsFor', () => {
  it('offers the forms the step needs', () => {
    expect(formsFor({ code: 'cell_vote', label: '', form: '6-KNĐ', fields: [] })).toEqual(['6-KNĐ']);
    expect(formsFor({ code: 'open_dossier', label: '', form: '1-KNĐ', fields: [] })).toEqual(['1-KNĐ', '2-KNĐ']);
    expect(formsFor({ code: 'x', label: '', form: '3-KNĐ, 4-KNĐ', fields: [] })).toEqual(['3-KNĐ', '4-KNĐ']);
    expect(formsFor({ code: 'stamp_biography', label: '', form: '', fields: [] })).toEqual([]);
    expect(formsFor(undefined)).toEqual([]);
  });
});

describe('plainReason', () => {
  it('drops the leading "Chưa đủ điều kiện:"', () => {
    expect(plainReason(kUnmet[0])).toBe('chưa có đơn xin vào Đảng (1-KNĐ)');
  });
});
