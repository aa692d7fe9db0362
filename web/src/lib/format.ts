// Dates: the API speaks ISO YYYY-MM-DD, people read dd/mm/yyyy.

import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import utc from 'dayjs/plugin/utc';
import type { Deadline, DeadlineRow } from '../api/types';

dayjs.extend(customParseFormat);
dayjs.extend(utc);

export const ISO_DATE = 'YYYY-MM-DD';
export const SHOWN_DATE = 'DD/MM/YYYY';
// Việt Nam is UTC+7 all year.
const VIETNAM_OFFSET_MINUTES = 7 * 60;

// Every way people write a date: d/m/yyyy and dd/mm/yyyy with '/', '.' or '-', and ISO with
// or without leading zeros. Parsed strictly, so 30/02/2024 is refused rather than rolled over.
// The first is the one dates are shown in (DateField).
export const DATE_INPUT_FORMATS = [
  SHOWN_DATE,
  ...['/', '.', '-'].flatMap((sep) =>
    ['D', 'DD'].flatMap((day) => ['M', 'MM'].map((month) => [day, month, 'YYYY'].join(sep)))),
  ...['M', 'MM'].flatMap((month) => ['D', 'DD'].map((day) => `YYYY-${month}-${day}`)),
];

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = dayjs(iso.slice(0, ISO_DATE.length), ISO_DATE, true);
  return date.isValid() ? date.format(SHOWN_DATE) : iso;
}

// Accepts dd/mm/yyyy (also d/m/yyyy, with - or .) or ISO; returns ISO or null when invalid.
export function parseDate(text: string): string | null {
  const date = dayjs(text.trim(), DATE_INPUT_FORMATS, true);
  return date.isValid() ? date.format(ISO_DATE) : null;
}

// "01:30 16/11/2023" for the instant 2023-11-15T18:30:00Z: instants are UTC, shown in Việt Nam.
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const at = dayjs.utc(iso);
  if (!iso.includes('T') || !at.isValid()) return formatDate(iso);
  return at.utcOffset(VIETNAM_OFFSET_MINUTES).format(`HH:mm ${SHOWN_DATE}`);
}

// A count of days with its unit, always: "44 ngày làm việc" where the rule counts working days
// (S12, S13, P4, P5: Monday-Friday less holidays, DOMAIN §6), "153 ngày" where it counts
// calendar days (deadlines in months: P1, R3, R5, R6). Vietnamese nouns do not inflect, so one
// form serves 1 and 100. Every count of days the UI shows goes through here.
export function dayCount(n: number, working: boolean): string {
  return `${n} ${working ? 'ngày làm việc' : 'ngày'}`;
}

// The days of a deadline (GET /cases/{id} `deadlines`, GET /deadlines `items`, GET /cases
// `deadline`): `days` is positive while time remains and negative when overdue, counted in
// working days when `working_days` (the server's Deadline::days). A deadline that omits the
// flag counts working days (the four the UI shows most: S12, S13, P4, P5).
type DeadlineDays = Pick<Deadline, 'status' | 'days'> & { working_days?: boolean };

function working(d: DeadlineDays): boolean {
  return d.working_days !== false;
}

// "còn 3 ngày làm việc", "quá hạn 153 ngày", "đến hạn hôm nay".
export function deadlineText(d: DeadlineDays): string {
  const n = Math.abs(d.days);
  if (d.status === 'overdue') return n === 0 ? 'đã quá hạn' : `quá hạn ${dayCount(n, working(d))}`;
  if (n === 0) return 'đến hạn hôm nay';
  return `còn ${dayCount(n, working(d))}`;
}

// The same with the status first, for a badge standing alone: "Quá hạn 44 ngày làm việc",
// "Sắp đến hạn: còn 3 ngày làm việc", "Trong hạn: còn 258 ngày", "Đến hạn hôm nay".
export function deadlineBadgeText(d: DeadlineDays): string {
  const text = deadlineText(d);
  if (d.status === 'overdue') return text.charAt(0).toUpperCase() + text.slice(1);
  if (text === 'đến hạn hôm nay') return 'Đến hạn hôm nay';
  return `${deadlineStatusLabel(d.status)}: ${text}`;
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
  return dayjs(now).utcOffset(VIETNAM_OFFSET_MINUTES).format(ISO_DATE);
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
