import { describe, expect, it } from 'vitest';
import { personBody } from './PersonPage';

describe('personBody', () => {
  it('sends only the keys POST /people accepts', () => {
    const body = personBody({ full_name: ' Trần Thị Hoa ', birth_date: '1995-04-02', org: 'HUE-TAYLOC-E2E', id: 3, version: 2, org_id: 9 } as never);
    expect(body).toEqual({ full_name: 'Trần Thị Hoa', birth_date: '1995-04-02', org: 'HUE-TAYLOC-E2E' });
  });

  it('sends only what a correction changes', () => {
    const before = { full_name: 'Trần Thị Hoa', phone: '0901', youth_union_member: false, org: 'A' };
    expect(personBody({ ...before, phone: '0902' }, before)).toEqual({ phone: '0902' });
    expect(personBody({ ...before, youth_union_member: true }, before)).toEqual({ youth_union_member: true });
  });
});
