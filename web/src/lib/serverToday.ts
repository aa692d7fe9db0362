import { todayIso } from './format';

// The server's "today" (its clock may be fixed, e.g. a demo at 15/11/2023); learnt from the
// deadline list's `on`, used as the default date of new steps.
let known: string | null = null;

export function setServerToday(iso: string | null | undefined): void {
  if (iso) known = iso;
}

export function serverToday(): string {
  return known ?? todayIso();
}

export function knowsServerToday(): boolean {
  return known !== null;
}
