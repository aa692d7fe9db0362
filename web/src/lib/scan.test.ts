import { describe, expect, it } from 'vitest';
import { formatBytes, scanFileProblem, scanUrl } from './scan';
import { formUrl } from './printForm';

const kTen = 10 * 1024 * 1024;

describe('formatBytes', () => {
  it('reads as offices write sizes', () => {
    expect(formatBytes(512)).toBe('512 byte');
    expect(formatBytes(850 * 1024)).toBe('850 KB');
    expect(formatBytes(kTen)).toBe('10 MB');
    expect(formatBytes(3.2 * 1024 * 1024)).toBe('3,2 MB');
  });
});

describe('scanFileProblem', () => {
  it('lets a PDF, JPEG or PNG within the limit through', () => {
    expect(scanFileProblem({ name: 'Quyết định.pdf', size: 2000, type: 'application/pdf' }, kTen)).toBeNull();
    expect(scanFileProblem({ name: 'anh.JPG', size: 2000, type: '' }, kTen)).toBeNull();
    expect(scanFileProblem({ name: 'scan', size: 2000, type: 'image/png' }, kTen)).toBeNull();
  });

  it('says in words why a file cannot be sent', () => {
    expect(scanFileProblem({ name: 'don.docx', size: 2000, type: 'application/msword' }, kTen))
      .toBe('Tệp «don.docx» không phải bản quét PDF, JPEG hoặc PNG.');
    expect(scanFileProblem({ name: 'ho-so.pdf', size: 12.5 * 1024 * 1024, type: 'application/pdf' }, kTen))
      .toBe('Tệp «ho-so.pdf» (12,5 MB) lớn quá giới hạn 10 MB: hãy quét ở độ phân giải thấp hơn hoặc chia thành nhiều tệp.');
    expect(scanFileProblem({ name: 'a.pdf', size: 0, type: 'application/pdf' }, kTen)).toBe('Tệp rỗng, hãy chọn lại bản quét.');
  });
});

describe('scanUrl', () => {
  it('names the case and the scan', () => {
    expect(scanUrl(12, 3)).toBe('/api/v1/cases/12/attachments/3');
  });
});

describe('printed forms', () => {
  it('addresses the form by its code, encoded, and by its step when it has one', () => {
    expect(formUrl(12, { form_code: '6-KNĐ', event_id: null })).toBe('/api/v1/cases/12/documents/6-KN%C4%90');
    expect(formUrl(12, { form_code: '3-KNĐ', event_id: 40 })).toBe('/api/v1/cases/12/documents/3-KN%C4%90?event=40');
  });
});
