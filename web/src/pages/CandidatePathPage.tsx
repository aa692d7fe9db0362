import { useParams } from 'react-router';
import { Button, Result, Tag, Timeline } from 'antd';
import { api, ApiError, isMissingRoute } from '../api/client';
import type { CandidateClass, CandidateView } from '../api/types';
import { formatDate } from '../lib/format';
import { useApi } from '../lib/useApi';
import { CandidateLearning } from '../components/CandidateLearning';
import '../styles/candidate-path.css';

// The page of a personal link (/hanh-trinh/TOKEN), for the person being developed, without an
// account: public like the certificate check, outside the session (App.tsx), and asking the
// server only under /candidate-view/{token}. It says, in plain words, where they are, the steps
// done, the next one and its date, what to bring, and their classes; for a class partly online,
// the documents to study and the final quiz (components/CandidateLearning.tsx, asked for once the
// path has loaded). An unknown, revoked or expired link gets the server's one answer (404); too
// many views from one address, a 429.
export default function CandidatePathPage() {
  const { token = '' } = useParams();
  const view = useApi(
    (signal) => api.get<CandidateView>(`/candidate-view/${encodeURIComponent(token)}`, { signal, quietUnauthorised: true }),
    [token],
  );
  return (
    <div className="public-page candidate-page">
      <main id="noi-dung" className="public-main candidate-main">
        {view.error ? <Closed error={view.error} onRetry={view.reload} />
          : !view.data ? <p className="loading" role="status">Đang tải thông tin…</p>
            : <CandidatePath view={view.data} token={token} />}
      </main>
    </div>
  );
}

const kClosedText = 'Đường dẫn này không còn hiệu lực. Vui lòng liên hệ chi bộ hoặc đảng ủy nơi anh/chị sinh hoạt để được cấp đường dẫn mới.';

// Minutes to wait, rounded up, from the seconds of Retry-After.
export function waitText(seconds: number | undefined): string {
  if (!seconds) return 'ít phút';
  return seconds < 60 ? 'khoảng một phút' : `khoảng ${Math.ceil(seconds / 60)} phút`;
}

function Closed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const failure = error instanceof ApiError ? error : null;
  if (failure?.status === 404) {
    // The server's own words, unless the answer was not its (a server without these pages).
    const text = isMissingRoute(failure) || failure.code !== 'not_found' || !failure.message ? kClosedText : failure.message;
    return <Result status="warning" className="candidate-closed" title="Không mở được trang theo dõi" subTitle={text} />;
  }
  if (failure?.status === 429) {
    return (
      <Result status="info" className="candidate-busy" title="Vui lòng thử lại sau"
        subTitle={`Trang này vừa được mở nhiều lần liên tiếp. Anh/chị vui lòng đợi ${waitText(failure.retryAfter)} rồi mở lại.`}
        extra={<Button type="primary" size="large" onClick={onRetry}>Mở lại</Button>} />
    );
  }
  return (
    <Result status="error" className="candidate-failed" title="Chưa tải được thông tin"
      subTitle={failure ? failure.message : 'Đã có lỗi xảy ra. Vui lòng thử lại.'}
      extra={<Button type="primary" size="large" onClick={onRetry}>Thử lại</Button>} />
  );
}

function CandidatePath({ view, token }: { view: CandidateView; token: string }) {
  const { next } = view;
  return (
    <>
      <header className="candidate-head">
        <p className="candidate-kicker">Hành trình vào Đảng</p>
        <h1>{view.full_name}</h1>
        <p className="candidate-cell">{view.cell_name}</p>
      </header>

      <section className="candidate-section candidate-stage" aria-labelledby="giai-doan">
        <h2 id="giai-doan">Giai đoạn hiện tại</h2>
        <p className="candidate-stage-label">{view.stage_label}</p>
      </section>

      <section className="candidate-section" aria-labelledby="da-qua">
        <h2 id="da-qua">Các bước đã qua</h2>
        {view.milestones.length === 0 ? <p className="muted">Chưa có bước nào.</p> : (
          <Timeline className="candidate-milestones"
            items={view.milestones.map((m, i) => ({
              key: `${i}`,
              color: 'green',
              content: <div className="candidate-milestone"><strong>{formatDate(m.date)}</strong><span>{m.label}</span></div>,
            }))} />
        )}
      </section>

      <section className="candidate-section candidate-next" aria-labelledby="buoc-tiep">
        <h2 id="buoc-tiep">Bước tiếp theo</h2>
        <p className="candidate-next-label">{next.label}</p>
        <dl className="candidate-fields">
          {next.who && <><dt>Người thực hiện</dt><dd>{next.who}</dd></>}
          {next.by && <><dt>Hạn</dt><dd>{formatDate(next.by)}</dd></>}
        </dl>
      </section>

      <section className="candidate-section" aria-labelledby="chuan-bi">
        <h2 id="chuan-bi">Anh/chị cần chuẩn bị</h2>
        {next.to_bring.length === 0 ? <p className="muted">Hiện anh/chị chưa cần chuẩn bị thêm gì.</p> : (
          <ul className="candidate-bring">
            {next.to_bring.map((item) => <li key={item}>{item}</li>)}
          </ul>
        )}
      </section>

      <section className="candidate-section" aria-labelledby="lop-hoc">
        <h2 id="lop-hoc">Lịch lớp học</h2>
        {view.classes.length === 0 ? <p className="muted">Anh/chị chưa có lịch lớp học nào.</p> : (
          <ul className="candidate-classes">
            {view.classes.map((c, i) => <ClassCard key={`${c.name}.${c.starts_on}.${i}`} lesson={c} />)}
          </ul>
        )}
      </section>

      <CandidateLearning token={token} />

      <footer className="candidate-foot">
        Thông tin cập nhật ngày {formatDate(view.as_of)} · Đường dẫn có hiệu lực đến {formatDate(view.link_expires_on)}
      </footer>
    </>
  );
}

function ClassCard({ lesson: c }: { lesson: CandidateClass }) {
  return (
    <li className="candidate-class">
      <div className="candidate-class-head">
        <strong>{c.name}</strong>
        <Tag color={c.certificate_date ? 'green' : 'blue'}>{c.state_label}</Tag>
      </div>
      <div className="muted">{c.kind_label} · {c.format_label}</div>
      <dl className="candidate-fields">
        <dt>Thời gian</dt>
        <dd>{c.starts_on === c.ends_on ? `Ngày ${formatDate(c.starts_on)}` : `Từ ${formatDate(c.starts_on)} đến ${formatDate(c.ends_on)}`}
          {c.session_count > 0 ? ` (${c.session_count} buổi)` : ''}</dd>
        {c.place && <><dt>Địa điểm</dt><dd>{c.place}</dd></>}
        {c.certificate_date && <><dt>Giấy chứng nhận</dt><dd>Đã cấp ngày {formatDate(c.certificate_date)}</dd></>}
      </dl>
    </li>
  );
}
