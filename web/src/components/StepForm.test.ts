import { describe, expect, it } from 'vitest';
import { eventBody } from './StepForm';
import type { ReferenceAction } from '../api/types';

// As GET /reference answers (domain/workflow.cc EventFields, ExpectedForm).
const kActions: ReferenceAction[] = [
  { code: 'cell_vote', label: 'Chi bộ xét, đề nghị kết nạp', form: '6-KNĐ', fields: ['date', 'documents', 'note', 'vote'] },
  { code: 'add_introducer', label: 'Ghi nhận người giới thiệu', form: '3-KNĐ', fields: ['date', 'documents', 'note', 'member_person_id', 'together_since', 'replacement'] },
  { code: 'stamp_biography', label: 'Đóng dấu giáp lai', form: '', fields: ['date', 'note'] },
];
const action = (code: string) => kActions.find((a) => a.code === code)!;

describe('eventBody', () => {
  it('sends only what the cell vote needs', () => {
    const body = eventBody({
      action: 'cell_vote', date: '2023-11-15', vote: { eligible: 9, present: 9, in_favour: 6, against: 3 },
      documents: [{ form_code: '6-KNĐ', number: ' 02-NQ/CB ', date: null, issuer: '' }, { form_code: '', number: '' }],
      relative_name: 'ignored', note: '  ',
    }, action('cell_vote'));
    expect(body).toEqual({
      action: 'cell_vote', date: '2023-11-15',
      vote: { eligible: 9, present: 9, in_favour: 6, against: 3 },
      documents: [{ form_code: '6-KNĐ', number: '02-NQ/CB', date: null, issuer: '' }],
    });
  });

  it('sends the introducer fields', () => {
    const body = eventBody({ action: 'add_introducer', date: '2023-09-01', member_person_id: 12, together_since: '2020-01-01', replacement: false }, action('add_introducer'));
    expect(body).toMatchObject({ member_person_id: 12, together_since: '2020-01-01' });
    expect(body).not.toHaveProperty('replacement');
  });

  it('sends no field the action does not accept', () => {
    const body = eventBody({ action: 'stamp_biography', date: '2023-06-05', documents: [{ form_code: '1-KNĐ', number: '1' }], vote: { eligible: 9 }, note: 'ok' }, action('stamp_biography'));
    expect(body).toEqual({ action: 'stamp_biography', date: '2023-06-05', note: 'ok' });
  });
});
