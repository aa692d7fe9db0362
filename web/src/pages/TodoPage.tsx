import { Link } from 'react-router';
import { api } from '../api/client';
import type { AuditPage, CaseList, DeadlineList, DeadlineRow } from '../api/types';
import { useApi } from '../lib/useApi';
import { deadlineBadgeText, formatDate, formatInstant } from '../lib/format';
import { useReference } from '../lib/reference';
import { setServerToday } from '../lib/serverToday';
import { ErrorNotice } from '../components/ErrorNotice';
import { can, useAuth } from '../auth/AuthContext';
import { auditActor, auditDetail, auditLink, auditTitle } from '../lib/audit';
import { RuleCitation } from '../components/RuleCitation';
import { kDueSoonAnchor, kOverdueAnchor, MorningDigest } from '../components/MorningDigest';
import { useState, type ReactNode } from 'react';
import '../styles/todo.css';

// "Việc cần làm", the first page after login: plain markup and no antd data components, so
// that it renders from the initial bundle alone (bench/web measures it).

function DeadlineItem({ row }: { row: DeadlineRow }) {
  const { stageLabel } = useReference();
  return (
    <li className={`todo-item deadline-item deadline-${row.status}`} data-status={row.status} data-case={row.case_id}>
      <div className="deadline-main">
        <Link to={`/ho-so/${row.case_id}`} className="deadline-person">{row.person_name}</Link>
        <div className="deadline-label">{row.label}<RuleCitation code={row.rule} /></div>
        <div className="muted">{stageLabel(row.stage)}</div>
      </div>
      <div className="deadline-side">
        <span className={`badge badge-${row.status}`}>{deadlineBadgeText(row)}</span>
        <div>Hạn: <strong>{formatDate(row.due)}</strong></div>
      </div>
    </li>
  );
}

// `line`: an empty list said on one line across the page, not a half-page card of blank.
function Section({ title, count, tone, children, className, line, id }: { title: string; count?: number; tone?: string; children: ReactNode; className?: string; line?: boolean; id?: string }) {
  return (
    <section id={id} className={`todo-card ${line ? 'todo-line ' : ''}${className ?? ''}`} aria-label={title}>
      <h2>{title}{count !== undefined && <span className={`count count-${tone ?? 'plain'}`} data-testid={`${tone}-count`}>{count}</span>}</h2>
      {children}
    </section>
  );
}

function Paged({ rows, empty }: { rows: DeadlineRow[]; empty: string }) {
  const [shown, setShown] = useState(10);
  if (rows.length === 0) return <p className="empty">{empty}</p>;
  return (
    <>
      <ul className="todo-list">{rows.slice(0, shown).map((r) => <DeadlineItem key={`${r.case_id}.${r.rule}`} row={r} />)}</ul>
      {rows.length > shown && (
        <button type="button" className="more-button" onClick={() => setShown(shown + 20)}>
          Xem thêm ({rows.length - shown} việc nữa)
        </button>
      )}
    </>
  );
}

export function TodoPage() {
  const { user } = useAuth();
  const deadlines = useApi(
    (signal) => api.get<DeadlineList>('/deadlines', { signal }).then((d) => { setServerToday(d.on); return d; }),
    [],
  );
  const blocked = useApi(
    (signal) => api.get<CaseList>('/cases', { signal, query: { due: 'blocked', page_size: 10, sort: 'next_deadline' } }),
    [],
  );
  // Only the roles with read_audit see the trail (the others would get 403).
  const readsAudit = can(user, 'read_audit');
  const activity = useApi(
    (signal) => readsAudit
      ? api.get<AuditPage>('/audit', { signal, query: { limit: 60 } })
        // Logins and logouts would drown the work itself.
        .then((page) => ({ ...page, items: page.items.filter((a) => !a.action.startsWith('auth.')).slice(0, 15) }))
      : Promise.resolve<AuditPage>({ items: [], next_before: null }),
    [readsAudit],
  );
  const { actionLabel } = useReference();
  const items = deadlines.data?.items ?? [];
  const overdue = items.filter((d) => d.status === 'overdue');
  const dueSoon = items.filter((d) => d.status === 'due_soon');
  const loading = deadlines.loading && !deadlines.data;
  // Nothing due soon: one line above the lists rather than an empty half of the page.
  const quietDueSoon = !!deadlines.data && dueSoon.length === 0;
  return (
    <div className="page todo-page">
      <h1 className="page-title">Việc cần làm</h1>
      <p className="muted">
        {user?.full_name}: mỗi thời hạn ghi rõ tính theo ngày làm việc hay theo ngày
        {deadlines.data?.on ? `, tính đến ngày ${formatDate(deadlines.data.on)}` : ''}.
      </p>
      <MorningDigest />
      {deadlines.error ? <ErrorNotice error={deadlines.error} onRetry={deadlines.reload} what="danh sách thời hạn" /> : null}
      <div className="todo-grid">
        {quietDueSoon && <Section title="Sắp đến hạn" count={0} tone="due_soon" className="todo-due-soon" id={kDueSoonAnchor} line>
          <p className="empty">Không có hồ sơ sắp đến hạn</p>
        </Section>}
        <Section title="Quá hạn" count={overdue.length} tone="overdue" className="todo-overdue" id={kOverdueAnchor}>
          {loading ? <p className="loading">Đang tải…</p> : <Paged rows={overdue} empty="Không có việc quá hạn" />}
        </Section>
        {!quietDueSoon && <Section title="Sắp đến hạn" count={dueSoon.length} tone="due_soon" className="todo-due-soon" id={kDueSoonAnchor}>
          {loading ? <p className="loading">Đang tải…</p> : <Paged rows={dueSoon} empty="Không có hồ sơ sắp đến hạn" />}
        </Section>}
        <Section title="Hồ sơ đang vướng" count={blocked.data?.total} tone="blocked">
          {blocked.error ? <ErrorNotice error={blocked.error} onRetry={blocked.reload} /> : blocked.loading ? <p className="loading">Đang tải…</p> : (blocked.data?.items.length ?? 0) === 0 ? (
            <p className="empty">Không có hồ sơ đang vướng</p>
          ) : (
            <ul className="todo-list">
              {blocked.data!.items.map((c) => (
                <li key={c.id} className="todo-item">
                  <div>
                    <Link to={`/ho-so/${c.id}`} className="deadline-person">{c.person_name}</Link> — {c.stage_label}
                    {c.unmet.length === 0 ? (
                      <div className="blocked-reason">Còn điều kiện chưa đạt: mở hồ sơ để xem chi tiết.</div>
                    ) : c.unmet.slice(0, 2).map((u) => (
                      <div key={u.rule + u.message} className="blocked-reason">{u.message}<RuleCitation code={u.rule} /></div>
                    ))}
                    {c.unmet.length > 2 && <div className="muted">và {c.unmet.length - 2} điều kiện khác</div>}
                  </div>
                </li>
              ))}
            </ul>
          )}
          {(blocked.data?.total ?? 0) > (blocked.data?.items.length ?? 0) && (
            <Link to="/ho-so?due=blocked" className="more-link">Xem tất cả {blocked.data!.total} hồ sơ đang vướng</Link>
          )}
        </Section>
        {readsAudit && <Section title="Hoạt động gần đây">
          {activity.error ? <ErrorNotice error={activity.error} onRetry={activity.reload} /> : activity.loading ? <p className="loading">Đang tải…</p> : (activity.data?.items.length ?? 0) === 0 ? (
            <p className="empty">Chưa có hoạt động</p>
          ) : (
            <ul className="todo-list">
              {activity.data!.items.map((a) => {
                const link = auditLink(a);
                const detail = auditDetail(a);
                return (
                  <li key={a.seq} className="todo-item activity-item">
                    <div>
                      <strong>{auditActor(a.actor)}</strong> — {auditTitle(a, actionLabel)}
                      {link ? <> (<Link to={link.to}>{link.text}</Link>)</> : null}
                      {detail ? <div>{detail}</div> : null}
                      <div className="muted">{formatInstant(a.at)}</div>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </Section>}
      </div>
    </div>
  );
}
