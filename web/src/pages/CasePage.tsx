import { useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Alert, Button, Card, Col, Descriptions, Empty, List, Row, Skeleton, Space, Table, Tag, Typography, message } from 'antd';
import { api } from '../api/client';
import type { AttachmentList, AuditPage, CaseEvent, CaseView, DocumentRef } from '../api/types';
import { useApi } from '../lib/useApi';
import { deadlineColor, deadlineText, formatDate, formatInstant } from '../lib/format';
import { kEducations, kOccupations, kSexes, kWorkplaces, labelOf } from '../lib/labels';
import { useReference } from '../lib/reference';
import { votesNeeded } from '../lib/vote';
import { can, mayRecord, useAuth } from '../auth/AuthContext';
import { CandidateLinks } from '../components/CandidateLinks';
import { CaseOpinions } from '../components/CaseOpinions';
import { CaseTimeline } from '../components/CaseTimeline';
import { ErrorNotice } from '../components/ErrorNotice';
import { StepForm } from '../components/StepForm';
import { CaseTransfer } from '../components/CaseTransfer';
import { HelperLine } from '../components/HelperLine';
import { ScanCell } from '../components/DocumentScans';
import { PrintableForms } from '../components/PrintableForms';
import { knowsServerToday, setServerToday } from '../lib/serverToday';
import { auditActor, auditDetail, auditEvent, auditTitle } from '../lib/audit';
import { RuleCitation } from '../components/RuleCitation';
import { readsPersonal, Withheld } from '../components/Withheld';
import { useNarrow } from '../lib/useNarrow';
import type { DeadlineList } from '../api/types';

export default function CasePage() {
  const { id } = useParams();
  const { user } = useAuth();
  const reference = useReference();
  const [formOpen, setFormOpen] = useState(false);
  // The step the form opens on: assign_helper from "Phân công người giúp đỡ" or ?buoc=assign_helper.
  const [initialAction, setInitialAction] = useState<string | undefined>(undefined);
  const [search] = useSearchParams();
  const askedStep = useRef(false);
  const narrow = useNarrow();
  const view = useApi((signal) => api.get<CaseView>(`/cases/${id}`, { signal }), [id]);
  // The server's today (a demo may run on a fixed date) is the default date of a new step.
  const cellCode = view.data?.cell.code;
  useEffect(() => {
    if (!cellCode || knowsServerToday()) return;
    api.get<DeadlineList>('/deadlines', { query: { org: cellCode } }).then((d) => setServerToday(d.on), () => undefined);
  }, [cellCode]);
  // The change history (GET /audit?case=) for the roles with read_audit; the others see the
  // recorded steps instead.
  // Asked only once the case itself has loaded, so a case out of scope costs one refusal.
  const readsAudit = can(user, 'read_audit') && view.data !== undefined;
  const audit = useApi(
    (signal) => readsAudit
      ? api.get<AuditPage>('/audit', { signal, query: { case: id } })
      : Promise.resolve<AuditPage>({ items: [], next_before: null }),
    [id, readsAudit, view.data?.case.version],
  );

  // The scans of the case's documents, asked once the case itself has loaded.
  const caseLoaded = view.data !== undefined;
  const scans = useApi(
    (signal) => caseLoaded
      ? api.get<AttachmentList>(`/cases/${id}/attachments`, { signal })
      : Promise.resolve<AttachmentList | undefined>(undefined),
    [id, caseLoaded],
  );

  const wantedStep = search.get('buoc');
  const stepAllowed = !!wantedStep && !!view.data?.evaluation.allowed_actions.includes(wantedStep) && mayRecord(user, wantedStep);
  useEffect(() => {
    if (askedStep.current || !stepAllowed) return;
    askedStep.current = true;
    setInitialAction(wantedStep ?? undefined);
    setFormOpen(true);
  }, [stepAllowed, wantedStep]);

  if (view.error) return <div className="page"><ErrorNotice error={view.error} onRetry={view.reload} what="hồ sơ" /></div>;
  if (!view.data) return <div className="page"><Skeleton active paragraph={{ rows: 12 }} /></div>;
  const { case: header, person, cell, evaluation, events } = view.data;

  const documents: (DocumentRef & { step: string; key: string; action: string; eventId: number; position: number })[] = events.flatMap((e, i) =>
    e.documents.map((d, j) => ({
      ...d, step: reference.actionLabel(e.action), key: `${i}.${j}`, action: e.action, eventId: e.id, position: j + 1,
    })),
  );
  const scanCell = (d: (typeof documents)[number]) => (
    <ScanCell
      caseId={header.id}
      eventId={d.eventId}
      position={d.position}
      formCode={d.form_code ?? ''}
      list={scans.data}
      mayAttach={mayRecord(user, d.action)}
      onAttached={(a) => {
        message.success(`Đã đính kèm ${a.file_name}`);
        scans.reload();
      }}
    />
  );
  const recordable = evaluation.allowed_actions.filter((a) => mayRecord(user, a));
  // The server leaves personal data out for the roles that may not read it (DOMAIN §8).
  const personalWithheld = !readsPersonal(user);
  // Steps loaded with the initial data (the demo, an import) have no entry in the change
  // history (GET /audit?case=): they are listed apart, not hidden.
  const auditItems = [...(audit.data?.items ?? [])].reverse();
  const loadedSteps = unauditedSteps(events, auditItems);
  const votes = events.filter((e): e is CaseEvent & { vote: NonNullable<CaseEvent['vote']> } => !!e.vote);

  return (
    <div className="page case-page">
      <div className="page-head">
        <div>
          <Typography.Text type="secondary">Hồ sơ số {header.id} · <Link to="/ho-so">Danh sách hồ sơ</Link></Typography.Text>
          <Typography.Title level={1} className="case-title">{person.full_name}</Typography.Title>
          <Tag color="blue" className="stage-tag">{evaluation.stage_label || reference.stageLabel(evaluation.stage)}</Tag>
          <ul className="case-meta">
            <li>{cell.name}</li>
            <li>Nguồn: {reference.categoryLabel(header.category)}</li>
            <li>Mở hồ sơ ngày {formatDate(header.opened_on)}</li>
          </ul>
          {evaluation.allowed_actions.includes('assign_helper') && (
            <HelperLine
              events={events}
              onAssign={recordable.includes('assign_helper') ? () => { setInitialAction('assign_helper'); setFormOpen(true); } : undefined}
            />
          )}
        </div>
        <Space className="no-print" wrap>
          {recordable.length > 0 && (
            <Button type="primary" size="large" onClick={() => { setInitialAction(undefined); setFormOpen(true); }}>Ghi nhận bước tiếp theo</Button>
          )}
          <Button size="large" onClick={() => window.print()}>In hồ sơ</Button>
          <CaseTransfer header={header} cellId={cell.id} personName={person.full_name} cellName={cell.name} onMoved={view.reload} />
        </Space>
      </div>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title="Điều kiện chưa đạt" className="unmet-card">
            {evaluation.unmet.length === 0 ? (
              <Alert type="success" showIcon message="Không có điều kiện nào chưa đạt cho bước tiếp theo." />
            ) : (
              <List
                dataSource={evaluation.unmet}
                renderItem={(u) => (
                  <List.Item className="unmet-item">
                    <div>
                      <strong>{u.message}</strong><RuleCitation code={u.rule} />
                      {reference.ruleLabel(u.rule) && <div className="rule-explanation">{reference.ruleLabel(u.rule)}</div>}
                    </div>
                  </List.Item>
                )}
              />
            )}
          </Card>

          <Card title="Thời hạn" className="deadlines-card">
            {evaluation.deadlines.length === 0 ? <Empty description="Không có thời hạn đang chạy" /> : (
              <ul className="card-list deadline-list">
                {evaluation.deadlines.map((d) => (
                  <li key={d.rule + d.due} className="deadline-row" data-status={d.status}>
                    <div className="deadline-row-label">{d.label}<RuleCitation code={d.rule} /></div>
                    <div className="deadline-row-side">
                      <span>Hạn <strong>{formatDate(d.due)}</strong></span>
                      <Tag color={deadlineColor(d.status)} className="deadline-tag">{deadlineText(d)}</Tag>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Card>

          <CaseOpinions caseId={header.id} version={header.version} />

          <Card title="Văn bản" className="documents-card">
            {scans.error ? <ErrorNotice error={scans.error} onRetry={scans.reload} what="bản quét" /> : null}
            {narrow ? (
              <ul className="card-list">
                {documents.length === 0 ? <li className="empty">Chưa có văn bản</li> : documents.map((d) => (
                  <li key={d.key}>
                    <strong className="form-code">{d.form_code || 'Văn bản'}</strong>
                    {d.number ? <> · số {d.number}</> : null}{d.date ? <> · ngày {formatDate(d.date)}</> : null}{d.issuer ? <> · {d.issuer}</> : null}
                    <div className="muted">{d.step}</div>
                    {scanCell(d)}
                  </li>
                ))}
              </ul>
            ) : (
            <Table
              size="middle"
              pagination={false}
              dataSource={documents}
              locale={{ emptyText: 'Chưa có văn bản' }}
              scroll={{ x: true }}
              columns={[
                { title: 'Mẫu', dataIndex: 'form_code', width: 100, className: 'form-code' },
                { title: 'Số', dataIndex: 'number' },
                { title: 'Ngày', dataIndex: 'date', render: formatDate, width: 120 },
                { title: 'Nơi ban hành', dataIndex: 'issuer' },
                { title: 'Bước', dataIndex: 'step' },
                { title: 'Bản quét', key: 'scans', render: (_, d) => scanCell(d) },
              ]}
            />
            )}
          </Card>

          {readsPersonal(user) && <PrintableForms caseId={header.id} version={header.version} />}

          <Card title="Biểu quyết" className="votes-card">
            {narrow ? (
              <ul className="card-list">
                {votes.length === 0 ? <li className="empty">Chưa có biểu quyết</li> : votes.map((v) => (
                  <li key={`${v.action}.${v.date}.${v.seq ?? ''}`}>
                    <strong>{reference.actionLabel(v.action)}</strong> · {formatDate(v.date)}
                    <div>{v.vote.in_favour}/{v.vote.eligible} tán thành, {v.vote.against} không tán thành, {v.vote.present} có mặt</div>
                    {v.vote.in_favour >= votesNeeded(v.vote.eligible)
                      ? <Tag color="green">Đạt 2/3</Tag>
                      : <Tag color="red">Không đạt 2/3 (cần {votesNeeded(v.vote.eligible)})</Tag>}
                  </li>
                ))}
              </ul>
            ) : (
            <Table
              size="middle"
              pagination={false}
              rowKey={(v) => `${v.action}.${v.date}.${v.seq ?? ''}`}
              dataSource={votes}
              locale={{ emptyText: 'Chưa có biểu quyết' }}
              scroll={{ x: true }}
              columns={[
                { title: 'Bước', dataIndex: 'action', render: (a) => reference.actionLabel(a) },
                { title: 'Ngày', dataIndex: 'date', render: formatDate, width: 120 },
                { title: 'Tổng số', render: (_, v) => v.vote.eligible, width: 90 },
                { title: 'Có mặt', render: (_, v) => v.vote.present, width: 90 },
                { title: 'Tán thành', render: (_, v) => v.vote.in_favour, width: 100 },
                { title: 'Không tán thành', render: (_, v) => v.vote.against, width: 120 },
                {
                  title: 'Kết quả',
                  render: (_, v) => v.vote.in_favour >= votesNeeded(v.vote.eligible)
                    ? <Tag color="green">Đạt 2/3</Tag>
                    : <Tag color="red">Không đạt 2/3 (cần {votesNeeded(v.vote.eligible)})</Tag>,
                },
              ]}
            />
            )}
          </Card>
        </Col>

        <Col xs={24} lg={10}>
          <Card title="Các bước của quy trình" className="timeline-card">
            <CaseTimeline stage={evaluation.stage} openedOn={header.opened_on} events={events} />
          </Card>
          <Card title="Người vào Đảng" className="person-card"
            extra={<Link to={`/nguoi/${person.id}`} className="no-print">Xem, sửa thông tin</Link>}>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="Họ và tên">{person.full_name}</Descriptions.Item>
              <Descriptions.Item label="Ngày sinh">{formatDate(person.birth_date)}</Descriptions.Item>
              <Descriptions.Item label="Giới tính">{labelOf(kSexes, person.sex)}</Descriptions.Item>
              <Descriptions.Item label="Dân tộc, tôn giáo">{person.ethnicity}{person.religion ? `, ${person.religion}` : ''}</Descriptions.Item>
              <Descriptions.Item label="Học vấn">{labelOf(kEducations, person.general_education)}{person.professional_education ? `; ${person.professional_education}` : ''}</Descriptions.Item>
              <Descriptions.Item label="Nghề nghiệp">{labelOf(kOccupations, person.occupation)}</Descriptions.Item>
              <Descriptions.Item label="Nơi làm việc">{labelOf(kWorkplaces, person.workplace_type)}</Descriptions.Item>
              <Descriptions.Item label="Đoàn viên / Công đoàn">{person.youth_union_member ? 'Đoàn viên' : 'Không là đoàn viên'} · {person.trade_union_member ? 'Công đoàn viên' : 'Không là công đoàn viên'}</Descriptions.Item>
              {person.phone ? <Descriptions.Item label="Điện thoại">{person.phone}</Descriptions.Item>
                : personalWithheld ? <Descriptions.Item label="Điện thoại"><Withheld /></Descriptions.Item> : null}
              {person.address ? <Descriptions.Item label="Địa chỉ">{person.address}</Descriptions.Item>
                : personalWithheld ? <Descriptions.Item label="Địa chỉ"><Withheld /></Descriptions.Item> : null}
            </Descriptions>
          </Card>
          <CandidateLinks header={header} />
          <Card title="Lịch sử thay đổi" className="history-card">
            {readsAudit ? (
              audit.error ? <ErrorNotice error={audit.error} onRetry={audit.reload} what="lịch sử thay đổi" /> : (
                <>
                  {(auditItems.length > 0 || loadedSteps.length === 0 || (audit.loading && !audit.data)) && (
                    <List
                      size="small"
                      loading={audit.loading && !audit.data}
                      dataSource={auditItems}
                      locale={{ emptyText: 'Chưa có thay đổi nào' }}
                      renderItem={(a) => {
                        const detail = auditDetail(a);
                        return (
                          <List.Item className="history-item" data-action={a.action}>
                            <div>
                              <div><strong>{auditTitle(a, reference.actionLabel)}</strong></div>
                              {detail ? <div className="history-detail">{detail}</div> : null}
                              <Typography.Text type="secondary">{auditActor(a.actor)} · {formatInstant(a.at)}</Typography.Text>
                            </div>
                          </List.Item>
                        );
                      }}
                    />
                  )}
                  {audit.data && loadedSteps.length > 0 && <LoadedSteps steps={loadedSteps} label={reference.actionLabel} changed={auditItems.length > 0} />}
                </>
              )
            ) : (
              <List
                size="small"
                dataSource={[...events].reverse()}
                locale={{ emptyText: 'Chưa có bước nào được ghi nhận' }}
                renderItem={(e) => (
                  <List.Item className="history-item">
                    <div>
                      <div><strong>{formatDate(e.date)}</strong> — {reference.actionLabel(e.action)}</div>
                      <Typography.Text type="secondary">{!e.actor || e.actor === 'system' ? 'Nạp từ dữ liệu ban đầu' : `Ghi bởi ${e.actor}${e.recorded_at ? ` lúc ${formatInstant(e.recorded_at)}` : ''}`}</Typography.Text>
                    </div>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
      <StepForm
        view={view.data}
        allowed={recordable}
        initialAction={initialAction}
        open={formOpen}
        onClose={() => setFormOpen(false)}
        onStale={view.reload}
        onRecorded={() => {
          setFormOpen(false);
          message.success('Đã ghi nhận bước mới');
          view.reload();
        }}
      />
    </div>
  );
}

// The recorded steps no entry of the change history recorded, matched by action and date (an
// entry's `after` is {case, event}); the same step twice needs two entries.
export function unauditedSteps(events: CaseEvent[], entries: AuditPage['items']): CaseEvent[] {
  const recorded = new Map<string, number>();
  for (const entry of entries) {
    const event = auditEvent(entry);
    if (!event) continue;
    const key = `${String(event.action)}|${String(event.date)}`;
    recorded.set(key, (recorded.get(key) ?? 0) + 1);
  }
  return events.filter((e) => {
    const key = `${e.action}|${e.date}`;
    const left = recorded.get(key) ?? 0;
    if (left === 0) return true;
    recorded.set(key, left - 1);
    return false;
  });
}

// The steps that came with the initial data, newest first, under a plain sentence saying so.
function LoadedSteps({ steps, label, changed }: { steps: CaseEvent[]; label: (code: string) => string; changed: boolean }) {
  return (
    <div className="history-loaded">
      <Typography.Paragraph type="secondary" className="history-loaded-note">
        {changed
          ? 'Các bước trước đó được nạp từ dữ liệu ban đầu:'
          : 'Hồ sơ được nạp từ dữ liệu ban đầu, chưa có thay đổi nào trên hệ thống. Các bước đã nạp:'}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={[...steps].reverse()}
        renderItem={(e) => (
          <List.Item className="history-item history-loaded-item" data-loaded-action={e.action}>
            <div><strong>{formatDate(e.date)}</strong> — {label(e.action)}</div>
          </List.Item>
        )}
      />
    </div>
  );
}
