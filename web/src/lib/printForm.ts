import type { PrintableForm } from '../api/types';

// The address of a form filled from the case (GET /api/v1/cases/{id}/documents/{form}): the
// browser opens the PDF in a new tab, where the user prints it.
export function formUrl(caseId: number, form: Pick<PrintableForm, 'form_code' | 'event_id'>): string {
  const base = `/api/v1/cases/${caseId}/documents/${encodeURIComponent(form.form_code)}`;
  return form.event_id ? `${base}?event=${form.event_id}` : base;
}

