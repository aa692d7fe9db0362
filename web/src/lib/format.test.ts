import { describe, expect, it } from 'vitest';
import { dayCount, deadlineBadgeText, deadlineText, foldVietnamese, formatDate, formatInstant, parseDate, todayIso } from './format';

describe('dates', () => {
  it('shows ISO dates as dd/mm/yyyy', () => {
    expect(formatDate('2023-11-05')).toBe('05/11/2023');
    expect(formatDate(null)).toBe('');
    expect(formatDate('')).toBe('');
    expect(formatDate('2023-11-05T08:00:00Z')).toBe('05/11/2023');
    expect(formatDate('không phải ngày')).toBe('không phải ngày');
  });

  it('reads dd/mm/yyyy, d/m/yyyy and ISO, and refuses impossible dates', () => {
    expect(parseDate('05/11/2023')).toBe('2023-11-05');
    expect(parseDate('5/1/2024')).toBe('2024-01-05');
    expect(parseDate('21.03.2024')).toBe('2024-03-21');
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDate('2024-3-1')).toBe('2024-03-01');
    expect(parseDate(' 01-03-2024 ')).toBe('2024-03-01');
    expect(parseDate('2024-02-30')).toBeNull();
    expect(parseDate('32/01/2024')).toBeNull();
    expect(parseDate('01/13/2024')).toBeNull();
    expect(parseDate('01/01/24')).toBeNull();
    expect(parseDate('30/02/2024')).toBeNull();
    expect(parseDate('29/02/2023')).toBeNull();
    expect(parseDate('hôm qua')).toBeNull();
  });

  it('shows instants in Việt Nam time (UTC+7)', () => {
    expect(formatInstant('2023-11-15T18:30:00Z')).toBe('01:30 16/11/2023');
    expect(formatInstant('2023-12-31T17:05:00.123Z')).toBe('00:05 01/01/2024');
    expect(formatInstant('2023-11-15')).toBe('15/11/2023');
    expect(formatInstant(null)).toBe('');
  });

  it('takes today in Việt Nam, not UTC', () => {
    expect(todayIso(new Date('2023-11-15T18:00:00Z'))).toBe('2023-11-16');
  });
});

describe('deadlines', () => {
  it('says how many working days are left or overdue', () => {
    expect(deadlineText({ status: 'due_soon', days: 3, working_days: true })).toBe('còn 3 ngày làm việc');
    expect(deadlineText({ status: 'overdue', days: 2, working_days: true })).toBe('quá hạn 2 ngày làm việc');
    expect(deadlineText({ status: 'on_time', days: 40, working_days: false })).toBe('còn 40 ngày');
    expect(deadlineText({ status: 'due_soon', days: 0 })).toBe('đến hạn hôm nay');
  });
});

describe('search folding', () => {
  it('finds Nguyễn Văn Đức from nguyen van duc', () => {
    expect(foldVietnamese('Nguyễn Văn Đức')).toBe('nguyen van duc');
    expect(foldVietnamese('  ĐẶNG   Thị  Ánh ')).toBe('dang thi anh');
  });
});

describe('day units', () => {
  it('always names the unit: working days or calendar days', () => {
    expect(dayCount(44, true)).toBe('44 ngày làm việc');
    expect(dayCount(153, false)).toBe('153 ngày');
    // Vietnamese has one form for one and many.
    expect(dayCount(1, true)).toBe('1 ngày làm việc');
    expect(dayCount(1, false)).toBe('1 ngày');
  });

  it('says overdue, due today and remaining in the deadline\'s own unit', () => {
    expect(deadlineText({ status: 'overdue', days: -153, working_days: false })).toBe('quá hạn 153 ngày');
    expect(deadlineText({ status: 'overdue', days: -44, working_days: true })).toBe('quá hạn 44 ngày làm việc');
    expect(deadlineText({ status: 'overdue', days: -1, working_days: true })).toBe('quá hạn 1 ngày làm việc');
    expect(deadlineText({ status: 'on_time', days: 258, working_days: false })).toBe('còn 258 ngày');
    expect(deadlineText({ status: 'due_soon', days: 24, working_days: true })).toBe('còn 24 ngày làm việc');
    expect(deadlineText({ status: 'due_soon', days: 0, working_days: true })).toBe('đến hạn hôm nay');
    expect(deadlineText({ status: 'due_soon', days: 0, working_days: false })).toBe('đến hạn hôm nay');
    expect(deadlineText({ status: 'overdue', days: 0, working_days: true })).toBe('đã quá hạn');
  });

  it('puts the status first on a badge, without saying it twice', () => {
    expect(deadlineBadgeText({ status: 'overdue', days: -153, working_days: false })).toBe('Quá hạn 153 ngày');
    expect(deadlineBadgeText({ status: 'overdue', days: -44, working_days: true })).toBe('Quá hạn 44 ngày làm việc');
    expect(deadlineBadgeText({ status: 'due_soon', days: 3, working_days: true })).toBe('Sắp đến hạn: còn 3 ngày làm việc');
    expect(deadlineBadgeText({ status: 'on_time', days: 258, working_days: false })).toBe('Trong hạn: còn 258 ngày');
    expect(deadlineBadgeText({ status: 'due_soon', days: 0, working_days: true })).toBe('Đến hạn hôm nay');
  });
});
