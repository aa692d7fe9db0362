import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import type { CaseOpinions as CaseOpinionsBody } from '../api/types';
import { mockApi, renderPage } from '../test/mockApi';
import { kMilitia, kYouthUnion, opinion } from '../test/massOrgFixtures';
import { CaseOpinions } from './CaseOpinions';

const kOpinions: CaseOpinionsBody = {
  case_id: 41, stage: 'dossier', stage_label: 'Lập hồ sơ đề nghị kết nạp', missing: 2,
  items: [
    { mass_organisation: kYouthUnion, kind: 'opinion', kind_label: 'Ý kiến nhận xét', form: null, reason: 'Là đoàn viên', opinion: opinion() },
    { mass_organisation: kYouthUnion, kind: 'union_resolution', kind_label: 'Nghị quyết giới thiệu đoàn viên ưu tú vào Đảng', form: '4-KNĐ', reason: 'Là đoàn viên', opinion: null },
    { mass_organisation: kMilitia, kind: 'opinion', kind_label: 'Ý kiến nhận xét', form: null, reason: 'Là dân quân', opinion: null },
  ],
};

describe('CaseOpinions', () => {
  it('lists each expected opinion with why, what was given, and how many are missing', async () => {
    mockApi({ 'GET /cases/41/opinions': { body: kOpinions } });
    renderPage(<CaseOpinions caseId={41} version={3} />, '/ho-so/41', '/ho-so/:id');
    await screen.findByText('Còn thiếu 2 ý kiến');
    const card = document.querySelector('.case-opinions-card')!;
    expect(card.querySelector('.ant-card-head [data-citation="S7"]')).toBeTruthy();
    const lines = [...card.querySelectorAll('li.case-opinion')];
    expect(lines).toHaveLength(3);
    expect(lines[0].textContent).toContain('Đoàn Thanh niên phường Tây Lộc');
    expect(lines[0].textContent).toContain('Là đoàn viên');
    expect(lines[0].textContent).toContain('Ngày 10/11/2023: Đoàn viên gương mẫu, được tín nhiệm');
    expect(lines[1].textContent).toContain('(mẫu 4-KNĐ)');
    expect(lines[1].querySelector('[data-citation="S6"]')).toBeTruthy();
    expect(lines[1].textContent).toContain('Chưa có ý kiến');
    expect(lines[2].textContent).toContain('Ban Chỉ huy quân sự phường Tây Lộc');
    expect(lines[2].textContent).toContain('Là dân quân');
    expect(lines[2].textContent).toContain('Chưa có ý kiến');
    // Codes only as citations: the visible words carry no bare rule code.
    const words = [...card.querySelectorAll('li')].map((li) => {
      const copy = li.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('[data-citation]').forEach((c) => c.remove());
      return copy.textContent ?? '';
    }).join(' ');
    expect(words).not.toMatch(/\bS\d\b/);
  });

  it('says when every opinion is in, and shows nothing where none is expected', async () => {
    mockApi({
      'GET /cases/41/opinions': { body: { ...kOpinions, missing: 0, items: [kOpinions.items[0]] } },
      'GET /cases/42/opinions': { body: { ...kOpinions, case_id: 42, missing: 0, items: [] } },
    });
    const view = renderPage(<CaseOpinions caseId={41} version={1} />, '/ho-so/41', '/ho-so/:id');
    await screen.findByText('Đã đủ ý kiến');
    view.unmount();
    renderPage(<><CaseOpinions caseId={42} version={1} /><p>Trang hồ sơ</p></>, '/ho-so/42', '/ho-so/:id');
    await screen.findByText('Trang hồ sơ');
    await new Promise((r) => setTimeout(r, 100));
    expect(document.querySelector('.case-opinions-card')).toBeNull();
  });
});
