import { describe, expect, it } from 'vitest';
import { formUrl } from './printForm';

describe('printed forms', () => {
  it('addresses the form by its code, encoded, and by its step when it has one', () => {
    expect(formUrl(12, { form_code: '6-KNĐ', event_id: null })).toBe('/api/v1/cases/12/documents/6-KN%C4%90');
    expect(formUrl(12, { form_code: '3-KNĐ', event_id: 40 })).toBe('/api/v1/cases/12/documents/3-KN%C4%90?event=40');
  });
});
