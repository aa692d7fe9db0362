import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Popconfirm, Radio, Row, Space, Table, Tabs, Tag, Typography, Upload, message } from 'antd';
import { api, ApiError, fieldOf } from '../api/client';
import type {
  ClassMaterial, LearnerResult, OnlineResults, OnlineRules, OnlineSetup, QuestionResult, QuizQuestion, QuizQuestionInput,
  TrainingClass,
} from '../api/types';
import { formatDate, formatInstant } from '../lib/format';
import {
  kDefaultOnlineRules, kMaterialAccept, kMaxOptions, kMinOptions, materialFileProblem, optionLetter, titleFromFileName,
} from '../lib/onlineClass';
import { kEnrolmentStates } from '../lib/planning';
import { formatBytes } from '../lib/scan';
import { useApi } from '../lib/useApi';
import { ApiErrorText, ErrorNotice } from './ErrorNotice';
import '../styles/class-online.css';

// The online part of a class («Học trực tuyến»), for the Political Centre on the class page: the
// rules (share of the documents to study, questions per attempt, pass mark, attempts), the
// self-study documents in order, the question bank, and the results per learner and per
// question. Saving the rules makes the class a blended one (`onBlended` reloads the page's
// class). The server answers 403/404 to anyone else: the section is then left out.
export function ClassOnline({ c, onBlended }: { c: TrainingClass; onBlended: () => void }) {
  const loaded = useApi((signal) => api.get<OnlineSetup>(`/classes/${c.id}/online`, { signal }), [c.id]);
  // The changes answered by the server are applied here, without asking for the whole again.
  const [setup, setSetup] = useState<OnlineSetup | null>(null);
  const [tab, setTab] = useState('rules');
  useEffect(() => {
    if (loaded.data) setSetup(loaded.data);
  }, [loaded.data]);
  const failure = loaded.error instanceof ApiError ? loaded.error : null;
  if (failure && (failure.status === 403 || failure.status === 404 || failure.status === 401)) return null;
  const title = <span id="hoc-truc-tuyen">Học trực tuyến</span>;
  if (!setup) {
    return (
      <Card title={title} className="online-card">
        {loaded.error ? <ErrorNotice error={loaded.error} onRetry={loaded.reload} what="phần học trực tuyến" />
          : <p className="loading" role="status">Đang tải…</p>}
      </Card>
    );
  }
  const update = (change: (s: OnlineSetup) => OnlineSetup) => setSetup((s) => (s ? change(s) : s));
  const activeQuestions = setup.questions.filter((q) => q.active).length;
  return (
    <Card title={title} className="online-card" aria-labelledby="hoc-truc-tuyen"
      extra={setup.rules ? null : <Tag>Chưa có phần trực tuyến</Tag>}>
      <Tabs activeKey={tab} onChange={setTab} className="online-tabs" items={[
        {
          key: 'rules', label: 'Quy định',
          children: <RulesForm classId={c.id} rules={setup.rules} activeQuestions={activeQuestions}
            onSaved={(rules) => {
              update((s) => ({ ...s, rules }));
              if (!c.blended) onBlended();
            }} />,
        },
        {
          key: 'materials', label: `Tài liệu tự học (${setup.materials.length})`,
          children: <MaterialsPane classId={c.id} materials={setup.materials} onChange={(materials) => update((s) => ({ ...s, materials }))} />,
        },
        {
          key: 'questions', label: `Ngân hàng câu hỏi (${activeQuestions})`,
          children: <QuestionBank classId={c.id} questions={setup.questions}
            onChange={(question) => update((s) => ({
              ...s,
              questions: s.questions.some((q) => q.id === question.id)
                ? s.questions.map((q) => (q.id === question.id ? question : q))
                : [...s.questions, question],
            }))} />,
        },
        // Asked for each time the tab is opened: learners keep studying meanwhile.
        { key: 'results', label: 'Kết quả', children: tab === 'results' ? <ResultsPane classId={c.id} /> : null },
      ]} />
    </Card>
  );
}

function RefusalAlert({ error, onClose }: { error: ApiError; onClose: () => void }) {
  return (
    <Alert type="error" showIcon role="alert" closable onClose={onClose} className="online-problem"
      title={error.status === 409 ? 'Không thực hiện được' : 'Máy chủ không chấp nhận thao tác'}
      description={<ApiErrorText error={error} />} />
  );
}

const kRuleFields: { name: keyof OnlineRules; label: string; min: number; max: number; extra?: string }[] = [
  { name: 'self_study_percent', label: 'Tỷ lệ tài liệu tự học phải hoàn thành (%)', min: 0, max: 100,
    extra: 'Tính trên số tài liệu tự học của lớp.' },
  { name: 'quiz_questions', label: 'Số câu hỏi mỗi lần làm bài', min: 0, max: 100,
    extra: 'Mỗi lần làm bài, câu hỏi được chọn ngẫu nhiên từ ngân hàng. Nhập 0 nếu lớp không có bài kiểm tra.' },
  { name: 'quiz_pass_percent', label: 'Điểm đạt (%)', min: 0, max: 100, extra: 'Tỷ lệ câu trả lời đúng để đạt.' },
  { name: 'quiz_max_attempts', label: 'Số lần làm bài tối đa', min: 1, max: 20 },
];

function RulesForm({ classId, rules, activeQuestions, onSaved }: {
  classId: number; rules: OnlineRules | null; activeQuestions: number; onSaved: (rules: OnlineRules) => void;
}) {
  const [form] = Form.useForm<OnlineRules>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const drawn = Form.useWatch('quiz_questions', form);
  const save = async (values: OnlineRules) => {
    setSaving(true);
    setError(null);
    try {
      const body: OnlineRules = {
        self_study_percent: values.self_study_percent,
        quiz_questions: values.quiz_questions,
        quiz_pass_percent: values.quiz_pass_percent,
        quiz_max_attempts: values.quiz_max_attempts,
      };
      const r = await api.put<{ rules: OnlineRules }>(`/classes/${classId}/online`, body);
      message.success('Đã lưu quy định học trực tuyến');
      onSaved(r.rules);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const field = fieldOf(e)?.[0];
      if (field && kRuleFields.some((f) => f.name === field)) form.setFields([{ name: field as keyof OnlineRules, errors: [e.message] }]);
      else setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form form={form} name="online-rules" layout="vertical" onFinish={save} initialValues={rules ?? kDefaultOnlineRules}
      className="online-rules">
      {!rules && (
        <Alert type="info" showIcon className="online-note"
          title="Lớp chưa có phần học trực tuyến"
          description="Khi lưu quy định, lớp trở thành lớp kết hợp trực tuyến: học viên học tài liệu và làm bài kiểm tra qua đường dẫn theo dõi của mình." />
      )}
      <Row gutter={16}>
        {kRuleFields.map((f) => (
          <Col xs={24} md={12} key={f.name}>
            <Form.Item label={f.label} name={f.name} extra={f.extra}
              rules={[{ required: true, message: 'Cần nhập một số' },
                { type: 'number', min: f.min, max: f.max, message: `Nhập một số từ ${f.min} đến ${f.max}` }]}>
              <InputNumber min={f.min} max={f.max} precision={0} style={{ width: '100%' }} size="large" />
            </Form.Item>
          </Col>
        ))}
      </Row>
      {typeof drawn === 'number' && drawn > activeQuestions && (
        <Alert type="warning" showIcon className="online-note"
          title={`Ngân hàng hiện có ${activeQuestions} câu hỏi đang dùng, ít hơn số câu mỗi lần làm bài (${drawn}).`} />
      )}
      {error && <RefusalAlert error={error} onClose={() => setError(null)} />}
      <Button type="primary" htmlType="submit" size="large" loading={saving}>Lưu quy định</Button>
    </Form>
  );
}

// The documents in the learners' order: each opens in a new tab, moves up or down, or is taken
// off the list; a new one goes at the end.
function MaterialsPane({ classId, materials, onChange }: {
  classId: number; materials: ClassMaterial[]; onChange: (materials: ClassMaterial[]) => void;
}) {
  const sorted = [...materials].sort((a, b) => a.position - b.position);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const base = `/classes/${classId}/materials`;
  const run = async (key: string, change: () => Promise<{ materials: ClassMaterial[] }>) => {
    setBusy(key);
    setProblem(null);
    try {
      onChange((await change()).materials);
    } catch (e) {
      if (e instanceof ApiError) setProblem(e); else throw e;
    } finally {
      setBusy(null);
    }
  };
  // Positions are the places in the list, from 1.
  const move = (m: ClassMaterial, position: number) =>
    run(`move-${m.id}`, () => api.post(`${base}/${m.id}/move`, { position }));
  const remove = (m: ClassMaterial) => run(`remove-${m.id}`, () => api.post(`${base}/${m.id}/remove`));
  return (
    <div className="online-materials">
      {problem && <RefusalAlert error={problem} onClose={() => setProblem(null)} />}
      {sorted.length === 0 ? <p className="muted">Lớp chưa có tài liệu tự học.</p> : (
        <ol className="material-list">
          {sorted.map((m, i) => (
            <li key={m.id} className="material-item" data-material={m.id}>
              <span className="material-rank">{i + 1}.</span>
              <div className="material-body">
                {/* The server sends the Centre's copy as a download. */}
                <a href={`/api/v1${base}/${m.id}`} download={m.file_name} className="material-title">{m.title}</a>
                <Typography.Text type="secondary" className="material-meta">
                  {m.file_name} · {formatBytes(m.size_bytes)} · {m.uploaded_by}, {formatInstant(m.uploaded_at)}
                </Typography.Text>
              </div>
              <Space className="material-actions no-print" wrap>
                <Button disabled={i === 0 || busy !== null} loading={busy === `move-${m.id}`}
                  aria-label={`Đưa «${m.title}» lên trên`} onClick={() => move(m, i)}>↑ Lên</Button>
                <Button disabled={i === sorted.length - 1 || busy !== null}
                  aria-label={`Đưa «${m.title}» xuống dưới`} onClick={() => move(m, i + 2)}>↓ Xuống</Button>
                <Popconfirm title="Gỡ tài liệu này khỏi lớp?" description="Phần học viên đã học tài liệu này sẽ không còn được tính."
                  okText="Gỡ tài liệu" cancelText="Không" onConfirm={() => remove(m)}>
                  <Button danger disabled={busy !== null} loading={busy === `remove-${m.id}`} aria-label={`Gỡ «${m.title}»`}>Gỡ</Button>
                </Popconfirm>
              </Space>
            </li>
          ))}
        </ol>
      )}
      <MaterialUpload classId={classId} onAdded={(m) => onChange([...materials, m])} />
    </div>
  );
}

function MaterialUpload({ classId, onAdded }: { classId: number; onAdded: (m: ClassMaterial) => void }) {
  const [form] = Form.useForm<{ title: string }>();
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);
  const choose = (chosen: File) => {
    setError(null);
    const refused = materialFileProblem(chosen);
    setFileProblem(refused);
    setFile(refused ? null : chosen);
    if (!refused && !form.getFieldValue('title')?.trim()) form.setFieldValue('title', titleFromFileName(chosen.name));
  };
  const send = async ({ title }: { title: string }) => {
    if (!file) {
      setFileProblem('Hãy chọn tệp tài liệu.');
      return;
    }
    setSending(true);
    setError(null);
    setFileProblem(null);
    try {
      const r = await api.upload<{ material: ClassMaterial }>(`/classes/${classId}/materials`, file, {
        query: { title: title.trim(), name: file.name },
      });
      onAdded(r.material);
      message.success('Đã thêm tài liệu');
      form.resetFields();
      setFile(null);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const field = fieldOf(e)?.[0];
      if (field === 'title') form.setFields([{ name: 'title', errors: [e.message] }]);
      // The file itself refused: empty, too large, not a PDF, JPEG or PNG by its content.
      else if (field === 'file' || e.status === 413) setFileProblem(e.message);
      else setError(e);
    } finally {
      setSending(false);
    }
  };
  return (
    <Form form={form} name="online-material" layout="vertical" onFinish={send} className="material-upload no-print">
      <Typography.Title level={3} className="online-subtitle">Thêm tài liệu</Typography.Title>
      <Form.Item label="Tên tài liệu" name="title" rules={[{ required: true, whitespace: true, message: 'Cần nhập tên tài liệu' }]}>
        <Input placeholder="ví dụ: Bài 1: Chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh" />
      </Form.Item>
      <Form.Item label="Tệp tài liệu (PDF, JPEG hoặc PNG)" validateStatus={fileProblem ? 'error' : undefined} help={fileProblem ?? undefined}>
        <Space wrap>
          <Upload accept={kMaterialAccept} showUploadList={false} disabled={sending}
            beforeUpload={(chosen) => { choose(chosen); return false; }}>
            <Button>Chọn tệp</Button>
          </Upload>
          <span className="material-file" data-testid="material-file">{file ? `${file.name} (${formatBytes(file.size)})` : 'Chưa chọn tệp'}</span>
        </Space>
      </Form.Item>
      {error && <RefusalAlert error={error} onClose={() => setError(null)} />}
      <Button type="primary" htmlType="submit" loading={sending} disabled={!file}>Tải lên</Button>
    </Form>
  );
}

interface QuestionDraft {
  text: string;
  options: string[];
  correct_option?: number;
}

// The bank: a form for a new question (2 to 6 options, the right one marked by its radio
// button), then every question with its right option; a question taken out stays listed, greyed,
// for the attempts that drew it.
function QuestionBank({ classId, questions, onChange }: {
  classId: number; questions: QuizQuestion[]; onChange: (question: QuizQuestion) => void;
}) {
  const [busy, setBusy] = useState<number | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const sorted = [...questions].sort((a, b) => a.position - b.position);
  const remove = async (q: QuizQuestion) => {
    setBusy(q.id);
    setProblem(null);
    try {
      onChange((await api.post<{ question: QuizQuestion }>(`/classes/${classId}/questions/${q.id}/remove`)).question);
    } catch (e) {
      if (e instanceof ApiError) setProblem(e); else throw e;
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="online-questions">
      <QuestionForm classId={classId} onAdded={onChange} />
      <Typography.Title level={3} className="online-subtitle">
        Các câu hỏi ({questions.filter((q) => q.active).length} câu đang dùng)
      </Typography.Title>
      {problem && <RefusalAlert error={problem} onClose={() => setProblem(null)} />}
      {sorted.length === 0 ? <p className="muted">Ngân hàng chưa có câu hỏi nào.</p> : (
        <ol className="question-list">
          {sorted.map((q) => (
            <li key={q.id} className={q.active ? 'question-item' : 'question-item question-inactive'} data-question={q.id}>
              <div className="question-head">
                <span className="question-text"><strong>Câu {q.position}.</strong> {q.text}</span>
                {!q.active && <Tag className="question-removed">Đã loại khỏi ngân hàng</Tag>}
              </div>
              <ul className="question-options">
                {q.options.map((o, i) => (
                  <li key={i} className={i + 1 === q.correct_option ? 'question-correct' : undefined}>
                    {optionLetter(i)}. {o}{i + 1 === q.correct_option && <span className="question-correct-mark"> ✓ đáp án đúng</span>}
                  </li>
                ))}
              </ul>
              {q.active && (
                <Popconfirm title="Loại câu hỏi này khỏi ngân hàng?" description="Các bài đã làm vẫn giữ câu hỏi này."
                  okText="Loại khỏi ngân hàng" cancelText="Không" onConfirm={() => remove(q)}>
                  <Button size="small" className="no-print" loading={busy === q.id}
                    aria-label={`Loại câu ${q.position} khỏi ngân hàng`}>Loại khỏi ngân hàng</Button>
                </Popconfirm>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function QuestionForm({ classId, onAdded }: { classId: number; onAdded: (question: QuizQuestion) => void }) {
  const [form] = Form.useForm<QuestionDraft>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const add = async (values: QuestionDraft) => {
    setSaving(true);
    setError(null);
    try {
      const body: QuizQuestionInput = {
        text: values.text.trim(),
        options: values.options.map((o) => o.trim()),
        correct_option: values.correct_option ?? 0,
      };
      const r = await api.post<{ question: QuizQuestion }>(`/classes/${classId}/questions`, body);
      onAdded(r.question);
      message.success('Đã thêm câu hỏi vào ngân hàng');
      form.resetFields();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const field = fieldOf(e)?.[0];
      if (field === 'text') form.setFields([{ name: 'text', errors: [e.message] }]);
      else if (field === 'options' || field === 'correct_option') form.setFields([{ name: 'correct_option', errors: [e.message] }]);
      else setError(e);
    } finally {
      setSaving(false);
    }
  };
  // Taking an option out keeps the right answer on the same option.
  const removeOption = (remove: (index: number) => void, index: number) => {
    remove(index);
    const right = form.getFieldValue('correct_option') as number | undefined;
    if (right === index + 1) form.setFieldValue('correct_option', undefined);
    else if (right !== undefined && right > index + 1) form.setFieldValue('correct_option', right - 1);
  };
  return (
    <Form form={form} name="new-question" layout="vertical" onFinish={add} className="question-form no-print"
      initialValues={{ options: ['', '', '', ''] }}>
      <Typography.Title level={3} className="online-subtitle">Thêm câu hỏi</Typography.Title>
      <Form.Item label="Nội dung câu hỏi" name="text" rules={[{ required: true, whitespace: true, message: 'Cần nhập nội dung câu hỏi' }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Form.Item label="Các phương án trả lời — bấm nút tròn ở phương án đúng" name="correct_option"
        rules={[{ required: true, message: 'Chọn phương án đúng bằng nút tròn bên trái phương án' }]}>
        <Radio.Group className="question-option-rows">
          <Form.List name="options">
            {(fields, { add: addOption, remove }) => (
              <>
                {fields.map((field, i) => (
                  <div key={field.key} className="question-option-row">
                    <Radio value={i + 1} aria-label={`Phương án ${optionLetter(i)} là đáp án đúng`} />
                    <span className="question-option-letter" aria-hidden="true">{optionLetter(i)}.</span>
                    <Form.Item name={field.name} className="question-option-input"
                      rules={[{ required: true, whitespace: true, message: 'Cần nhập nội dung phương án' }]}>
                      <Input aria-label={`Phương án ${optionLetter(i)}`} />
                    </Form.Item>
                    {fields.length > kMinOptions && (
                      <Button type="text" aria-label={`Bỏ phương án ${optionLetter(i)}`} onClick={() => removeOption(remove, field.name)}>✕</Button>
                    )}
                  </div>
                ))}
                {fields.length < kMaxOptions && (
                  <Button type="dashed" onClick={() => addOption('')} className="question-add-option">+ Thêm phương án</Button>
                )}
              </>
            )}
          </Form.List>
        </Radio.Group>
      </Form.Item>
      {error && <RefusalAlert error={error} onClose={() => setError(null)} />}
      <Button type="primary" htmlType="submit" loading={saving}>Thêm câu hỏi</Button>
    </Form>
  );
}

// Per learner whether each rule of the class is met, and per question how often it was failed
// (most failed first, as the server sorts them).
function ResultsPane({ classId }: { classId: number }) {
  const results = useApi((signal) => api.get<OnlineResults>(`/classes/${classId}/online/results`, { signal }), [classId]);
  if (results.error) return <ErrorNotice error={results.error} onRetry={results.reload} what="kết quả học trực tuyến" />;
  if (!results.data) return <p className="loading" role="status">Đang tải kết quả…</p>;
  const { rules, learners, questions } = results.data;
  const quiz = rules !== null && rules.quiz_questions > 0;
  const ready = learners.filter((l) => l.certifiable).length;
  const met = (ok: boolean, text: string) => <Tag color={ok ? 'green' : 'orange'} className="online-met">{text}{ok ? ' ✓' : ''}</Tag>;
  return (
    <div className="online-results">
      {rules === null && <Alert type="info" showIcon className="online-note" title="Lớp chưa có quy định học trực tuyến." />}
      <Typography.Title level={3} className="online-subtitle" id="ket-qua-hoc-vien">Kết quả học viên</Typography.Title>
      <p className="online-summary">Đủ điều kiện cấp giấy chứng nhận: <strong>{ready}/{learners.length}</strong> học viên.</p>
      <Table<LearnerResult>
        className="online-learners-table"
        aria-labelledby="ket-qua-hoc-vien"
        rowKey="enrolment_id"
        dataSource={learners}
        pagination={false}
        size="middle"
        scroll={{ x: 900 }}
        locale={{ emptyText: 'Lớp chưa có học viên' }}
        columns={[
          { title: 'Học viên', dataIndex: 'person_name', width: 200,
            render: (n: string, l) => <>{n}{l.state !== 'enrolled' && <Typography.Text type="secondary"> ({kEnrolmentStates[l.state]})</Typography.Text>}</> },
          { title: 'Đơn vị', dataIndex: 'nominating_org_name', width: 180 },
          { title: 'Buổi học', key: 'sessions', width: 110, render: (_, l) => met(l.sessions_met, `${l.sessions_attended}/${l.session_count}`) },
          { title: 'Tự học', key: 'self_study', width: 110, render: (_, l) => met(l.self_study_met, `${l.materials_done}/${l.materials_total}`) },
          { title: 'Bài kiểm tra (lần/điểm cao nhất)', key: 'quiz', width: 220,
            render: (_, l) => !quiz ? <Typography.Text type="secondary">Không có bài kiểm tra</Typography.Text>
              : l.attempts_used === 0 ? 'Chưa làm bài'
                : <>{`${l.attempts_used}/${rules.quiz_max_attempts} lần · ${l.best_percent ?? 0}%`}{l.quiz_passed && <> <Tag color="green">Đạt</Tag></>}</> },
          { title: 'Đủ điều kiện cấp giấy chứng nhận', key: 'certifiable', width: 200,
            render: (_, l) => <>
              <Tag color={l.certifiable ? 'green' : 'default'} className="online-certifiable">{l.certifiable ? 'Có' : 'Chưa'}</Tag>
              {l.certificate_date && <Typography.Text type="secondary">đã cấp ngày {formatDate(l.certificate_date)}</Typography.Text>}
            </> },
        ]}
      />
      <Typography.Title level={3} className="online-subtitle" id="thong-ke-cau-hoi">Thống kê theo câu hỏi</Typography.Title>
      <p className="muted">Câu bị trả lời sai nhiều nhất ở trên cùng.</p>
      <Table<QuestionResult>
        className="online-questions-table"
        aria-labelledby="thong-ke-cau-hoi"
        rowKey="question_id"
        dataSource={questions}
        pagination={false}
        size="middle"
        scroll={{ x: 700 }}
        locale={{ emptyText: 'Chưa có câu hỏi nào' }}
        columns={[
          { title: 'Câu hỏi', dataIndex: 'text',
            render: (t: string, q) => <span className={q.active ? undefined : 'question-inactive'}>
              <strong>Câu {q.position}.</strong> {t}{!q.active && <Tag className="question-removed">Đã loại khỏi ngân hàng</Tag>}
            </span> },
          { title: 'Số lần ra đề', dataIndex: 'drawn', width: 110, align: 'right' },
          { title: 'Trả lời đúng', dataIndex: 'correct', width: 110, align: 'right' },
          { title: 'Trả lời sai', dataIndex: 'failed', width: 110, align: 'right' },
          { title: 'Tỷ lệ sai (%)', dataIndex: 'fail_percent', width: 110, align: 'right',
            render: (p: number | null) => (p === null ? '—' : p) },
        ]}
      />
    </div>
  );
}
