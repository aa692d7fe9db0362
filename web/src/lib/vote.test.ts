import { describe, expect, it } from 'vitest';
import { checkVote, votesNeeded } from './vote';

describe('2/3 of all official members (S9)', () => {
  it.each([
    [3, 2], [8, 6], [9, 6], [10, 7], [12, 8], [13, 9], [1, 1],
  ])('with %i members needs %i in favour', (eligible, needed) => {
    expect(votesNeeded(eligible)).toBe(needed);
  });

  it('refuses 5 of 8 and explains the denominator', () => {
    const c = checkVote({ eligible: 8, present: 8, in_favour: 5, against: 3 });
    expect(c.passes).toBe(false);
    expect(c.needed).toBe(6);
    expect(c.summary).toMatch(/Chưa đủ 2\/3: 5\/8 tán thành, cần ít nhất 6/);
    expect(c.summary).toMatch(/không phải trên số có mặt/);
  });

  it('accepts 6 of 9', () => {
    const c = checkVote({ eligible: 9, present: 9, in_favour: 6, against: 3 });
    expect(c.passes).toBe(true);
    expect(c.problems).toEqual([]);
  });

  it('counts absent members: 6 of 7 present is not 2/3 of 10', () => {
    expect(checkVote({ eligible: 10, present: 7, in_favour: 6, against: 1 }).passes).toBe(false);
  });

  it('flags impossible counts on the right field', () => {
    const c = checkVote({ eligible: 9, present: 10, in_favour: 11, against: 0 });
    expect(c.problems.map((p) => p.field)).toEqual(['present', 'in_favour', 'against']);
  });

  it('waits for the counts it needs', () => {
    expect(checkVote({}).passes).toBeNull();
    expect(checkVote({ eligible: 9 }).summary).toMatch(/Cần ít nhất 6\/9/);
  });

  it('speaks of committee members for S11', () => {
    expect(checkVote({ eligible: 11, in_favour: 7 }, 'đảng ủy cơ sở', 'cấp ủy viên').summary).toMatch(/cấp ủy viên/);
  });
});
