import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { Digest, DigestOpinion, DigestSubscription, DigestSubscriptionAnswer } from '../api/types';
import { can, useAuth } from '../auth/AuthContext';
import { formatDate } from '../lib/format';
import { kNominationsPath } from '../lib/massOrgPaths';
import { useApi } from '../lib/useApi';
import '../styles/digest.css';

// «Tóm tắt buổi sáng» (GET /digest): a few lines at the top of «Việc cần làm» saying what needs
// attention today, each leading to where the items are. Like the page, plain markup and no antd,
// so that it comes with the initial bundle; its request goes out beside the page's own, and the
// page never waits for it. Under it, «Nhận qua thư điện tử»: the account's subscription to the
// same digest by e-mail (GET /digest/subscription), whose form is a chunk of its own.

const DigestMailForm = lazy(() => import('./DigestMailForm'));

// Where «Việc cần làm» (pages/TodoPage.tsx) puts its overdue and due-soon lists: the ids of
// their sections. Change both together.
export const kOverdueAnchor = 'qua-han';
export const kDueSoonAnchor = 'sap-den-han';

// The due-soon window of the rule set for duties counted in working days (src/domain/rule_set.h
// due_soon_working_days; the API does not send it). Duties counted in calendar days are due soon
// on another window (certificate_warning_days), so the line names the 5 days only when every
// due-soon duty counts working days. Change together with the rule set's default.
const kDueSoonWorkingDays = 5;

// Opinions shown before «Xem thêm».
const kOpinionsShown = 5;

export function MorningDigest() {
  const { user } = useAuth();
  // Whoever reads no case has no to-do list (the server would answer 403).
  if (!can(user, 'read_cases')) return null;
  return <DigestCard />;
}

function DigestCard() {
  const digest = useApi((signal) => api.get<Digest>('/digest', { signal }), []);
  // Asked beside the digest and shown once the digest is: the card never waits for it, and
  // without an answer (an error, a server without the route) the part is left out.
  const mail = useApi((signal) => api.get<DigestSubscriptionAnswer>('/digest/subscription', { signal }), []);
  if (digest.error) return <p className="muted digest-unavailable">Chưa xem được tóm tắt buổi sáng.</p>;
  const d = digest.data;
  return (
    <section className="todo-card digest-card" aria-label="Tóm tắt buổi sáng" aria-busy={!d}>
      <h2>Tóm tắt buổi sáng{d && <>{' '}<span className="digest-date">{formatDate(d.on)}</span></>}</h2>
      {!d ? <p className="loading">Đang tải…</p> : <DigestLines digest={d} />}
      {d && mail.data && <DigestMail subscription={mail.data.subscription} />}
    </section>
  );
}

function DigestLines({ digest: d }: { digest: Digest }) {
  const overdue = d.overdue.length;
  const dueSoon = d.due_soon.length;
  const waiting = d.nominations_waiting.length;
  if (overdue + dueSoon + d.opinions.length + waiting === 0) {
    return <p className="digest-quiet" data-digest="quiet">Không có việc mới</p>;
  }
  const soonWindow = d.due_soon.every((row) => row.working_days)
    ? `đến hạn trong ${kDueSoonWorkingDays} ngày làm việc tới` : 'sắp đến hạn';
  return (
    <ul className="digest-lines">
      {overdue > 0 && (
        <li data-digest="overdue" className="digest-overdue">
          <a href={`#${kOverdueAnchor}`}>
            {overdue} việc quá hạn
            {d.newly_overdue > 0 && ` (${d.newly_overdue} mới quá hạn từ ${formatDate(d.since)})`}
          </a>
        </li>
      )}
      {dueSoon > 0 && (
        <li data-digest="due_soon"><a href={`#${kDueSoonAnchor}`}>{dueSoon} việc {soonWindow}</a></li>
      )}
      {d.opinions.length > 0 && <Opinions opinions={d.opinions} />}
      {waiting > 0 && (
        <li data-digest="nominations">
          <Link to={`${kNominationsPath}?status=waiting`}>{waiting} đề xuất giới thiệu nguồn đang chờ xem xét</Link>
        </li>
      )}
    </ul>
  );
}

function Opinions({ opinions }: { opinions: DigestOpinion[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? opinions : opinions.slice(0, kOpinionsShown);
  return (
    <li data-digest="opinions">
      <span className="digest-opinions-count">{`${opinions.length} ý kiến của các đoàn thể mới nhận`}</span>
      <ul className="digest-opinions">
        {shown.map((o) => (
          <li key={`${o.case_id}.${o.mass_organisation.id}.${o.kind}.${o.given_on}`}>
            <Link to={`/ho-so/${o.case_id}`}>{o.person_name}</Link>
            {' — '}{o.kind_label} của {o.mass_organisation.name}, ngày {formatDate(o.given_on)}
          </li>
        ))}
      </ul>
      {shown.length < opinions.length && (
        <button type="button" className="more-button" onClick={() => setAll(true)}>
          Xem thêm {opinions.length - shown.length} ý kiến
        </button>
      )}
    </li>
  );
}

// «Nhận qua thư điện tử»: one line saying where the digest is mailed, and a button opening the
// form under it. The operator's server mails it each working morning (`ptdv digest send`), so the
// line says what is set, not what was delivered, beyond the day of the last mail.
function DigestMail({ subscription: loaded }: { subscription: DigestSubscription | null }) {
  const [subscription, setSubscription] = useState(loaded);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const closed = useRef(false);
  // Back to the button when the form closes, for whoever works with the keyboard.
  useEffect(() => {
    if (!editing && closed.current) toggle.current?.focus();
  }, [editing]);
  const close = () => {
    closed.current = true;
    setEditing(false);
  };
  return (
    <div className="digest-mail" role="group" aria-label="Nhận qua thư điện tử">
      <p className="digest-mail-line">
        <span className="digest-mail-title">Nhận qua thư điện tử:</span>{' '}
        <span className="digest-mail-state" data-testid="digest-mail-state">{mailState(subscription)}</span>
        {!editing && (
          <>
            {' '}
            <button type="button" ref={toggle} className="more-button digest-mail-toggle" onClick={() => { setSaved(false); setEditing(true); }}>
              {subscription ? 'Thay đổi' : 'Đăng ký'}
            </button>
          </>
        )}
        {' '}
        {/* Present before it speaks, so that screen readers announce it. */}
        <span role="status" className="digest-mail-saved">{saved ? 'Đã lưu' : ''}</span>
      </p>
      {editing && (
        <div className="digest-mail-body">
          <Suspense fallback={<p className="loading">Đang tải…</p>}>
            <DigestMailForm subscription={subscription} onCancel={close}
              onSaved={(s) => { setSubscription(s); setSaved(true); close(); }} />
          </Suspense>
        </div>
      )}
    </div>
  );
}

// "Đang gửi tới van.thu@tayloc.hue.gov.vn · lần gửi gần nhất 14/11/2023", "Chưa đăng ký".
function mailState(s: DigestSubscription | null): string {
  if (!s) return 'Chưa đăng ký';
  const last = s.last_sent_on ? ` · lần gửi gần nhất ${formatDate(s.last_sent_on)}` : '';
  return s.enabled ? `Đang gửi tới ${s.email}${last}` : `Đã tạm dừng gửi tới ${s.email}${last}`;
}
