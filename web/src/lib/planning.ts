// Labels and small helpers shared by the planning pages (classes, targets, dashboard, sources,
// reports).

export const kClassKinds: { value: 'awareness' | 'new_member'; label: string }[] = [
  { value: 'awareness', label: 'Bồi dưỡng nhận thức về Đảng' },
  { value: 'new_member', label: 'Bồi dưỡng lý luận chính trị cho đảng viên mới' },
];

export const kClassFormats: { value: 'standard' | 'shortened'; label: string }[] = [
  { value: 'standard', label: 'Tiêu chuẩn' },
  { value: 'shortened', label: 'Rút gọn' },
];

export const kEnrolmentStates: Record<string, string> = {
  nominated: 'Được cử đi học',
  enrolled: 'Đã ghi danh',
  refused: 'Không nhận',
  withdrawn: 'Rút khỏi lớp',
};

export const kAssessments: { value: 'pending' | 'passed' | 'failed'; label: string }[] = [
  { value: 'pending', label: 'Chưa đánh giá' },
  { value: 'passed', label: 'Đạt' },
  { value: 'failed', label: 'Không đạt' },
];

export function labelOf<T extends string>(list: { value: T; label: string }[], value: T | undefined | null): string {
  return list.find((x) => x.value === value)?.label ?? value ?? '';
}

// The stages at which a case may be sent to a class: the awareness class before the dossier
// (S1 / R3), the new-member class during probation (P2). The server decides (409 otherwise).
export function nominableStages(kind: 'awareness' | 'new_member'): string[] {
  return kind === 'awareness' ? ['source', 'sympathiser'] : ['probation'];
}

// "4/10", "—" for no target.
export function ofTarget(count: number, target: number | null | undefined): string {
  return target === null || target === undefined ? `${count}` : `${count}/${target}`;
}

export function percent(part: number, whole: number | null | undefined): number | null {
  if (!whole) return null;
  return Math.round((part * 1000) / whole) / 10;
}

// Vietnamese number formatting: 1.234; 8,5.
export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return value.toLocaleString('vi-VN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export const kMonths = ['Th1', 'Th2', 'Th3', 'Th4', 'Th5', 'Th6', 'Th7', 'Th8', 'Th9', 'Th10', 'Th11', 'Th12'];
