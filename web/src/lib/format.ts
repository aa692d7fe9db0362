// Dates: the API speaks ISO YYYY-MM-DD, people read dd/mm/yyyy.

import type { Deadline, DeadlineRow } from '../api/types';

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${m[3]}/${m[2]}/${m[1]}`;
}

// Accepts dd/mm/yyyy (also d/m/yyyy, with - or .) or ISO; returns ISO or null when invalid.
export function parseDate(text: string): string | null {
  const t = text.trim();
  let y: number, mo: number, d: number;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) {
    y = +m[1]; mo = +m[2]; d = +m[3];
  } else {
    m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
    if (!m) return null;
    d = +m[1]; mo = +m[2]; y = +m[3];
  }
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return null;
  }
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!m) return formatDate(iso);
  // Instants are UTC; Việt Nam is UTC+7 all year.
  const at = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) + 7 * 3600 * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(at.getUTCHours())}:${p(at.getUTCMinutes())} ${p(at.getUTCDate())}/${p(at.getUTCMonth() + 1)}/${at.getUTCFullYear()}`;
}

// "còn 3 ngày làm việc", "quá hạn 2 ngày làm việc", "đến hạn hôm nay". `days` is positive
// while time remains and negative when overdue (the server's Deadline::days).
export function deadlineText(d: Pick<Deadline, 'status' | 'days'> & { working_days?: boolean }): string {
  const unit = d.working_days === false ? 'ngày' : 'ngày làm việc';
  if (d.status === 'overdue') return `quá hạn ${Math.abs(d.days)} ${unit}`;
  if (d.days === 0) return 'đến hạn hôm nay';
  return `còn ${Math.abs(d.days)} ${unit}`;
}

export function deadlineColor(status: DeadlineRow['status']): string {
  switch (status) {
    case 'overdue': return 'red';
    case 'due_soon': return 'orange';
    default: return 'green';
  }
}

export function deadlineStatusLabel(status: DeadlineRow['status']): string {
  switch (status) {
    case 'overdue': return 'Quá hạn';
    case 'due_soon': return 'Sắp đến hạn';
    default: return 'Trong hạn';
  }
}

// Today in Việt Nam as ISO (UTC+7), for default form dates.
export function todayIso(now: Date = new Date()): string {
  const vn = new Date(now.getTime() + 7 * 3600 * 1000);
  return vn.toISOString().slice(0, 10);
}

// Letters only, without Vietnamese diacritics, lower case: "Nguyễn Văn Đức" → "nguyen van duc".
// The server's search (domain/search_key.h) works the same way.
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
