import { useState } from 'react';
import { Button, Tooltip, Typography, Upload } from 'antd';
import { api, ApiError } from '../api/client';
import type { Attachment, AttachmentList } from '../api/types';
import { formatInstant } from '../lib/format';
import { formatBytes, kScanAccept, scanFileProblem, scanUrl } from '../lib/scan';

interface ScanCellProps {
  caseId: number;
  eventId: number;
  position: number;  // the document within the step, from 1
  formCode: string;
  list: AttachmentList | undefined;
  mayAttach: boolean;  // the user records the step the document belongs to
  onAttached: (attachment: Attachment) => void;
}

// The scans of one recorded document on the case page: each a download link (or only its name,
// for the roles that may not read personal data), and a button that attaches another.
export function ScanCell({ caseId, eventId, position, formCode, list, mayAttach, onAttached }: ScanCellProps) {
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const scans = (list?.items ?? []).filter((a) => a.event_id === eventId && a.document === position);

  const send = async (file: File) => {
    setProblem(null);
    const refused = scanFileProblem(file, list?.max_bytes ?? Number.MAX_SAFE_INTEGER);
    if (refused) {
      setProblem(refused);
      return;
    }
    setSending(true);
    try {
      const created = await api.upload<{ attachment: Attachment }>(`/cases/${caseId}/attachments`, file, {
        query: { event: eventId, document: position, name: file.name },
      });
      onAttached(created.attachment);
    } catch (error) {
      setProblem(error instanceof ApiError ? error.display : 'Không gửi được bản quét, vui lòng thử lại.');
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="scan-cell">
      {scans.length > 0 && (
        <ul className="scan-list">
          {scans.map((a) => (
            <li key={a.id} data-testid="scan">
              {list?.downloadable
                ? <a href={scanUrl(caseId, a.id)} download={a.file_name} className="scan-link">{a.file_name}</a>
                : <Tooltip title="Bản quét có thể chứa thông tin cá nhân nên chỉ người được xem thông tin cá nhân mới tải về được">
                    <span>{a.file_name} <Typography.Text type="secondary">(không tải về được)</Typography.Text></span>
                  </Tooltip>}
              <Typography.Text type="secondary" className="scan-meta"> · {formatBytes(a.size_bytes)} · {a.uploaded_by}, {formatInstant(a.uploaded_at)}</Typography.Text>
            </li>
          ))}
        </ul>
      )}
      {mayAttach && list && (
        <Upload
          accept={kScanAccept}
          showUploadList={false}
          disabled={sending}
          beforeUpload={(file) => {
            void send(file);
            return false;
          }}
        >
          <Button size="small" loading={sending} className="no-print"
            aria-label={`Đính kèm bản quét ${formCode || 'văn bản'}`}>
            Đính kèm
          </Button>
        </Upload>
      )}
      {problem && <div className="scan-problem" role="alert">{problem}</div>}
    </div>
  );
}
