import type { ReferenceAction, Unmet } from '../api/types';

// The step that moves the case along the main line, when allowed; else the first allowed one.
export const kMainLine = [
  'mark_sympathiser', 'record_certificate', 'open_dossier', 'cell_vote', 'intermediate_appraisal',
  'grassroots_vote', 'admission_decision', 'ceremony', 'recognition_cell_vote', 'recognition_intermediate',
  'recognition_grassroots_vote', 'recognition_decision',
];

export function nextAction(allowed: string[]): string | undefined {
  // The certificate may come at any time up to the cell vote: a later main-line step comes first.
  if (allowed.includes('record_certificate')) {
    const later = kMainLine.slice(kMainLine.indexOf('record_certificate') + 1).find((a) => allowed.includes(a));
    if (later) return later;
  }
  return kMainLine.find((a) => allowed.includes(a)) ?? allowed[0];
}

// The steps that resolve an unmet condition, by rule (DOMAIN S0–S7, R3–R7).
export const kResolvers: Record<string, string[]> = {
  S0: ['mark_sympathiser'],
  S2: ['open_dossier'],
  S3: ['open_dossier'],
  S4: ['stamp_biography'],
  S5: ['request_verification', 'record_verification_reply', 'conclude_verification'],
  R7: ['request_verification', 'record_verification_reply', 'conclude_verification'],
  R4: ['add_introducer', 'record_union_resolution'],
  R5: ['add_introducer', 'record_union_resolution'],
  R6: ['add_introducer', 'record_union_resolution'],
  S7: ['record_opinions'],
  R3: ['record_certificate'],
};

export interface StepChoice {
  // The step preselected in the form.
  preselect: string | undefined;
  // The main-line step, when it may not be recorded yet, with the reasons (blocking unmet items).
  blocked: string | undefined;
  reasons: Unmet[];
  // Why another step is preselected: the unmet condition it resolves.
  because: Unmet | undefined;
}

export function chooseStep(allowed: string[], unmet: Unmet[], initial?: string): StepChoice {
  const main = nextAction(allowed);
  const reasons = unmet.filter((u) => u.blocking);
  // The unmet conditions are those of the stage's vote (e.g. the cell vote at the dossier
  // stage); a main-line step that itself resolves one (opening the dossier) is not held up.
  const resolvesOne = (a: string) => reasons.some((u) => kResolvers[u.rule]?.includes(a));
  const blocked = main && kMainLine.includes(main) && reasons.length > 0 && !resolvesOne(main) ? main : undefined;
  if (initial && allowed.includes(initial)) return { preselect: initial, blocked, reasons: blocked ? reasons : [], because: undefined };
  if (!blocked) return { preselect: main, blocked, reasons: [], because: undefined };
  for (const u of unmet) {
    const a = (kResolvers[u.rule] ?? []).find((x) => allowed.includes(x) && x !== blocked);
    if (a) return { preselect: a, blocked, reasons, because: u };
  }
  // Nothing resolves it here: offer the first other step, never the blocked one.
  return { preselect: allowed.find((a) => a !== blocked) ?? blocked, blocked, reasons, because: undefined };
}

// The form codes a step's documents take: the reference's `form` (one code or several,
// separated by commas or spaces) and the forms the server's checks also ask for.
const kExtraForms: Record<string, string[]> = {
  open_dossier: ['1-KNĐ', '2-KNĐ'],
  record_verification_reply: ['20-KNĐ'],
  conclude_verification: ['20-KNĐ'],
  recognition_cell_vote: ['10-KNĐ', '11-KNĐ', '12-KNĐ'],
};

export function formsFor(action: ReferenceAction | undefined): string[] {
  if (!action) return [];
  const own = (action.form ?? '').split(/[,;\s]+/).map((s) => s.trim()).filter(Boolean);
  const out: string[] = [];
  for (const f of [...own, ...(kExtraForms[action.code] ?? [])]) if (!out.includes(f)) out.push(f);
  return out;
}

// The reason shown for a blocked step: the unmet messages, without the leading "Chưa đủ điều kiện:".
export function plainReason(u: Unmet): string {
  return u.message.replace(/^Chưa đủ điều kiện:\s*/i, '');
}
