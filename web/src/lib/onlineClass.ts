// Classes partly online (lớp kết hợp trực tuyến): what the Political Centre's section of a class
// page (components/ClassOnline.tsx) and the learner's page (components/CandidateLearning.tsx)
// share.

import type { OnlineRules } from '../api/types';

// The form of a class that has no online part yet: every document read, ten questions drawn
// per attempt, 70% to pass, three attempts.
export const kDefaultOnlineRules: OnlineRules = {
  self_study_percent: 100,
  quiz_questions: 10,
  quiz_pass_percent: 70,
  quiz_max_attempts: 3,
};

// A question has 2 to 6 options (QuizQuestionInput).
export const kMinOptions = 2;
export const kMaxOptions = 6;

// The letter of an option as a paper prints it: 0 → "A". The API counts options from 1.
export function optionLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

// What the server keeps as a self-study document (ClassMaterial.media_type), judged again by
// the file's content there.
export const kMaterialAccept = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
const kMaterialTypes = ['application/pdf', 'image/jpeg', 'image/png'];
const kMaterialExtensions = ['.pdf', '.jpg', '.jpeg', '.png'];

// Why `file` cannot be sent as a document, in Vietnamese; null when it may be sent.
export function materialFileProblem(file: { name: string; size: number; type: string }): string | null {
  if (file.size === 0) return `Tệp «${file.name}» rỗng, hãy chọn tệp khác.`;
  const name = file.name.toLowerCase();
  if (!kMaterialTypes.includes(file.type) && !kMaterialExtensions.some((e) => name.endsWith(e))) {
    return `Tệp «${file.name}» không phải tệp PDF, JPEG hoặc PNG.`;
  }
  return null;
}

// A title for a document from its file's name: "Bai 1 - Chu nghia.pdf" → "Bai 1 - Chu nghia".
export function titleFromFileName(name: string): string {
  const dot = name.lastIndexOf('.');
  return (dot > 0 ? name.slice(0, dot) : name).replace(/[_]+/g, ' ').trim();
}
