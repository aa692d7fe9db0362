import { useRef, useState } from 'react';
import { Button, Modal, Radio } from 'antd';
import { api, ApiError } from '../api/client';
import type { Learning, LearningClass, LearningMaterial, QuizPaper, QuizResult } from '../api/types';
import { formatDate } from '../lib/format';
import { optionLetter } from '../lib/onlineClass';
import { useApi } from '../lib/useApi';

// «Học trực tuyến» on the page of a personal link (pages/CandidatePathPage.tsx): for each class
// partly online, its documents in order (each opened in a new tab and marked as studied) and its
// final quiz, taken here. Nothing is shown when the person has no such class, nor when the
// server cannot say: the rest of the page stands on its own. Every request goes without a
// session, like the page's own.
export function CandidateLearning({ token }: { token: string }) {
  const base = `/candidate-view/${encodeURIComponent(token)}`;
  const learning = useApi((signal) => api.get<Learning>(`${base}/learning`, { signal, quietUnauthorised: true }), [base]);
  // After a change the list is asked for again; until it answers (or if that fails), what was
  // shown stays.
  const classes = learning.data?.classes ?? [];
  if (classes.length === 0) return null;
  return (
    <section className="candidate-section candidate-learning" aria-labelledby="hoc-truc-tuyen">
      <h2 id="hoc-truc-tuyen">Học trực tuyến</h2>
      <ul className="learning-classes">
        {classes.map((c) => <LearningCard key={c.class_id} base={base} lesson={c} onChanged={learning.reload} />)}
      </ul>
    </section>
  );
}

const kOptions = { quietUnauthorised: true };

function problemText(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Đã có lỗi xảy ra. Vui lòng thử lại.';
}

function LearningCard({ base, lesson: c, onChanged }: { base: string; lesson: LearningClass; onChanged: () => void }) {
  // Documents marked here, shown as studied before the list is read again.
  const [markedHere, setMarkedHere] = useState<ReadonlySet<number>>(new Set());
  const [marking, setMarking] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const studied = (m: LearningMaterial) => m.done || markedHere.has(m.id);
  const done = c.materials_done + c.materials.filter((m) => !m.done && markedHere.has(m.id)).length;
  const markDone = async (m: LearningMaterial) => {
    setMarking(m.id);
    setProblem(null);
    try {
      await api.post(`${base}/materials/${m.id}/done`, undefined, kOptions);
      setMarkedHere((s) => new Set(s).add(m.id));
      onChanged();
    } catch (e) {
      setProblem(problemText(e));
    } finally {
      setMarking(null);
    }
  };
  const headingId = `lop-truc-tuyen-${c.class_id}`;
  return (
    <li className="learning-class" aria-labelledby={headingId}>
      <h3 id={headingId} className="learning-class-name">{c.name}</h3>
      <p className="muted learning-dates">
        {c.starts_on === c.ends_on ? `Ngày ${formatDate(c.starts_on)}` : `Từ ${formatDate(c.starts_on)} đến ${formatDate(c.ends_on)}`}
      </p>
      {c.certified && <p className="learning-certified">Anh/chị đã được cấp giấy chứng nhận của lớp này.</p>}

      {c.materials.length > 0 && (
        <div className="learning-block">
          <h4>Tài liệu tự học</h4>
          <p className="learning-progress" data-testid="learning-progress">
            Đã học {done}/{c.materials.length} tài liệu (cần {c.self_study_percent}%)
            {c.self_study_met && <span className="learning-met"> — đã đủ</span>}
          </p>
          <ol className="learning-materials">
            {c.materials.map((m) => (
              <li key={m.id} className={studied(m) ? 'learning-material learning-material-done' : 'learning-material'} data-material={m.id}>
                <span className="learning-material-title">{m.title}</span>
                <span className="learning-material-actions">
                  <a href={`/api/v1${base}/materials/${m.id}`} target="_blank" rel="noopener" className="learning-open"
                    aria-label={`Mở tài liệu: ${m.title}`}>Mở tài liệu</a>
                  {studied(m) ? <span className="learning-done">Đã học ✓</span>
                    : !c.certified && (
                      <Button size="large" loading={marking === m.id} disabled={marking !== null}
                        aria-label={`Đã học xong: ${m.title}`} onClick={() => markDone(m)}>Đã học xong</Button>
                    )}
                </span>
              </li>
            ))}
          </ol>
          {problem && <p className="learning-problem" role="alert">{problem}</p>}
        </div>
      )}

      {c.quiz && !c.certified && <QuizBlock base={base} lesson={c} onChanged={onChanged} />}
    </li>
  );
}

// The final quiz: what it asks and how far the person is, then one paper at a time. The right
// options never come to this page: a submitted paper shows only which answers were right.
function QuizBlock({ base, lesson: c, onChanged }: { base: string; lesson: LearningClass; onChanged: () => void }) {
  const quiz = c.quiz!;
  const [paper, setPaper] = useState<QuizPaper | null>(null);
  const [answers, setAnswers] = useState<(number | null)[]>([]);
  const [result, setResult] = useState<QuizResult | null>(null);
  const [busy, setBusy] = useState<'start' | 'submit' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);

  const start = async () => {
    setBusy('start');
    setProblem(null);
    try {
      const r = await api.post<{ attempt: QuizPaper }>(`${base}/classes/${c.class_id}/attempts`, undefined, kOptions);
      setPaper(r.attempt);
      setAnswers(r.attempt.questions.map(() => null));
      setResult(null);
    } catch (e) {
      setProblem(problemText(e));
    } finally {
      setBusy(null);
    }
  };
  const submit = async () => {
    if (!paper) return;
    setConfirming(false);
    setBusy('submit');
    setProblem(null);
    try {
      const r = await api.post<{ result: QuizResult }>(`${base}/attempts/${paper.id}/submit`, { answers }, kOptions);
      setResult(r.result);
      onChanged();
      window.setTimeout(() => resultRef.current?.scrollIntoView?.({ behavior: 'smooth', block: 'center' }), 0);
    } catch (e) {
      setProblem(problemText(e));
    } finally {
      setBusy(null);
    }
  };
  const unanswered = answers.filter((a) => a === null).length;
  const askSubmit = () => (unanswered > 0 ? setConfirming(true) : void submit());
  const close = () => {
    setPaper(null);
    setResult(null);
  };

  // While the list is read again after a submission, it may still name that paper as open.
  const openId = quiz.open_attempt_id !== null && quiz.open_attempt_id !== paper?.id ? quiz.open_attempt_id : null;
  const taking = paper !== null && result === null;
  const mayStart = !quiz.passed && !taking && (openId !== null || (result ? result.attempts_left > 0 : quiz.attempts_used < quiz.max_attempts));
  return (
    <div className="learning-block learning-quiz">
      <h4>Bài kiểm tra cuối khóa</h4>
      <p className="learning-quiz-summary" data-testid="quiz-summary">
        Bài kiểm tra cuối khóa: {quiz.questions} câu, đạt từ {quiz.pass_percent}%, đã làm {quiz.attempts_used}/{quiz.max_attempts} lần
        {quiz.best_percent !== null ? `, điểm cao nhất ${quiz.best_percent}%` : ''}
      </p>
      {quiz.passed && !result && <p className="learning-met">Anh/chị đã đạt bài kiểm tra.</p>}
      {!quiz.passed && !taking && !mayStart && !result && (
        <p className="muted">Anh/chị đã làm hết số lần cho phép. Vui lòng liên hệ Trung tâm Chính trị để được hướng dẫn.</p>
      )}
      {mayStart && (
        <Button type="primary" size="large" loading={busy === 'start'} onClick={start} className="learning-start">
          {openId !== null ? 'Tiếp tục làm bài' : 'Làm bài'}
        </Button>
      )}

      {paper && (
        <div className="quiz-paper">
          <p className="quiz-paper-head">
            <strong>Lần làm bài thứ {paper.attempt_no}/{paper.max_attempts}.</strong> Chọn một phương án cho mỗi câu; cần đúng từ {paper.pass_percent}% số câu để đạt.
          </p>
          <ol className="quiz-questions">
            {paper.questions.map((q, i) => {
              const mark = result?.items.find((item) => item.position === q.position);
              const textId = `bai-${paper.id}-cau-${q.position}`;
              return (
                <li key={q.position} className={mark ? (mark.correct ? 'quiz-question quiz-right' : 'quiz-question quiz-wrong') : 'quiz-question'}
                  data-position={q.position}>
                  <p id={textId} className="quiz-question-text"><strong>Câu {q.position}.</strong> {q.text}</p>
                  <Radio.Group aria-labelledby={textId} vertical className="quiz-options" value={answers[i]}
                    disabled={result !== null || busy === 'submit'}
                    onChange={(e) => setAnswers((a) => a.map((x, k) => (k === i ? (e.target.value as number) : x)))}>
                    {q.options.map((o, k) => (
                      <Radio key={k} value={k + 1} className="quiz-option">{optionLetter(k)}. {o}</Radio>
                    ))}
                  </Radio.Group>
                  {mark && <p className="quiz-mark">{mark.correct ? '✓ Trả lời đúng' : '✗ Trả lời sai'}</p>}
                </li>
              );
            })}
          </ol>
          {!result && (
            <Button type="primary" size="large" loading={busy === 'submit'} onClick={askSubmit} className="quiz-submit">Nộp bài</Button>
          )}
          {result && (
            <div ref={resultRef} className={result.passed ? 'quiz-result quiz-passed' : 'quiz-result quiz-failed'} role="status">
              <p className="quiz-verdict">{result.passed ? 'Đạt' : 'Chưa đạt'}</p>
              <p className="quiz-score">Trả lời đúng {result.correct}/{result.total} câu ({result.percent}%).</p>
              {result.passed ? <p>Kết quả đã được ghi nhận.</p>
                : result.attempts_left > 0 ? <p>Anh/chị còn {result.attempts_left} lần làm bài.</p>
                  : <p>Anh/chị đã làm hết số lần cho phép. Vui lòng liên hệ Trung tâm Chính trị để được hướng dẫn.</p>}
              <Button size="large" onClick={close}>Đóng bài làm</Button>
            </div>
          )}
        </div>
      )}
      {problem && <p className="learning-problem" role="alert">{problem}</p>}
      <Modal open={confirming} title={`Còn ${unanswered} câu chưa trả lời`} onCancel={() => setConfirming(false)} onOk={() => void submit()}
        okText="Vẫn nộp bài" cancelText="Làm tiếp" okButtonProps={{ size: 'large' }} cancelButtonProps={{ size: 'large' }}>
        <p>Câu chưa trả lời được tính là trả lời sai. Anh/chị muốn nộp bài ngay hay làm tiếp?</p>
      </Modal>
    </div>
  );
}
