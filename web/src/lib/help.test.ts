import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kGlossary, kHelpRoles } from './help';
import { foldVietnamese } from './format';
import { kMenuPages } from '../components/AppLayout';

// The labels of DOMAIN.md §9 "Words for the UI", one per concept (a row with several, such as
// "Quá hạn / Sắp đến hạn / Trong hạn", gives each). When DOMAIN.md lies beside the repository the
// test also checks this list against it.
const kDomainLabels = [
  'Nguồn phát triển đảng viên', 'quần chúng ưu tú',
  'Danh sách cảm tình Đảng',
  'Đảng viên được phân công giúp đỡ',
  'Lớp bồi dưỡng nhận thức về Đảng',
  'Lớp bồi dưỡng lý luận chính trị cho đảng viên mới',
  'Hồ sơ đề nghị kết nạp',
  'Thẩm tra lý lịch',
  'Người giới thiệu',
  'Chi bộ xét, đề nghị kết nạp',
  'Đảng ủy cơ sở xét, đề nghị',
  'Quyết định kết nạp',
  'Lễ kết nạp',
  'Đảng viên dự bị', 'Đảng viên chính thức',
  'Công nhận đảng viên chính thức',
  'Xóa tên trong danh sách đảng viên dự bị',
  'Chỉ tiêu',
  'Việc cần làm',
  'Quá hạn', 'Sắp đến hạn', 'Trong hạn',
  'Ngày làm việc',
  'Chưa đủ điều kiện',
];

// The labels of the §9 table of DOMAIN.md: the right-hand cells, split at " / ", without a
// trailing ": …".
function domainSection9Labels(text: string): string[] {
  const section = text.split(/^## /m).find((s) => s.startsWith('9.'));
  if (!section) throw new Error('DOMAIN.md has no section 9');
  const labels: string[] = [];
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || cells[1] === 'concept' || cells[1].startsWith('---')) continue;
    for (const label of cells[2].split(' / ')) labels.push(label.replace(/:\s*…$/, '').trim());
  }
  return labels;
}

function domainFile(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  // web/src/lib → the repository → ../shared, as src/domain/rule_code_test.cc looks for it.
  return ['/work/shared/DOMAIN.md', resolve(here, '../../../../shared/DOMAIN.md')].find((p) => existsSync(p));
}

const terms = kGlossary.map((g) => foldVietnamese(g.term.replace(/:\s*…$/, '')));

describe('help glossary (Thuật ngữ)', () => {
  it('explains every label of the domain words', () => {
    const missing = kDomainLabels.filter((label) => !terms.includes(foldVietnamese(label)));
    expect(missing).toEqual([]);
  });

  it('lists the same labels as DOMAIN.md §9, when it is at hand', () => {
    const file = domainFile();
    if (!file) return;
    const labels = domainSection9Labels(readFileSync(file, 'utf8'));
    expect(labels.map(foldVietnamese).sort()).toEqual(kDomainLabels.map(foldVietnamese).sort());
  });

  it('explains each term once, in a sentence', () => {
    expect(new Set(terms).size).toBe(terms.length);
    for (const g of kGlossary) expect(g.meaning.length, g.term).toBeGreaterThan(20);
  });
});

describe('help for each role', () => {
  it('covers the ward office, the cell secretary, the board, the Political Centre and the leader', () => {
    const titles = kHelpRoles.map((r) => foldVietnamese(r.title)).join(' | ');
    for (const who of ['dang uy phuong', 'bi thu chi bo', 'ban to chuc', 'trung tam chinh tri', 'lanh dao']) {
      expect(titles).toContain(who);
    }
    for (const r of kHelpRoles) expect(r.tasks.length, r.title).toBeGreaterThanOrEqual(3);
  });

  it('names only pages of the menu, by their menu labels', () => {
    const menu = new Map(kMenuPages.map((p) => [p.to, p.label]));
    for (const r of kHelpRoles) {
      for (const p of r.pages) expect(menu.get(p.to), `${r.title}: ${p.to}`).toBe(p.label);
    }
  });

  it('says in a task how each page it lists is used, quoting its menu label', () => {
    for (const r of kHelpRoles) {
      for (const p of r.pages) {
        expect(r.tasks.some((t) => t.includes(`«${p.label}»`)), `${r.title}: «${p.label}»`).toBe(true);
      }
    }
  });
});
