import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Space, Tag, Typography, message, type InputRef } from 'antd';
import dayjs from 'dayjs';
import { api, ApiError, isMissingRoute } from '../api/client';
import type { CandidateLink, CandidateLinkInput, CandidateLinkList, CandidateLinkState, CaseHeader, IssuedCandidateLink } from '../api/types';
import { can, useAuth } from '../auth/AuthContext';
import { formatDate, formatInstant, ISO_DATE } from '../lib/format';
import { useServerToday } from '../lib/myOrg';
import { useApi } from '../lib/useApi';
import { isOpenCase } from './CaseTransfer';
import { DateField } from './DateField';
import { ApiErrorText, ErrorNotice } from './ErrorNotice';
import '../styles/candidate-path.css';

// How long a new link opens by default; the server takes at most 366 days
// (service/candidate_link_service.cc kMaxCandidateLinkDays).
export const kDefaultLinkDays = 90;

const kStates: Record<CandidateLinkState, { label: string; color: string }> = {
  active: { label: 'Còn hiệu lực', color: 'green' },
  revoked: { label: 'Đã thu hồi', color: 'red' },
  expired: { label: 'Hết hạn', color: 'default' },
};

// The last day a new link opens, by default: `today` (the server's) plus kDefaultLinkDays.
export function defaultExpiry(today: string): string {
  return dayjs(today, ISO_DATE).add(kDefaultLinkDays, 'day').format(ISO_DATE);
}

// The address the person opens: this site's origin and the server's `path` (/hanh-trinh/TOKEN).
export function linkUrl(path: string, origin: string = window.location.origin): string {
  return `${origin}${path}`;
}

// «Đường dẫn theo dõi cho người được phát triển» on a case's page: the personal links issued for
// the case, through which the person follows their own path without an account
// (pages/CandidatePathPage.tsx), with their state and how often they were opened. Those who
// keep people (write_people) issue a new one — its address shown once, with a QR code — and
// revoke one. A case that stopped (but not an official member's) gets no new link; the server
// refuses it too.
export function CandidateLinks({ header }: { header: CaseHeader }) {
  const { user } = useAuth();
  const today = useServerToday();
  const writes = can(user, 'write_people');
  const mayIssue = writes && (isOpenCase(header) || header.stage === 'official');
  const [issuing, setIssuing] = useState(false);
  const links = useApi(
    (signal) => api.get<CandidateLinkList>(`/cases/${header.id}/candidate-links`, { signal }),
    [header.id],
  );
  // A server without personal links: the page goes on without them.
  if (isMissingRoute(links.error)) return null;
  const items = links.data?.items ?? [];
  if (links.data && items.length === 0 && !mayIssue) return null;
  return (
    <Card title="Đường dẫn theo dõi cho người được phát triển" className="candidate-links-card no-print"
      extra={mayIssue && today ? <Button onClick={() => setIssuing(true)}>Cấp đường dẫn mới</Button> : null}>
      <Typography.Paragraph type="secondary" className="candidate-links-note">
        Người vào Đảng mở đường dẫn trên điện thoại, không cần tài khoản, để xem các bước đã qua, bước tiếp theo,
        những gì cần chuẩn bị và lịch lớp học. Trang đó không hiện kết quả thẩm tra, biểu quyết hay giấy tờ cá nhân.
      </Typography.Paragraph>
      {links.error ? <ErrorNotice error={links.error} onRetry={links.reload} what="các đường dẫn theo dõi" />
        : !links.data ? <p className="loading" role="status">Đang tải…</p>
          : items.length === 0 ? <p className="empty">Chưa cấp đường dẫn nào.</p> : (
            <ul className="card-list candidate-links">
              {items.map((link) => (
                <LinkLine key={link.id} link={link} caseId={header.id} mayRevoke={writes} onRevoked={links.reload} />
              ))}
            </ul>
          )}
      {issuing && today && (
        <IssueModal caseId={header.id} today={today} onIssued={links.reload} onClose={() => setIssuing(false)} />
      )}
    </Card>
  );
}

function LinkLine({ link, caseId, mayRevoke, onRevoked }: {
  link: CandidateLink; caseId: number; mayRevoke: boolean; onRevoked: () => void;
}) {
  const [revoking, setRevoking] = useState(false);
  const state = kStates[link.state];
  const revoke = async () => {
    setRevoking(true);
    try {
      await api.post<{ link: CandidateLink }>(`/cases/${caseId}/candidate-links/${link.id}/revoke`);
      message.success('Đã thu hồi đường dẫn: người giữ đường dẫn không mở được nữa');
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      message.error(e.message);
    } finally {
      setRevoking(false);
      onRevoked();
    }
  };
  return (
    <li className="candidate-link" data-link={link.id} data-state={link.state}>
      <div className="candidate-link-head">
        <Tag color={state.color} className="candidate-link-state">{state.label}</Tag>
        <span>Hết hạn ngày <strong>{formatDate(link.expires_on)}</strong></span>
      </div>
      <div className="muted">
        Cấp lúc {formatInstant(link.issued_at)} bởi {link.issued_by}
        {link.revoked_at ? <> · thu hồi lúc {formatInstant(link.revoked_at)}{link.revoked_by ? ` bởi ${link.revoked_by}` : ''}</> : null}
      </div>
      <div className="candidate-link-views">
        {link.views === 0 ? 'Chưa được mở lần nào'
          : <>Số lần xem: <strong>{link.views}</strong> · xem lần cuối lúc {formatInstant(link.last_viewed_at)}</>}
      </div>
      {mayRevoke && link.state === 'active' && (
        <Popconfirm title="Thu hồi đường dẫn này?"
          description="Người đang giữ đường dẫn sẽ không mở được nữa. Muốn cho xem tiếp, cần cấp đường dẫn mới."
          okText="Đồng ý thu hồi" cancelText="Không" okButtonProps={{ danger: true }} onConfirm={revoke}>
          <Button danger size="small" loading={revoking} className="candidate-link-revoke">Thu hồi</Button>
        </Popconfirm>
      )}
    </li>
  );
}

// The last day of a new link, then, once issued, its address — shown this once — with a copy
// button and its QR code.
function IssueModal({ caseId, today, onIssued, onClose }: {
  caseId: number; today: string; onIssued: () => void; onClose: () => void;
}) {
  const [form] = Form.useForm<CandidateLinkInput>();
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [issued, setIssued] = useState<IssuedCandidateLink | null>(null);
  const submit = async (v: CandidateLinkInput) => {
    setSaving(true);
    setError(null);
    try {
      const answer = await api.post<IssuedCandidateLink>(`/cases/${caseId}/candidate-links`, { expires_on: v.expires_on } satisfies CandidateLinkInput);
      setIssued(answer);
      onIssued();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.field === 'expires_on') form.setFields([{ name: 'expires_on', errors: [e.message] }]);
      else setError(e);
    } finally {
      setSaving(false);
    }
  };
  if (issued) {
    return (
      <Modal open title="Đường dẫn theo dõi đã được cấp" onCancel={onClose} width={640} className="candidate-link-issued"
        mask={{ closable: false }} footer={<Button type="primary" onClick={onClose}>Đóng</Button>}>
        <IssuedLink issued={issued} />
      </Modal>
    );
  }
  return (
    <Modal open title="Cấp đường dẫn theo dõi mới" onCancel={onClose} onOk={() => form.submit()}
      okText="Cấp đường dẫn" cancelText="Hủy" confirmLoading={saving} width={560}>
      <Form form={form} name="candidate-link" layout="vertical" onFinish={submit} onValuesChange={() => setError(null)}
        initialValues={{ expires_on: defaultExpiry(today) }}>
        <Form.Item label="Có hiệu lực đến hết ngày" name="expires_on"
          extra={`Ngày hôm nay là ${formatDate(today)}; đường dẫn có hiệu lực tối đa một năm.`}
          rules={[{ required: true, message: 'Cần nhập ngày hết hiệu lực' }]}>
          <DateField />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" className="candidate-link-error" title={<ApiErrorText error={error} />} />}
    </Modal>
  );
}

function IssuedLink({ issued }: { issued: IssuedCandidateLink }) {
  const url = linkUrl(issued.path);
  const input = useRef<InputRef>(null);
  const qr = useQrCode(url);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      message.success('Đã sao chép đường dẫn');
    } catch {
      // Without the clipboard (a page not served over HTTPS), the address is selected for Ctrl+C.
      input.current?.select();
      message.info('Hãy bấm Ctrl+C để sao chép đường dẫn đã chọn');
    }
  };
  return (
    <>
      <Alert type="warning" showIcon className="candidate-link-once"
        title="Đường dẫn chỉ hiện một lần"
        description="Hãy sao chép gửi cho người vào Đảng hoặc cho họ quét mã QR ngay bây giờ. Sau khi đóng cửa sổ này sẽ không xem lại được; nếu để mất, hãy thu hồi và cấp đường dẫn mới." />
      <label htmlFor="candidate-link-url" className="candidate-link-label">Đường dẫn theo dõi</label>
      <Space.Compact className="candidate-link-copy">
        <Input id="candidate-link-url" readOnly value={url} ref={input} onFocus={(e) => e.target.select()} />
        <Button type="primary" onClick={copy}>Sao chép</Button>
      </Space.Compact>
      <p className="muted">Có hiệu lực đến hết ngày {formatDate(issued.link.expires_on)}.</p>
      <div className="candidate-link-qr">
        {qr === 'failed' ? <span className="muted">Không tạo được mã QR; hãy gửi đường dẫn ở trên.</span>
          : qr ? <img src={qr} alt="Mã QR của đường dẫn theo dõi" width={220} height={220} />
            : <span className="loading" role="status">Đang tạo mã QR…</span>}
      </div>
    </>
  );
}

// The QR code of `text` as an SVG data URL (allowed by the server's img-src), null while it is
// made, 'failed' when it could not be. The encoder is loaded only here, so it stays out of the
// first page's JavaScript.
function useQrCode(text: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    import('qrcode')
      .then((qrcode) => qrcode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }))
      .then((svg) => { if (live) setUrl(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`); },
        () => { if (live) setUrl('failed'); });
    return () => { live = false; };
  }, [text]);
  return url;
}
