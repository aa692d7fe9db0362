// The scans attached to a case's documents: what the browser can check before sending a file
// (the server checks again, by the file's content), and how sizes read.

// What a scanner or a phone produces and every office can open (domain/attachment.h).
export const kScanAccept = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

const kScanTypes = ['application/pdf', 'image/jpeg', 'image/png'];
const kScanExtensions = ['.pdf', '.jpg', '.jpeg', '.png'];

// "850 KB", "3,2 MB": decimal comma, one decimal for megabytes (1 MB = 1024 KB, as the server
// counts).
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const tenths = Math.round((bytes * 10) / (1024 * 1024));
  return tenths % 10 === 0 ? `${tenths / 10} MB` : `${Math.floor(tenths / 10)},${tenths % 10} MB`;
}

// Why `file` cannot be sent as a scan, in Vietnamese; null when it may be sent.
export function scanFileProblem(file: { name: string; size: number; type: string }, maxBytes: number): string | null {
  if (file.size === 0) return 'Tệp rỗng, hãy chọn lại bản quét.';
  const name = file.name.toLowerCase();
  const knownType = kScanTypes.includes(file.type) || kScanExtensions.some((e) => name.endsWith(e));
  if (!knownType) return `Tệp «${file.name}» không phải bản quét PDF, JPEG hoặc PNG.`;
  if (file.size > maxBytes) {
    return `Tệp «${file.name}» (${formatBytes(file.size)}) lớn quá giới hạn ${formatBytes(maxBytes)}: hãy quét ở độ phân giải thấp hơn hoặc chia thành nhiều tệp.`;
  }
  return null;
}

// The address a scan is downloaded from (the session cookie goes with it).
export function scanUrl(caseId: number, attachmentId: number): string {
  return `/api/v1/cases/${caseId}/attachments/${attachmentId}`;
}
