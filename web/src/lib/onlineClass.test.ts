import { describe, expect, it } from 'vitest';
import { materialFileProblem, optionLetter, titleFromFileName } from './onlineClass';

describe('onlineClass', () => {
  it('letters options as a paper prints them', () => {
    expect([0, 1, 2, 5].map(optionLetter)).toEqual(['A', 'B', 'C', 'F']);
  });

  it('lets a PDF, JPEG or PNG through and says why another file cannot be a document', () => {
    expect(materialFileProblem({ name: 'Bài 1.pdf', size: 10, type: 'application/pdf' })).toBeNull();
    expect(materialFileProblem({ name: 'anh.JPG', size: 10, type: '' })).toBeNull();
    expect(materialFileProblem({ name: 'bai.docx', size: 10, type: 'application/msword' }))
      .toBe('Tệp «bai.docx» không phải tệp PDF, JPEG hoặc PNG.');
    expect(materialFileProblem({ name: 'rong.pdf', size: 0, type: 'application/pdf' })).toBe('Tệp «rong.pdf» rỗng, hãy chọn tệp khác.');
  });

  it('makes a title from a file name', () => {
    expect(titleFromFileName('Bai_1_Chu nghia Mac.pdf')).toBe('Bai 1 Chu nghia Mac');
    expect(titleFromFileName('.pdf')).toBe('.pdf');
    expect(titleFromFileName('Điều lệ Đảng')).toBe('Điều lệ Đảng');
  });
});
