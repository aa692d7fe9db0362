// S9 / S11 / P4: a resolution passes with at least two thirds of ALL official members (or
// committee members), not of those present (DOMAIN §4; Quy định 24-QĐ/TW). The server decides
// (RuleSet::VotePasses); this mirrors it so that the form can explain as the user types.

export interface VoteInput {
  eligible?: number | null;
  present?: number | null;
  in_favour?: number | null;
  against?: number | null;
}

export type VoteProblemField = 'eligible' | 'present' | 'in_favour' | 'against';

export interface VoteCheck {
  complete: boolean;
  needed: number | null; // votes in favour needed for 2/3 of eligible
  passes: boolean | null;
  problems: { field: VoteProblemField; message: string }[];
  summary: string; // a plain sentence for the user
}

// The smallest n with 3n >= 2 * eligible.
export function votesNeeded(eligible: number): number {
  return Math.ceil((2 * eligible) / 3);
}

function isCount(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

export function checkVote(v: VoteInput, body = 'chi bộ', members = 'đảng viên chính thức'): VoteCheck {
  const problems: VoteCheck['problems'] = [];
  const { eligible, present, in_favour, against } = v;
  if (isCount(eligible) && eligible === 0) {
    problems.push({ field: 'eligible', message: `Tổng số ${members} phải lớn hơn 0` });
  }
  if (isCount(eligible) && isCount(present) && present > eligible) {
    problems.push({ field: 'present', message: `Số có mặt (${present}) không thể lớn hơn tổng số ${members} (${eligible})` });
  }
  if (isCount(present) && isCount(in_favour) && in_favour > present) {
    problems.push({ field: 'in_favour', message: `Số tán thành (${in_favour}) không thể lớn hơn số có mặt (${present})` });
  }
  if (isCount(present) && isCount(in_favour) && isCount(against) && in_favour + against > present) {
    problems.push({ field: 'against', message: `Tán thành và không tán thành (${in_favour + against}) vượt quá số có mặt (${present})` });
  }
  if (!isCount(eligible) || eligible === 0) {
    return { complete: false, needed: null, passes: null, problems, summary: `Nhập tổng số ${members} của ${body} để tính tỷ lệ 2/3.` };
  }
  const needed = votesNeeded(eligible);
  if (!isCount(in_favour)) {
    return { complete: false, needed, passes: null, problems, summary: `Cần ít nhất ${needed}/${eligible} ${members} tán thành (2/3 tổng số ${members} của ${body}).` };
  }
  const passes = in_favour >= needed && problems.length === 0;
  const summary = in_favour >= needed
    ? `Đạt: ${in_favour}/${eligible} tán thành, đủ 2/3 tổng số ${members} (cần ít nhất ${needed}).`
    : `Chưa đủ 2/3: ${in_favour}/${eligible} tán thành, cần ít nhất ${needed}. Tỷ lệ 2/3 tính trên tổng số ${members} của ${body}, không phải trên số có mặt.`;
  if (in_favour < needed) problems.push({ field: 'in_favour', message: summary });
  return { complete: isCount(present), needed, passes, problems, summary };
}
